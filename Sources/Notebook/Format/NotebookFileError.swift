#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a notebook file could not be read or written: the path, the operation's system error, and a
/// message.
public struct NotebookFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path as the caller gave it.
  public var path: String
  /// The `errno` value of the failed call, so callers can tell a missing file (`ENOENT`) apart.
  public var code: Int32
  /// What failed, lowercase: "cannot open for reading: No such file or directory".
  public var message: String

  /// Creates an error for `path`.
  public init(path: String, code: Int32, message: String) {
    self.path = path
    self.code = code
    self.message = message
  }

  /// Whether the error says that the file (or a folder on its path) does not exist.
  public var isFileNotFound: Bool { code == ENOENT }

  /// The error as `path: error: message`.
  public var description: String {
    "\(path): error: \(message)"
  }
}
