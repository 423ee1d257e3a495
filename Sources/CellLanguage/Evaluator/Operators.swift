/// The meaning of the language's operators on values.
enum Operators {
  static func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange) throws(Diagnostic)
    -> Value
  {
    switch (op, value) {
    case (.negate, .number(let number)): return .number(-number)
    case (.not, .bool(let flag)): return .bool(!flag)
    case (.negate, _):
      throw Diagnostic("cannot negate \(value.typeDescription)", at: range)
    case (.not, _):
      throw Diagnostic(
        "`not` needs true or false, got \(value.typeDescription)", at: range)
    }
  }

  /// The truth value of an operand of `and` / `or`, which must be a boolean.
  static func truth(_ value: Value, _ op: BinaryOperator, at range: SourceRange) throws(Diagnostic)
    -> Bool
  {
    guard case .bool(let flag) = value else {
      throw Diagnostic(
        "`\(op.rawValue)` needs true or false, got \(value.typeDescription)", at: range)
    }
    return flag
  }

  static func binary(
    _ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange
  ) throws(Diagnostic) -> Value {
    switch (op, left, right) {
    case (.equal, _, _): return .bool(left == right)
    case (.notEqual, _, _): return .bool(left != right)
    case (.add, .string(let a), .string(let b)):
      try checkLength(ofString: a.utf8.count + b.utf8.count, at: range)
      return .string(a + b)
    case (.add, .list(let a), .list(let b)):
      try checkLength(ofList: a.count + b.count, at: range)
      return .list(ValueList(concatenating: a, b))
    case (_, .number(let a), .number(let b)): return try arithmetic(op, a, b, at: range)
    case (.less, .string(let a), .string(let b)): return .bool(a < b)
    case (.lessOrEqual, .string(let a), .string(let b)): return .bool(a <= b)
    case (.greater, .string(let a), .string(let b)): return .bool(a > b)
    case (.greaterOrEqual, .string(let a), .string(let b)): return .bool(a >= b)
    default:
      let hint: String? =
        op == .add && (left.isString || right.isString)
        ? "turn the other value into a string first: str(x)" : nil
      throw Diagnostic(
        "cannot apply `\(op.rawValue)` to \(left.typeDescription) and \(right.typeDescription)",
        at: range, hint: hint)
    }
  }

  private static func arithmetic(
    _ op: BinaryOperator, _ a: Double, _ b: Double, at range: SourceRange
  ) throws(Diagnostic) -> Value {
    switch op {
    case .add: return .number(a + b)
    case .subtract: return .number(a - b)
    case .multiply: return .number(a * b)
    case .divide, .remainder:
      guard b != 0 else { throw Diagnostic("division by zero", at: range) }
      return .number(op == .divide ? a / b : remainder(a, b))
    case .less: return .bool(a < b)
    case .lessOrEqual: return .bool(a <= b)
    case .greater: return .bool(a > b)
    case .greaterOrEqual: return .bool(a >= b)
    case .equal, .notEqual, .and, .or: return .bool(false)
    }
  }

  /// Refuses a list of `count` items, more than ``ValueList/maximumCount``, before it is built.
  static func checkLength(ofList count: Int, at range: SourceRange) throws(Diagnostic) {
    guard count > ValueList.maximumCount else { return }
    throw Diagnostic(
      "list of \(count) items is too long (at most \(ValueList.maximumCount))", at: range,
      hint: "lists are limited so that a loop cannot exhaust memory")
  }

  /// Refuses a string of `bytes` UTF-8 bytes, more than ``Value/maximumStringLength``, before it
  /// is built.
  static func checkLength(ofString bytes: Int, at range: SourceRange) throws(Diagnostic) {
    guard bytes > Value.maximumStringLength else { return }
    throw Diagnostic(
      "string of \(bytes) bytes is too long (at most \(Value.maximumStringLength))", at: range,
      hint: "strings are limited so that a loop cannot exhaust memory")
  }

  /// `a % b` as Python's float modulo: the exact remainder, with the sign of the divisor.
  ///
  /// ```
  /// r = fmod(a, b);  r + b when r ≠ 0 and r, b differ in sign;  ±0 with b's sign when r = 0
  /// ```
  ///
  /// `fmod` is exact, where `a - b * floor(a / b)` loses `a`'s low digits once the quotient is large
  /// (`1e20 % 7` gave 0, not 2) and gives NaN for an infinite divisor (`1 % inf` is 1).
  static func remainder(_ a: Double, _ b: Double) -> Double {
    let r = a.truncatingRemainder(dividingBy: b)
    guard r != 0 else { return Double(signOf: b, magnitudeOf: 0) }
    return (r < 0) != (b < 0) ? r + b : r
  }
}

extension Value {
  var isString: Bool {
    if case .string = self { return true }
    return false
  }
}
