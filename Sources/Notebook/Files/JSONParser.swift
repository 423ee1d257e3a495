/// Reads JSON text (RFC 8259) into a ``JSONValue``, reporting the line and column of the first
/// error. Nesting is limited to ``maximumDepth`` levels, so no file can overflow the stack.
struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maximumDepth = 64

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  /// Parses `bytes`, which must hold exactly one JSON value (with optional surrounding space).
  static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw JSONSyntaxError(line: 1, column: 1, message: "the file is not UTF-8 text")
    }
    parser.skipSpace()
    let value = try parser.value()
    parser.skipSpace()
    guard parser.index == bytes.count else {
      throw parser.error("unexpected \(parser.found) after the end of the JSON value")
    }
    return value
  }

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  // MARK: - Values

  private mutating func value() throws(JSONSyntaxError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of the file; a value is missing") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: throw error("unexpected \(found); expected a value")
    }
  }

  private mutating func object() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [String: JSONValue] = [:]
    skipSpace()
    if consume(UInt8(ascii: "}")) { return .object(members) }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("unexpected \(found); expected a key in quotes")
      }
      let (keyLine, keyColumn) = position
      let key = try string()
      guard members[key] == nil else {
        throw JSONSyntaxError(
          line: keyLine, column: keyColumn, message: "the key \"\(key)\" appears twice")
      }
      skipSpace()
      guard consume(UInt8(ascii: ":")) else {
        throw error("expected `:` after a key, found \(found)")
      }
      skipSpace()
      members[key] = try value()
      skipSpace()
      if consume(UInt8(ascii: ",")) { continue }
      if consume(UInt8(ascii: "}")) { return .object(members) }
      throw error("expected `,` or `}` after a member of an object, found \(found)")
    }
  }

  private mutating func array() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var items: [JSONValue] = []
    skipSpace()
    if consume(UInt8(ascii: "]")) { return .array(items) }
    while true {
      skipSpace()
      items.append(try value())
      skipSpace()
      if consume(UInt8(ascii: ",")) { continue }
      if consume(UInt8(ascii: "]")) { return .array(items) }
      throw error("expected `,` or `]` after an item of an array, found \(found)")
    }
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw error("arrays and objects nest deeper than \(Self.maximumDepth) levels")
    }
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONSyntaxError)
    -> JSONValue
  {
    guard bytes[index...].starts(with: word.utf8) else {
      throw error("unexpected \(found); expected a value")
    }
    index += word.utf8.count
    return value
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, read with correct rounding.
  private mutating func number() throws(JSONSyntaxError) -> Double {
    let start = index
    _ = consume(UInt8(ascii: "-"))
    if consume(UInt8(ascii: "0")) {
      guard !isDigit else { throw error("a number may not start with 0 followed by digits") }
    } else {
      guard isDigit else { throw error("expected digits after `-`, found \(found)") }
      skipDigits()
    }
    if consume(UInt8(ascii: ".")) {
      guard isDigit else { throw error("expected digits after the decimal point, found \(found)") }
      skipDigits()
    }
    if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
      if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
      guard isDigit else { throw error("expected digits in the exponent, found \(found)") }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text) else { throw error("`\(text)` is not a number") }
    return value
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    let (line, column) = position
    index += 1
    var content: [UInt8] = []
    while true {
      guard index < bytes.count else {
        throw JSONSyntaxError(
          line: line, column: column, message: "a string is not closed before the end of the file")
      }
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: content, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try escape(into: &content)
      case 0..<0x20:
        index -= 1
        throw error("a control character in a string; write it as an escape such as \\n")
      default:
        content.append(byte)
      }
    }
  }

  private mutating func escape(into content: inout [UInt8]) throws(JSONSyntaxError) {
    guard index < bytes.count else { throw error("unexpected end of the file in an escape") }
    let byte = bytes[index]
    index += 1
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
      UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
      UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]
    if let replacement = simple[byte] {
      content.append(replacement)
      return
    }
    guard byte == UInt8(ascii: "u") else {
      index -= 2
      throw error(
        "unknown escape in a string; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
    var scalar = try hexQuad()
    if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: Array("\\u".utf8)) {
      index += 2
      let low = try hexQuad()
      guard (0xDC00..<0xE000).contains(low) else { throw error("an unpaired surrogate escape") }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let unicode = Unicode.Scalar(scalar) else {
      throw error("an unpaired surrogate escape")
    }
    content += Array(String(Character(unicode)).utf8)
  }

  private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count,
      let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { throw error("expected four hex digits after \\u") }
    index += 4
    return value
  }

  // MARK: - Scanning

  private var isDigit: Bool {
    index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
  }

  private mutating func skipDigits() {
    while isDigit { index += 1 }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  /// The character at the index, as messages quote it: "`x`", or "end of the file".
  private var found: String {
    guard index < bytes.count else { return "end of the file" }
    let rest = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self)
    return "`\(rest.prefix(1))`"
  }

  /// The line and column (1-based, counted in characters) of the index.
  private var position: (Int, Int) {
    var line = 1
    var lineStart = 0
    for offset in 0..<min(index, bytes.count) where bytes[offset] == 0x0A {
      line += 1
      lineStart = offset + 1
    }
    let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).count
    return (line, column + 1)
  }

  private func error(_ message: String) -> JSONSyntaxError {
    let (line, column) = position
    return JSONSyntaxError(line: line, column: column, message: message)
  }
}

/// Where and why a text is not valid JSON.
struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The line of the error (1-based).
  var line: Int
  /// The column of the error (1-based, in characters).
  var column: Int
  /// What is wrong, lowercase.
  var message: String

  /// `line 3, column 7: message`.
  var description: String {
    "line \(line), column \(column): \(message)"
  }
}
