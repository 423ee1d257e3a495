import CellLanguage
import Foundation
import Testing

/// Lists cannot nest or grow without bound: past the limits a cell stops with an error at the
/// expression, instead of overflowing the stack or exhausting memory.
@Suite struct ValueLimitTests {
  /// Runs `body` on a thread with a `stackSize`-byte stack, as small as a secondary thread's on
  /// macOS, and waits for it.
  static func onSmallStack(_ stackSize: Int = 512 * 1024, _ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      body()
      done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
  }

  /// A cell making `name` a list `depth` levels deep.
  static func nested(_ name: String, depth: Int) -> String {
    "\(name) = 1\nfor i in range(\(depth)) {\n  \(name) = [\(name)]\n}"
  }

  @Test func listsNestedBeyondTheLimitAreRefusedAtTheLiteral() {
    var interpreter = Interpreter()
    let result = interpreter.run(Self.nested("x", depth: 100_000))
    #expect(
      result.diagnostics.map(\.description) == [
        "3:7: error: list nested too deeply (more than \(ValueList.maximumDepth) levels)"
      ])
    #expect(interpreter.run("len(x)").output.map(\.plain) == ["1"])
  }

  @Test func theDeepestListSurvivesEveryOperationOnASmallStack() {
    Self.onSmallStack {
      var interpreter = Interpreter()
      let depth = ValueList.maximumDepth
      _ = interpreter.run(Self.nested("x", depth: depth) + "\n" + Self.nested("y", depth: depth))
      let cell = "s = str(x)\nprint(len(s), x == y, x != [1], len(x))\nx"
      let result = interpreter.run(cell)
      let shown = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
      #expect(result.diagnostics.isEmpty)
      #expect(result.output.map(\.plain) == ["\(2 * depth + 1) true true 1", shown])
      #expect(interpreter.run("z = [x]").diagnostics.first?.message.contains("too deeply") == true)
      interpreter.reset()
    }
  }

  @Test func depthIsTrackedThroughJoinedLists() {
    var interpreter = Interpreter()
    _ = interpreter.run(Self.nested("x", depth: ValueList.maximumDepth - 1))
    let result = interpreter.run("y = [1] + [x]\nz = [y]")
    #expect(
      result.diagnostics.map(\.description) == [
        "2:5: error: list nested too deeply (more than \(ValueList.maximumDepth) levels)"
      ])
  }

  @Test func builtInResultsAreCheckedToo() {
    var registry = BuiltinRegistry()
    registry.register(
      Builtin(
        "wrap", summary: "Its argument in a list.",
        parameters: [Parameter("value", positional: true)]
      ) { arguments, _ in .list([try arguments.value("value")]) })
    var interpreter = Interpreter(builtins: registry)
    _ = interpreter.run(Self.nested("x", depth: ValueList.maximumDepth))
    let result = interpreter.run("y = 1\ny = wrap(x)")
    #expect(
      result.diagnostics.map(\.description) == [
        "2:5: error: list nested too deeply (more than \(ValueList.maximumDepth) levels)"
      ])
  }

  @Test func doublingAListStopsAtTheLengthLimit() {
    var interpreter = Interpreter()
    let result = interpreter.run("xs = range(1000000)\nfor i in range(10) {\n  xs = xs + xs\n}")
    #expect(
      result.diagnostics.map(\.description) == [
        "3:11: error: list of 16000000 items is too long (at most \(ValueList.maximumCount))"
      ])
    #expect(
      result.diagnostics.first?.hint == "lists are limited so that a loop cannot exhaust memory")
    #expect(interpreter.run("len(xs)").output.map(\.plain) == ["8000000"])
  }

  @Test func doublingAStringStopsAtTheLengthLimit() {
    var interpreter = Interpreter()
    let result = interpreter.run("s = \"ab\"\nfor i in range(64) {\n  s = s + s\n}")
    #expect(
      result.diagnostics.map(\.description) == [
        "3:9: error: string of 134217728 bytes is too long (at most \(Value.maximumStringLength))"
      ])
    #expect(interpreter.run("len(s)").output.map(\.plain) == ["67108864"])
  }

  @Test func textOfAListHoldingItselfManyTimesIsCut() {
    var interpreter = Interpreter()
    let result = interpreter.run(
      "x = [1]\nfor i in range(60) {\n  x = [x, x]\n}\ns = str(x)\nprint(len(s), x == x)")
    let limit = ValueList.maximumTextLength
    let shown = result.output.first?.plain.split(separator: " ").map(String.init) ?? []
    #expect(shown.count == 2 && shown[1] == "true")
    #expect(Int(shown.first ?? "").map { $0 > limit && $0 <= limit + 40 } == true)
    #expect(interpreter.run("s[-1] + s[-2] + s[-3]").output.map(\.plain) == ["..."])
  }

  /// Two lists built apart, each holding one list many times over (2⁶⁰ numbers at the bottom),
  /// compare pair of storages by pair, not item by item: equal, and unequal where one number at
  /// the bottom differs.
  @Test func listsHoldingOneListManyTimesCompareByStorage() {
    var interpreter = Interpreter()
    let result = interpreter.run(
      "a = [1]\nb = [1]\nc = [2]\nfor i in range(60) {\n  a = [a, a]\n  b = [b, b]\n  c = [c, c]\n}\n"
        + "print(a == b, a == c, [a, 1] == [b, 2])")
    #expect(result.diagnostics.isEmpty)
    #expect(result.output.map(\.plain) == ["true false false"])
  }
}
