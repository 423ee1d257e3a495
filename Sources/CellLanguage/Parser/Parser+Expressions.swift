extension Parser {
  /// expression := or
  mutating func parseExpression() throws(Diagnostic) -> Expression {
    let start = depth
    defer { depth = start }
    try deepen()
    return try parseOr()
  }

  private mutating func parseOr() throws(Diagnostic) -> Expression {
    var left = try parseAnd()
    let start = depth
    defer { depth = start }
    while check(.orKeyword) {
      try deepen()
      let token = advance()
      left = .binary(.or, left, try parseAnd(), operatorRange: token.range)
    }
    return left
  }

  private mutating func parseAnd() throws(Diagnostic) -> Expression {
    var left = try parseNot()
    let start = depth
    defer { depth = start }
    while check(.andKeyword) {
      try deepen()
      let token = advance()
      left = .binary(.and, left, try parseNot(), operatorRange: token.range)
    }
    return left
  }

  private mutating func parseNot() throws(Diagnostic) -> Expression {
    guard check(.notKeyword) else { return try parseComparison() }
    let token = advance()
    return .unary(
      .not, try nested { (parser) throws(Diagnostic) in try parser.parseNot() }, token.range)
  }

  private mutating func parseComparison() throws(Diagnostic) -> Expression {
    let left = try parseAdditive()
    let operators: [TokenKind: BinaryOperator] = [
      .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessOrEqual,
      .greater: .greater, .greaterEqual: .greaterOrEqual,
    ]
    guard let op = operators[current.kind] else { return left }
    let token = advance()
    let right = try parseAdditive()
    if operators[current.kind] != nil {
      throw Diagnostic(
        "comparisons cannot be chained", at: current.range,
        hint: "write `a < b and b < c`")
    }
    return .binary(op, left, right, operatorRange: token.range)
  }

  private mutating func parseAdditive() throws(Diagnostic) -> Expression {
    var left = try parseMultiplicative()
    let start = depth
    defer { depth = start }
    while check(.plus) || check(.minus) {
      try deepen()
      let token = advance()
      let op: BinaryOperator = token.kind == .plus ? .add : .subtract
      left = .binary(op, left, try parseMultiplicative(), operatorRange: token.range)
    }
    return left
  }

  private mutating func parseMultiplicative() throws(Diagnostic) -> Expression {
    var left = try parseUnary()
    let start = depth
    defer { depth = start }
    while check(.star) || check(.slash) || check(.percent) {
      try deepen()
      let token = advance()
      let op: BinaryOperator =
        token.kind == .star ? .multiply : token.kind == .slash ? .divide : .remainder
      left = .binary(op, left, try parseUnary(), operatorRange: token.range)
    }
    return left
  }

  private mutating func parseUnary() throws(Diagnostic) -> Expression {
    guard check(.minus) else { return try parsePostfix() }
    let token = advance()
    return .unary(
      .negate, try nested { (parser) throws(Diagnostic) in try parser.parseUnary() }, token.range)
  }

  /// Counts one more level of the expression tree being built (each link of a chain such as
  /// `a + b + c` or `xs[0][0]` nests the tree one level deeper), refusing input beyond
  /// ``Parser/maximumDepth``.
  mutating func deepen() throws(Diagnostic) {
    depth += 1
    guard depth <= Parser.maximumDepth else {
      throw Diagnostic(
        "expression nested too deeply (more than \(Parser.maximumDepth) levels)",
        at: current.range, hint: "split it into several statements")
    }
  }

  /// Runs `body` one level deeper, refusing input nested beyond ``Parser/maximumDepth``.
  private mutating func nested(
    _ body: (inout Parser) throws(Diagnostic) -> Expression
  ) throws(Diagnostic) -> Expression {
    let start = depth
    defer { depth = start }
    try deepen()
    return try body(&self)
  }

  private mutating func parsePostfix() throws(Diagnostic) -> Expression {
    var expression = try parsePrimary()
    let start = depth
    defer { depth = start }
    while true {
      if check(.leftParen) || check(.dot) || check(.leftBracket) { try deepen() }
      if check(.leftParen) {
        guard case .name(let callee, let calleeRange) = expression else {
          throw Diagnostic(
            "only functions can be called", at: current.range,
            hint: "call a built-in by its name, e.g. `fit(model, data)`")
        }
        let open = advance()
        let arguments = try parseArguments(of: callee, opener: open)
        expression = .call(
          callee: callee, calleeRange: calleeRange, arguments: arguments, calleeRange)
      } else if check(.dot) {
        _ = advance()
        guard case .identifier(let name) = current.kind else {
          throw error(expected: "a field name after `.`")
        }
        let token = advance()
        expression = .member(expression, name: name, token.range)
      } else if check(.leftBracket) {
        let open = advance()
        let index = try parseExpression()
        _ = try closing(.rightBracket, "`]` after the index", opener: open)
        expression = .index(expression, index, open.range)
      } else {
        return expression
      }
    }
  }

  private mutating func parseArguments(
    of callee: String, opener open: Token
  ) throws(Diagnostic) -> [Argument] {
    var arguments: [Argument] = []
    // At the end of the input (a REPL line ending in `,`), the missing `)` says more is to come.
    while !check(.rightParen) && !check(.end) {
      var label: String?
      var labelRange: SourceRange?
      if case .identifier(let name) = current.kind, next.kind == .colon {
        if arguments.contains(where: { $0.label == name }) {
          throw Diagnostic("argument `\(name)` is given twice", at: current.range)
        }
        label = name
        labelRange = advance().range
        _ = advance()
      } else if arguments.last?.label != nil {
        throw Diagnostic(
          "positional argument after labelled ones", at: current.range,
          hint: "put positional arguments first, as in `fit(model, data, epochs: 100)`")
      }
      arguments.append(Argument(label: label, labelRange: labelRange, value: try parseExpression()))
      guard match(.comma) else { break }
    }
    _ = try closing(.rightParen, "`)` after the arguments of `\(callee)`", opener: open)
    return arguments
  }

  private mutating func parsePrimary() throws(Diagnostic) -> Expression {
    let token = current
    switch token.kind {
    case .number(let value):
      _ = advance()
      return .number(value, token.range)
    case .string(let value):
      _ = advance()
      return .string(value, token.range)
    case .trueKeyword, .falseKeyword:
      _ = advance()
      return .boolean(token.kind == .trueKeyword, token.range)
    case .noneKeyword:
      _ = advance()
      return .none(token.range)
    case .identifier(let name):
      _ = advance()
      return .name(name, token.range)
    case .leftParen:
      _ = advance()
      let inner = try parseExpression()
      _ = try closing(.rightParen, "`)` to close the parenthesis", opener: token)
      return inner
    case .leftBracket:
      _ = advance()
      var items: [Expression] = []
      while !check(.rightBracket) {
        items.append(try parseExpression())
        guard match(.comma) else { break }
      }
      _ = try closing(.rightBracket, "`]` to close the list", opener: token)
      return .list(items, token.range)
    default:
      throw error(expected: "an expression")
    }
  }

  /// Consumes a closing bracket; at the end of the cell the error points at the opener.
  private mutating func closing(
    _ kind: TokenKind, _ expectation: String, opener: Token
  ) throws(Diagnostic) -> Token {
    if check(.end) || !check(kind) && current.range.start.line > opener.range.start.line {
      let symbol = opener.kind == .leftParen ? "(" : "["
      throw Diagnostic(
        "`\(symbol)` is never closed", at: opener.range,
        hint: "close it with `\(kind == .rightParen ? ")" : "]")`", isIncomplete: check(.end))
    }
    return try consume(kind, expectation)
  }
}
