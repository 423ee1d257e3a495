import Testing

@testable import TextPlot

/// Bad sizes and bad input throw a typed error with a lowercase message, never trap.
@Suite struct ErrorTests {
  @Test func sizeTooSmallForALineChart() {
    let chart = LineChart([.init(label: "a", values: [1, 2])], width: 19, height: 10)
    #expect(
      throws: TextPlotError.sizeTooSmall(width: 19, height: 10, minimumWidth: 20, minimumHeight: 5)
    ) {
      try chart.render()
    }
    #expect(throws: TextPlotError.self) {
      try LineChart([.init(label: "a", values: [1, 2])], width: 40, height: 4).render()
    }
  }

  @Test func sizeTooSmallForAMap() {
    #expect(throws: TextPlotError.self) {
      try DecisionMap(classNames: ["a"], xRange: 0...1, yRange: 0...1, width: 12, height: 12)
    }
  }

  @Test func messagesAreLowercaseAndNameTheValue() {
    let error = TextPlotError.sizeTooSmall(width: 10, height: 3, minimumWidth: 20, minimumHeight: 5)
    #expect(error.description == "size 10x3 is too small to draw: need at least 20x5")
  }

  @Test func emptyInputsThrow() {
    #expect(throws: TextPlotError.emptyInput("the list of series")) { try LineChart([]).render() }
    #expect(throws: TextPlotError.self) { try BarChart([]).render() }
    #expect(throws: TextPlotError.self) { try Histogram([]).render() }
    #expect(throws: TextPlotError.self) { try Histogram([.nan]).render() }
    #expect(throws: TextPlotError.self) { try ScatterPlot(points: [], classNames: ["a"]) }
    #expect(throws: TextPlotError.self) { try Table(columns: [], rows: []).render() }
  }

  @Test func onlyNonFiniteSeriesThrow() {
    #expect(throws: TextPlotError.self) {
      try LineChart([.init(label: "a", values: [.nan, .infinity])]).render()
    }
  }

  @Test func logarithmicScaleRejectsNonPositiveValues() {
    let chart = LineChart([.init(label: "mse", values: [1, 0.5, 0])], scale: .logarithmic)
    #expect(
      throws: TextPlotError.invalidArgument(
        name: "series \"mse\"", value: "0 at index 2", expected: "positive on a logarithmic scale")
    ) { try chart.render() }
  }

  @Test func wrongCountsThrow() throws {
    let map = try DecisionMap(
      classNames: ["a", "b"], xRange: 0...1, yRange: 0...1, width: 20, height: 5)
    #expect(throws: TextPlotError.self) { try map.render(predictions: []) }
    #expect(throws: TextPlotError.self) {
      try map.render { $0.map { _ in ClassPrediction(classIndex: 2, confidence: 1) } }
    }
    #expect(throws: TextPlotError.self) {
      try Table(columns: ["a", "b"], rows: [["1"]]).render()
    }
    #expect(throws: TextPlotError.self) {
      try Table.confusionMatrix(counts: [1, 2, 3], classNames: ["a", "b"])
    }
  }

  @Test func tooManyClassesOrBadPointsThrow() {
    #expect(throws: TextPlotError.self) {
      try DecisionMap(
        classNames: (0..<9).map { "c\($0)" }, xRange: 0...1, yRange: 0...1)
    }
    #expect(throws: TextPlotError.self) {
      try ScatterPlot(points: [LabelledPoint(x: .nan, y: 0, classIndex: 0)], classNames: ["a"])
    }
    #expect(throws: TextPlotError.self) {
      try ScatterPlot(points: [LabelledPoint(x: 0, y: 0, classIndex: 1)], classNames: ["a"])
    }
  }

  @Test func nonFiniteBarThrows() {
    #expect(throws: TextPlotError.self) {
      try BarChart([.init(label: "a", value: .nan)]).render()
    }
  }
}
