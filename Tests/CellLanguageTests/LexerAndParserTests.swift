import CellLanguage
import Testing

@Suite struct LexerTests {
  @Test func numbersAcceptUnderscoresExponentsAndLeadingDots() {
    let kinds = Lexer(source: "1_000 1e-3 2.5E+2 .5 7.").tokens.map(\.kind)
    #expect(
      kinds == [
        .number(1000), .number(0.001), .number(250), .number(0.5), .number(7), .newline, .end,
      ])
  }

  @Test func tokensCarryFileLinesAndColumns() {
    let tokens = Lexer(source: "x = 1\n  fit(m)", firstLine: 10).tokens
    let fit = tokens.first { $0.kind == .identifier("fit") }
    #expect(fit?.range == SourceRange(start: SourceLocation(line: 11, column: 3), length: 3))
  }

  @Test func unterminatedStringPointsAtQuote() {
    let lexer = Lexer(source: "s = \"abc")
    #expect(lexer.diagnostics.map(\.description) == ["1:5: error: unterminated string"])
  }

  @Test func strayCharactersAreReportedOncePerLine() {
    let lexer = Lexer(source: "x = 1 $ 2\ny = @ \u{1F600} \u{07}\nz = \u{1F600}\nw = \u{07} $$")
    #expect(
      lexer.diagnostics.map(\.description) == [
        "1:7: error: unexpected character `$`", "2:5: error: unexpected character `@`",
        "3:5: error: unexpected character `\u{1F600}` (U+1F600)",
        "4:5: error: unexpected character U+0007",
      ])
  }

  @Test func aCellOfGarbageGetsAScreenfulOfErrors() {
    let garbage = String(repeating: "$$$$$$$$$$\n", count: 20_000)
    let (_, diagnostics) = Parser.parse(source: garbage)
    #expect(diagnostics.count == Parser.maximumDiagnostics + 1)
    #expect(
      diagnostics.last?.description
        == "21:1: error: this and 19979 more syntax errors in this cell are not shown")
    let (_, parseErrors) = Parser.parse(source: String(repeating: "x = = 1\n", count: 50))
    #expect(parseErrors.count == Parser.maximumDiagnostics + 1)
    #expect(
      parseErrors.last?.message == "this and 29 more syntax errors in this cell are not shown")
  }

  @Test func numbersFollowedByLettersAreErrors() {
    let lexer = Lexer(source: "x = 3abc")
    #expect(lexer.diagnostics.first?.message == "unexpected letters after the number `3`")
  }
}

@Suite struct ParserTests {
  static func errors(_ source: String) -> [String] {
    Parser.parse(source: source).1.map(\.description)
  }

  @Test func callsSpanLinesInsideBrackets() {
    let (program, diagnostics) = Parser.parse(source: "fit(model,\n    data,\n    lr: 0.1)\n")
    #expect(diagnostics.isEmpty)
    #expect(program.statements.count == 1)
  }

  @Test func openBracketsAndBlocksAtTheEndAreIncomplete() {
    for source in ["fit(model,", "xs = [1, 2", "for x in [1] {\n  print(x)", "(1 +"] {
      let diagnostics = Parser.parse(source: source).1
      #expect(diagnostics.count == 1, "\(source)")
      #expect(diagnostics.allSatisfy { $0.isIncomplete }, "\(source): \(diagnostics)")
    }
  }

  @Test func realErrorsAreNotIncomplete() {
    for source in ["x = 1 +\ny = 2", "x = )", "for in", "x ="] {
      let diagnostics = Parser.parse(source: source).1
      #expect(!diagnostics.isEmpty && !diagnostics.contains { $0.isIncomplete }, "\(source)")
    }
  }

  @Test func oneErrorPerBadStatementInsideBlocksToo() {
    let source = "for x in [1] {\n  y = = 1\n  z = 2 3\n}\nw = )\nok = 1"
    #expect(
      Self.errors(source) == [
        "2:7: error: expected an expression, found `=`",
        "3:9: error: expected the end of the line after the statement, found a number",
        "5:5: error: expected an expression, found `)`",
      ])
  }

  @Test func deeplyNestedInputIsAnErrorNotACrash() {
    let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
    #expect(Self.errors(deep).first?.contains("nested too deeply") == true)
    let negations = String(repeating: "-", count: 10_000) + "1"
    #expect(Self.errors(negations).first?.contains("nested too deeply") == true)
    let lists = String(repeating: "[", count: 5_000)
    #expect(!Self.errors(lists).isEmpty)
  }

  @Test func longChainsAndDeepBlocksAreErrorsNotCrashes() {
    let sum = "x = " + Array(repeating: "1", count: 5_000).joined(separator: "+")
    #expect(Self.errors(sum).first?.contains("nested too deeply") == true)
    let indexing = "y = xs" + String(repeating: "[0]", count: 100_000)
    #expect(Self.errors(indexing).first?.contains("nested too deeply") == true)
    let loops =
      String(repeating: "for i in [1] {\n", count: 3_000) + String(repeating: "}\n", count: 3_000)
    #expect(Self.errors(loops).first?.contains("nested too deeply") == true)
    var interpreter = Interpreter()
    let fine = "x = " + Array(repeating: "1", count: 150).joined(separator: " + ") + "\nx"
    #expect(interpreter.run(fine).output.map(\.plain) == ["150"])
  }

  @Test func garbageNeverTrapsOrHangs() {
    var state: UInt32 = 12_345
    for _ in 0..<200 {
      var bytes: [UInt8] = []
      for _ in 0..<64 {
        state = state &* 1_103_515_245 &+ 12_345
        bytes.append(UInt8(truncatingIfNeeded: state >> 16))
      }
      let text = String(decoding: bytes, as: UTF8.self)
      _ = Parser.parse(source: text)
      var interpreter = Interpreter()
      _ = interpreter.run(text)
    }
  }

  @Test func assignmentsTrackTheNamesTheyDefine() {
    let (program, _) = Parser.parse(source: "a, b = split(d)\nfor x in [1] { c = x }")
    #expect(program.statements.flatMap(\.definedNames) == ["a", "b", "x", "c"])
  }

  @Test func chainedComparisonsAreRejectedWithAHint() {
    let diagnostic = Parser.parse(source: "1 < 2 < 3").1.first
    #expect(diagnostic?.message == "comparisons cannot be chained")
    #expect(diagnostic?.hint == "write `a < b and b < c`")
  }
}
