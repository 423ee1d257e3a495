import CellLanguage
import NeuralNet
import TextPlot

extension NotebookBuiltins {
  static var trainingBuiltins: [Builtin] { [fit] }

  /// The training options `fit` takes after its model and data, shared by every built-in that
  /// trains (such as cross-validation) and read by ``trainingOptions(_:)``.
  static let trainingOptionNames = [
    "epochs", "lr", "l2", "log_every", "tol", "check_every", "reduction",
  ]

  static var fit: Builtin {
    Builtin(
      "fit",
      summary: "Trains a model on a dataset by full-batch gradient descent; returns the history.",
      parameters: [
        Parameter("model", positional: true, required: true),
        Parameter("data", positional: true, required: true),
      ]
        + (trainingOptionNames + ["val"]).map { Parameter($0) }
    ) { arguments, context in
      let model = try arguments.model("model")
      let data = try arguments.dataset("data")
      let validation = arguments.has("val") ? try arguments.dataset("val") : nil
      try requireLabels(data, fit: model.model, argument: "data")
      if let validation { try requireLabels(validation, fit: model.model, argument: "val") }
      let options = try trainingOptions(arguments)
      let settings = runSettings(arguments, model: model, data: data, options: options)
      var copy = model.model
      let history = try library(["learning rate": "lr", "l2": "l2"]) { () throws(NeuralNetError) in
        try copy.fit(data, options: options, validation: validation) { report in
          context.progress?(
            ProgressReport(
              unit: "epoch", completed: report.epoch + 1, total: report.plannedEpochs,
              detail: "loss " + NumberFormat.compact(report.loss, significantDigits: 4)))
          return context.isInterrupted() ? .stop : .proceed
        }
      }
      model.model = copy
      if let interval = try? arguments.integer("log_every", default: 100, in: 0...maximumEpochs),
        interval > 0
      {
        context.emit(trainingLog(history))
      }
      return .object(HistoryObject(history, settings: settings))
    }
  }

  /// Throws, naming the argument, when a dataset's labels go beyond the model's classes.
  private static func requireLabels(
    _ data: Dataset, fit model: MultilayerPerceptron, argument: String
  ) throws(RuntimeError) {
    guard model.head.isClassifier, let largest = data.labels.max(),
      largest >= model.classCount
    else { return }
    throw RuntimeError(
      "`\(argument)` has \(largest + 1) classes but the model tells \(model.classCount) apart",
      hint: "make the model with outputs: \(largest + 1) (softmax)", argument: argument)
  }

  /// The training options given among `arguments` (see ``trainingOptionNames``), with `fit`'s defaults.
  static func trainingOptions(_ arguments: Arguments) throws(RuntimeError)
    -> TrainingOptions
  {
    let epochs = try arguments.integer("epochs", default: 1000, in: 1...maximumEpochs)
    let learningRate = try arguments.number("lr", default: 0.01, in: 1e-12...1e12)
    let l2 = try arguments.number("l2", default: 0, in: 0...1e12)
    let logInterval = try arguments.integer("log_every", default: 100, in: 0...maximumEpochs)
    let reduction = try arguments.string(
      "reduction", default: "mean", choices: LossReduction.allCases.map(\.rawValue))
    var stopping: StoppingCriterion?
    if arguments.has("tol") || arguments.has("check_every") {
      stopping = StoppingCriterion(
        window: try arguments.integer("check_every", default: 10, in: 1...maximumEpochs),
        tolerance: try arguments.number("tol", default: 1e-4, in: 0...1))
    }
    return TrainingOptions(
      epochs: epochs, learningRate: learningRate, l2: l2,
      reduction: LossReduction(rawValue: reduction)!, logInterval: max(logInterval, 1),
      stopping: stopping)
  }

  /// The settings that tell runs apart, in a fixed order, as the user would write them.
  private static func runSettings(
    _ arguments: Arguments, model: ModelObject, data: Dataset, options: TrainingOptions
  ) -> [(name: String, value: String)] {
    [
      ("hidden", "[" + model.model.hiddenWidths.map(String.init).joined(separator: ", ") + "]"),
      (
        "activation", model.model.layers.count > 1 ? model.model.layers[0].activation.rawValue : "-"
      ),
      ("data", data.name),
      ("n", String(data.count)),
      ("lr", Value.format(options.learningRate)),
      ("l2", Value.format(options.l2)),
      ("reduction", options.reduction.rawValue),
      ("epochs", String(options.epochs)),
    ]
  }

  /// `epoch 100  loss 0.5165  accuracy 87.4%` every log interval, and a line on early stops.
  static func trainingLog(_ history: History) -> String {
    var lines = history.loggedEpochs.map { epoch -> String in
      var line =
        "epoch \(epoch)  loss \(NumberFormat.compact(history.loss[epoch], significantDigits: 4))"
      if history.accuracy.indices.contains(epoch) {
        line += "  accuracy \(NumberFormat.percent(history.accuracy[epoch]))"
      }
      if history.validationLoss.indices.contains(epoch) {
        line +=
          "  val loss \(NumberFormat.compact(history.validationLoss[epoch], significantDigits: 4))"
      }
      if history.validationAccuracy.indices.contains(epoch) {
        line += "  val accuracy \(NumberFormat.percent(history.validationAccuracy[epoch]))"
      }
      return line
    }
    switch history.stopReason {
    case .completed:
      break
    case .converged(let epoch):
      lines.append("converged at epoch \(epoch): the loss stopped improving")
    case .diverged(let epoch):
      lines.append(
        "diverged at epoch \(epoch): the loss became \(NumberFormat.compact(history.loss[epoch], significantDigits: 4)); "
          + "the model keeps the weights of epoch \(max(epoch - 1, 0))")
    case .interrupted(let epoch):
      lines.append("interrupted at epoch \(epoch)")
    }
    return lines.joined(separator: "\n")
  }
}
