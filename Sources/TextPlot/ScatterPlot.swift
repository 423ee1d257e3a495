import _TerminalText

/// A two-dimensional dataset drawn point by point, one letter per class.
///
/// Points use the glyphs of ``ClassGlyphs`` (train `o`/`x`/…, test `O`/`X`/…, misclassified
/// `@`/`#`/…) with the same priority and the same square-unit geometry as ``DecisionMap``, so a
/// dataset looks the same in both. A key under the plot names each class with its counts.
public struct ScatterPlot: Sendable {
  private let plane: ClassPlane
  /// A line centred above the plot.
  public var title: String?

  /// Lays out a plot of up to eight classes.
  ///
  /// `xRange` and `yRange` default to the points' range with a margin, widened to nice values.
  /// Throws for a size below 20 × 5, no points, no class names or more than eight, and a point that
  /// is not finite or whose class has no name.
  public init(
    points: [LabelledPoint], classNames: [String], xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, title: String? = nil, width: Int = 72, height: Int = 24
  ) throws(TextPlotError) {
    guard !points.isEmpty else { throw .emptyInput("the list of points") }
    plane = try ClassPlane(
      classNames: classNames, points: points, xRange: xRange, yRange: yRange, width: width,
      height: height)
    self.title = title
  }

  /// The plot as text.
  public func render(style: RenderStyle = .plain) -> String {
    var grid = Grid(columns: plane.columns, rows: plane.rows)
    plane.overlayPoints(on: &grid)
    var lines = plane.framed(grid, title: title)
    lines += key().map { StyledLine(String(repeating: " ", count: plane.margin)) + $0 }
    return lines.rendered(style)
  }

  private func key() -> [StyledLine] {
    let nameWidth = plane.classNames.map(\.terminalColumns).max() ?? 0
    var lines: [StyledLine] = plane.classNames.enumerated().map { index, name in
      let members = plane.points.filter { $0.classIndex == index }
      let train = members.count { !$0.isTest }
      let test = members.count - train
      let wrong = members.count { !$0.isCorrect }
      var line = StyledLine()
      var parts: [String] = []
      for (glyph, count, kind) in [
        (ClassGlyphs.train[index], train, "train"), (ClassGlyphs.test[index], test, "test"),
        (ClassGlyphs.misclassified[index], wrong, "misclassified"),
      ] where count > 0 || (kind == "train" && members.isEmpty) {
        parts.append("\(count) \(kind)")
        line.append(
          String(glyph),
          colour: ClassGlyphs.colour(
            of: .init(
              x: 0, y: 0, classIndex: index, isTest: kind == "test",
              isCorrect: kind != "misclassified")))
        line.append(" ")
      }
      line.pad(to: 6)
      line.append(name.padded(toColumns: nameWidth) + "   ")
      line.append(parts.joined(separator: ", "))
      return line
    }
    let outside = plane.outsideCount
    if outside > 0 { lines.append(StyledLine("\(outside) outside the plotted range")) }
    return lines
  }
}
