import CellLanguage
import Testing

/// A host object as the notebook's built-ins provide them.
final class Counter: HostObject {
  var count = 0
  var typeName: String { "counter" }
  var summary: String { "counter at \(count)" }
  var memberNames: [String] { ["count"] }
  func member(_ name: String) -> Value? { name == "count" ? .number(Double(count)) : nil }
  func display(_ context: DisplayContext) -> DisplayText {
    DisplayText(plain: "Counter(\(count))", styled: "\u{1B}[1mCounter(\(count))\u{1B}[0m")
  }
}

@Suite struct InterpreterTests {
  static func interpreter() -> Interpreter {
    var registry = BuiltinRegistry()
    registry.register(
      Builtin("counter", summary: "A new counter.") { _, _ in .object(Counter()) })
    registry.register(
      Builtin(
        "bump", summary: "Adds `by` to a counter.",
        parameters: [
          Parameter("counter", positional: true, required: true), Parameter("by"),
          Parameter("label"),
        ]
      ) { arguments, _ in
        let counter = try arguments.object("counter", as: Counter.self, expected: "a counter")
        counter.count += try arguments.integer("by", default: 1, in: 1...100)
        _ = try arguments.string("label", default: "x", choices: ["x", "y"])
        return .object(counter)
      })
    return Interpreter(builtins: registry)
  }

  static func run(_ source: String, firstLine: Int = 1) -> CellResult {
    var interpreter = interpreter()
    return interpreter.run(source, firstLine: firstLine)
  }

  @Test func variablesPersistAcrossCells() {
    var interpreter = Self.interpreter()
    _ = interpreter.run("c = counter()\nbump(c, by: 2)")
    let result = interpreter.run("bump(c)\nc.count")
    #expect(result.output.map(\.plain) == ["3"])
    #expect(interpreter.variableOrder == ["c"])
  }

  @Test func lastExpressionShowsItsObjectDisplayInBothForms() {
    let result = Self.run("c = counter()\nc")
    #expect(
      result.output == [DisplayText(plain: "Counter(0)", styled: "\u{1B}[1mCounter(0)\u{1B}[0m")])
  }

  @Test func unknownLabelSuggestsAndListsTheLabels() {
    let diagnostic = Self.run("c = counter()\nbump(c, bi: 2)", firstLine: 20).diagnostics.first
    #expect(diagnostic?.description == "21:9: error: `bump` has no argument `bi`")
    #expect(diagnostic?.hint == "did you mean `by`? `bump` takes: counter, by, label")
  }

  @Test func typeErrorsPointAtTheArgument() {
    let diagnostic = Self.run("c = counter()\nbump(c, by: \"two\")").diagnostics.first
    #expect(
      diagnostic?.description == "2:13: error: expected a whole number for `by`, got a string")
    let range = Self.run("c = counter()\nbump(c, by: 1e15)").diagnostics.first
    #expect(range?.message == "`by` must be in 1...100, got 1000000000000000")
    let choice = Self.run("c = counter()\nbump(c, label: \"z\")").diagnostics.first
    #expect(choice?.message == "`label` must be one of \"x\", \"y\", got \"z\"")
  }

  @Test func missingAndSurplusArgumentsAreExplained() {
    #expect(Self.run("bump()").diagnostics.first?.message == "`bump` needs `counter`")
    #expect(
      Self.run("bump()").diagnostics.first?.hint == "call it as bump(counter, by:, label:)")
    #expect(
      Self.run("c = counter()\nbump(c, 2)").diagnostics.first?.message
        == "`bump` takes 1 positional argument")
    #expect(
      Self.run("c = counter()\nbump(c, by: 1, by: 2)").diagnostics.first?.message
        == "argument `by` is given twice")
  }

  @Test func unknownFunctionsAndFieldsSuggestNearMisses() {
    #expect(Self.run("countr()").diagnostics.first?.hint == "did you mean `counter`?")
    let field = Self.run("c = counter()\nc.cont").diagnostics.first
    #expect(field?.message == "a counter has no field `cont`")
    #expect(field?.hint == "did you mean `count`?")
    #expect(Self.run("bump").diagnostics.first?.message == "`bump` is a function")
  }

  @Test func typeMismatchesInOperatorsSayWhatToDo() {
    let diagnostic = Self.run("x = \"a\" + 1").diagnostics.first
    #expect(diagnostic?.message == "cannot apply `+` to a string and a number")
    #expect(diagnostic?.hint == "turn the other value into a string first: str(x)")
    #expect(Self.run("1 / 0").diagnostics.first?.message == "division by zero")
    #expect(
      Self.run("1 and true").diagnostics.first?.message == "`and` needs true or false, got a number"
    )
    #expect(
      Self.run("a, b = [1]").diagnostics.first?.message == "cannot unpack 1 values into 2 names")
  }

  @Test func callingAVariableSaysWhatItIs() {
    let diagnostic = Self.run("xs = [1, 2]\nxs()").diagnostics.first
    #expect(diagnostic?.message == "`xs` is a list, not a function")
    #expect(diagnostic?.hint == "only built-in functions can be called; use `xs` without `()`")
    #expect(Self.run("nothing()").diagnostics.first?.message == "unknown function `nothing`")
  }

  /// A loop that prints without end stops at 16 MiB of output, as does one huge last print, and
  /// a long built-in stops between its steps.
  @Test func outputStopsAtItsLimit() {
    let megabyte = "s = \"x\"\nfor i in range(20) { s = s + s }\n"
    let loop = Self.run(megabyte + "for i in range(100) { print(s) }")
    #expect(loop.diagnostics.first?.message == "the cell printed more than 16 MiB; it was stopped")
    #expect(loop.output.count == 16)
    let last = Self.run(megabyte + "for i in range(4) { s = s + s }\nprint(s + \"x\")")
    #expect(last.diagnostics.first?.message == "the cell printed more than 16 MiB; it was stopped")
    #expect(last.output.isEmpty)
    #expect(Self.run(megabyte + "for i in range(4) { s = s + s }\nprint(s)").diagnostics.isEmpty)
    var registry = BuiltinRegistry()
    var steps = 0
    registry.register(
      Builtin("chatty", summary: "Prints a MiB a step until told to stop.") {
        _, context in
        while !context.shouldStop() {
          steps += 1
          context.emit(String(repeating: "x", count: 1 << 20))
        }
        return .none
      })
    var interpreter = Interpreter(builtins: registry)
    let chatty = interpreter.run("x = 1\nchatty()\nx = 2")
    #expect(steps == 17)
    #expect(
      chatty.diagnostics.map(\.description) == [
        "2:1: error: the cell printed more than 16 MiB; it was stopped"
      ])
  }

  @Test func hugeRangesAreRefused() {
    #expect(Self.run("range(1e15)").diagnostics.first?.message.hasPrefix("range of") == true)
  }

  /// Ctrl-C during a statement (a long `fit`) stops the cell there, and the error points at that
  /// statement, not at the next one; what the statement did (an assignment) stands.
  @Test func interruptionStopsAtTheStatementItCameDuring() {
    final class Keyboard { var isInterrupted = false }
    let keyboard = Keyboard()
    var registry = BuiltinRegistry()
    registry.register(
      Builtin("long_step", summary: "A step during which the user presses Ctrl-C.") { _, _ in
        keyboard.isInterrupted = true
        return .number(7)
      })
    var interpreter = Interpreter(builtins: registry)
    let context = ExecutionContext(isInterrupted: { keyboard.isInterrupted })
    let result = interpreter.run("print(1)\nx = long_step()\nprint(3)", context: context)
    #expect(result.output.map(\.plain) == ["1"])
    #expect(result.diagnostics.map(\.description) == ["2:1: error: interrupted"])
    keyboard.isInterrupted = false
    #expect(interpreter.run("x").output.map(\.plain) == ["7"])
  }

  /// `min` and `max` of a list holding a NaN (a diverged run's losses) are NaN wherever it sits.
  @Test func minimumAndMaximumDoNotDependOnOrder() {
    var registry = BuiltinRegistry()
    registry.register(Builtin("nan", summary: "NaN.") { _, _ in .number(.nan) })
    var interpreter = Interpreter(builtins: registry)
    func show(_ expression: String) -> [String] {
      interpreter.run("print(\(expression))").output.map(\.plain)
    }
    for list in ["[nan(), 1, 2]", "[1, nan(), 2]", "[1, 2, nan()]"] {
      #expect(show("min(\(list))") == show("nan()"), "\(list)")
      #expect(show("max(\(list))") == show("nan()"), "\(list)")
    }
    #expect(show("min([3, 1, 2])") == ["1"])
    #expect(show("max([3, 1, 2])") == ["3"])
  }
}

@Suite struct DiagnosticRendererTests {
  /// A message quoting a huge value is cut, at a whole character.
  @Test func longMessagesAreCut() {
    let range = SourceRange(start: SourceLocation(line: 1, column: 1), length: 1)
    let long = Diagnostic("got " + String(repeating: "é", count: 5_000), at: range, hint: "h")
    #expect(long.message.utf8.count <= Diagnostic.maximumTextBytes + "…".utf8.count)
    #expect(long.message.hasPrefix("got éé"))
    #expect(long.message.hasSuffix("é…"))
    #expect(Diagnostic("short", at: range).message == "short")
  }

  @Test func rendersLocationSourceLineCaretAndHint() {
    let diagnostic = Diagnostic(
      "unknown function `mooons`",
      at: SourceRange(start: SourceLocation(line: 14, column: 8), length: 6),
      hint: "did you mean `moons`?")
    let text = DiagnosticRenderer(path: "circles.nnb").render(
      diagnostic, sourceLine: "data = mooons(n: 200)")
    #expect(
      text == """
        circles.nnb:14:8: error: unknown function `mooons`
            data = mooons(n: 200)
                   ^~~~~~
        hint: did you mean `moons`?
        """)
  }

  @Test func caretStaysOnTheLineWhenTheRangeRunsPastIt() {
    let diagnostic = Diagnostic(
      "x", at: SourceRange(start: SourceLocation(line: 1, column: 3), length: 50))
    let text = DiagnosticRenderer(path: "a.nnb").render(diagnostic, sourceLine: "abcd")
    #expect(text.split(separator: "\n").last == "      ^~")
  }

  @Test func caretSitsUnderItsCharacterAfterWideText() {
    let diagnostic = Diagnostic(
      "unknown variable `nme`",
      at: SourceRange(start: SourceLocation(line: 2, column: 12), length: 3))
    let text = DiagnosticRenderer(path: "a.nnb").render(
      diagnostic, sourceLine: "t = \"名前\"\t+ nme + \"é\"")
    #expect(
      text == """
        a.nnb:2:12: error: unknown variable `nme`
            t = "名前" + nme + "é"
                         ^~~
        """)
    let wide = Diagnostic(
      "x", at: SourceRange(start: SourceLocation(line: 1, column: 2), length: 2))
    let marked = DiagnosticRenderer(path: "a.nnb").render(wide, sourceLine: "\"名前\"")
    #expect(marked.split(separator: "\n").last == "     ^~~~")
  }

  @Test func suggestionsPickTheClosestNameWithinAFewEdits() {
    #expect(Suggestions.closest(to: "mooons", among: ["moons", "circles"]) == "moons")
    #expect(Suggestions.closest(to: "zzz", among: ["moons", "circles"]) == nil)
    #expect(Suggestions.closest(to: "Fit", among: ["fit", "split"]) == "fit")
    // Two neighbours swapped are one edit.
    #expect(Suggestions.closest(to: "tahn", among: ["relu", "tanh", "linear"]) == "tanh")
    #expect(Suggestions.closest(to: "lable", among: ["a", "label"]) == "label")
  }
}
