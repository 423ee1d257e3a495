import Testing

@testable import TextPlot

/// Extreme but valid input draws something or throws; it never traps or hangs.
@Suite struct RobustnessTests {
  static let awkwardSeries: [[Double]] = [
    [-1e308, 1e308], [.leastNonzeroMagnitude * 2000, .leastNonzeroMagnitude * 4000],
    [.leastNonzeroMagnitude], [1e15, 1e15 + 1], [0, 0, 0],
    [-.infinity], [.infinity, 1], [1e300, -1e300, .nan], [0.1, 0.2, 0.30000000000000004],
  ]

  @Test(arguments: awkwardSeries)
  func awkwardSeriesDrawOrThrow(values: [Double]) {
    for (width, height) in [(20, 5), (72, 22), (300, 80)] {
      for scale in [Axis.Scale.linear, .logarithmic] {
        let chart = LineChart(
          [.init(label: "s", values: values)], scale: scale, width: width, height: height)
        if let text = try? chart.render() {
          #expect(text.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
        }
      }
    }
  }

  @Test(arguments: awkwardSeries)
  func awkwardValuesInOtherChartsDrawOrThrow(values: [Double]) {
    for (width, height) in [(20, 5), (72, 22)] {
      _ = try? Histogram(values, binCount: height / 5, width: width).render()
      _ = try? BarChart(values.map { .init(label: "b", value: $0) }, width: width).render()
      let finite = values.filter(\.isFinite)
      let points = zip(finite, finite.reversed()).map {
        LabelledPoint(x: $0, y: $1, classIndex: 0)
      }
      _ = try? ScatterPlot(points: points, classNames: ["a"], width: width, height: height)
        .render()
      _ = try? DecisionMap(classNames: ["a"], points: points, width: width, height: height)
        .render { $0.map { _ in .init(classIndex: 0, confidence: 1) } }
    }
  }

  /// Square cells would need a grid 10³⁰ columns wide (or rows tall): the grid keeps to its
  /// maximum size instead.
  @Test(arguments: [(1e30, 1.0), (1.0, 1e30), (1e300, 1e-300), (1e-300, 1e300), (1e17, 1.0)])
  func axesOfVeryDifferentSpansStillDraw(xSpan: Double, ySpan: Double) throws {
    let points = [
      LabelledPoint(x: 0, y: 0, classIndex: 0), LabelledPoint(x: xSpan, y: ySpan, classIndex: 1),
    ]
    let scatter = try ScatterPlot(points: points, classNames: ["a", "b"], width: 72, height: 22)
      .render()
    #expect(scatter.contains("o") || scatter.contains("x"))
    _ = try DecisionMap(classNames: ["a", "b"], points: points, width: 72, height: 22)
      .render { $0.map { _ in .init(classIndex: 0, confidence: 1) } }
  }

  /// Data from −10³⁰⁸ to 10³⁰⁸ spans more than a double holds: the error says so, and what to do.
  @Test func dataWiderThanTheLargestDoubleIsRefusedWithAHint() throws {
    let points = [
      LabelledPoint(x: -1e308, y: 0, classIndex: 0), LabelledPoint(x: 1e308, y: 1, classIndex: 0),
    ]
    let error = try #require(throws: TextPlotError.self) {
      try ScatterPlot(points: points, classNames: ["a"]).render()
    }
    #expect(
      error.description
        == "the data's range must be narrower than the largest Double (standardize the features "
        + "first), got -1e+308...1e+308")
  }

  /// A logarithmic chart too short for three ticks, of a range that crosses 1 (whose ticks
  /// always include 10⁰), draws with the two around the range; it used to search for ever.
  @Test(arguments: [5, 6])
  func shortLogarithmicChartsAcrossOneDraw(height: Int) throws {
    for values in [[1.17, 0.5, 0.089], [2.7e300, 1, 0.35]] {
      let chart = LineChart(
        [.init(label: "loss", values: values)], scale: .logarithmic, width: 72, height: height)
      let text = try chart.render()
      #expect(text.contains("loss"))
    }
  }

  @Test func moreClassesThanGlyphsAreRefusedWithAHint() throws {
    let names = (0..<9).map { "c\($0)" }
    let error = try #require(throws: TextPlotError.self) {
      try ScatterPlot(points: [LabelledPoint(x: 0, y: 0, classIndex: 0)], classNames: names)
        .render()
    }
    #expect(
      error.description
        == "the number of classes must be at most 8, one glyph each (a table or confusion matrix "
        + "shows more), got 9")
  }

  @Test func identicalPointsGetAWidenedRange() throws {
    let points = Array(repeating: LabelledPoint(x: 3, y: 3, classIndex: 0), count: 4)
    let text = try ScatterPlot(points: points, classNames: ["a"], width: 20, height: 5).render()
    #expect(text.contains("o"))
  }

  @Test func pointsOnALineStillDraw() throws {
    let points = (0..<10).map { LabelledPoint(x: Double($0), y: 1e-9 * Double($0), classIndex: 0) }
    let text = try ScatterPlot(points: points, classNames: ["a"]).render()
    #expect(text.contains("o"))
  }

  @Test func framesFitTheirWidth() throws {
    for fixture in Fixtures.all where !fixture.name.hasPrefix("table") {
      let lines = try fixture.render(.plain).split(separator: "\n")
      let widest = lines.map(\.count).max() ?? 0
      #expect(widest <= 72, "\(fixture.name) is \(widest) wide")
    }
  }
}
