import _TerminalText

/// Horizontal bars with labels and values, such as accuracies per fold.
///
/// ```
/// fold 1  |##############################################   0.912
/// fold 2  |#############################################    0.897
/// ```
///
/// Bars start at zero and share one scale, the largest magnitude filling the bar area; negative
/// values extend left of a zero line. `width` is the width of the whole chart in characters.
public struct BarChart: Sendable {
  /// One bar: its label and value.
  public struct Bar: Equatable, Sendable {
    /// The text left of the bar.
    public var label: String
    /// The length of the bar.
    public var value: Double
    /// The text right of the bar; the value with three significant digits when `nil`.
    public var valueText: String?

    /// Creates a bar.
    public init(label: String, value: Double, valueText: String? = nil) {
      self.label = label
      self.value = value
      self.valueText = valueText
    }
  }

  /// The glyph bars are drawn with.
  public static let barGlyph: Character = "#"

  /// The bars, top to bottom.
  public var bars: [Bar]
  /// A line above the chart.
  public var title: String?
  /// The width in characters: at least 20, and enough for the labels and values.
  public var width: Int

  /// Creates a chart; nothing is checked until ``render(style:)``.
  public init(_ bars: [Bar], title: String? = nil, width: Int = 64) {
    self.bars = bars
    self.title = title
    self.width = width
  }

  /// The chart as text. Throws when there are no bars, a value is not finite, or the width leaves
  /// fewer than 10 columns for the bars.
  public func render(style: RenderStyle = .plain) throws(TextPlotError) -> String {
    guard !bars.isEmpty else { throw .emptyInput("the list of bars") }
    for bar in bars {
      try require(bar.value.isFinite, "the value of \"\(bar.label)\"", bar.value, "finite")
    }
    let labelWidth = bars.map(\.label.terminalColumns).max() ?? 0
    let texts = bars.map { $0.valueText ?? NumberFormat.compact($0.value) }
    let textWidth = texts.map(\.count).max() ?? 0
    let area = width - labelWidth - textWidth - 5
    try requireSize(
      width: width, height: bars.count, minimumWidth: max(20, width - area + 10),
      minimumHeight: 1)
    let low = min(0, bars.map(\.value).min() ?? 0)
    let high = max(0, bars.map(\.value).max() ?? 0)
    let span = high - low
    let zero = span == 0 ? 0 : Int((-low / span * Double(area)).rounded())
    var lines: [StyledLine] = []
    if let title { lines.append(StyledLine(title)) }
    for (bar, text) in zip(bars, texts) {
      let length = span == 0 ? 0 : Int((bar.value.magnitude / span * Double(area)).rounded())
      let run = String(repeating: Self.barGlyph, count: length)
      var line = StyledLine(
        bar.label.padded(toColumns: labelWidth) + "  ")
      if bar.value < 0 {
        line.append(String(repeating: " ", count: zero - length))
        line.append(run, colour: Palette.bar)
        line.append("|")
      } else {
        line.append(String(repeating: " ", count: zero) + "|")
        line.append(run, colour: Palette.bar)
      }
      line.pad(to: labelWidth + 2 + area + 3)
      line.append(String(repeating: " ", count: textWidth - text.count) + text)
      lines.append(line)
    }
    return lines.rendered(style)
  }
}
