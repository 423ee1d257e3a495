import _TerminalText

/// The decision regions of a classifier over a rectangle of the plane, with the data on top.
///
/// The plane is cut into cells (see the geometry below); each cell shows the class the model
/// predicts at its centre, with a light glyph where it is fairly sure and a dense one where it is
/// sure, and a blank where it is unsure, so class boundaries show as gutters. Data points are
/// overlaid as letters (``ClassGlyphs``), and a key and a line of counts follow the map:
///
/// ```
///  1.5 +::::::::::::::::::        ---------
///      |::::::::::::o:::::::    -----x-----
///  ...
///      . :  class 0   o train  O test  @ misclassified
///      - =  class 1   x train  X test  # misclassified
///      confidence: blank < 0.6 <= light < 0.9 <= dense
///      train 29/31 correct, test 15/16 correct
/// ```
///
/// Geometry: one character column spans half the data units of one row, because a terminal
/// character is about twice as tall as wide; so the map is the largest grid within `width ×
/// height` (tick labels included in `width`) on which one unit measures the same in x and y. Cells
/// are centred on evenly spaced locations from the lower to the upper bound of each range, corners
/// included. The plotted range defaults to the points' range plus 5% each side, widened to nice
/// values. The output ends without a newline.
///
/// The model is evaluated in one batch: ask ``cellCentres()`` for every location, predict them
/// all, and pass the predictions to ``render(predictions:style:)`` in the same order; or let
/// ``render(style:predict:)`` do both.
public struct DecisionMap: Sendable {
  private let plane: ClassPlane
  /// A line centred above the map.
  public var title: String?
  /// Predictions less confident than this are left blank: the gutter between regions.
  public var unsureBelow: Double
  /// Predictions at least this confident get the dense glyph of their class.
  public var confidentFrom: Double

  /// Lays out a map of up to eight classes with `points` on it.
  ///
  /// `xRange` and `yRange` default to the points' range with a margin, widened to nice values;
  /// points outside a given range are counted but not drawn. Throws for a size below 20 × 5, no
  /// class names or more than eight, a point that is not finite or whose class has no name, and
  /// no points when a range is not given.
  public init(
    classNames: [String], points: [LabelledPoint] = [], xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, title: String? = nil, unsureBelow: Double = 0.6,
    confidentFrom: Double = 0.9, width: Int = 72, height: Int = 24
  ) throws(TextPlotError) {
    plane = try ClassPlane(
      classNames: classNames, points: points, xRange: xRange, yRange: yRange, width: width,
      height: height)
    self.title = title
    self.unsureBelow = unsureBelow
    self.confidentFrom = confidentFrom
  }

  /// The number of cells across.
  public var columns: Int { plane.columns }
  /// The number of cells down.
  public var rows: Int { plane.rows }
  /// The plotted range of x.
  public var xRange: ClosedRange<Double> { plane.xAxis.lowerBound...plane.xAxis.upperBound }
  /// The plotted range of y.
  public var yRange: ClosedRange<Double> { plane.yAxis.lowerBound...plane.yAxis.upperBound }

  /// The centre of every cell, row by row from the top, left to right: `columns × rows` locations
  /// to predict in one batch.
  public func cellCentres() -> [(x: Double, y: Double)] {
    plane.cellCentres()
  }

  /// The map, given one prediction per cell in the order of ``cellCentres()``.
  ///
  /// Throws when the number of predictions differs from the number of cells, or a prediction
  /// names a class with no name. A non-finite confidence counts as unsure.
  public func render(
    predictions: [ClassPrediction], style: RenderStyle = .plain
  ) throws(TextPlotError) -> String {
    guard predictions.count == columns * rows else {
      throw .countMismatch(
        "expected \(columns * rows) predictions (\(columns)x\(rows) cells), got \(predictions.count)"
      )
    }
    var grid = Grid(columns: columns, rows: rows)
    for (index, prediction) in predictions.enumerated() {
      try require(
        prediction.classIndex >= 0 && prediction.classIndex < plane.classNames.count,
        "the class of prediction \(index)", prediction.classIndex,
        "in 0...\(plane.classNames.count - 1)")
      if let glyph = regionGlyph(prediction) {
        grid.set(
          glyph, column: index % columns, row: index / columns,
          colour: regionColour(prediction))
      }
    }
    plane.overlayPoints(on: &grid)
    var lines = plane.framed(grid, title: title)
    lines += key().map { StyledLine(String(repeating: " ", count: plane.margin)) + $0 }
    return lines.rendered(style)
  }

  /// The map, calling `predict` once with all of ``cellCentres()``.
  public func render(
    style: RenderStyle = .plain, predict: ([(x: Double, y: Double)]) -> [ClassPrediction]
  ) throws(TextPlotError) -> String {
    try render(predictions: predict(cellCentres()), style: style)
  }

  private func regionGlyph(_ prediction: ClassPrediction) -> Character? {
    guard prediction.confidence.isFinite, prediction.confidence >= unsureBelow else { return nil }
    let pair = ClassGlyphs.regions[prediction.classIndex]
    return prediction.confidence >= confidentFrom ? pair.dense : pair.light
  }

  private func regionColour(_ prediction: ClassPrediction) -> Colour {
    (prediction.confidence >= confidentFrom ? "" : "2;")
      + Palette.classColour(prediction.classIndex)
  }

  private func key() -> [StyledLine] {
    let nameWidth = plane.classNames.map(\.terminalColumns).max() ?? 0
    var lines: [StyledLine] = plane.classNames.enumerated().map { index, name in
      let colour = Palette.classColour(index)
      let pair = ClassGlyphs.regions[index]
      var line = StyledLine(String(pair.light), colour: "2;" + colour)
      line.append(" ")
      line.append(String(pair.dense), colour: colour)
      line.append("  " + name.padded(toColumns: nameWidth) + "   ")
      for (glyph, kind) in [
        (ClassGlyphs.train[index], "train"), (ClassGlyphs.test[index], "test"),
        (ClassGlyphs.misclassified[index], "misclassified"),
      ] {
        line.append(String(glyph), colour: "1;" + colour)
        line.append(" \(kind)  ")
      }
      return line
    }
    lines.append(
      StyledLine(
        "confidence: blank < \(NumberFormat.compact(unsureBelow)) <= light < "
          + "\(NumberFormat.compact(confidentFrom)) <= dense"))
    if let counts = plane.countsLine { lines.append(StyledLine(counts)) }
    return lines
  }
}
