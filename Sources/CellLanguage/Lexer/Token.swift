/// The kinds of token the cell language has.
public enum TokenKind: Hashable, Sendable {
  case number(Double)
  case string(String)
  case identifier(String)
  // Keywords.
  case forKeyword, inKeyword, trueKeyword, falseKeyword, noneKeyword
  case andKeyword, orKeyword, notKeyword
  // Punctuation.
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, colon, dot, equal
  case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
  case plus, minus, star, slash, percent
  /// The end of a statement's line (not emitted inside parentheses or brackets).
  case newline
  /// The end of the cell.
  case end

  static let keywords: [String: TokenKind] = [
    "for": .forKeyword, "in": .inKeyword, "true": .trueKeyword, "false": .falseKeyword,
    "none": .noneKeyword, "and": .andKeyword, "or": .orKeyword, "not": .notKeyword,
  ]

  /// How the token reads in messages: "`)`", "a number", "the end of the line".
  var spelling: String {
    switch self {
    case .number: "a number"
    case .string: "a string"
    case .identifier(let name): "`\(name)`"
    case .newline: "the end of the line"
    case .end: "the end of the cell"
    default: "`\(symbol)`"
    }
  }

  private var symbol: String {
    switch self {
    case .forKeyword: "for"
    case .inKeyword: "in"
    case .trueKeyword: "true"
    case .falseKeyword: "false"
    case .noneKeyword: "none"
    case .andKeyword: "and"
    case .orKeyword: "or"
    case .notKeyword: "not"
    case .leftParen: "("
    case .rightParen: ")"
    case .leftBracket: "["
    case .rightBracket: "]"
    case .leftBrace: "{"
    case .rightBrace: "}"
    case .comma: ","
    case .colon: ":"
    case .dot: "."
    case .equal: "="
    case .equalEqual: "=="
    case .bangEqual: "!="
    case .less: "<"
    case .lessEqual: "<="
    case .greater: ">"
    case .greaterEqual: ">="
    case .plus: "+"
    case .minus: "-"
    case .star: "*"
    case .slash: "/"
    case .percent: "%"
    case .number, .string, .identifier, .newline, .end: ""
    }
  }
}

/// A token and where it stands in the notebook file.
public struct Token: Equatable, Sendable {
  /// What it is.
  public var kind: TokenKind
  /// Where it is; its length is the token's length in characters.
  public var range: SourceRange
}
