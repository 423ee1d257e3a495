/// Why a CSV file could not be read as a table or a dataset: a lowercase message that says where
/// ("line 7 has 4 fields, the header has 5"), the line it is about, and a hint when one helps.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, with the line (and column) it is on.
  public var message: String
  /// The line of the file the error is about (1-based), if it is about one.
  public var line: Int?
  /// How to fix it, if something useful can be said.
  public var hint: String?
  /// The `csv` argument at fault when it is not the file's contents (`label`, `classes`).
  public var argument: String?

  /// Creates an error.
  public init(_ message: String, line: Int? = nil, hint: String? = nil, argument: String? = nil) {
    self.message = message
    self.line = line
    self.hint = hint
    self.argument = argument
  }

  /// The message, then the hint.
  public var description: String {
    message + (hint.map { " (\($0))" } ?? "")
  }
}
