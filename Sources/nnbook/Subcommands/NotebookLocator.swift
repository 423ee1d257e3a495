import Foundation

/// Finds the notebook a user means: the path as given, a bare name in `Notebooks/`
/// (`nnbook run circles`), or a path that differs only in letter case
/// (`notebooks/Circles.nnb` on a case-sensitive file system).
enum NotebookLocator {
  /// The existing file `argument` names, or `nil`.
  static func resolve(_ argument: String) -> String? {
    let files = FileManager.default
    var candidates = [argument]
    if !argument.contains("/") {
      candidates += ["Notebooks/\(argument)", "Notebooks/\(argument).nnb"]
    }
    if !argument.hasSuffix(".nnb") { candidates.append(argument + ".nnb") }
    for candidate in candidates where isFile(candidate, files) { return candidate }
    for candidate in candidates {
      if let match = caseInsensitiveMatch(candidate, files), isFile(match, files) { return match }
    }
    return nil
  }

  /// Every `.nnb` file below `folder`, sorted.
  static func notebooks(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var paths: [String] = []
    while let item = enumerator.nextObject() as? String {
      let path = folder == "." ? item : folder + "/" + item
      if item.hasSuffix(".nnb"), isFile(path, FileManager.default) { paths.append(path) }
    }
    return paths.sorted()
  }

  /// Whether `path` is a folder.
  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  private static func isFile(_ path: String, _ files: FileManager) -> Bool {
    var isDirectory: ObjCBool = false
    return files.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }

  /// Walks `path` one component at a time, taking the unique case-insensitive match of each.
  private static func caseInsensitiveMatch(_ path: String, _ files: FileManager) -> String? {
    let isAbsolute = path.hasPrefix("/")
    var current = isAbsolute ? "/" : "."
    for component in path.split(separator: "/") where component != "." {
      let next = current == "/" ? "/\(component)" : "\(current)/\(component)"
      if files.fileExists(atPath: next) {
        current = next
        continue
      }
      guard let entries = try? files.contentsOfDirectory(atPath: current) else { return nil }
      let matches = entries.filter { $0.lowercased() == component.lowercased() }
      guard matches.count == 1 else { return nil }
      current = current == "/" ? "/\(matches[0])" : "\(current)/\(matches[0])"
    }
    return isAbsolute ? current : String(current.dropFirst(2))
  }
}
