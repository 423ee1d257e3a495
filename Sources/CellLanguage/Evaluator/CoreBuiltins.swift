/// The built-ins every notebook has, whatever the host adds: printing, conversion, lists and
/// `expect`, which guards a notebook's claims.
enum CoreBuiltins {
  /// The longest list `range` builds, so a typo cannot exhaust memory.
  static let maximumRange = 1_000_000

  static var registry: BuiltinRegistry {
    var registry = BuiltinRegistry()
    for builtin in [print, str, len, range, expect, round, absolute, minimum, maximum, total] {
      registry.register(builtin)
    }
    return registry
  }

  static var print: Builtin {
    Builtin(
      "print", summary: "Prints its arguments separated by spaces.", isVariadic: true
    ) { arguments, context in
      context.emit(arguments.rest.map(\.summary).joined(separator: " "))
      return .none
    }
  }

  static var str: Builtin {
    Builtin(
      "str", summary: "The text form of a value; numbers can be rounded with `digits:`.",
      parameters: [Parameter("value", positional: true, required: true), Parameter("digits")]
    ) { arguments, _ in
      let value = try arguments.value("value")
      if arguments.has("digits") {
        let digits = try arguments.integer("digits", in: 0...15)
        let number = try arguments.number("value")
        return .string(fixed(number, digits: digits))
      }
      return .string(value.summary)
    }
  }

  static var len: Builtin {
    Builtin(
      "len", summary: "The number of items of a list or characters of a string.",
      parameters: [Parameter("value", positional: true, required: true)]
    ) { arguments, _ in
      switch try arguments.value("value") {
      case .list(let items): return .number(Double(items.count))
      case .string(let text): return .number(Double(text.count))
      case let other: throw arguments.mistyped("value", expected: "a list or a string", got: other)
      }
    }
  }

  static var range: Builtin {
    Builtin(
      "range",
      summary: "The list start, start + step, ... below stop; `range(5)` is [0, 1, 2, 3, 4].",
      parameters: [
        Parameter("start", positional: true, required: true), Parameter("stop", positional: true),
        Parameter("step", positional: true),
      ]
    ) { arguments, _ in
      var (start, stop) = (0.0, 0.0)
      if arguments.has("stop") {
        (start, stop) = (try arguments.number("start"), try arguments.number("stop"))
      } else {
        // `range(n)`: the one argument is the stop, and messages call it so.
        let alone = Arguments(function: "range", values: ["stop": try arguments.value("start")])
        do throws(RuntimeError) { stop = try alone.number("stop") } catch {
          throw RuntimeError(error.message, hint: error.hint, argument: "start")
        }
      }
      let step = try arguments.number("step", default: 1)
      guard step != 0 else { throw RuntimeError("`step` cannot be 0", argument: "step") }
      let count = max(0, ((stop - start) / step).rounded(.up))
      guard count <= Double(maximumRange) else {
        throw RuntimeError(
          "range of \(Value.format(count)) items is too long (at most \(maximumRange))")
      }
      return .list((0..<Int(count)).map { .number(start + Double($0) * step) })
    }
  }

  static var expect: Builtin {
    Builtin(
      "expect", summary: "Fails the cell with the message unless the condition is true.",
      parameters: [
        Parameter("condition", positional: true, required: true),
        Parameter("message", positional: true),
      ]
    ) { arguments, _ in
      let condition = try arguments.bool("condition")
      let message = try arguments.string("message", default: "the condition is false")
      guard condition else { throw RuntimeError("expectation failed: \(message)") }
      return .none
    }
  }

  static var round: Builtin {
    Builtin(
      "round", summary: "A number rounded to `digits` decimals (default 0).",
      parameters: [
        Parameter("value", positional: true, required: true), Parameter("digits", positional: true),
      ]
    ) { arguments, _ in
      let value = try arguments.number("value")
      let digits = try arguments.integer("digits", default: 0, in: 0...15)
      let scale = (0..<digits).reduce(1.0) { product, _ in product * 10 }
      let scaled = value * scale
      // A value too large to carry that many decimals is already whole at that precision.
      guard scaled.isFinite else { return .number(value) }
      return .number(scaled.rounded(.toNearestOrAwayFromZero) / scale)
    }
  }

  static var absolute: Builtin {
    Builtin(
      "abs", summary: "The absolute value of a number.",
      parameters: [Parameter("value", positional: true, required: true)]
    ) { arguments, _ in
      .number(Swift.abs(try arguments.number("value")))
    }
  }

  static var minimum: Builtin {
    reduction("min", summary: "The smallest number of a list (NaN if any is NaN).") {
      $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1)
    }
  }
  static var maximum: Builtin {
    reduction("max", summary: "The largest number of a list (NaN if any is NaN).") {
      $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1)
    }
  }
  static var total: Builtin {
    reduction("sum", summary: "The sum of a list of numbers.", empty: 0) { $0 + $1 }
  }

  private static func reduction(
    _ name: String, summary: String, empty: Double? = nil,
    _ combine: @escaping (Double, Double) -> Double
  ) -> Builtin {
    Builtin(
      name, summary: summary, parameters: [Parameter("values", positional: true, required: true)]
    ) {
      arguments, _ in
      let items = try arguments.list("values")
      var numbers: [Double] = []
      for item in items {
        guard case .number(let number) = item else {
          throw arguments.mistyped("values", expected: "a list of numbers", got: item)
        }
        numbers.append(number)
      }
      guard let first = numbers.first else {
        guard let empty else {
          throw RuntimeError("`\(name)` of an empty list", argument: "values")
        }
        return .number(empty)
      }
      return .number(numbers.dropFirst().reduce(first, combine))
    }
  }

  /// `value` with exactly `digits` decimals, rounded half away from zero, without Foundation so the
  /// text is the same everywhere.
  static func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return Value.format(value) }
    let scale = (0..<digits).reduce(1.0) { product, _ in product * 10 }
    let scaled = (Swift.abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return Value.format(value) }
    var text = String(Int64(scaled))
    if digits > 0 {
      if text.count <= digits {
        text = String(repeating: "0", count: digits - text.count + 1) + text
      }
      text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
    }
    return (value < 0 && scaled != 0 ? "-" : "") + text
  }
}
