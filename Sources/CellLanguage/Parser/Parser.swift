/// Turns a cell's tokens into a ``Program``.
///
/// A recursive-descent parser in the manner of Crafting Interpreters: each statement either parses
/// or yields one diagnostic, after which the parser skips to the next line (skipping whole blocks it
/// opened) so one mistake gives one message, never a cascade. Running out of input inside an open
/// bracket or block is reported as *incomplete*, which a REPL answers by reading another line.
public struct Parser {
  /// The deepest nesting of expressions accepted, far beyond any real cell, so hostile input
  /// cannot exhaust the stack.
  public static let maximumDepth = 200

  /// The error for a `}` outside any block.
  public static let strayBraceMessage = "unexpected `}`: no block to close"
  /// What a `for` line must end with.
  static let openingBraceExpectation = "`{` to open the loop's body"

  var tokens: [Token]
  var position = 0
  var depth = 0
  /// How many brackets are open; inside them newlines are skipped.
  var brackets = 0
  /// How many `for` lines were reported for lacking their `{`: the `}` ending each such body is
  /// not reported again.
  var unopenedBlocks = 0
  var diagnostics: [Diagnostic] = []

  init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Parses a cell whose first line is line `firstLine` of the notebook file.
  ///
  /// Lexical errors stop before parsing, so a stray character is not reported twice. At most
  /// ``maximumDiagnostics`` errors are reported, then one saying how many more there were: a
  /// cell of garbage gets a screenful, not a flood.
  public static func parse(source: String, firstLine: Int = 1) -> (Program, [Diagnostic]) {
    let lexer = Lexer(source: source, firstLine: firstLine)
    if !lexer.diagnostics.isEmpty {
      return (Program(statements: []), capped(lexer.diagnostics))
    }
    var parser = Parser(tokens: lexer.tokens)
    let statements = parser.parseStatements(inBlock: false)
    return (Program(statements: statements), capped(parser.diagnostics))
  }

  /// The most syntax errors reported for one cell.
  public static let maximumDiagnostics = 20

  private static func capped(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard diagnostics.count > maximumDiagnostics else { return diagnostics }
    let more = diagnostics.count - maximumDiagnostics
    return Array(diagnostics.prefix(maximumDiagnostics)) + [
      Diagnostic(
        "this and \(more - 1) more syntax error\(more == 2 ? "" : "s") in this cell are not shown",
        at: diagnostics[maximumDiagnostics].range, hint: "fix the ones above first")
    ]
  }

  // MARK: - Token access

  var current: Token { tokens[position] }
  var next: Token { tokens[min(position + 1, tokens.count - 1)] }

  func check(_ kind: TokenKind) -> Bool { current.kind == kind }

  mutating func advance() -> Token {
    let token = current
    switch token.kind {
    case .leftParen, .leftBracket: brackets += 1
    case .rightParen, .rightBracket: brackets = max(0, brackets - 1)
    default: break
    }
    if position < tokens.count - 1 { position += 1 }
    while brackets > 0, current.kind == .newline { position += 1 }
    return token
  }

  /// Whether the current token begins a line.
  var isAtLineStart: Bool {
    position == 0 || tokens[position - 1].kind == .newline
  }

  mutating func match(_ kind: TokenKind) -> Bool {
    guard check(kind) else { return false }
    _ = advance()
    return true
  }

  mutating func skipNewlines() {
    while check(.newline) { _ = advance() }
  }

  /// Consumes a token of `kind` or throws "expected X after Y".
  mutating func consume(_ kind: TokenKind, _ expectation: String) throws(Diagnostic) -> Token {
    guard check(kind) else { throw error(expected: expectation) }
    return advance()
  }

  /// "expected X, found Y" at the current token; incomplete when the cell ended.
  func error(expected expectation: String, hint: String? = nil) -> Diagnostic {
    let found = current.kind
    return Diagnostic(
      "expected \(expectation), found \(found.spelling)", at: current.range, hint: hint,
      isIncomplete: found == .end)
  }
}
