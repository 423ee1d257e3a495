extension Program {
  /// The names the cell assigns, in order of first assignment.
  public var definedNames: [String] {
    var seen: [String] = []
    for name in statements.flatMap(\.definedNames) where !seen.contains(name) {
      seen.append(name)
    }
    return seen
  }

  /// The names the cell reads before assigning them itself: what it needs from earlier cells.
  /// Function names are not included.
  public var freeNames: [String] {
    var assigned: Set<String> = []
    var free: [String] = []
    func read(_ expression: Expression) {
      for name in expression.referencedNames where !assigned.contains(name) && !free.contains(name)
      {
        free.append(name)
      }
    }
    func visit(_ statement: Statement) {
      switch statement {
      case .expression(let expression):
        read(expression)
      case .assignment(let targets, _, let value):
        read(value)
        assigned.formUnion(targets)
      case .forLoop(let variable, _, let sequence, let body):
        read(sequence)
        assigned.insert(variable)
        body.forEach(visit)
      }
    }
    statements.forEach(visit)
    return free
  }
}

extension Expression {
  /// Every variable name the expression reads, in order.
  var referencedNames: [String] {
    switch self {
    case .number, .string, .boolean, .none: []
    case .name(let name, _): [name]
    case .list(let items, _): items.flatMap(\.referencedNames)
    case .call(_, _, let arguments, _): arguments.flatMap(\.value.referencedNames)
    case .member(let base, _, _): base.referencedNames
    case .index(let base, let index, _): base.referencedNames + index.referencedNames
    case .unary(_, let operand, _): operand.referencedNames
    case .binary(_, let left, let right, _): left.referencedNames + right.referencedNames
    }
  }
}
