/// Splits a cell's source into tokens.
///
/// Every line ends with a newline token (the parser ignores them inside brackets, where a call or
/// list may span lines, as in Python). `#` starts a comment that runs to the end of the line. Errors are collected
/// as diagnostics, one per line at most: the rest of a line after its first error is skipped, so
/// `x = $$$` costs one message, not three.
public struct Lexer {
  /// The tokens, ending with ``TokenKind/end``.
  public private(set) var tokens: [Token] = []
  /// The problems found.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Tokenises `source`, whose first line is line `firstLine` of the notebook file.
  public init(source: String, firstLine: Int = 1) {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    for (offset, line) in lines.enumerated() {
      scan(Array(line.hasSuffix("\r") ? line.dropLast() : line), line: firstLine + offset)
      if let last = tokens.last, last.kind != .newline {
        let column = line.count + 1
        tokens.append(Token(kind: .newline, range: range(firstLine + offset, column, 1)))
      }
    }
    let lastLine = firstLine + max(lines.count - 1, 0)
    let column = (lines.last?.count ?? 0) + 1
    tokens.append(Token(kind: .end, range: range(lastLine, column, 1)))
  }

  private mutating func scan(_ characters: [Character], line: Int) {
    var index = 0
    let errors = diagnostics.count
    while index < characters.count && diagnostics.count == errors {
      let character = characters[index]
      let start = index
      if character == " " || character == "\t" || character == "\r" {
        index += 1
      } else if character == "#" {
        return
      } else if character.isASCII && character.isNumber
        || character == "." && index + 1 < characters.count && characters[index + 1].isASCII
          && characters[index + 1].isNumber
      {
        index = scanNumber(characters, from: index, line: line)
      } else if character == "\"" || character == "'" {
        index = scanString(characters, from: index, line: line)
      } else if character.isLetter || character == "_" {
        while index < characters.count
          && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_")
        {
          index += 1
        }
        let word = String(characters[start..<index])
        let kind = TokenKind.keywords[word] ?? .identifier(word)
        tokens.append(Token(kind: kind, range: range(line, start + 1, index - start)))
      } else if let (kind, length) = punctuation(characters, at: index) {
        tokens.append(Token(kind: kind, range: range(line, start + 1, length)))
        index += length
      } else {
        let shown =
          character.isASCII && character.asciiValue! >= 0x20
          ? "`\(character)`" : describe(character)
        diagnostics.append(
          Diagnostic("unexpected character \(shown)", at: range(line, start + 1, 1)))
        index += 1
      }
    }
  }

  /// `😀` (U+1F600), or U+0007 alone for a control character, which cannot be shown.
  private func describe(_ character: Character) -> String {
    let scalar = character.unicodeScalars.first!
    let code = String(scalar.value, radix: 16, uppercase: true)
    let number = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
    return scalar.properties.generalCategory == .control ? number : "`\(character)` (\(number))"
  }

  private mutating func scanNumber(_ characters: [Character], from start: Int, line: Int) -> Int {
    var index = start
    var text = ""
    func digits() {
      while index < characters.count
        && (characters[index].isASCII && characters[index].isNumber || characters[index] == "_")
      {
        if characters[index] != "_" { text.append(characters[index]) }
        index += 1
      }
    }
    digits()
    if index < characters.count, characters[index] == "." {
      let next = index + 1 < characters.count ? characters[index + 1] : " "
      if next.isASCII && next.isNumber || !(next.isLetter || next == "_") {
        text.append(".")
        index += 1
        digits()
      }
    }
    if index < characters.count, characters[index] == "e" || characters[index] == "E" {
      text.append("e")
      index += 1
      if index < characters.count, characters[index] == "+" || characters[index] == "-" {
        text.append(characters[index])
        index += 1
      }
      let before = text.count
      digits()
      if text.count == before {
        diagnostics.append(
          Diagnostic(
            "expected digits after the exponent of a number",
            at: range(line, start + 1, index - start), hint: "write numbers like 1e-3 or 2.5e6"))
        return index
      }
    }
    if index < characters.count, characters[index].isLetter || characters[index] == "_" {
      var end = index
      while end < characters.count && (characters[end].isLetter || characters[end].isNumber) {
        end += 1
      }
      diagnostics.append(
        Diagnostic(
          "unexpected letters after the number `\(String(characters[start..<index]))`",
          at: range(line, index + 1, end - index),
          hint: "names cannot start with a digit; put an operator or a space between them"))
      return end
    }
    guard let value = Double(text), value.isFinite else {
      diagnostics.append(
        Diagnostic(
          "number `\(String(characters[start..<index]))` is out of range",
          at: range(line, start + 1, index - start)))
      return index
    }
    tokens.append(Token(kind: .number(value), range: range(line, start + 1, index - start)))
    return index
  }

  private mutating func scanString(_ characters: [Character], from start: Int, line: Int) -> Int {
    let quote = characters[start]
    var index = start + 1
    var value = ""
    while index < characters.count {
      let character = characters[index]
      if character == quote {
        tokens.append(
          Token(kind: .string(value), range: range(line, start + 1, index + 1 - start)))
        return index + 1
      }
      if character == "\\" {
        guard index + 1 < characters.count else { break }
        let escaped = characters[index + 1]
        switch escaped {
        case "n": value.append("\n")
        case "t": value.append("\t")
        case "\\", "\"", "'": value.append(escaped)
        default:
          diagnostics.append(
            Diagnostic(
              "unknown escape `\\\(escaped)` in a string", at: range(line, index + 1, 2),
              hint: "the escapes are \\n, \\t, \\\\, \\\" and \\'"))
        }
        index += 2
        continue
      }
      value.append(character)
      index += 1
    }
    diagnostics.append(
      Diagnostic(
        "unterminated string", at: range(line, start + 1, 1),
        hint: "close the string with \(quote) on the same line"))
    return characters.count
  }

  private func punctuation(_ characters: [Character], at index: Int) -> (TokenKind, Int)? {
    let next = index + 1 < characters.count ? characters[index + 1] : " "
    switch (characters[index], next) {
    case ("=", "="): return (.equalEqual, 2)
    case ("!", "="): return (.bangEqual, 2)
    case ("<", "="): return (.lessEqual, 2)
    case (">", "="): return (.greaterEqual, 2)
    case ("(", _): return (.leftParen, 1)
    case (")", _): return (.rightParen, 1)
    case ("[", _): return (.leftBracket, 1)
    case ("]", _): return (.rightBracket, 1)
    case ("{", _): return (.leftBrace, 1)
    case ("}", _): return (.rightBrace, 1)
    case (",", _): return (.comma, 1)
    case (":", _): return (.colon, 1)
    case (".", _): return (.dot, 1)
    case ("=", _): return (.equal, 1)
    case ("<", _): return (.less, 1)
    case (">", _): return (.greater, 1)
    case ("+", _): return (.plus, 1)
    case ("-", _): return (.minus, 1)
    case ("*", _): return (.star, 1)
    case ("/", _): return (.slash, 1)
    case ("%", _): return (.percent, 1)
    default: return nil
    }
  }

  private func range(_ line: Int, _ column: Int, _ length: Int) -> SourceRange {
    SourceRange(start: SourceLocation(line: line, column: column), length: length)
  }
}
