/// A call's arguments, bound to the built-in's parameters by label, with typed accessors whose
/// errors name the argument ("expected a number for `lr`, got a string").
public struct Arguments {
  /// The function being called, for messages.
  public let function: String
  private let values: [String: Value]
  /// Extra positional arguments of a variadic built-in.
  public let rest: [Value]

  /// Arguments bound by label.
  public init(function: String, values: [String: Value], rest: [Value] = []) {
    self.function = function
    self.values = values
    self.rest = rest
  }

  /// The label under which a variadic built-in's extra positional argument `index` (from 0) is
  /// known to ``RuntimeError/argument``, so an error about it points at it.
  public static func label(ofRest index: Int) -> String {
    "rest \(index)"
  }

  /// Whether the argument was given.
  public func has(_ label: String) -> Bool {
    values[label] != nil
  }

  /// The raw value of an argument.
  public subscript(label: String) -> Value? {
    values[label]
  }

  /// The argument as any value; throws when a required one is missing.
  public func value(_ label: String) throws(RuntimeError) -> Value {
    guard let value = values[label] else {
      throw RuntimeError("`\(function)` needs `\(label)`", argument: nil)
    }
    return value
  }

  /// A number argument, or `defaultValue` when absent.
  public func number(
    _ label: String, default defaultValue: Double? = nil,
    in range: ClosedRange<Double>? = nil
  ) throws(RuntimeError) -> Double {
    guard let value = values[label] else {
      guard let defaultValue else { throw missing(label) }
      return defaultValue
    }
    guard case .number(let number) = value else {
      throw mistyped(label, expected: "a number", got: value)
    }
    guard number.isFinite else {
      throw RuntimeError(
        "`\(label)` must be a finite number, got \(Value.format(number))", argument: label)
    }
    if let range, !range.contains(number) {
      throw RuntimeError(
        "`\(label)` must be in \(Value.format(range.lowerBound))...\(Value.format(range.upperBound)), "
          + "got \(Value.format(number))", argument: label)
    }
    return number
  }

  /// A whole-number argument within `range`, or `defaultValue` when absent.
  public func integer(
    _ label: String, default defaultValue: Int? = nil, in range: ClosedRange<Int>
  ) throws(RuntimeError) -> Int {
    guard let value = values[label] else {
      guard let defaultValue else { throw missing(label) }
      return defaultValue
    }
    return try Self.integer(value, label: label, in: range)
  }

  /// `value` as a whole number within `range`, or an error about the argument `label`.
  public static func integer(
    _ value: Value, label: String, in range: ClosedRange<Int>
  ) throws(RuntimeError) -> Int {
    guard case .number(let number) = value else {
      throw RuntimeError(
        "expected a whole number for `\(label)`, got \(value.typeDescription)", argument: label)
    }
    guard number == number.rounded(), number.isFinite else {
      throw RuntimeError(
        "expected a whole number for `\(label)`, got \(Value.format(number))", argument: label)
    }
    guard number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
      throw RuntimeError(
        "`\(label)` must be in \(range.lowerBound)...\(range.upperBound), got \(Value.format(number))",
        argument: label)
    }
    return Int(number)
  }

  /// A boolean argument, or `defaultValue` when absent.
  public func bool(_ label: String, default defaultValue: Bool? = nil) throws(RuntimeError) -> Bool
  {
    guard let value = values[label] else {
      guard let defaultValue else { throw missing(label) }
      return defaultValue
    }
    guard case .bool(let flag) = value else {
      throw mistyped(label, expected: "true or false", got: value)
    }
    return flag
  }

  /// A string argument, or `defaultValue` when absent; when `choices` is given it must be one.
  public func string(
    _ label: String, default defaultValue: String? = nil, choices: [String]? = nil
  ) throws(RuntimeError) -> String {
    guard let value = values[label] else {
      guard let defaultValue else { throw missing(label) }
      return defaultValue
    }
    guard case .string(let text) = value else {
      throw mistyped(label, expected: "a string", got: value)
    }
    if let choices, !choices.contains(text) {
      let quoted = choices.map { "\"\($0)\"" }.joined(separator: ", ")
      throw RuntimeError(
        "`\(label)` must be one of \(quoted), got \"\(text)\"",
        hint: Suggestions.hint(for: text, among: choices), argument: label)
    }
    return text
  }

  /// A list argument, or `defaultValue` when absent.
  public func list(_ label: String, default defaultValue: [Value]? = nil) throws(RuntimeError)
    -> [Value]
  {
    guard let value = values[label] else {
      guard let defaultValue else { throw missing(label) }
      return defaultValue
    }
    guard case .list(let items) = value else {
      throw mistyped(label, expected: "a list", got: value)
    }
    return items.items
  }

  /// A host object of type `type`, described as `expected` in messages ("a model").
  public func object<T: HostObject>(
    _ label: String, as type: T.Type, expected: String
  ) throws(RuntimeError) -> T {
    let value = try value(label)
    guard case .object(let object) = value, let typed = object as? T else {
      throw mistyped(label, expected: expected, got: value)
    }
    return typed
  }

  /// "expected X for `label`, got Y".
  public func mistyped(_ label: String, expected: String, got value: Value) -> RuntimeError {
    var found = value.typeDescription
    if case .number(let number) = value, !number.isFinite { found = Value.format(number) }
    return RuntimeError(
      "expected \(expected) for `\(label)`, got \(found)", argument: label)
  }

  private func missing(_ label: String) -> RuntimeError {
    RuntimeError("`\(function)` needs `\(label)`", hint: "add `\(label): ...` to the call")
  }
}
