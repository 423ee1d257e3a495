extension Parser {
  /// Statements up to the end of the cell, or up to the `}` closing a block.
  mutating func parseStatements(inBlock: Bool) -> [Statement] {
    var statements: [Statement] = []
    while true {
      skipNewlines()
      if check(.end) || inBlock && check(.rightBrace) { break }
      let start = position
      do throws(Diagnostic) {
        if check(.rightBrace) {
          try skipStrayBrace()
          continue
        }
        statements.append(try parseStatement(inBlock: inBlock))
      } catch {
        diagnostics.append(error)
        brackets = 0
        if !(isAtLineStart && position > start) { synchronize(inBlock: inBlock) }
      }
      assert(position > start || check(.end), "the parser made no progress")
    }
    return statements
  }

  /// Skips to the start of the next statement, stepping over any block opened on the way.
  ///
  /// Inside a block it stops at the `}` closing that block. At the top level a `}` closes nothing:
  /// it is skipped with the rest of the bad statement, since stopping there would retry it forever.
  mutating func synchronize(inBlock: Bool) {
    var braces = 0
    while !check(.end) {
      switch current.kind {
      case .leftBrace: braces += 1
      case .rightBrace:
        if braces == 0 && inBlock { return }
        braces = max(0, braces - 1)
      case .newline where braces == 0:
        _ = advance()
        return
      default: break
      }
      _ = advance()
    }
  }

  private mutating func parseStatement(inBlock: Bool) throws(Diagnostic) -> Statement {
    let statement: Statement
    if check(.forKeyword) {
      statement = try parseForLoop()
    } else {
      statement = try parseAssignmentOrExpression()
    }
    guard check(.newline) || check(.end) || inBlock && check(.rightBrace) else {
      if check(.rightBrace) {
        try skipStrayBrace()
        return statement
      }
      throw error(expected: "the end of the line after the statement")
    }
    return statement
  }

  /// Steps over a `}` that closes no block: an error, unless it closes a loop already reported for
  /// lacking its `{` (put on the next line or hidden in a comment), whose body parsed as statements.
  private mutating func skipStrayBrace() throws(Diagnostic) {
    guard unopenedBlocks > 0 else {
      throw Diagnostic(
        Parser.strayBraceMessage, at: current.range,
        hint: "remove it, or end the line that should open the block with `{`")
    }
    unopenedBlocks -= 1
    _ = advance()
  }

  private mutating func parseForLoop() throws(Diagnostic) -> Statement {
    let start = depth
    defer { depth = start }
    try deepen()
    _ = advance()
    let variable = current
    guard case .identifier(let name) = variable.kind else {
      throw error(expected: "a variable name after `for`")
    }
    _ = advance()
    _ = try consume(.inKeyword, "`in` after `for \(name)`")
    let sequence = try parseExpression()
    let open = try openingBrace()
    let body = parseStatements(inBlock: true)
    guard check(.rightBrace) else {
      throw Diagnostic(
        "expected `}` to close the loop opened here", at: open.range,
        isIncomplete: check(.end))
    }
    _ = advance()
    return .forLoop(variable: name, variableRange: variable.range, sequence: sequence, body: body)
  }

  /// The `{` opening a loop's body, which must end the `for` line.
  ///
  /// A `{` alone on the next line is reported once and the block is parsed anyway, so its lines
  /// give no further errors; a missing `{` leaves the body's `}` to close nothing, which
  /// ``skipStrayBrace()`` then passes over quietly.
  private mutating func openingBrace() throws(Diagnostic) -> Token {
    let hint = "put `{` at the end of the `for` line, before any `#` comment"
    guard check(.newline) else { return try consume(.leftBrace, Parser.openingBraceExpectation) }
    guard next.kind == .leftBrace else {
      unopenedBlocks += 1
      throw error(expected: Parser.openingBraceExpectation, hint: hint)
    }
    diagnostics.append(error(expected: Parser.openingBraceExpectation, hint: hint))
    _ = advance()
    return advance()
  }

  private mutating func parseAssignmentOrExpression() throws(Diagnostic) -> Statement {
    let expression = try parseExpression()
    guard check(.comma) || check(.equal) else { return .expression(expression) }
    var targets: [(String, SourceRange)] = []
    guard case .name(let first, let range) = expression else {
      throw Diagnostic(
        "can only assign to a name", at: expression.range,
        hint: "write `name = value`; items of lists and fields cannot be assigned")
    }
    targets.append((first, range))
    while match(.comma) {
      guard case .identifier(let name) = current.kind else {
        throw error(expected: "a name after `,` in an assignment")
      }
      targets.append((name, advance().range))
    }
    _ = try consume(.equal, "`=` after the names to assign")
    for (index, target) in targets.enumerated()
    where targets[..<index].contains(where: { $0.0 == target.0 }) {
      throw Diagnostic("`\(target.0)` is assigned twice in one statement", at: target.1)
    }
    let value = try parseExpression()
    return .assignment(
      targets: targets.map(\.0), targetRanges: targets.map(\.1), value: value)
  }
}
