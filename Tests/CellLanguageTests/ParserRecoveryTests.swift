import CellLanguage
import Testing

/// Parsing after a mistake: every bad statement gives one message and the parser always moves on,
/// whatever the input.
@Suite struct ParserRecoveryTests {
  static func errors(_ source: String) -> [String] {
    Parser.parse(source: source).1.map(\.description)
  }

  static let strayBrace = "error: \(Parser.strayBraceMessage)"

  @Test func loneClosingBraceIsAnError() {
    #expect(Self.errors("}") == ["1:1: \(Self.strayBrace)"])
    #expect(Self.errors("}\n}\nx = 1") == ["1:1: \(Self.strayBrace)", "2:1: \(Self.strayBrace)"])
    let diagnostic = Parser.parse(source: "}").1.first
    #expect(diagnostic?.isIncomplete == false)
    #expect(diagnostic?.hint == "remove it, or end the line that should open the block with `{`")
  }

  @Test func closingBraceAfterAStatementPointsAtTheBrace() {
    #expect(Self.errors("x = 1 }\nx") == ["1:7: \(Self.strayBrace)"])
    #expect(
      Self.errors("x = 1 }}\ny = 2 }") == ["1:7: \(Self.strayBrace)", "2:7: \(Self.strayBrace)"])
  }

  @Test func extraBraceAfterALoopIsAnError() {
    let source = "for i in range(3) {\n  print(i)\n}}\nx = 1"
    #expect(Self.errors(source) == ["3:2: \(Self.strayBrace)"])
    let nested = "for i in [1] {\n  for j in [2] {\n    x = j\n  }}}\n"
    #expect(Self.errors(nested) == ["4:5: \(Self.strayBrace)"])
  }

  @Test func braceInsideABadStatementIsSkippedWithIt() {
    #expect(Self.errors("x = ) }\ny = 1") == ["1:5: error: expected an expression, found `)`"])
    #expect(Self.errors("x = }") == ["1:5: error: expected an expression, found `}`"])
  }

  @Test func braceHiddenInACommentIsReportedOnce() {
    let source = "for i in range(3) # loop over {\n  print(i)\n}"
    let diagnostics = Parser.parse(source: source).1
    #expect(
      diagnostics.map(\.description) == [
        "1:32: error: expected `{` to open the loop's body, found the end of the line"
      ])
    #expect(
      diagnostics.first?.hint == "put `{` at the end of the `for` line, before any `#` comment")
  }

  @Test func braceOnTheNextLineIsReportedOnce() {
    let source = "for i in range(3)\n{\n  print(i)\n}\nx = )"
    #expect(
      Self.errors(source) == [
        "1:18: error: expected `{` to open the loop's body, found the end of the line",
        "5:5: error: expected an expression, found `)`",
      ])
  }

  @Test func blocksStillCloseAfterErrorsInside() {
    let source = "for i in [1] {\n  x = )\n}\ny = 1 }"
    #expect(
      Self.errors(source) == [
        "2:7: error: expected an expression, found `)`", "4:7: \(Self.strayBrace)",
      ])
  }

  /// Random sequences of the language's tokens, from a fixed seed: the parser must return (the
  /// debug build's progress assertion traps otherwise) and report a stray `}` as an error.
  @Test func randomTokenSequencesAlwaysTerminate() {
    let fragments = [
      "for", "i", "in", "xs", "{", "}", "(", ")", "[", "]", ",", ":", ".", "=", "==", "<", "+", "-",
      "*", "%", "not", "and", "or", "1", "2.5", "\"s\"", "true", "none", "\n", "# c {\n", "f(",
      "range(3)", "lr:", "x = 1", "}}", "{}",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func draw(_ count: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(count))
    }
    for _ in 0..<3_000 {
      let length = 1 + draw(40)
      let source = (0..<length).map { _ in fragments[draw(fragments.count)] }
        .joined(separator: " ")
      let diagnostics = Parser.parse(source: source).1
      let lines = 1...(source.count { $0 == "\n" } + 1)
      #expect(diagnostics.allSatisfy { lines.contains($0.range.start.line) }, "\(source)")
      if source.contains("}") && !source.contains("{") {
        #expect(!diagnostics.isEmpty, "\(source)")
      }
    }
  }
}
