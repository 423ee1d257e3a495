import _TerminalText

/// Curves of values against their index, such as training losses per epoch.
///
/// Each series has its own glyph (`*`, `+`, `o`, `x`, `#`, `@`, `%`, `&`, `=`, `$`, `~`, `^`), so
/// the curves stay distinct without colour; consecutive points are joined. A legend line per
/// series gives its final and best value with the index of the best:
///
/// ```
/// * lr=0.05   final 0.021   best 0.019 @ 180
/// + lr=1.0    final 0.398   best 0.398 @ 36    diverged @ 37
/// ```
///
/// A NaN or infinite value ends its series: the last finite point is marked `!` and the legend
/// says `diverged @ i`, where `i` is the index of the first non-finite value.
///
/// `width` is the width of the chart in characters, tick labels included; `height` is the number of
/// rows of the plotting area (the title, axis and legend lines come on top). Both are upper bounds:
/// on a linear axis the plot uses the largest size within them whose ticks fall on evenly spaced
/// rows and columns. The output ends without a newline, like every chart here.
public struct LineChart: Sendable {
  /// One curve: a label for the legend and one value per index.
  public struct Series: Equatable, Sendable {
    /// The name shown in the legend.
    public var label: String
    /// The values at indices 0, 1, 2, …
    public var values: [Double]

    /// Creates a series.
    public init(label: String, values: [Double]) {
      self.label = label
      self.values = values
    }
  }

  /// Which value of a series the legend calls best.
  public enum Goal: Equatable, Sendable {
    /// The smallest value is best (losses).
    case minimize
    /// The largest value is best (accuracies).
    case maximize
  }

  /// The glyphs of the series, in order.
  public static let glyphs: [Character] = [
    "*", "+", "o", "x", "#", "@", "%", "&", "=", "$", "~", "^",
  ]
  /// The mark at the last finite point of a series that diverged.
  public static let divergenceGlyph: Character = "!"

  /// The curves, drawn in order (later ones on top).
  public var series: [Series]
  /// A line centred above the chart.
  public var title: String?
  /// A line centred under the x axis, such as `"epoch"`.
  public var xLabel: String?
  /// The scale of the y axis.
  public var scale: Axis.Scale
  /// Which value the legend reports as best.
  public var goal: Goal
  /// The most characters across, tick labels included: 20 or more.
  public var width: Int
  /// The most rows of the plotting area: 5 or more.
  public var height: Int

  /// Creates a chart; nothing is checked until ``render(style:)``.
  public init(
    _ series: [Series], title: String? = nil, xLabel: String? = nil, scale: Axis.Scale = .linear,
    goal: Goal = .minimize, width: Int = 72, height: Int = 22
  ) {
    self.series = series
    self.title = title
    self.xLabel = xLabel
    self.scale = scale
    self.goal = goal
    self.width = width
    self.height = height
  }

  /// The chart as text.
  ///
  /// Throws when the size is below 20 × 5, there is no series or more than twelve, no series has a
  /// finite value, or a logarithmic chart has a value that is not positive.
  public func render(style: RenderStyle = .plain) throws(TextPlotError) -> String {
    try requireSize(width: width, height: height, minimumWidth: 20, minimumHeight: 5)
    guard !series.isEmpty else { throw .emptyInput("the list of series") }
    try require(
      series.count <= Self.glyphs.count, "the number of series", series.count,
      "at most \(Self.glyphs.count)")
    let summaries = series.map { SeriesSummary($0.values, goal: goal) }
    try checkLogarithmicValues(summaries)
    let finite = zip(series, summaries).flatMap { $0.values.prefix($1.finiteCount) }
    guard let low = finite.min(), let high = finite.max() else {
      throw .emptyInput("every series has no finite value, so the chart")
    }
    let yAxis = try Axis(
      covering: low, high, scale: scale, maximumTickCount: max(2, (height - 1) / 3 + 1))
    try requireSize(
      width: width, height: height, minimumWidth: yAxis.labelWidth + 12, minimumHeight: 5)
    let height = scale == .linear ? evenlyDivided(height, by: yAxis.ticks.count - 1) : height
    let longest = series.map(\.values.count).max() ?? 1
    let (xAxis, xLabels, plotWidth) = try horizontalAxis(
      lastIndex: max(longest - 1, 1), columns: width - yAxis.labelWidth - 2)

    let grid = drawCurves(
      summaries, columns: plotWidth, rows: height, xAxis: xAxis, yAxis: yAxis)

    var lines: [StyledLine] = []
    let margin = yAxis.labelWidth + 2
    if let title {
      lines.append(
        StyledLine(
          String(repeating: " ", count: margin) + centringIndent(of: title, within: plotWidth)
            + title))
    }
    lines += plotLines(grid, yAxis: yAxis)
    lines.append(axisLine(xAxis, columns: plotWidth, margin: margin))
    lines.append(StyledLine(String(repeating: " ", count: margin) + xLabels))
    if let xLabel {
      lines.append(
        StyledLine(
          String(repeating: " ", count: margin) + centringIndent(of: xLabel, within: plotWidth)
            + xLabel))
    }
    lines += legend(summaries)
    return lines.rendered(style)
  }

  /// The curves on a grid, each series' finite prefix joined point to point, later series on
  /// top, then a divergence mark at the last finite point of every series that diverged.
  private func drawCurves(
    _ summaries: [SeriesSummary], columns: Int, rows: Int, xAxis: Axis, yAxis: Axis
  ) -> Grid {
    var grid = Grid(columns: columns, rows: rows)
    func position(_ index: Int, _ value: Double) -> (column: Int, row: Int) {
      (
        Int((xAxis.fraction(of: Double(index)) * Double(columns - 1)).rounded()),
        Int(((1 - yAxis.fraction(of: value)) * Double(rows - 1)).rounded())
      )
    }
    for (number, (line, summary)) in zip(series, summaries).enumerated() {
      let points = line.values.prefix(summary.finiteCount).enumerated().map(position)
      let colour = Palette.seriesColour(number)
      for (start, end) in zip(points, points.dropFirst()) {
        grid.drawSegment(from: start, to: end, glyph: Self.glyphs[number], colour: colour)
      }
      if let only = points.first, points.count == 1 {
        grid.set(Self.glyphs[number], column: only.column, row: only.row, colour: colour)
      }
    }
    for (line, summary) in zip(series, summaries)
    where summary.divergedAt != nil && summary.finiteCount > 0 {
      let last = position(summary.finiteCount - 1, line.values[summary.finiteCount - 1])
      grid.set(Self.divergenceGlyph, column: last.column, row: last.row, colour: Palette.alarm)
    }
    return grid
  }

  private func checkLogarithmicValues(_ summaries: [SeriesSummary]) throws(TextPlotError) {
    guard scale == .logarithmic else { return }
    for (line, summary) in zip(series, summaries) {
      if let index = line.values.prefix(summary.finiteCount).firstIndex(where: { $0 <= 0 }) {
        throw .invalidArgument(
          name: "series \"\(line.label)\"",
          value: "\(NumberFormat.compact(line.values[index])) at index \(index)",
          expected: "positive on a logarithmic scale")
      }
    }
  }

  /// The x axis with as many ticks as fit in `columns`, the label line, and the number of columns
  /// used, so that ticks fall on evenly spaced columns.
  private func horizontalAxis(
    lastIndex: Int, columns: Int
  ) throws(TextPlotError) -> (Axis, String, Int) {
    var count = max(2, columns / 4)
    while true {
      let axis = try Axis(
        covering: 0, Double(lastIndex), maximumTickCount: count, minimumStep: 1)
      let used = evenlyDivided(columns, by: axis.ticks.count - 1)
      let tickColumns = axis.ticks.map {
        Int((axis.fraction(of: $0) * Double(used - 1)).rounded())
      }
      if let text = tickLabelLine(
        labels: axis.labels, columns: tickColumns, width: used + 2, minimumGap: 2)
      {
        return (axis, text, used)
      }
      if count == 2 { return (axis, axis.labels.joined(separator: " "), used) }
      count -= 1
    }
  }

  private func plotLines(_ grid: Grid, yAxis: Axis) -> [StyledLine] {
    var labels = [String?](repeating: nil, count: grid.rows)
    for (tick, label) in zip(yAxis.ticks, yAxis.labels) {
      let row = Int(((1 - yAxis.fraction(of: tick)) * Double(grid.rows - 1)).rounded())
      if row >= 0 && row < grid.rows { labels[row] = label }
    }
    return (0..<grid.rows).map { row in
      let label = labels[row] ?? ""
      var line = StyledLine(
        String(repeating: " ", count: yAxis.labelWidth - label.count) + label
          + (labels[row] == nil ? " |" : " +"))
      line.append(grid.line(row))
      return line
    }
  }

  private func axisLine(_ axis: Axis, columns: Int, margin: Int) -> StyledLine {
    var text = Array(repeating: Character("-"), count: columns)
    for tick in axis.ticks {
      let column = Int((axis.fraction(of: tick) * Double(columns - 1)).rounded())
      if column > 0 && column < columns { text[column] = "+" }
    }
    return StyledLine(String(repeating: " ", count: margin - 1) + "+" + String(text))
  }

  private func legend(_ summaries: [SeriesSummary]) -> [StyledLine] {
    let labelWidth = series.map(\.label.terminalColumns).max() ?? 0
    let finals = summaries.map { $0.final.map { NumberFormat.compact($0) } }
    let finalWidth = finals.map { $0?.count ?? 0 }.max() ?? 0
    let bests = summaries.map { summary in
      summary.best.map { "best \(NumberFormat.compact($0.value)) @ \($0.index)" }
    }
    let bestWidth = bests.map { $0?.count ?? 0 }.max() ?? 0
    return zip(series, summaries).enumerated().map { number, pair in
      let (line, summary) = pair
      var text = line.label.padded(toColumns: labelWidth)
      if let final = finals[number], let best = bests[number] {
        text += "   final " + final + String(repeating: " ", count: finalWidth - final.count)
        text += "   " + best + String(repeating: " ", count: bestWidth - best.count)
      } else {
        text += line.values.isEmpty ? "   no values" : "   no finite values"
      }
      if let index = summary.divergedAt { text += "   diverged @ \(index)" }
      var styled = StyledLine(String(Self.glyphs[number]), colour: Palette.seriesColour(number))
      styled.append(" " + text)
      return styled
    }
  }
}

/// What the legend says about one series.
private struct SeriesSummary {
  /// How many values precede the first non-finite one.
  var finiteCount: Int
  /// The index of the first non-finite value, if any.
  var divergedAt: Int?
  /// The last finite value.
  var final: Double?
  /// The best finite value and its index (the first one on ties).
  var best: (index: Int, value: Double)?

  init(_ values: [Double], goal: LineChart.Goal) {
    divergedAt = values.firstIndex { !$0.isFinite }
    finiteCount = divergedAt ?? values.count
    let finite = values.prefix(finiteCount)
    final = finite.last
    for (index, value) in finite.enumerated() {
      let isBetter =
        best.map { goal == .minimize ? value < $0.value : value > $0.value } ?? true
      if isBetter { best = (index, value) }
    }
  }
}
