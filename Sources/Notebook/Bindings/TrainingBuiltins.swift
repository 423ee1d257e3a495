import CellLanguage
import NeuralNet
import TextPlot

extension NotebookBuiltins {
  static var trainingBuiltins: [Builtin] { [fit, epochsTo] }

  /// The training options `fit` takes after its model and data, shared by every built-in that
  /// trains (such as cross-validation) and read by ``trainingOptions(_:)``.
  static let trainingOptionNames = [
    "epochs", "lr", "l2", "l1", "log_every", "tol", "check_every", "reduction", "optimizer",
    "momentum", "beta1", "beta2", "eps", "rho", "batch", "schedule", "lr_decay", "lr_every",
    "lr_min", "lr_patience", "patience", "dropout", "seed",
  ]

  /// The optimisers `fit` knows, by the name a notebook gives them.
  static let optimizerNames = ["sgd", "momentum", "nesterov", "rmsprop", "adam"]
  /// The learning-rate schedules `fit` knows.
  static let scheduleNames = ["constant", "step", "exponential", "cosine", "plateau"]

  static var fit: Builtin {
    Builtin(
      "fit",
      summary:
        "Trains a model on a dataset (gradient descent or another optimiser); returns the history.",
      parameters: [
        Parameter("model", positional: true, required: true),
        Parameter("data", positional: true, required: true),
      ]
        + (trainingOptionNames + ["val"]).map { Parameter($0) }
    ) { arguments, context in
      let model = try arguments.classifier("model")
      let data = try arguments.dataset("data", for: model.model)
      let validation = arguments.has("val") ? try arguments.dataset("val", for: model.model) : nil
      let options = try trainingOptions(arguments)
      let settings = runSettings(arguments, model: model, data: data, options: options)
      try requirePrintableLog(
        arguments, epochs: options.epochs, validating: validation != nil,
        room: context.remainingOutputBytes)
      var copy = model.model
      let history = try library(libraryOptionNames) { () throws(NeuralNetError) in
        try copy.fit(data, options: options, validation: validation) { report in
          context.progress?(
            ProgressReport(
              unit: "epoch", completed: report.epoch + 1, total: report.plannedEpochs,
              detail: "loss " + NumberFormat.compact(report.loss, significantDigits: 4)))
          return context.shouldStop() ? .stop : .proceed
        }
      }
      model.model = copy
      if let interval = try? arguments.integer("log_every", default: 100, in: 0...maximumEpochs),
        interval > 0
      {
        context.emit(
          trainingLog(history, miniBatches: (options.batchSize ?? data.count) < data.count))
      }
      return .object(HistoryObject(history, settings: settings))
    }
  }

  /// Throws, before any training, when the log `log_every` asks for might not fit in the `room`
  /// the cell has left to print (see ``ExecutionContext/maximumOutputBytes``), instead of training
  /// for minutes and then having the log dropped. Each line is counted at its longest.
  private static func requirePrintableLog(
    _ arguments: Arguments, epochs: Int, validating: Bool, room: Int
  ) throws(RuntimeError) {
    let interval = try arguments.integer("log_every", default: 100, in: 0...maximumEpochs)
    guard interval > 0 else { return }
    // "epoch N  loss L  accuracy A%", L at most 11 characters ("1.234e-100"), and the same for
    // validation; then the closing lines (stop reason, restored weights).
    let number = 11
    var lineBytes = "epoch ".count + "\(epochs)".count + "  loss ".count + number
    lineBytes += "  accuracy 100.0%".count + 1
    if validating { lineBytes += "  val loss ".count + number + "  val accuracy 100.0%".count }
    let closingBytes = 400
    let lines = History.loggedEpochCount(epochs: epochs, interval: interval)
    let mostLines = max(0, (room - closingBytes) / lineBytes)
    guard lines > mostLines else { return }
    let whole = room == ExecutionContext.maximumOutputBytes
    throw RuntimeError(
      "a log of \(lines) lines is more than \(whole ? "a" : "this") cell may "
        + (whole ? "print" : "still print (\(room) bytes)"),
      hint: logInterval(epochs: epochs, mostLines: mostLines).map {
        "log every \($0) epochs or more, or log_every: 0"
      } ?? "log_every: 0 prints no log", argument: "log_every")
  }

  /// The smallest interval whose log of `epochs` epochs has at most `mostLines` lines; `nil`
  /// when even the first and last epoch alone are too many.
  static func logInterval(epochs: Int, mostLines: Int) -> Int? {
    if epochs <= 1 { return mostLines >= 1 ? 1 : nil }
    guard mostLines >= 2 else { return nil }
    // (epochs − 1)/k ≤ mostLines − 1 keeps the multiples of k, and the last epoch, within bounds.
    return (epochs - 1 + mostLines - 2) / (mostLines - 1)
  }

  /// The library's names of training settings, mapped to `fit`'s argument labels for messages.
  static let libraryOptionNames = [
    "learning rate": "lr", "l2": "l2", "l1": "l1", "patience": "patience", "dropout": "dropout",
    "batch size": "batch", "decay factor": "lr_decay", "minimum learning rate": "lr_min",
  ]

  static var epochsTo: Builtin {
    Builtin(
      "epochs_to",
      summary: "The epochs a run took until its loss first fell to a target; none if it never did.",
      parameters: [
        Parameter("history", positional: true, required: true), Parameter("loss"),
        Parameter("val_loss"),
      ]
    ) { arguments, _ in
      let history = try arguments.object(
        "history", as: HistoryObject.self, expected: "a history"
      ).history
      guard arguments.has("loss") != arguments.has("val_loss") else {
        throw RuntimeError(
          "`epochs_to` needs one target: `loss:` or `val_loss:`",
          hint: "epochs_to(history, loss: 0.1)")
      }
      let label = arguments.has("loss") ? "loss" : "val_loss"
      let target = try arguments.number(label)
      let losses = label == "loss" ? history.loss : history.validationLoss
      if losses.isEmpty {
        throw RuntimeError(
          "this history has no validation losses", hint: "train with fit(…, val: data)",
          argument: "val_loss")
      }
      // The loss of epoch k is measured after k updates.
      return losses.firstIndex { $0 <= target }.map { .number(Double($0)) } ?? Value.none
    }
  }

  /// The training options given among `arguments` (see ``trainingOptionNames``), with `fit`'s defaults.
  static func trainingOptions(_ arguments: Arguments) throws(RuntimeError)
    -> TrainingOptions
  {
    let epochs = try arguments.integer("epochs", default: 1000, in: 1...maximumEpochs)
    let learningRate = try arguments.number("lr", default: 0.01, in: 1e-12...1e12)
    let l2 = try arguments.number("l2", default: 0, in: 0...1e12)
    let l1 = try arguments.number("l1", default: 0, in: 0...1e12)
    let logInterval = try arguments.integer("log_every", default: 100, in: 0...maximumEpochs)
    let reduction = try arguments.string(
      "reduction", default: "mean", choices: LossReduction.allCases.map(\.rawValue))
    var stopping: StoppingCriterion?
    if arguments.has("tol") || arguments.has("check_every") {
      stopping = StoppingCriterion(
        window: try arguments.integer("check_every", default: 10, in: 1...maximumEpochs),
        tolerance: try arguments.number("tol", default: 1e-4, in: 0...1))
    }
    let batchSize =
      arguments.has("batch")
      ? try arguments.integer("batch", in: 1...maximumExamples) : nil
    let patience =
      arguments.has("patience")
      ? try arguments.integer("patience", in: 1...maximumEpochs) : nil
    return TrainingOptions(
      epochs: epochs, learningRate: learningRate, l2: l2,
      reduction: LossReduction(rawValue: reduction)!, logInterval: max(logInterval, 1),
      stopping: stopping, l1: l1, optimizer: try optimizer(arguments),
      schedule: try schedule(arguments, learningRate: learningRate), batchSize: batchSize,
      patience: patience, dropout: try dropoutRates(arguments), seed: try arguments.seed())
  }

  /// The optimiser named by `optimizer:` with its coefficients; a coefficient of another
  /// optimiser is an error rather than silently ignored.
  private static func optimizer(_ arguments: Arguments) throws(RuntimeError) -> Optimizer {
    let name = try arguments.string("optimizer", default: "sgd", choices: optimizerNames)
    try requireOwnSettings(
      of: "optimizer", name,
      owners: [
        "momentum": ["momentum", "nesterov"], "beta1": ["adam"], "beta2": ["adam"],
        "eps": ["rmsprop", "adam"], "rho": ["rmsprop"],
      ], in: arguments)
    let unit = 0.0...0.999_999_999
    switch name {
    case "momentum": return .momentum(try arguments.number("momentum", default: 0.9, in: unit))
    case "nesterov": return .nesterov(try arguments.number("momentum", default: 0.9, in: unit))
    case "rmsprop":
      return .rmsProp(
        decay: try arguments.number("rho", default: 0.9, in: unit),
        epsilon: try arguments.number("eps", default: 1e-8, in: 1e-300...1))
    case "adam":
      return .adam(
        beta1: try arguments.number("beta1", default: 0.9, in: unit),
        beta2: try arguments.number("beta2", default: 0.999, in: unit),
        epsilon: try arguments.number("eps", default: 1e-8, in: 1e-300...1))
    default: return .gradientDescent
    }
  }

  /// The schedule named by `schedule:` with its settings; a setting of another schedule is an
  /// error.
  private static func schedule(
    _ arguments: Arguments, learningRate: Double
  ) throws(RuntimeError) -> LearningRateSchedule {
    let name = try arguments.string("schedule", default: "constant", choices: scheduleNames)
    try requireOwnSettings(
      of: "schedule", name,
      owners: [
        "lr_decay": ["step", "exponential", "plateau"], "lr_every": ["step"],
        "lr_min": ["cosine", "plateau"], "lr_patience": ["plateau"],
      ], in: arguments)
    let minimum = try arguments.number("lr_min", default: 0, in: 0...learningRate)
    switch name {
    case "step":
      return .step(
        every: try arguments.integer("lr_every", default: 100, in: 1...maximumEpochs),
        factor: try arguments.number("lr_decay", default: 0.5, in: 1e-12...1))
    case "exponential":
      return .exponential(factor: try arguments.number("lr_decay", default: 0.99, in: 1e-12...1))
    case "cosine":
      return .cosine(minimum: minimum)
    case "plateau":
      return .plateau(
        factor: try arguments.number("lr_decay", default: 0.5, in: 1e-12...0.999_999_999),
        patience: try arguments.integer("lr_patience", default: 10, in: 1...maximumEpochs),
        minimum: minimum)
    default:
      return .constant
    }
  }

  /// Throws when an argument belongs to another choice of `kind` than `name` (`beta1:` without
  /// `optimizer: "adam"`), so that a setting is never silently ignored; `owners` maps each setting
  /// to the choices that use it.
  private static func requireOwnSettings(
    of kind: String, _ name: String, owners: [String: [String]], in arguments: Arguments
  ) throws(RuntimeError) {
    for (label, users) in owners.sorted(by: { $0.key < $1.key })
    where arguments.has(label) && !users.contains(name) {
      throw RuntimeError(
        "`\(label)` is a setting of \(kind) \(users.map { "\"\($0)\"" }.joined(separator: " or ")), "
          + "not of \"\(name)\"",
        hint: "add \(kind): \"\(users[0])\", or leave out `\(label)`", argument: label)
    }
  }

  /// `dropout: 0.2` for every hidden layer, or `dropout: [0.2, 0.5]`, one rate per hidden layer.
  private static func dropoutRates(_ arguments: Arguments) throws(RuntimeError) -> [Double] {
    guard let value = arguments["dropout"] else { return [] }
    let rates = 0.0...0.99
    if case .list(let items) = value {
      guard !items.isEmpty else {
        throw RuntimeError(
          "`dropout` needs a rate, or one rate per hidden layer, not an empty list",
          hint: "leave `dropout` out for no dropout", argument: "dropout")
      }
      var result: [Double] = []
      for item in items {
        guard case .number(let rate) = item, rates.contains(rate) else {
          throw RuntimeError(
            "`dropout` rates must be numbers in 0...0.99, got \(item.summary)", argument: "dropout")
        }
        result.append(rate)
      }
      return result
    }
    return [try arguments.number("dropout", in: rates)]
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
      ("l1", Value.format(options.l1)),
      ("optimizer", try? arguments.string("optimizer", default: "sgd")),
      ("batch", options.batchSize.map(String.init) ?? "all"),
      ("schedule", try? arguments.string("schedule", default: "constant")),
      (
        "dropout",
        options.dropout.isEmpty ? "0" : options.dropout.map(Value.format).joined(separator: "/")
      ),
    ].map { ($0.0, $0.1 ?? "") }
  }

  /// `epoch 100  loss 0.5165  accuracy 87.4%` every log interval, and a line on early stops.
  static func trainingLog(_ history: History, miniBatches: Bool = false) -> String {
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
          + (miniBatches
            ? "the model keeps the last weights whose batch loss was finite"
            : epoch == 0
              ? "the model keeps its initial weights"
              : "the model keeps the weights of epoch \(epoch - 1)"))
    case .interrupted(let epoch):
      lines.append("interrupted at epoch \(epoch)")
    case .stoppedEarly(let epoch, let best):
      lines.append(
        "stopped early at epoch \(epoch): the val loss has not improved for \(epoch - best) "
          + (epoch - best == 1 ? "epoch" : "epochs"))
    }
    if let restored = history.restoredEpoch {
      let loss = NumberFormat.compact(history.validationLoss[restored], significantDigits: 4)
      lines.append(
        "restored the weights of epoch \(restored), which had the lowest val loss (\(loss))")
    }
    return lines.joined(separator: "\n")
  }
}
