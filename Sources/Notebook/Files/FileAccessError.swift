/// Why a notebook may not, or could not, read or write a file: a lowercase message that names the
/// path as the cell wrote it, and a hint when one helps.
public struct FileAccessError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong: "`../x.csv` is outside the notebook's folder".
  public var message: String
  /// How to fix it, if something useful can be said.
  public var hint: String?

  /// Creates an error.
  public init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  /// The message, then the hint.
  public var description: String {
    message + (hint.map { " (\($0))" } ?? "")
  }
}
