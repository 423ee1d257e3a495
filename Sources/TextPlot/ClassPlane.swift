/// The geometry shared by decision maps and scatter plots: a grid of cells one character wide and
/// one row tall, centred on evenly spaced sample locations from the lower to the upper bound of
/// each axis (so the corner cells sit on the corners of the range), framed by axes.
///
/// A character cell is about twice as tall as it is wide, so a row spans twice the data units of
/// a column: one unit covers the same distance on screen in x and in y (circles look round). The
/// grid is the largest that fits in `width × height` with that aspect, preferring counts that put
/// the ticks on evenly spaced cells; only when the ranges are so unequal that fewer than three rows
/// or columns would remain is squareness given up.
struct ClassPlane {
  let xAxis: Axis
  let yAxis: Axis
  let columns: Int
  let rows: Int
  let classNames: [String]
  let points: [LabelledPoint]
  /// The width of the y tick labels plus the axis: where the grid starts.
  let margin: Int

  init(
    classNames: [String], points: [LabelledPoint], xRange: ClosedRange<Double>?,
    yRange: ClosedRange<Double>?, width: Int, height: Int
  ) throws(TextPlotError) {
    try requireSize(width: width, height: height, minimumWidth: 20, minimumHeight: 5)
    guard !classNames.isEmpty else { throw .emptyInput("the list of class names") }
    try require(
      classNames.count <= ClassGlyphs.maximumClassCount, "the number of classes",
      classNames.count,
      "at most \(ClassGlyphs.maximumClassCount), one glyph each (a table or confusion matrix "
        + "shows more)")
    for (index, point) in points.enumerated() {
      try require(
        point.x.isFinite && point.y.isFinite, "point \(index)", "(\(point.x), \(point.y))",
        "finite")
      try require(
        point.classIndex >= 0 && point.classIndex < classNames.count,
        "the class of point \(index)", point.classIndex, "in 0...\(classNames.count - 1)")
    }
    if xRange == nil || yRange == nil, points.isEmpty {
      throw .emptyInput("the list of points, with no range given,")
    }
    let xBounds = try Self.range(xRange, covering: points.map(\.x))
    let yBounds = try Self.range(yRange, covering: points.map(\.y))
    for (name, bounds) in [("xRange", xBounds), ("yRange", yBounds)] {
      try require(
        bounds.lowerBound.isFinite && bounds.upperBound.isFinite
          && bounds.lowerBound < bounds.upperBound, name,
        "\(bounds.lowerBound)...\(bounds.upperBound)", "finite and not empty")
    }
    let labelWidth = max(
      try Axis(spanning: xBounds.lowerBound, xBounds.upperBound).labelWidth,
      try Axis(spanning: yBounds.lowerBound, yBounds.upperBound, maximumTickCount: 8).labelWidth)
    let maximumColumns = width - labelWidth - 2
    try requireSize(
      width: width, height: height, minimumWidth: labelWidth + 12, minimumHeight: 5)
    let yTicks = try Axis(
      spanning: yBounds.lowerBound, yBounds.upperBound,
      maximumTickCount: min(8, max(2, height / 3 + 1)))
    var xTicks = try Self.fittedXAxis(xBounds, columns: maximumColumns)
    let size = Self.squareSize(
      xSpan: xBounds.upperBound - xBounds.lowerBound,
      ySpan: yBounds.upperBound - yBounds.lowerBound,
      maximumColumns: maximumColumns, maximumRows: height,
      columnStep: Self.evenStep(xTicks), rowStep: Self.evenStep(yTicks))
    columns = size.columns
    rows = size.rows
    if Self.xLabelLine(xTicks, columns: columns) == nil {
      xTicks = try Self.fittedXAxis(xBounds, columns: columns)
    }
    xAxis = xTicks
    yAxis = yTicks
    margin = max(labelWidth, yAxis.labelWidth) + 2
    self.classNames = classNames
    self.points = points
  }

  /// `given`, or else the data range with a 5% margin each side, widened outward to nice values.
  private static func range(
    _ given: ClosedRange<Double>?, covering values: [Double]
  ) throws(TextPlotError) -> ClosedRange<Double> {
    if let given { return given }
    let low = values.min() ?? 0
    let high = values.max() ?? 0
    try require(
      (high - low).isFinite, "the data's range", "\(low)...\(high)",
      "narrower than the largest Double (standardize the features first)")
    // The bounds kept finite: data up to the largest doubles still plots.
    let margin = (high - low) * 0.05
    let largest = Double.greatestFiniteMagnitude
    let axis = try Axis(
      covering: max(-largest, low - margin), min(largest, high + margin), maximumTickCount: 8)
    return axis.lowerBound...axis.upperBound
  }

  /// The number of tick intervals when ticks sit at both ends of the axis (so cell counts that
  /// are a multiple of it plus one put every tick on a cell centre), else 1.
  private static func evenStep(_ axis: Axis) -> Int {
    guard let first = axis.ticks.first, let last = axis.ticks.last,
      first == axis.lowerBound, last == axis.upperBound, axis.ticks.count > 1
    else { return 1 }
    return axis.ticks.count - 1
  }

  /// The largest grid within the maximum size whose cells span twice the units down as across,
  /// with counts of the form `k × step + 1` where that keeps it within bounds.
  private static func squareSize(
    xSpan: Double, ySpan: Double, maximumColumns: Int, maximumRows: Int, columnStep: Int,
    rowStep: Int
  ) -> (columns: Int, rows: Int) {
    var rows = snapped(maximumRows, step: rowStep, maximum: maximumRows)
    var columns = gridPointCount(2 * Double(rows - 1) * xSpan / ySpan, atMost: maximumColumns)
    if columns > maximumColumns {
      columns = snapped(maximumColumns, step: columnStep, maximum: maximumColumns)
      rows = gridPointCount(Double(columns - 1) * ySpan / (2 * xSpan), atMost: maximumRows)
      rows = snapped(rows, step: rowStep, maximum: maximumRows)
    } else {
      columns = snapped(columns, step: columnStep, maximum: maximumColumns)
    }
    return (max(columns, 3), max(rows, 3))
  }

  /// `intervals` rounded, plus one: a count of grid points. Spans far apart (one axis 10¹⁷ times
  /// the other) ask for more than any grid holds, or for no finite number: those give
  /// `maximum + 1`, which the caller treats as too many.
  private static func gridPointCount(_ intervals: Double, atMost maximum: Int) -> Int {
    guard intervals.isFinite, intervals < Double(maximum) else { return maximum + 1 }
    return Int(max(0, intervals).rounded()) + 1
  }

  /// The count of the form `k × step + 1` nearest to `count` and at most `maximum`, or `count`
  /// itself when there is none of at least 3.
  private static func snapped(_ count: Int, step: Int, maximum: Int) -> Int {
    let below = (count - 1) / step * step + 1
    let above = below + step
    if above <= maximum && above - count < count - below { return above }
    return below >= 3 ? below : min(count, maximum)
  }

  private static func fittedXAxis(
    _ bounds: ClosedRange<Double>, columns: Int
  ) throws(TextPlotError) -> Axis {
    var count = max(2, columns / 4)
    while true {
      let axis = try Axis(
        spanning: bounds.lowerBound, bounds.upperBound, maximumTickCount: count)
      if count == 2 || xLabelLine(axis, columns: columns) != nil { return axis }
      count -= 1
    }
  }

  private static func xLabelLine(_ axis: Axis, columns: Int) -> String? {
    let tickColumns = axis.ticks.map { column(ofFraction: axis.fraction(of: $0), columns) }
    return tickLabelLine(labels: axis.labels, columns: tickColumns, width: columns + 2)
  }

  /// The cell whose centre is nearest to `fraction` of the way along `count` cells.
  private static func column(ofFraction fraction: Double, _ count: Int) -> Int {
    min(max(Int((fraction * Double(count - 1)).rounded()), 0), count - 1)
  }

  /// The cell containing `(x, y)`, or `nil` outside the plane. Cells are centred on the sample
  /// locations, so the plane reaches half a cell beyond the bounds.
  func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
    let across = xAxis.fraction(of: x) * Double(columns - 1)
    let down = (1 - yAxis.fraction(of: y)) * Double(rows - 1)
    guard across >= -0.5, across < Double(columns) - 0.5, down > -0.5,
      down <= Double(rows) - 0.5
    else { return nil }
    return (
      min(Int(across.rounded()), columns - 1), min(max(Int(down.rounded()), 0), rows - 1)
    )
  }

  /// The centres of all cells, row by row from the top, left to right.
  func cellCentres() -> [(x: Double, y: Double)] {
    let width = (xAxis.upperBound - xAxis.lowerBound) / Double(columns - 1)
    let height = (yAxis.upperBound - yAxis.lowerBound) / Double(rows - 1)
    var centres: [(x: Double, y: Double)] = []
    centres.reserveCapacity(columns * rows)
    for row in 0..<rows {
      let y = yAxis.upperBound - Double(row) * height
      for column in 0..<columns {
        centres.append((xAxis.lowerBound + Double(column) * width, y))
      }
    }
    return centres
  }

  /// Draws the points over `grid` in their fixed priority.
  func overlayPoints(on grid: inout Grid) {
    var claimed: [Int: Int] = [:]
    for point in points {
      guard let cell = cell(x: point.x, y: point.y) else { continue }
      let key = cell.row * columns + cell.column
      let priority = ClassGlyphs.priority(of: point)
      if let held = claimed[key], held >= priority { continue }
      claimed[key] = priority
      grid.set(
        ClassGlyphs.glyph(of: point), column: cell.column, row: cell.row,
        colour: ClassGlyphs.colour(of: point))
    }
  }

  /// How many points fall outside the plane.
  var outsideCount: Int { points.count { cell(x: $0.x, y: $0.y) == nil } }

  /// The title, the grid framed by both axes, and the x tick labels.
  func framed(_ grid: Grid, title: String?) -> [StyledLine] {
    let labelWidth = margin - 2
    var lines: [StyledLine] = []
    if let title {
      lines.append(
        StyledLine(
          String(repeating: " ", count: margin) + centringIndent(of: title, within: columns)
            + title))
    }
    var labels = [String?](repeating: nil, count: rows)
    for (tick, label) in zip(yAxis.ticks, yAxis.labels) {
      labels[Self.column(ofFraction: 1 - yAxis.fraction(of: tick), rows)] = label
    }
    for row in 0..<rows {
      let label = labels[row] ?? ""
      var line = StyledLine(
        String(repeating: " ", count: labelWidth - label.count) + label
          + (labels[row] == nil ? " |" : " +"))
      line.append(grid.line(row))
      lines.append(line)
    }
    var axis = Array(repeating: Character("-"), count: columns)
    for tick in xAxis.ticks {
      let column = Self.column(ofFraction: xAxis.fraction(of: tick), columns)
      if column > 0 { axis[column] = "+" }
    }
    lines.append(StyledLine(String(repeating: " ", count: margin - 1) + "+" + String(axis)))
    let tickLabels =
      Self.xLabelLine(xAxis, columns: columns) ?? xAxis.labels.joined(separator: " ")
    lines.append(StyledLine(String(repeating: " ", count: margin) + tickLabels))
    return lines
  }

  /// `"train 29/31 correct, test 15/16 correct"`, leaving out a set with no points.
  var countsLine: String? {
    var parts: [String] = []
    for (name, isTest) in [("train", false), ("test", true)] {
      let set = points.filter { $0.isTest == isTest }
      if !set.isEmpty {
        parts.append("\(name) \(set.count { $0.isCorrect })/\(set.count) correct")
      }
    }
    let outside = outsideCount
    if outside > 0 { parts.append("\(outside) outside the plotted range") }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }
}
