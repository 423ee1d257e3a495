/// One problem in a cell: a syntax or runtime error, located in the notebook file.
///
/// Diagnostics are values; they are rendered in one place (``DiagnosticRenderer``) as
/// `file:line:col: error: message`, the source line, a caret, and a hint.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, lowercase, without a full stop ("expected `)` after the arguments").
  public var message: String
  /// Where.
  public var range: SourceRange
  /// How to fix it, when something useful can be said ("did you mean `moons`?").
  public var hint: String?
  /// Whether the input merely stopped early (an open bracket or block), so a REPL should read more
  /// lines instead of reporting an error.
  public var isIncomplete: Bool

  /// The longest message or hint kept whole, in bytes; a longer one (quoting a huge value) is cut
  /// with `…`.
  public static let maximumTextBytes = 2_000

  /// Creates a diagnostic.
  public init(
    _ message: String, at range: SourceRange, hint: String? = nil, isIncomplete: Bool = false
  ) {
    self.message = Self.shortened(message)
    self.range = range
    self.hint = hint.map(Self.shortened)
    self.isIncomplete = isIncomplete
  }

  /// `text`, cut to whole characters within ``maximumTextBytes`` and marked with `…` if longer.
  static func shortened(_ text: String) -> String {
    guard text.utf8.count > maximumTextBytes else { return text }
    var bytes = 0
    let kept = text.prefix { character in
      bytes += character.utf8.count
      return bytes <= maximumTextBytes
    }
    return kept + "…"
  }

  /// The start of the marked range.
  public var location: SourceLocation { range.start }

  /// `line:col: error: message`, without file name or source excerpt.
  public var description: String {
    "\(range.start.line):\(range.start.column): error: \(message)"
  }
}
