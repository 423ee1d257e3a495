import CellLanguage
import NeuralNet
import TextPlot

extension NotebookBuiltins {
  static var crossValidationBuiltins: [Builtin] { [crossValidate] }

  /// The most folds `cross_validate` runs.
  static let maximumFolds = 100

  static var crossValidate: Builtin {
    Builtin(
      "cross_validate",
      summary:
        "Stratified k-fold cross-validation: trains a fresh copy of the model per fold; a table.",
      parameters: [
        Parameter("model", positional: true, required: true),
        Parameter("data", positional: true, required: true),
        Parameter("k"), Parameter("seed"),
      ] + trainingOptionNames.filter { $0 != "seed" }.map { Parameter($0) }
    ) { arguments, context in
      let model = try arguments.classifier("model")
      let data = try arguments.dataset("data", for: model.model)
      let k = try arguments.integer("k", default: 5, in: 2...maximumFolds)
      guard k <= data.count else {
        throw RuntimeError(
          "`k` must be at most the number of examples (\(data.count)), got \(k)", argument: "k")
      }
      let seed = try arguments.seed()
      let options = try trainingOptions(arguments)
      let start = try library { () throws(NeuralNetError) in
        try freshModel(
          like: model.model, initialization: model.isLoaded ? nil : model.initialization,
          seed: model.isLoaded ? nil : model.seed)
      }
      let folds = try library { () throws(NeuralNetError) in try data.folds(k: k, seed: seed) }
      var results: [CrossValidationObject.Fold] = []
      for (index, (train, validation)) in folds.enumerated() {
        if context.shouldStop() {
          throw RuntimeError("interrupted before fold \(index + 1) of \(k)")
        }
        var copy = start
        let history = try library(libraryOptionNames) {
          () throws(NeuralNetError) in
          // Early stopping watches the fold's own validation examples.
          try copy.fit(
            train, options: options, validation: options.patience == nil ? nil : validation
          ) { report in
            context.progress?(
              ProgressReport(
                unit: "epoch", completed: report.epoch + 1, total: report.plannedEpochs,
                detail: "fold \(index + 1)/\(k), loss "
                  + NumberFormat.compact(report.loss, significantDigits: 4)))
            return context.shouldStop() ? .stop : .proceed
          }
        }
        if case .interrupted(let epoch) = history.stopReason {
          throw RuntimeError("interrupted at epoch \(epoch) of fold \(index + 1) of \(k)")
        }
        let accuracy = try library { () throws(NeuralNetError) in
          try copy.accuracy(on: validation)
        }
        results.append(
          CrossValidationObject.Fold(
            trainCount: train.count, validationCount: validation.count,
            finalLoss: history.finalLoss, stopReason: history.stopReason,
            validationAccuracy: accuracy))
      }
      return .object(CrossValidationObject(folds: results))
    }
  }

  /// The untrained model every fold starts from: `model`'s architecture rebuilt with the
  /// initialization and seed it was made with, so each fold draws exactly the weights `mlp` drew.
  ///
  /// A model without a recorded initialization or seed (one loaded from a file), or whose hidden
  /// layers do not share one activation, cannot be rebuilt that way: every fold then starts from
  /// a copy of the weights it has now.
  static func freshModel(
    like model: MultilayerPerceptron, initialization: WeightInitialization?, seed: Int?
  ) throws(NeuralNetError) -> MultilayerPerceptron {
    let hiddenActivations = Set(model.layers.dropLast().map(\.activation))
    guard let initialization, let seed, hiddenActivations.count <= 1 else { return model }
    return try MultilayerPerceptron(
      inputs: model.inputCount, hidden: model.hiddenWidths, outputs: model.outputCount,
      activation: hiddenActivations.first ?? .relu, head: model.head,
      initialization: initialization, seed: seed)
  }
}
