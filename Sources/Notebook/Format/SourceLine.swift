/// One line of a file: byte offsets of its start, of the end of its content, and of its end after the
/// line ending.
///
/// A line ends at `\n` or `\r\n`; the last line may have no ending. A lone `\r` is content, so every
/// byte of the file belongs to exactly one line and the lines put back together give the file.
struct SourceLine: Equatable, Sendable {
  /// The offset of the line's first byte.
  var start: Int
  /// The offset just past the content, before the line ending.
  var contentEnd: Int
  /// The offset just past the line ending (equal to `contentEnd` for a last line without one).
  var end: Int

  /// Whether the line has a line ending.
  var isTerminated: Bool { end > contentEnd }

  /// Splits `bytes[range]` into lines.
  static func split(_ bytes: [UInt8], in range: Range<Int>) -> [SourceLine] {
    var lines: [SourceLine] = []
    var start = range.lowerBound
    var offset = range.lowerBound
    while offset < range.upperBound {
      if bytes[offset] == UInt8(ascii: "\n") {
        let hasCarriageReturn = offset > start && bytes[offset - 1] == UInt8(ascii: "\r")
        let contentEnd = hasCarriageReturn ? offset - 1 : offset
        lines.append(SourceLine(start: start, contentEnd: contentEnd, end: offset + 1))
        start = offset + 1
      }
      offset += 1
    }
    if start < range.upperBound {
      lines.append(SourceLine(start: start, contentEnd: range.upperBound, end: range.upperBound))
    }
    return lines
  }

  /// Splits all of `bytes` into lines.
  static func split(_ bytes: [UInt8]) -> [SourceLine] {
    split(bytes, in: 0..<bytes.count)
  }

  /// The line's content, without its line ending.
  func content(of bytes: [UInt8]) -> ArraySlice<UInt8> {
    bytes[start..<contentEnd]
  }

  /// The line's ending: `\n`, `\r\n`, or nothing.
  func ending(of bytes: [UInt8]) -> ArraySlice<UInt8> {
    bytes[contentEnd..<end]
  }

  /// Whether the line holds nothing but spaces and tabs, CommonMark's blank line.
  func isBlank(in bytes: [UInt8]) -> Bool {
    content(of: bytes).allSatisfy(isSpaceOrTab)
  }
}

/// Whether `byte` is a space or a tab.
func isSpaceOrTab(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}

/// The number of line feeds in `bytes`, which is the number of line endings.
func lineFeedCount<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
  var count = 0
  for byte in bytes where byte == UInt8(ascii: "\n") {
    count += 1
  }
  return count
}

/// UTF-8 validation that says where the first bad sequence starts, which `String(validating:)` does
/// not.
enum UTF8Validation {
  /// The offset of the first byte of the first ill-formed sequence in `bytes[range]`, or `nil` when
  /// it is all well-formed UTF-8 (no overlong forms, surrogates, or scalars past U+10FFFF).
  static func firstInvalidOffset(in bytes: [UInt8], range: Range<Int>) -> Int? {
    var offset = range.lowerBound
    while offset < range.upperBound {
      let lead = bytes[offset]
      if lead < 0x80 {
        offset += 1
        continue
      }
      guard let (length, secondRange) = sequenceShape(lead: lead),
        offset + length <= range.upperBound,
        secondRange.contains(bytes[offset + 1]),
        bytes[offset + 2..<offset + length].allSatisfy({ 0x80...0xBF ~= $0 })
      else { return offset }
      offset += length
    }
    return nil
  }

  /// The length of the sequence a lead byte starts, and the range its second byte must fall in.
  private static func sequenceShape(lead: UInt8) -> (Int, ClosedRange<UInt8>)? {
    switch lead {
    case 0xC2...0xDF: (2, 0x80...0xBF)
    case 0xE0: (3, 0xA0...0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
    case 0xED: (3, 0x80...0x9F)
    case 0xF0: (4, 0x90...0xBF)
    case 0xF1...0xF3: (4, 0x80...0xBF)
    case 0xF4: (4, 0x80...0x8F)
    default: nil
    }
  }
}
