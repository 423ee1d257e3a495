import CellLanguage
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder a notebook may read and write files in: its own folder and everything below it.
///
/// A path from a cell is taken relative to the folder (an absolute path as it is), resolved to its
/// real path (`..` and symbolic links followed), and must lie inside the folder's real path. So
/// `../x.csv`, `/etc/passwd` and a link inside that points outside are all refused, while a link
/// from one place inside to another is fine. The check runs before every access; it does not
/// guard against another process swapping files in the folder between the check and the access.
public struct NotebookFolder: Sendable {
  /// The folder as given (relative to the working directory, or absolute).
  public let path: String

  /// The largest CSV file `csv` reads (100 MB).
  public static let maximumCSVBytes = 100_000_000
  /// The largest model file `load` reads (a model of the most parameters takes about 250 MB).
  public static let maximumModelBytes = 400_000_000

  /// The folder at `path` (`.` when empty).
  public init(_ path: String) {
    self.path = path.isEmpty ? "." : path
  }

  /// The folder of the notebook file at `notebookPath`: `.` for a bare file name.
  public static func containing(notebook notebookPath: String) -> String {
    guard let slash = notebookPath.lastIndex(of: "/") else { return "." }
    return slash == notebookPath.startIndex ? "/" : String(notebookPath[..<slash])
  }

  /// The bytes of the file `name`, which must be a regular file of at most `maximumBytes` bytes.
  public func read(_ name: String, maximumBytes: Int) throws(FileAccessError) -> [UInt8] {
    let real = try locate(name)
    var status = stat()
    guard stat(real, &status) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { throw missing(name) }
      throw systemError("cannot open `\(name)`")
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw FileAccessError("`\(name)` is a folder, not a file")
    default: throw FileAccessError("`\(name)` is not a regular file")
    }
    guard Int(status.st_size) <= maximumBytes else { throw tooLarge(name, maximumBytes) }
    let bytes: [UInt8]
    do {
      bytes = try NotebookDocument.read(contentsOf: real)
    } catch {
      throw FileAccessError("cannot read `\(name)`: \(error.message)")
    }
    guard bytes.count <= maximumBytes else { throw tooLarge(name, maximumBytes) }
    return bytes
  }

  /// Replaces the file `name` with `bytes`, or creates it, atomically (see
  /// ``NotebookDocument/write(_:to:)``). Its folder must exist; notebooks (`.nnb`) are never written.
  public func write(_ bytes: [UInt8], to name: String) throws(FileAccessError) {
    let real = try locate(name)
    guard !name.lowercased().hasSuffix(".nnb"), !real.lowercased().hasSuffix(".nnb") else {
      throw FileAccessError(
        "cells may not write notebooks (`\(name)`)",
        hint: "choose another name; `nnbook run --write` is what updates a notebook")
    }
    var status = stat()
    if lstat(real, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFREG: break
      case S_IFDIR: throw FileAccessError("`\(name)` is a folder, not a file")
      case S_IFLNK: throw FileAccessError("`\(name)` is a symbolic link that points nowhere")
      default: throw FileAccessError("`\(name)` is not a regular file")
      }
    } else {
      let parent = Self.containing(notebook: real)
      guard stat(parent, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
        let folder = Self.containing(notebook: name)
        throw FileAccessError(
          "cannot write `\(name)`: there is no folder `\(folder)` in the notebook's folder",
          hint: "create the folder first, or write next to the notebook")
      }
    }
    do {
      try NotebookDocument.write(bytes, to: real)
    } catch {
      throw FileAccessError("cannot write `\(name)`: \(error.message)")
    }
  }

  /// The real path `name` stands for (which need not exist), after checking that it is inside.
  func locate(_ name: String) throws(FileAccessError) -> String {
    guard !name.isEmpty else {
      throw FileAccessError(
        "the path is empty", hint: "name a file in the notebook's folder, like \"data/iris.csv\"")
    }
    guard !name.utf8.contains(0) else { throw FileAccessError("the path contains a NUL character") }
    guard let root = Self.realPath(path) else {
      throw systemError("cannot open the notebook's folder `\(path)`")
    }
    let candidate = name.hasPrefix("/") ? name : path + "/" + name
    let real = Self.resolve(candidate)
    guard Self.isInside(real, root) else {
      let lexical = Self.normalize(
        name.hasPrefix("/") ? "/" : root, name.split(separator: "/").map(String.init))
      throw FileAccessError(
        Self.isInside(lexical, root)
          ? "`\(name)` leads outside the notebook's folder through a symbolic link"
          : "`\(name)` is outside the notebook's folder",
        hint: "notebooks read and write files only in their own folder and the folders below it")
    }
    return real
  }

  // MARK: - Resolution

  /// Whether `path` is `root` or below it (both real, absolute paths).
  private static func isInside(_ path: String, _ root: String) -> Bool {
    root == "/" || path == root || path.hasPrefix(root + "/")
  }

  /// The real path of the longest existing prefix of `candidate`, with the rest appended and
  /// `.`/`..` applied (the rest does not exist, so it holds no links to follow).
  private static func resolve(_ candidate: String) -> String {
    if let real = realPath(candidate) { return real }
    let isAbsolute = candidate.hasPrefix("/")
    let components = candidate.split(separator: "/").map(String.init)
    for count in stride(from: components.count - 1, through: 0, by: -1) {
      let prefix = components[..<count].joined(separator: "/")
      let head = isAbsolute ? "/" + prefix : (prefix.isEmpty ? "." : prefix)
      if let real = realPath(head) { return normalize(real, Array(components[count...])) }
    }
    return normalize("/", components)
  }

  /// `base` (absolute) followed by `components`, with `.` dropped and `..` going up.
  private static func normalize(_ base: String, _ components: [String]) -> String {
    var parts = base.split(separator: "/").map(String.init)
    for component in components {
      switch component {
      case ".": continue
      case "..": _ = parts.popLast()
      default: parts.append(component)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// `realpath(3)`: the absolute path with every link, `.` and `..` resolved; nil if it fails.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  // MARK: - Errors

  private func missing(_ name: String) -> FileAccessError {
    FileAccessError(
      "no file `\(name)` in the notebook's folder",
      hint: similarName(to: name).map { "did you mean `\($0)`?" }
        ?? "paths are relative to the folder the notebook is in")
  }

  /// A file next to where `name` points whose name is a likely typo of it.
  private func similarName(to name: String) -> String? {
    let folder = Self.containing(notebook: name)
    let file = String(name.split(separator: "/").last ?? "")
    guard let real = try? locate(folder),
      let entries = try? FileManager.default.contentsOfDirectory(atPath: real)
    else { return nil }
    return Suggestions.closest(to: file, among: entries.filter { !$0.hasPrefix(".") }).map {
      name.contains("/") ? folder + "/" + $0 : $0
    }
  }

  private func tooLarge(_ name: String, _ maximumBytes: Int) -> FileAccessError {
    FileAccessError(
      "`\(name)` is larger than \(maximumBytes / 1_000_000) MB, the most a notebook reads")
  }

  private func systemError(_ what: String) -> FileAccessError {
    FileAccessError("\(what): \(String(cString: strerror(errno)))")
  }
}
