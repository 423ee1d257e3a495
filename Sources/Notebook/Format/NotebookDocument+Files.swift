#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension NotebookDocument {
  /// The bytes of the file at `path`, to pass to ``init(parsing:)-([UInt8])``.
  ///
  /// Reading and parsing are two steps because their failures are handled differently: a missing
  /// file (``NotebookFileError/isFileNotFound``) and a malformed one exit with different codes.
  public static func read(contentsOf path: String) throws(NotebookFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw fileError(path, "cannot open for reading") }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        throw fileError(path, "cannot read")
      }
      bytes += chunk[..<count]
      if bytes.count > largestFile {
        throw NotebookFileError(
          path: path, code: EFBIG,
          message: "larger than \(largestFile >> 20) MiB, too large to be a notebook")
      }
    }
  }

  /// The most bytes a notebook may have: far beyond any notebook's text and outputs, and a stop
  /// for a path that never ends (`/dev/zero`).
  public static let largestFile = 64 << 20

  /// Writes ``serialized()`` to `path` atomically; see ``write(_:to:)``.
  public func write(to path: String) throws(NotebookFileError) {
    try Self.write(serialized(), to: path)
  }

  /// Replaces the file at `path` with `bytes` atomically: readers see the old file or the new one,
  /// never a part, even if the process dies midway.
  ///
  /// The bytes go to a temporary file in the same folder (`.NAME.tmp-…`), which is flushed to disk
  /// and renamed over the target; on failure it is removed. An existing file keeps its permission
  /// bits; a new one gets `0666` less the umask, as any created file. A read-only file is left
  /// alone, with an error. A symbolic link is followed, so the file it points to is replaced and
  /// the link stays.
  public static func write(_ bytes: [UInt8], to path: String) throws(NotebookFileError) {
    let target = resolvingSymbolicLink(path)
    var status = stat()
    let existingMode = stat(target, &status) == 0 ? status.st_mode & 0o7777 : nil
    guard bytes.count <= largestFile else {
      throw NotebookFileError(
        path: path, code: EFBIG,
        message: "cannot write \(bytes.count >> 20) MiB: a notebook holds at most "
          + "\(largestFile >> 20) MiB (nnbook would not read it back); print less in its cells")
    }
    // The rename would replace a read-only file as readily as any other (it needs only the
    // folder's permission), so a file no one may write, or this user may not, is refused here.
    if let existingMode {
      if existingMode & 0o222 == 0 {
        throw NotebookFileError(
          path: path, code: EACCES,
          message: "cannot write a read-only file; make it writable (chmod u+w) first"
        )
      }
      if access(target, W_OK) != 0 { throw fileError(path, "cannot write") }
    }
    let (temporary, descriptor) = try createTemporaryFile(besides: target, reportingAs: path)
    do throws(NotebookFileError) {
      defer { close(descriptor) }
      if let existingMode, fchmod(descriptor, existingMode) != 0 {
        throw fileError(path, "cannot set the permissions of \(temporary)")
      }
      try writeAll(bytes, to: descriptor, reportingAs: path)
      guard fsync(descriptor) == 0 else { throw fileError(path, "cannot flush \(temporary)") }
    } catch {
      unlink(temporary)
      throw error
    }
    guard rename(temporary, target) == 0 else {
      let error = fileError(path, "cannot replace the file with \(temporary)")
      unlink(temporary)
      throw error
    }
    syncFolder(of: target)
  }

  /// The file a symbolic link at `path` points to, or `path` itself.
  private static func resolvingSymbolicLink(_ path: String) -> String {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
      let resolved = realpath(path, nil)
    else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The folder part of `path`: `.` for a bare name, `/` for a file at the root.
  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Creates a new, empty file next to `target` with a name no other file has.
  private static func createTemporaryFile(besides target: String, reportingAs path: String)
    throws(NotebookFileError) -> (String, Int32)
  {
    let folder = folder(of: target)
    let name = target.split(separator: "/").last.map(String.init) ?? "notebook"
    // The process id and an attempt counter make the name unique among writers; O_EXCL makes
    // sure no existing file is ever reused. (No randomness: nothing here may vary between runs
    // in a way that matters, and the name never reaches the notebook.)
    for attempt in 0..<64 {
      let temporary = "\(folder)/.\(name).tmp-\(getpid())-\(attempt)"
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor >= 0 { return (temporary, descriptor) }
      if errno != EEXIST { break }
    }
    throw fileError(path, "cannot create a temporary file in \(folder)")
  }

  /// Writes every byte, retrying short and interrupted writes.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, reportingAs path: String)
    throws(NotebookFileError)
  {
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0) }
      if count < 0 {
        if errno == EINTR { continue }
        throw fileError(path, "cannot write")
      }
      written += count
    }
  }

  /// Flushes the folder entry of the rename, where the system supports it; failure is harmless.
  private static func syncFolder(of path: String) {
    let descriptor = open(folder(of: path), O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  /// An error for `path` from the current `errno`.
  private static func fileError(_ path: String, _ what: String) -> NotebookFileError {
    let code = errno
    return NotebookFileError(
      path: path, code: code, message: "\(what): \(String(cString: strerror(code)))")
  }
}

/// `read(2)` into `buffer`, named apart from ``NotebookDocument/read(contentsOf:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
  read(descriptor, buffer.baseAddress, buffer.count)
}

/// `write(2)` from `buffer`, named apart from ``NotebookDocument/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
  write(descriptor, buffer.baseAddress, buffer.count)
}
