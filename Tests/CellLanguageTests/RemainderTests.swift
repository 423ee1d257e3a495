import CellLanguage
import Testing

/// `%` is Python's float modulo: exact, with the sign of the divisor.
@Suite struct RemainderTests {
  static func shown(_ expression: String) -> String? {
    var interpreter = Interpreter()
    let result = interpreter.run(expression)
    #expect(result.diagnostics.isEmpty, "\(expression): \(result.diagnostics)")
    return result.output.first?.plain
  }

  @Test(
    arguments: [
      ("7 % 3", "1"), ("-7 % 3", "2"), ("7 % -3", "-2"), ("-7 % -3", "-1"), ("5.5 % 2", "1.5"),
      ("-5.5 % 2", "0.5"), ("6 % 3", "0"), ("0.5 % 0.25", "0"),
    ])
  func remainderTakesTheSignOfTheDivisor(expression: String, expected: String) {
    #expect(Self.shown(expression) == expected)
  }

  @Test(
    arguments: [
      ("1e20 % 7", "2"), ("1152921504606846976 % 7", "1"), ("-1e20 % 7", "5"),
      ("12345678912345678 % 10", "8"),
    ])
  func remainderOfLargeNumbersIsExact(expression: String, expected: String) {
    #expect(Self.shown(expression) == expected)
  }

  @Test func remainderByAnInfiniteDivisorIsTheDividend() {
    #expect(Self.shown("inf = 1e300 * 1e300\n1 % inf") == "1")
    #expect(Self.shown("inf = 1e300 * 1e300\n-1 % -inf") == "-1")
    #expect(Self.shown("inf = 1e300 * 1e300\n-1 % inf") == "inf")
    #expect(Self.shown("inf = 1e300 * 1e300\ninf % 7") == "nan")
  }

  @Test func zeroRemaindersShowAsZero() {
    #expect(Self.shown("print(6 % -3, -6 % 3, -0.5 % 0.25)") == "0 0 0")
  }

  @Test func remainderByZeroIsStillAnError() {
    var interpreter = Interpreter()
    #expect(
      interpreter.run("1 % 0").diagnostics.map(\.description) == ["1:3: error: division by zero"])
  }
}
