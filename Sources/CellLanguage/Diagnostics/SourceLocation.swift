/// A position in a notebook file: 1-based line and column (in characters).
public struct SourceLocation: Equatable, Hashable, Sendable, Comparable {
  /// The line in the file, counting from 1.
  public var line: Int
  /// The column in that line, counting characters from 1.
  public var column: Int

  /// Creates a location.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// A stretch of source text: where it starts and how many characters it covers on that line.
public struct SourceRange: Equatable, Hashable, Sendable {
  /// The first character.
  public var start: SourceLocation
  /// The number of characters marked on the start line (at least 1 when rendered).
  public var length: Int

  /// Creates a range of `length` characters from `start`.
  public init(start: SourceLocation, length: Int) {
    self.start = start
    self.length = length
  }
}
