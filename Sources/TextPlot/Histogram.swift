/// The distribution of values as counts in bins with nice edges, drawn as horizontal bars.
///
/// ```
/// -0.4 .. -0.2  |######                 6
/// -0.2 .. 0.0   |##################    18
///  0.0 .. 0.2   |#################     17
/// ```
///
/// Bin edges are multiples of a 1-2-5 step (the same rule as ``Axis``), chosen to give at most
/// `binCount` bins; each bin holds values from its lower edge up to, not including, its upper edge,
/// except the last, which also holds its upper edge. Non-finite values are counted on a line of
/// their own, never binned.
public struct Histogram: Sendable {
  /// The values to bin.
  public var values: [Double]
  /// The most bins to use.
  public var binCount: Int
  /// A line above the histogram.
  public var title: String?
  /// The width in characters.
  public var width: Int

  /// Creates a histogram; nothing is checked until ``render(style:)``.
  public init(_ values: [Double], binCount: Int = 10, title: String? = nil, width: Int = 64) {
    self.values = values
    self.binCount = binCount
    self.title = title
    self.width = width
  }

  /// The bins' edges and counts, lowest first. Throws when there is no finite value or
  /// `binCount` is below 1.
  public func bins() throws(TextPlotError) -> [(lower: Double, upper: Double, count: Int)] {
    let (axis, counts) = try binned()
    return counts.indices.map { (axis.ticks[$0], axis.ticks[$0 + 1], counts[$0]) }
  }

  /// The axis whose ticks are the bin edges, and the count of each bin.
  private func binned() throws(TextPlotError) -> (edges: Axis, counts: [Int]) {
    try require(binCount >= 1, "binCount", binCount, "at least 1")
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else {
      throw .emptyInput(values.isEmpty ? "the list of values" : "the list of finite values")
    }
    let axis = try Axis(covering: low, high, maximumTickCount: binCount + 1)
    var counts = Array(repeating: 0, count: axis.ticks.count - 1)
    for value in finite {
      let index = axis.ticks.lastIndex { $0 <= value } ?? 0
      counts[min(index, counts.count - 1)] += 1
    }
    return (axis, counts)
  }

  /// The histogram as text, one bar per bin labelled with its edges. Throws when there is no
  /// finite value, `binCount` is below 1, or the width is too small.
  public func render(style: RenderStyle = .plain) throws(TextPlotError) -> String {
    let (edgeAxis, counts) = try binned()
    let lowerWidth = edgeAxis.labels.dropLast().map(\.count).max() ?? 0
    let labels = zip(edgeAxis.labels, edgeAxis.labels.dropFirst()).map { lower, upper in
      String(repeating: " ", count: lowerWidth - lower.count) + lower + " .. " + upper
    }
    let chart = BarChart(
      zip(labels, counts).map {
        BarChart.Bar(label: $0, value: Double($1), valueText: "\($1)")
      },
      title: title, width: width)
    var text = try chart.render(style: style)
    let skipped = values.count { !$0.isFinite }
    if skipped > 0 { text += "\n\(skipped) non-finite value\(skipped == 1 ? "" : "s") not shown" }
    return text
  }
}
