import CellLanguage
import NeuralNet
import TextPlot

extension NotebookBuiltins {
  static var plotBuiltins: [Builtin] { [plotData, plotBoundary, plotLoss, table] }

  /// Chart sizes a cell may ask for.
  static let widthRange = 20...400
  static let heightRange = 5...200

  static var plotData: Builtin {
    Builtin(
      "plot_data", summary: "A scatter plot of a 2-D dataset, one letter per class.",
      parameters: [
        Parameter("data", positional: true, required: true), Parameter("title"),
        Parameter("width"), Parameter("height"),
      ]
    ) { arguments, context in
      let data = try arguments.dataset("data")
      try requireTwoFeatures(data, label: "data")
      let title = arguments.has("title") ? try arguments.string("title") : nil
      let points = labelledPoints(data, isTest: false, predictions: nil)
      return try chart(arguments, context, defaultSize: (72, 24)) {
        (width, height, style) throws(TextPlotError) in
        try ScatterPlot(
          points: points, classNames: data.classNames, title: title, width: width, height: height
        ).render(style: style)
      }
    }
  }

  static var plotBoundary: Builtin {
    Builtin(
      "plot_boundary",
      summary: "The decision regions of a model over the plane, with the data on top.",
      parameters: [
        Parameter("model", positional: true, required: true),
        Parameter("data", positional: true, required: true), Parameter("test"),
        Parameter("title"), Parameter("width"), Parameter("height"),
      ]
    ) { arguments, context in
      let model = try arguments.classifier("model").model
      guard model.inputCount == 2 else {
        throw RuntimeError(
          "plot_boundary draws models of 2 inputs, this one takes \(model.inputCount)",
          argument: "model")
      }
      let data = try arguments.dataset("data", for: model)
      // Both take the model's 2 inputs, so both are points of the plane.
      let test = arguments.has("test") ? try arguments.dataset("test", for: model) : nil
      let title = arguments.has("title") ? try arguments.string("title") : nil
      let trainPredictions = try library { () throws(NeuralNetError) in
        try model.predictions(for: data)
      }
      var points = labelledPoints(data, isTest: false, predictions: trainPredictions)
      if let test {
        let testPredictions = try library { () throws(NeuralNetError) in
          try model.predictions(for: test)
        }
        points += labelledPoints(test, isTest: true, predictions: testPredictions)
      }
      let names =
        data.classCount == model.classCount
        ? data.classNames : (0..<model.classCount).map(String.init)
      let text = try chartText(arguments, context, defaultSize: (72, 24)) {
        (width, height, style) throws(TextPlotError) in
        let map = try DecisionMap(
          classNames: names, points: points, title: title, width: width, height: height)
        return try map.render(predictions: classify(model, map.cellCentres()), style: style)
      }
      return .object(PlotObject(text))
    }
  }

  static var plotLoss: Builtin {
    Builtin(
      "plot_loss",
      summary: "Loss curves of one history or a list of them, with a legend per run.",
      parameters: [
        Parameter("histories", positional: true, required: true), Parameter("labels"),
        Parameter("log"), Parameter("title"), Parameter("val"), Parameter("width"),
        Parameter("height"),
      ]
    ) { arguments, context in
      let histories = try historyList(arguments)
      let labels = try seriesLabels(arguments, histories)
      let isLogarithmic = try arguments.bool("log", default: false)
      let curves = try validationCurves(arguments)
      let title = arguments.has("title") ? try arguments.string("title") : nil
      var series: [LineChart.Series] = []
      for (history, label) in zip(histories, labels) {
        let validation = history.history.validationLoss
        if curves != .only || validation.isEmpty {
          series.append(LineChart.Series(label: label, values: history.history.loss))
        }
        if curves != .none && !validation.isEmpty {
          series.append(LineChart.Series(label: label + " (val)", values: validation))
        }
      }
      guard series.count <= LineChart.glyphs.count else {
        throw RuntimeError(
          "a loss plot shows at most \(LineChart.glyphs.count) curves, these histories make "
            + "\(series.count)",
          hint: "plot fewer histories, or leave out validation curves with val: false",
          argument: "histories")
      }
      return try chart(arguments, context, defaultSize: (72, 20)) {
        (width, height, style) throws(TextPlotError) in
        try LineChart(
          series, title: title, xLabel: "epoch", scale: isLogarithmic ? .logarithmic : .linear,
          width: width, height: height
        ).render(style: style)
      }
    }
  }

  // MARK: - Helpers

  /// Renders a chart for the stored output (plain, the cell's size) and for the screen (coloured
  /// when asked, at `--width` when given), and wraps it as a plot value.
  private static func chart(
    _ arguments: Arguments, _ context: ExecutionContext, defaultSize: (Int, Int),
    draw: (Int, Int, RenderStyle) throws(TextPlotError) -> String
  ) throws(RuntimeError) -> Value {
    let text = try chartText(arguments, context, defaultSize: defaultSize, draw: draw)
    return .object(PlotObject(text))
  }

  private static func chartText(
    _ arguments: Arguments, _ context: ExecutionContext, defaultSize: (Int, Int),
    draw: (Int, Int, RenderStyle) throws(TextPlotError) -> String
  ) throws(RuntimeError) -> DisplayText {
    let width = try arguments.integer("width", default: defaultSize.0, in: widthRange)
    let height = try arguments.integer("height", default: defaultSize.1, in: heightRange)
    do {
      let plain = try draw(width, height, .plain)
      let screenWidth = arguments.has("width") ? width : context.display.screenWidth ?? width
      let style: RenderStyle = context.display.isColored ? .ansi : .plain
      let styled =
        style == .plain && screenWidth == width
        ? plain : try drawOnScreen(draw, width: screenWidth, height: height, style: style)
      return DisplayText(plain: plain, styled: styled)
    } catch {
      throw RuntimeError(error.description)
    }
  }

  /// The chart at the screen's width (`nnbook run --width`), or at the narrowest it can be drawn
  /// when that is narrower: the screen's size only changes what is shown, never whether the cell
  /// succeeds.
  private static func drawOnScreen(
    _ draw: (Int, Int, RenderStyle) throws(TextPlotError) -> String, width: Int, height: Int,
    style: RenderStyle
  ) throws(TextPlotError) -> String {
    do {
      return try draw(width, height, style)
    } catch .sizeTooSmall(_, _, let minimumWidth, _) where minimumWidth > width {
      return try draw(minimumWidth, height, style)
    }
  }

  private static func requireTwoFeatures(_ data: Dataset, label: String) throws(RuntimeError) {
    guard data.featureCount == 2 else {
      throw RuntimeError(
        "plots need 2 features per point, `\(label)` has \(data.featureCount)", argument: label)
    }
  }

  private static func labelledPoints(
    _ data: Dataset, isTest: Bool, predictions: [Int]?
  ) -> [LabelledPoint] {
    (0..<data.count).map { row in
      LabelledPoint(
        x: data.features[row, 0], y: data.features[row, 1], classIndex: data.labels[row],
        isTest: isTest, isCorrect: predictions.map { $0[row] == data.labels[row] } ?? true)
    }
  }

  /// The predicted class and its probability at each location, in one batch.
  private static func classify(
    _ model: MultilayerPerceptron, _ locations: [(x: Double, y: Double)]
  ) -> [ClassPrediction] {
    let features = Matrix(
      rows: locations.count, columns: 2, elements: locations.flatMap { [$0.x, $0.y] })
    guard let outputs = try? model.outputs(for: features) else {
      return locations.map { _ in ClassPrediction(classIndex: 0, confidence: .nan) }
    }
    return (0..<outputs.rows).map { row in
      if outputs.columns == 1 {
        let p = outputs[row, 0]
        return ClassPrediction(classIndex: p > 0.5 ? 1 : 0, confidence: max(p, 1 - p))
      }
      let probabilities = outputs.row(row)
      let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
      return ClassPrediction(
        classIndex: best - probabilities.startIndex, confidence: probabilities[best])
    }
  }

  private static func historyList(_ arguments: Arguments) throws(RuntimeError) -> [HistoryObject] {
    let value = try arguments.value("histories")
    let items: [Value]
    if case .list(let list) = value { items = list.items } else { items = [value] }
    var histories: [HistoryObject] = []
    for item in items {
      guard case .object(let object) = item, let history = object as? HistoryObject else {
        throw arguments.mistyped(
          "histories", expected: "a history or a list of histories", got: item)
      }
      histories.append(history)
    }
    guard !histories.isEmpty else {
      throw RuntimeError("`plot_loss` needs at least one history", argument: "histories")
    }
    return histories
  }

  /// Which validation curves `plot_loss` draws: beside the training ones, none, or only them.
  private enum ValidationCurves {
    case beside, none, only
  }

  /// `val: true` (the default), `val: false` or `val: "only"`.
  private static func validationCurves(_ arguments: Arguments) throws(RuntimeError)
    -> ValidationCurves
  {
    if case .string(let text) = arguments["val"] {
      guard text == "only" else {
        throw RuntimeError(
          "`val` must be true, false or \"only\", got \"\(text)\"", argument: "val")
      }
      return .only
    }
    return try arguments.bool("val", default: true) ? .beside : .none
  }

  /// The labels given, or labels naming the settings that differ between the runs.
  private static func seriesLabels(
    _ arguments: Arguments, _ histories: [HistoryObject]
  ) throws(RuntimeError) -> [String] {
    if arguments.has("labels") {
      let values = try arguments.list("labels")
      guard values.count == histories.count else {
        throw RuntimeError(
          "`labels` has \(values.count) item\(values.count == 1 ? "" : "s") for \(histories.count) histories",
          argument: "labels")
      }
      return values.map(\.summary)
    }
    guard histories.count > 1 else { return ["loss"] }
    let names = histories[0].settings.map(\.name)
    let differing = names.indices.filter { index in
      Set(histories.map { $0.settings[index].value }).count > 1
    }
    guard !differing.isEmpty else { return histories.indices.map { "run \($0 + 1)" } }
    return histories.map { history in
      differing.map { "\(names[$0]) \(history.settings[$0].value)" }.joined(separator: ", ")
    }
  }
}
