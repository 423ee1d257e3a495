/// Runs cells in one environment, as a notebook kernel does.
///
/// Variables persist from cell to cell. A cell's output is what it prints plus, when its last
/// statement is an expression, that expression's value (as in Jupyter). A cell stops at its first
/// runtime error; the output printed before it is kept.
public struct Interpreter {
  /// The built-ins cells can call.
  public var builtins: BuiltinRegistry
  /// The variables, by name.
  public private(set) var variables: [String: Value] = [:]
  /// Variable names in the order they were first assigned.
  public private(set) var variableOrder: [String] = []

  /// Creates an interpreter with the given built-ins and the language's own.
  public init(builtins: BuiltinRegistry = BuiltinRegistry()) {
    var registry = CoreBuiltins.registry
    for builtin in builtins.all { registry.register(builtin) }
    self.builtins = registry
  }

  /// Forgets every variable.
  public mutating func reset() {
    variables = [:]
    variableOrder = []
  }

  /// Sets a variable.
  public mutating func assign(_ name: String, _ value: Value) {
    if variables.updateValue(value, forKey: name) == nil { variableOrder.append(name) }
  }

  /// Parses and runs one cell whose first line is line `firstLine` of the file.
  public mutating func run(
    _ source: String, firstLine: Int = 1, context: ExecutionContext = ExecutionContext()
  ) -> CellResult {
    let (program, diagnostics) = Parser.parse(source: source, firstLine: firstLine)
    guard diagnostics.isEmpty else {
      return CellResult(output: [], diagnostics: diagnostics)
    }
    return run(program, context: context)
  }

  /// Runs a parsed cell.
  public mutating func run(_ program: Program, context: ExecutionContext) -> CellResult {
    do throws(Diagnostic) {
      for (index, statement) in program.statements.enumerated() {
        let isLast = index == program.statements.count - 1
        if isLast, case .expression(let expression) = statement {
          try checkInterruption(context, at: expression.range)
          let value = try evaluate(expression, context)
          if value != .none { context.emit(value.display(context.display)) }
          try checkOutput(context, at: expression.range)
          try checkInterruption(context, at: expression.range)
        } else {
          try execute(statement, context)
        }
      }
      return CellResult(output: context.takeOutput(), diagnostics: [])
    } catch {
      return CellResult(output: context.takeOutput(), diagnostics: [error])
    }
  }

  // MARK: - Statements

  private mutating func execute(
    _ statement: Statement, _ context: ExecutionContext
  ) throws(Diagnostic) {
    switch statement {
    case .expression(let expression):
      try checkInterruption(context, at: expression.range)
      _ = try evaluate(expression, context)
      try checkOutput(context, at: expression.range)
      try checkInterruption(context, at: expression.range)
    case .assignment(let targets, let ranges, let value):
      try checkInterruption(context, at: ranges[0])
      try assign(targets, ranges, try evaluate(value, context), from: value)
      try checkOutput(context, at: value.range)
      try checkInterruption(context, at: ranges[0])
    case .forLoop(let variable, let range, let sequence, let body):
      let items = try evaluate(sequence, context)
      guard case .list(let values) = items else {
        throw Diagnostic(
          "`for` needs a list to go through, got \(items.typeDescription)", at: sequence.range,
          hint: "use a list like [0.01, 0.1] or range(5)")
      }
      for item in values {
        try checkInterruption(context, at: range)
        assign(variable, item)
        for statement in body { try execute(statement, context) }
      }
    }
  }

  private mutating func assign(
    _ targets: [String], _ ranges: [SourceRange], _ value: Value, from expression: Expression
  ) throws(Diagnostic) {
    guard targets.count > 1 else {
      assign(targets[0], value)
      return
    }
    guard case .list(let items) = value, items.count == targets.count else {
      let found: String
      if case .list(let items) = value {
        found = "\(items.count) values"
      } else {
        found = value.typeDescription
      }
      throw Diagnostic(
        "cannot unpack \(found) into \(targets.count) names", at: expression.range)
    }
    for (name, item) in zip(targets, items) { assign(name, item) }
  }

  private func checkInterruption(
    _ context: ExecutionContext, at range: SourceRange
  ) throws(Diagnostic) {
    if context.isInterrupted() { throw Diagnostic("interrupted", at: range) }
  }

  /// Stops the cell once it has printed more than ``ExecutionContext/maximumOutputBytes``, at the
  /// statement that printed it.
  private func checkOutput(_ context: ExecutionContext, at range: SourceRange) throws(Diagnostic) {
    guard context.isOutputFull else { return }
    throw Diagnostic(
      "the cell printed more than \(ExecutionContext.maximumOutputBytes >> 20) MiB; it was stopped",
      at: range, hint: "print less, or a summary such as len(xs)")
  }

  // MARK: - Expressions

  private func evaluate(
    _ expression: Expression, _ context: ExecutionContext
  ) throws(Diagnostic) -> Value {
    switch expression {
    case .number(let value, _): return .number(value)
    case .string(let value, _): return .string(value)
    case .boolean(let value, _): return .bool(value)
    case .none: return .none
    case .name(let name, let range): return try lookUp(name, at: range)
    case .list(let items, let range):
      var values: [Value] = []
      for item in items { values.append(try evaluate(item, context)) }
      return try Self.checked(.list(values), at: range)
    case .call(let callee, let calleeRange, let arguments, _):
      return try call(callee, at: calleeRange, arguments, context)
    case .member(let base, let name, let range):
      return try member(name, of: try evaluate(base, context), at: range)
    case .index(let base, let index, let range):
      return try subscripted(try evaluate(base, context), by: index, context, at: range)
    case .unary(let op, let operand, let range):
      return try Operators.unary(op, try evaluate(operand, context), at: range)
    case .binary(.and, let left, let right, let range),
      .binary(.or, let left, let right, let range):
      guard case .binary(let op, _, _, _) = expression else { return .none }
      let first = try Operators.truth(try evaluate(left, context), op, at: left.range)
      if op == .and && !first || op == .or && first { return .bool(first) }
      _ = range
      return .bool(try Operators.truth(try evaluate(right, context), op, at: right.range))
    case .binary(let op, let left, let right, let range):
      return try Operators.binary(
        op, try evaluate(left, context), try evaluate(right, context), at: range)
    }
  }

  private func lookUp(_ name: String, at range: SourceRange) throws(Diagnostic) -> Value {
    if let value = variables[name] { return value }
    if builtins[name] != nil {
      throw Diagnostic(
        "`\(name)` is a function", at: range, hint: "call it: `\(name)(...)`")
    }
    throw Diagnostic(
      "unknown name `\(name)`", at: range,
      hint: Suggestions.hint(for: name, among: variableOrder + builtins.names)
        ?? "assign it first: `\(name) = ...`")
  }

  private func member(_ name: String, of value: Value, at range: SourceRange) throws(Diagnostic)
    -> Value
  {
    guard case .object(let object) = value else {
      throw Diagnostic("\(value.typeDescription) has no field `\(name)`", at: range)
    }
    if let member = object.member(name) { return member }
    let fields = object.memberNames.map { "`\($0)`" }.joined(separator: ", ")
    throw Diagnostic(
      "\(object.typeName.articled) has no field `\(name)`", at: range,
      hint: Suggestions.hint(for: name, among: object.memberNames)
        ?? (fields.isEmpty ? nil : "its fields are \(fields)"))
  }

  private func subscripted(
    _ base: Value, by indexExpression: Expression, _ context: ExecutionContext,
    at range: SourceRange
  ) throws(Diagnostic) -> Value {
    let index = try evaluate(indexExpression, context)
    let count: Int
    switch base {
    case .list(let items): count = items.count
    case .string(let text): count = text.count
    default:
      throw Diagnostic("\(base.typeDescription) cannot be indexed", at: range)
    }
    let position: Int
    do throws(RuntimeError) {
      position = try Arguments.integer(index, label: "index", in: -count...max(count - 1, -count))
    } catch {
      throw Diagnostic(
        count == 0 ? "cannot index an empty \(base.typeDescription.dropFirst(2))" : error.message,
        at: indexExpression.range)
    }
    let resolved = position < 0 ? count + position : position
    switch base {
    case .list(let items): return items[resolved]
    case .string(let text):
      return .string(String(text[text.index(text.startIndex, offsetBy: resolved)]))
    default: return .none
    }
  }

  private func call(
    _ name: String, at range: SourceRange, _ arguments: [Argument], _ context: ExecutionContext
  ) throws(Diagnostic) -> Value {
    guard let builtin = builtins[name] else {
      if let value = variables[name] {
        throw Diagnostic(
          "`\(name)` is \(value.typeDescription), not a function", at: range,
          hint: Suggestions.hint(for: name, among: builtins.names)
            ?? "only built-in functions can be called; use `\(name)` without `()`")
      }
      throw Diagnostic(
        "unknown function `\(name)`", at: range,
        hint: Suggestions.hint(for: name, among: builtins.names))
    }
    var values: [Value] = []
    for argument in arguments { values.append(try evaluate(argument.value, context)) }
    let binding = try ArgumentBinding(
      builtin: builtin, arguments: arguments, values: values, at: range)
    do {
      return try Self.checked(try builtin.body(binding.arguments, context), at: range)
    } catch let error as RuntimeError {
      let location = error.argument.flatMap { binding.ranges[$0] } ?? range
      throw Diagnostic(error.message, at: location, hint: error.hint)
    } catch let error as Diagnostic {
      throw error
    } catch {
      throw Diagnostic("`\(name)` failed: \(error)", at: range)
    }
  }
}

extension Interpreter {
  /// `value`, unless it is a list or string beyond the language's limits (see ``ValueList`` and
  /// ``Value/maximumStringLength``); a built-in's result is checked too, since it may be built
  /// from the values it was given.
  static func checked(_ value: Value, at range: SourceRange) throws(Diagnostic) -> Value {
    switch value {
    case .list(let list) where list.isTooDeep:
      throw Diagnostic(
        "list nested too deeply (more than \(ValueList.maximumDepth) levels)", at: range,
        hint: "a list may hold lists only \(ValueList.maximumDepth) levels deep; build a flat list")
    case .list(let list): try Operators.checkLength(ofList: list.count, at: range)
    case .string(let text): try Operators.checkLength(ofString: text.utf8.count, at: range)
    default: break
    }
    return value
  }
}

/// The outcome of running a cell.
public struct CellResult {
  /// What the cell printed and showed, in order (kept even when it failed).
  public var output: [DisplayText]
  /// Syntax errors (one per bad statement) or the runtime error that stopped the cell.
  public var diagnostics: [Diagnostic]

  /// Whether the cell ran to the end.
  public var succeeded: Bool { diagnostics.isEmpty }
  /// Whether the cell's text merely ended early (an open bracket or block).
  public var isIncomplete: Bool { !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncomplete) }
}
