import CellLanguage
import NeuralNet
import TextPlot

extension NotebookBuiltins {
  static var evaluationBuiltins: [Builtin] { [evaluate, accuracy, predict, proba, gradcheck] }

  /// The most examples `gradcheck` uses: each parameter costs four passes over them.
  static let gradientCheckExamples = 50

  /// About the most parameters `gradcheck` compares in a model of `parameters`: all of a small
  /// model's, at most 500 (a wrong backward pass is wrong for a whole weight matrix or bias
  /// vector, and each of them is sampled), and in a large model few enough that the check takes
  /// about 2·10⁹ multiply-adds (four passes over 50 examples, about `parameters` each, per
  /// parameter; twice that for a ReLU model, whose kinks take a forward pass more), but never
  /// fewer than 10.
  static func gradientCheckParameters(of parameters: Int) -> Int {
    min(500, max(10, 10_000_000 / max(1, parameters)))
  }

  private static var modelAndData: [Parameter] {
    [
      Parameter("model", positional: true, required: true),
      Parameter("data", positional: true, required: true),
    ]
  }

  static var evaluate: Builtin {
    Builtin(
      "evaluate", summary: "Loss, accuracy, confusion matrix and per-class metrics on a dataset.",
      parameters: modelAndData
    ) { arguments, _ in
      let model = try arguments.classifier("model").model
      let data = try arguments.dataset("data", for: model)
      let (loss, confusion) = try library { () throws(NeuralNetError) in
        (try model.loss(on: data), try model.confusionMatrix(on: data))
      }
      let names =
        model.classCount == data.classCount
        ? data.classNames : (0..<model.classCount).map(String.init)
      return .object(
        ReportObject(datasetName: data.name, loss: loss, confusion: confusion, classNames: names))
    }
  }

  static var accuracy: Builtin {
    Builtin(
      "accuracy", summary: "The share of a dataset's examples the model classifies correctly.",
      parameters: modelAndData
    ) { arguments, _ in
      let model = try arguments.classifier("model").model
      let data = try arguments.dataset("data", for: model)
      return .number(try library { () throws(NeuralNetError) in try model.accuracy(on: data) })
    }
  }

  static var predict: Builtin {
    Builtin(
      "predict", summary: "The predicted class of each example of a dataset or list of points.",
      parameters: modelAndData
    ) { arguments, _ in
      let model = try arguments.classifier("model").model
      let features = try points(arguments, inputs: model.inputCount)
      let classes = try library { () throws(NeuralNetError) in try model.predictions(for: features)
      }
      return .list(classes.map { .number(Double($0)) })
    }
  }

  static var proba: Builtin {
    Builtin(
      "proba", summary: "The class probabilities of each example (or the values of a linear head).",
      parameters: modelAndData
    ) { arguments, _ in
      let model = try arguments.model("model").model
      let features = try points(arguments, inputs: model.inputCount)
      let outputs = try library { () throws(NeuralNetError) in try model.outputs(for: features) }
      return .list(
        (0..<outputs.rows).map { row in .list(outputs.row(row).map { .number($0) }) })
    }
  }

  static var gradcheck: Builtin {
    Builtin(
      "gradcheck",
      summary:
        "Compares backpropagation with finite differences on up to 50 examples and 500 "
        + "parameters.",
      parameters: modelAndData + [Parameter("l2"), Parameter("l1")]
    ) { arguments, context in
      let model = try arguments.classifier("model").model
      let data = try arguments.dataset("data", for: model)
      let l2 = try arguments.number("l2", default: 0, in: 0...1e6)
      let l1 = try arguments.number("l1", default: 0, in: 0...1e6)
      let sample = data.subset(Array(0..<min(data.count, gradientCheckExamples)))
      let check = try library { () throws(NeuralNetError) in
        try GradientCheck(
          model: model, features: sample.features, targets: try model.targets(for: sample), l2: l2,
          l1: l1, maximumParameters: gradientCheckParameters(of: model.parameterCount),
          skippingKinks: true, isInterrupted: context.shouldStop)
      }
      let total = model.parameterCount
      if check.wasInterrupted {
        throw RuntimeError("interrupted after checking \(check.parameterCount) parameters")
      }
      guard check.parameterCount > 0 else {
        throw RuntimeError(
          "every parameter checked sits at a kink (of relu, or of the l1 penalty), where finite "
            + "differences measure no derivative",
          hint: "check a model with tanh units, without l1")
      }
      let verdict = check.maximumError < 1e-7 ? "ok: below 1e-7" : "FAILED: above 1e-7"
      var notes: [String] = []
      if check.samplingInterval > 1 { notes.append("one in \(check.samplingInterval)") }
      if check.skippedAtKinks > 0 { notes.append("\(check.skippedAtKinks) left out at kinks") }
      let counted =
        check.samplingInterval == 1
        ? "\(check.parameterCount) parameters" : "\(check.parameterCount) of \(total) parameters"
      let compared = counted + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
      return .string(
        "gradient check on \(sample.count) examples: max relative error "
          + "\(NumberFormat.compact(check.maximumError, significantDigits: 2)) over \(compared) "
          + "(\(verdict))")
    }
  }

  /// The `data` argument as a feature matrix: a dataset, or a list of points `[[x1, x2], …]`.
  static func points(_ arguments: Arguments, inputs: Int) throws(RuntimeError) -> Matrix {
    let value = try arguments.value("data")
    if case .object(let object) = value, let dataset = object as? DatasetObject {
      return dataset.dataset.features
    }
    guard case .list(let rows) = value, !rows.isEmpty else {
      throw arguments.mistyped("data", expected: "a dataset or a list of points", got: value)
    }
    var elements: [Double] = []
    for row in rows {
      guard case .list(let coordinates) = row, coordinates.count == inputs else {
        throw RuntimeError(
          "each point must be a list of \(inputs) numbers, like [0.5, -0.2]", argument: "data")
      }
      for coordinate in coordinates {
        guard case .number(let number) = coordinate else {
          throw RuntimeError(
            "points must hold numbers, got \(coordinate.typeDescription)", argument: "data")
        }
        guard number.isFinite else {
          throw RuntimeError("points must hold finite numbers, got \(number)", argument: "data")
        }
        elements.append(number)
      }
    }
    return Matrix(rows: rows.count, columns: inputs, elements: elements)
  }
}
