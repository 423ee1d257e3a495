/// A CSV text split into records of fields, each with the line it starts on: the pure parsing step of
/// `csv`, independent of files and of what the fields mean.
///
/// The dialect is RFC 4180's, made forgiving where files in the wild differ:
/// - fields are separated by commas; records end with `\n` or `\r\n` (a final one is optional);
/// - a field in double quotes may hold commas, line breaks and doubled quotes (`""` stands for `"`),
///   and spaces around the quotes are ignored;
/// - spaces and tabs around an unquoted field are dropped (`1.5, 2` reads as `1.5` and `2`);
/// - a UTF-8 byte order mark at the start is skipped, and so are blank lines, anywhere.
public struct CSVTable: Equatable, Sendable {
  /// One record: its fields, and the line of the file it starts on.
  public struct Record: Equatable, Sendable {
    /// The fields, unquoted.
    public var fields: [String]
    /// The line the record starts on (1-based).
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
      self.fields = fields
      self.line = line
    }
  }

  /// The records in file order, blank lines left out; the first is usually the header.
  public private(set) var records: [Record]

  /// Splits `text` into records; throws for an unclosed quote, text after a closing quote, or more
  /// than `maximumRecords` records (so a huge file fails early, before filling memory).
  public init(parsing text: String, maximumRecords: Int = .max) throws(CSVError) {
    var scanner = Scanner(Array(text.utf8))
    var records: [Record] = []
    while let record = try scanner.record() {
      if record.fields == [""] && !scanner.lastFieldWasQuoted { continue }
      guard records.count < maximumRecords else {
        throw CSVError(
          "line \(record.line): the file has more than a header and \(maximumRecords - 1) rows",
          line: record.line, hint: "csv reads at most that many; split or sample the file")
      }
      records.append(record)
    }
    self.records = records
  }
}

/// Walks the bytes of a CSV text one field at a time.
private struct Scanner {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  /// Whether the field read last was in quotes (an empty quoted field is not a blank line).
  private(set) var lastFieldWasQuoted = false

  private enum Terminator {
    case comma
    case lineEnd
    case end
  }

  private static let quote = UInt8(ascii: "\"")
  private static let comma = UInt8(ascii: ",")
  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
  }

  /// The next record, or nil at the end of the text.
  mutating func record() throws(CSVError) -> CSVTable.Record? {
    guard index < bytes.count else { return nil }
    let start = line
    var fields: [String] = []
    while true {
      let (field, terminator) = try self.field()
      fields.append(field)
      switch terminator {
      case .comma: continue
      case .lineEnd: line += 1
      case .end: break
      }
      return CSVTable.Record(fields: fields, line: start)
    }
  }

  private mutating func field() throws(CSVError) -> (String, Terminator) {
    skipSpaces()
    lastFieldWasQuoted = index < bytes.count && bytes[index] == Self.quote
    if lastFieldWasQuoted { return try quotedField() }
    let start = index
    while index < bytes.count, bytes[index] != Self.comma, !isAtLineEnd { index += 1 }
    var end = index
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return (String(decoding: bytes[start..<end], as: UTF8.self), terminator())
  }

  private mutating func quotedField() throws(CSVError) -> (String, Terminator) {
    let openingLine = line
    index += 1
    var content: [UInt8] = []
    while true {
      guard index < bytes.count else {
        throw CSVError(
          "line \(openingLine): a quoted field is not closed", line: openingLine,
          hint: "end the field with a double quote; write a quote inside it as \"\"")
      }
      let byte = bytes[index]
      index += 1
      if byte == Self.quote {
        guard index < bytes.count, bytes[index] == Self.quote else { break }
        index += 1
      } else if byte == Self.newline {
        line += 1
      }
      content.append(byte)
    }
    skipSpaces()
    guard index == bytes.count || bytes[index] == Self.comma || isAtLineEnd else {
      let rest = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self)
      let found = String(rest.prefix(1))
      throw CSVError(
        "line \(line): unexpected `\(found)` after the closing quote of a field", line: line,
        hint: "write a quote inside a quoted field as \"\"")
    }
    return (String(decoding: content, as: UTF8.self), terminator())
  }

  /// Whether the index is at `\n` or `\r\n`.
  private var isAtLineEnd: Bool {
    bytes[index] == Self.newline
      || (bytes[index] == Self.carriageReturn && index + 1 < bytes.count
        && bytes[index + 1] == Self.newline)
  }

  /// Consumes the comma or line end after a field.
  private mutating func terminator() -> Terminator {
    guard index < bytes.count else { return .end }
    if bytes[index] == Self.comma {
      index += 1
      return .comma
    }
    index += bytes[index] == Self.carriageReturn ? 2 : 1
    return .lineEnd
  }

  private mutating func skipSpaces() {
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
  }
}
