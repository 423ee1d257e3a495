/// An expression, with the source range it came from for diagnostics.
public indirect enum Expression: Equatable, Sendable {
  case number(Double, SourceRange)
  case string(String, SourceRange)
  case boolean(Bool, SourceRange)
  case none(SourceRange)
  case name(String, SourceRange)
  case list([Expression], SourceRange)
  /// `callee(arguments)`; `callee` is the function's name.
  case call(callee: String, calleeRange: SourceRange, arguments: [Argument], SourceRange)
  /// `base.member`
  case member(Expression, name: String, SourceRange)
  /// `base[index]`
  case index(Expression, Expression, SourceRange)
  case unary(UnaryOperator, Expression, SourceRange)
  case binary(BinaryOperator, Expression, Expression, operatorRange: SourceRange)

  /// Where the expression starts (and, for leaves, its whole extent).
  public var range: SourceRange {
    switch self {
    case .number(_, let range), .string(_, let range), .boolean(_, let range), .none(let range),
      .name(_, let range), .list(_, let range), .call(_, _, _, let range), .member(_, _, let range),
      .index(_, _, let range), .unary(_, _, let range):
      range
    case .binary(_, let left, _, _):
      left.range
    }
  }
}

/// One argument of a call: positional, or labelled (`lr: 0.1`).
public struct Argument: Equatable, Sendable {
  /// The label, or `nil` for a positional argument.
  public var label: String?
  /// Where the label is.
  public var labelRange: SourceRange?
  /// The value.
  public var value: Expression
}

/// `-x` and `not x`.
public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not = "not"
}

/// The binary operators, loosest first: `or`, `and`, comparisons, `+ -`, `* / %`.
public enum BinaryOperator: String, Sendable {
  case or, and
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
}

/// A statement: one line, or a `for` block.
public enum Statement: Equatable, Sendable {
  /// `a = expr` or `a, b = expr` (the value must then be a list of as many items).
  case assignment(targets: [(String)], targetRanges: [SourceRange], value: Expression)
  /// An expression whose value is shown when it is the cell's last statement.
  case expression(Expression)
  /// `for name in sequence { body }`
  case forLoop(
    variable: String, variableRange: SourceRange, sequence: Expression, body: [Statement])

  /// The names the statement assigns (for dependency tracking).
  public var definedNames: [String] {
    switch self {
    case .assignment(let targets, _, _): targets
    case .expression: []
    case .forLoop(let variable, _, _, let body): [variable] + body.flatMap(\.definedNames)
    }
  }
}

/// A parsed cell.
public struct Program: Equatable, Sendable {
  /// The statements in order.
  public var statements: [Statement]
}
