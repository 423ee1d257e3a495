import _TerminalText

/// How a chart is written: plain ASCII for stored outputs, or the same glyphs with ANSI colour.
///
/// Both styles share one geometry: removing the ANSI escape codes from `.ansi` output gives the
/// `.plain` output byte for byte, so colour never carries meaning on its own. In both styles the
/// lines are joined by `\n` and the text ends without a newline, so `print` adds exactly one.
public enum RenderStyle: Equatable, Sendable, CaseIterable {
  /// Printable ASCII (0x20...0x7E) and newlines only, no trailing spaces: the same input gives the
  /// same bytes forever, whatever the terminal or locale.
  case plain
  /// The plain glyphs wrapped in ANSI SGR colour codes, for live terminals.
  case ansi
}

/// An ANSI SGR parameter string such as `"1;31"`; `nil` means no colour.
typealias Colour = String

/// The colours used by every chart, so a class or series keeps its colour across charts.
enum Palette {
  /// Series colours, in the order series are given.
  static let series: [Colour] = ["36", "33", "35", "32", "34", "31", "96", "93"]
  /// Class colours, in class order.
  static let classes: [Colour] = ["34", "31", "32", "33", "35", "36", "94", "91"]
  /// The mark where a series diverged.
  static let alarm: Colour = "1;31"
  /// Bars of bar charts and histograms.
  static let bar: Colour = "36"

  static func seriesColour(_ index: Int) -> Colour { series[index % series.count] }
  static func classColour(_ index: Int) -> Colour { classes[index % classes.count] }
}

/// One line of output made of runs of text, each with an optional colour.
struct StyledLine {
  private var spans: [(text: String, colour: Colour?)] = []

  init() {}

  init(_ text: String, colour: Colour? = nil) {
    append(text, colour: colour)
  }

  /// Appends `text` with its control characters escaped, merging it with the previous run when
  /// the colour is the same. Spaces are never coloured, so trimming trailing spaces is the same
  /// in both styles.
  mutating func append(_ text: String, colour: Colour? = nil) {
    guard !text.isEmpty else { return }
    let text = text.escapingControlCharacters
    let colour = text.allSatisfy { $0 == " " } ? nil : colour
    if let last = spans.last, last.colour == colour {
      spans[spans.count - 1].text += text
    } else {
      spans.append((text, colour))
    }
  }

  mutating func append(_ other: StyledLine) {
    for span in other.spans { append(span.text, colour: span.colour) }
  }

  mutating func append(_ character: Character, colour: Colour? = nil) {
    append(String(character), colour: colour)
  }

  /// The number of terminal columns the line takes.
  var count: Int { spans.reduce(0) { $0 + $1.text.terminalColumns } }

  /// Pads with spaces to `width` characters.
  mutating func pad(to width: Int) {
    if count < width { append(String(repeating: " ", count: width - count)) }
  }

  /// The line with its trailing spaces removed, in `style`.
  func rendered(_ style: RenderStyle) -> String {
    var kept = spans
    while let last = kept.last {
      let trimmed = String(last.text.reversed().drop { $0 == " " }.reversed())
      if trimmed.isEmpty {
        kept.removeLast()
      } else {
        kept[kept.count - 1].text = trimmed
        break
      }
    }
    var output = ""
    for span in kept {
      if style == .ansi, let colour = span.colour {
        output += "\u{1B}[\(colour)m\(span.text)\u{1B}[0m"
      } else {
        output += span.text
      }
    }
    return output
  }
}

/// `left` followed by `right`.
func + (left: StyledLine, right: StyledLine) -> StyledLine {
  var line = left
  line.append(right)
  return line
}

extension [StyledLine] {
  /// The lines joined by newlines, without a trailing newline.
  func rendered(_ style: RenderStyle) -> String {
    map { $0.rendered(style) }.joined(separator: "\n")
  }
}

/// Spaces to centre `text` within `width` columns (none when it does not fit).
func centringIndent(of text: String, within width: Int) -> String {
  String(repeating: " ", count: max(0, (width - text.terminalColumns) / 2))
}
