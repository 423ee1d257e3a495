/// How text from the user (titles, labels, class names, table cells, a source line under a
/// diagnostic's caret) takes its place on a terminal line; shared by `TextPlot` and
/// `CellLanguage`, which know nothing of each other.
///
/// A terminal gives an East Asian wide character or an emoji two columns and a combining mark
/// none, so padding by `count` would misalign a table with `名前` or `😀` in it. Control
/// characters are written as escapes: a label can neither break a line nor send the terminal a
/// command (a CSV field holding `ESC [2J`).
extension String {
  /// The text with each control character written as an escape: `\n`, `\t`, `\r`, or `\u{1B}`;
  /// so are the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
  /// U+2066–U+2069), which would reorder the rest of a table's row.
  public var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: \.isControl) else { return self }
    var escaped = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      case "\r": escaped += "\\r"
      case _ where scalar.isControl:
        escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// The columns a terminal gives the text once its control characters are escaped.
  public var terminalColumns: Int {
    if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return utf8.count }
    return escapingControlCharacters.reduce(0) { $0 + $1.terminalColumns }
  }

  /// The text followed (or, aligning right, preceded) by the spaces that make it `columns` wide.
  public func padded(toColumns columns: Int, alignedRight: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, columns - terminalColumns))
    return alignedRight ? padding + self : self + padding
  }
}

extension Character {
  /// Two columns for a wide character or an emoji, none for a mark or format character on its
  /// own (a combining accent, a zero-width space), one otherwise.
  fileprivate var terminalColumns: Int {
    guard let first = unicodeScalars.first else { return 0 }
    let properties = first.properties
    if first.isWide || properties.isEmojiPresentation
      || (properties.isEmoji && unicodeScalars.contains("\u{FE0F}"))
    {
      return 2
    }
    switch properties.generalCategory {
    case .format where first == "\u{AD}": return 1  // a soft hyphen, which terminals draw
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: return 1
    }
  }
}

extension Unicode.Scalar {
  /// A C0 or C1 control character, DEL, or a bidirectional embedding, override or isolate.
  fileprivate var isControl: Bool {
    value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
      || (0x2066...0x2069).contains(value)
  }

  /// East Asian Wide or Fullwidth (Unicode's `EastAsianWidth.txt`, W and F): Hangul, CJK
  /// ideographs and punctuation, kana, fullwidth forms.
  fileprivate var isWide: Bool {
    Self.wideRanges.contains { $0.contains(value) }
  }

  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1B000...0x1B2FF,
    0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]
}
