import TextPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The charts the golden, ASCII and colour tests share, by golden-file name.
enum Fixtures {
  static func lossCurve(start: Double, floor: Double, epochs: Int, decay: Double) -> [Double] {
    (0..<epochs).map { floor + (start - floor) * exp(-Double($0) / decay) }
  }

  static let threeSeries = LineChart(
    [
      .init(
        label: "lr=0.01", values: lossCurve(start: 0.693, floor: 0.0137, epochs: 200, decay: 60)),
      .init(label: "lr=0.1", values: lossCurve(start: 0.693, floor: 0.05, epochs: 200, decay: 12)),
      .init(
        label: "lr=3.0",
        values: (0..<60).map { $0 < 37 ? 0.693 + 0.0004 * Double($0 * $0) : .nan }),
    ], title: "training loss", xLabel: "epoch")

  static let logScale = LineChart(
    [
      .init(label: "train", values: lossCurve(start: 0.7, floor: 0.0001, epochs: 300, decay: 30)),
      .init(label: "test", values: lossCurve(start: 0.7, floor: 0.02, epochs: 300, decay: 40)),
    ], title: "loss (log scale)", xLabel: "epoch", scale: .logarithmic)

  static let singlePoint = LineChart([.init(label: "only", values: [0.42])], title: "one point")

  static let constant = LineChart(
    [.init(label: "flat", values: Array(repeating: 0.25, count: 50))], title: "constant series",
    width: 48, height: 10)

  static let allNaN = LineChart(
    [
      .init(label: "fine", values: lossCurve(start: 1, floor: 0.1, epochs: 40, decay: 8)),
      .init(label: "broken", values: [.nan, .nan, .nan]),
    ], title: "an all-NaN series", width: 56, height: 12)

  static let smallest = LineChart(
    [.init(label: "loss", values: lossCurve(start: 0.7, floor: 0.1, epochs: 30, decay: 5))],
    width: 20, height: 5)

  static let hugeValues = LineChart(
    [.init(label: "count", values: (0...30).map { 1_000_000 * Double($0 * $0) / 900 })],
    title: "huge values", width: 56, height: 12)

  static let tinyValues = LineChart(
    [.init(label: "step", values: (0...30).map { 1e-6 * (1 + sin(Double($0) / 5)) })],
    title: "tiny values", width: 56, height: 12)

  static let negativeRange = LineChart(
    [
      .init(label: "a", values: (0...40).map { -3.2 + 11.1 * Double($0) / 40 }),
      .init(label: "b", values: (0...40).map { 4 * sin(Double($0) / 6) }),
    ], title: "negative range", goal: .maximize, width: 60, height: 13)

  /// Two rings around the origin: class 0 inside, class 1 outside, every third point a test
  /// point, and a few points on the wrong side of the boundary.
  static let rings: [LabelledPoint] = (0..<48).map { index in
    let angle = Double(index) * 2.4
    let isInner = index % 2 == 0
    let radius = (isInner ? 0.45 : 1.05) + 0.18 * sin(Double(index) * 7.3)
    let wrong = [7, 20, 33].contains(index)
    let shown = wrong ? (isInner ? 0.95 : 0.5) : radius
    return LabelledPoint(
      x: shown * cos(angle), y: shown * sin(angle), classIndex: isInner ? 0 : 1,
      isTest: index % 3 == 0, isCorrect: !wrong)
  }

  /// A classifier of `rings`: the outer class beyond radius 0.75, surer further from it.
  static func ringModel(_ centres: [(x: Double, y: Double)]) -> [ClassPrediction] {
    centres.map { centre in
      let radius = (centre.x * centre.x + centre.y * centre.y).squareRoot()
      let outer = 1 / (1 + exp(-10 * (radius - 0.75)))
      return outer >= 0.5
        ? ClassPrediction(classIndex: 1, confidence: outer)
        : ClassPrediction(classIndex: 0, confidence: 1 - outer)
    }
  }

  static func twoClassMap() throws -> DecisionMap {
    try DecisionMap(classNames: ["inner", "outer"], points: rings, title: "rings: 2-8-1 tanh")
  }

  static func oneClassMap() throws -> DecisionMap {
    try DecisionMap(
      classNames: ["only"],
      points: [
        LabelledPoint(x: 0.2, y: 0.3, classIndex: 0), LabelledPoint(x: 1.4, y: -0.6, classIndex: 0),
        LabelledPoint(x: -0.9, y: 0.8, classIndex: 0, isTest: true),
      ], title: "one class", width: 48, height: 12)
  }

  /// Eight blobs on a circle, one per class, with one misclassified point per class.
  static let eightBlobs: [LabelledPoint] = (0..<8).flatMap { label in
    let angle = Double(label) * 2 * Double.pi / 8
    return (0..<5).map { index in
      let offset = Double(index) * 1.3
      return LabelledPoint(
        x: 3 * cos(angle) + 0.5 * cos(offset * 2.1), y: 3 * sin(angle) + 0.5 * sin(offset * 3.7),
        classIndex: label, isTest: index == 1, isCorrect: index != 4)
    }
  }

  static let eightNames = [
    "east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east",
  ]

  static func eightClassMap() throws -> DecisionMap {
    try DecisionMap(classNames: eightNames, points: eightBlobs, title: "eight classes")
  }

  /// The nearest blob centre, surer when one centre is much nearer than the second.
  static func blobModel(_ centres: [(x: Double, y: Double)]) -> [ClassPrediction] {
    centres.map { centre in
      let scores = (0..<8).map { label -> Double in
        let angle = Double(label) * 2 * Double.pi / 8
        let dx = centre.x - 3 * cos(angle)
        let dy = centre.y - 3 * sin(angle)
        return exp(-(dx * dx + dy * dy))
      }
      let total = scores.reduce(0, +)
      let best = scores.indices.max { scores[$0] < scores[$1] } ?? 0
      return ClassPrediction(classIndex: best, confidence: scores[best] / total)
    }
  }

  static func scatter() throws -> ScatterPlot {
    let points = (0..<45).map { index in
      let label = index % 3
      let t = Double(index) / 45 * 4
      return LabelledPoint(
        x: t * cos(t + Double(label) * 2.1) * 1000, y: t * sin(t + Double(label) * 2.1) * 1000,
        classIndex: label, isTest: index % 5 == 0)
    }
    return try ScatterPlot(
      points: points, classNames: ["arm 0", "arm 1", "arm 2"], title: "spiral (x1000)")
  }

  static let modelSummary = Table(
    columns: ["layer", "shape", "activation", "parameters"],
    rows: [
      ["dense 1", "2 -> 16", "relu", "48"], ["dense 2", "16 -> 16", "relu", "272"],
      ["dense 3", "16 -> 1", "sigmoid", "17"], ["total", "", "", "337"],
    ], title: "model 2-16-16-1")

  static let sweep = Table(
    columns: ["learning rate", "epochs", "final loss", "test accuracy", "note"],
    rows: [
      [
        "0.001", "1000", NumberFormat.fixed(0.41234, decimals: 4), NumberFormat.percent(0.8125), "",
      ],
      [
        "0.01", "1000", NumberFormat.fixed(0.0914, decimals: 4), NumberFormat.percent(0.96), "best",
      ],
      ["1", "37", "nan", "-", "diverged @ 37"],
    ])

  static func confusion() throws -> Table {
    try Table.confusionMatrix(
      counts: [23, 1, 0, 2, 21, 3, 0, 4, 46], classNames: ["setosa", "versicolor", "virginica"],
      title: "confusion matrix (test)")
  }

  static let folds = BarChart(
    [0.912, 0.897, 0.934, 0.881, 0.925].enumerated().map {
      BarChart.Bar(label: "fold \($0 + 1)", value: $1)
    }, title: "accuracy per fold")

  static let signedBars = BarChart(
    [("bias", -0.42), ("w1", 1.37), ("w2", -2.05), ("w3", 0.08)].map {
      BarChart.Bar(label: $0, value: $1)
    }, title: "weights of unit 3", width: 52)

  static let histogram = Histogram(
    (0..<200).map { index in
      let u = Double(index) / 200
      return 0.3 * sin(u * 37) + 0.25 * cos(u * 91) + 0.1 * u
    } + [.nan], binCount: 10, title: "weight distribution")

  /// Every fixture by golden name, rendered in a style.
  static let all: [(name: String, render: @Sendable (RenderStyle) throws -> String)] = [
    ("line-three-series", { try threeSeries.render(style: $0) }),
    ("line-log-scale", { try logScale.render(style: $0) }),
    ("line-single-point", { try singlePoint.render(style: $0) }),
    ("line-constant", { try constant.render(style: $0) }),
    ("line-all-nan", { try allNaN.render(style: $0) }),
    ("line-smallest-size", { try smallest.render(style: $0) }),
    ("line-huge-values", { try hugeValues.render(style: $0) }),
    ("line-tiny-values", { try tinyValues.render(style: $0) }),
    ("line-negative-range", { try negativeRange.render(style: $0) }),
    ("map-two-classes", { try twoClassMap().render(style: $0, predict: ringModel) }),
    (
      "map-one-class",
      {
        try oneClassMap().render(style: $0) { $0.map { _ in .init(classIndex: 0, confidence: 1) } }
      }
    ),
    ("map-eight-classes", { try eightClassMap().render(style: $0, predict: blobModel) }),
    ("scatter-three-classes", { try scatter().render(style: $0) }),
    ("table-model-summary", { try modelSummary.render(style: $0) }),
    ("table-sweep", { try sweep.render(style: $0) }),
    ("table-confusion-matrix", { try confusion().render(style: $0) }),
    ("bar-folds", { try folds.render(style: $0) }),
    ("bar-signed", { try signedBars.render(style: $0) }),
    ("histogram", { try histogram.render(style: $0) }),
  ]
}
