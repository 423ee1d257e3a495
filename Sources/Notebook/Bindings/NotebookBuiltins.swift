import CellLanguage
import NeuralNet

/// The built-ins that bind the cell language to the neural-network library and the plots.
public enum NotebookBuiltins {
  /// The most examples a generated dataset may have, so a typo cannot exhaust memory.
  static let maximumExamples = 1_000_000
  /// The widest layer and the most hidden layers a model may have.
  static let maximumWidth = 4_096
  static let maximumHiddenLayers = 32
  /// The most weights and biases a model may have (80 MB of doubles).
  static let maximumParameters = 10_000_000
  /// The most epochs one `fit` may run.
  static let maximumEpochs = 10_000_000

  /// Every notebook built-in, ready to plug into an ``Interpreter``.
  public static var registry: BuiltinRegistry {
    var registry = BuiltinRegistry()
    for builtin in fileBuiltins { registry.register(builtin) }
    let groups = [dataBuiltins, modelBuiltins, trainingBuiltins, evaluationBuiltins, plotBuiltins]
    for builtin in groups.flatMap({ $0 }) { registry.register(builtin) }
    for builtin in datasetTransformBuiltins + crossValidationBuiltins { registry.register(builtin) }
    return registry
  }

  /// A library error as a cell error, naming the argument where the library's name maps to one.
  static func runtimeError(_ error: NeuralNetError, arguments: [String: String] = [:])
    -> RuntimeError
  {
    if case .invalidArgument(let name, let value, let expected) = error {
      let label = arguments[name] ?? name
      return RuntimeError("`\(label)` must be \(expected), got \(value)", argument: label)
    }
    return RuntimeError(error.description)
  }

  /// Runs a library call, turning its typed error into a cell error.
  static func library<T>(
    _ arguments: [String: String] = [:], _ body: () throws(NeuralNetError) -> T
  ) throws(RuntimeError) -> T {
    do {
      return try body()
    } catch {
      throw runtimeError(error, arguments: arguments)
    }
  }
}

extension Arguments {
  /// A dataset argument.
  func dataset(_ label: String) throws(RuntimeError) -> Dataset {
    try object(label, as: DatasetObject.self, expected: "a dataset").dataset
  }

  /// A dataset argument that `model` takes: as many features as its inputs and, for a classifier,
  /// no more classes than its outputs tell apart; otherwise an error naming the argument.
  func dataset(_ label: String, for model: MultilayerPerceptron) throws(RuntimeError) -> Dataset {
    let data = try dataset(label)
    guard data.featureCount == model.inputCount else {
      throw RuntimeError(
        "the model takes \(model.inputCount) features but `\(label)` has \(data.featureCount)",
        argument: label)
    }
    guard model.head.isClassifier, let largest = data.labels.max(), largest >= model.classCount
    else { return data }
    throw RuntimeError(
      "`\(label)` has \(largest + 1) classes but the model tells \(model.classCount) apart",
      hint: "make the model with outputs: \(largest + 1) (softmax)", argument: label)
  }

  /// A model argument.
  func model(_ label: String) throws(RuntimeError) -> ModelObject {
    try object(label, as: ModelObject.self, expected: "a model")
  }

  /// A model argument that predicts classes. A linear output predicts numbers, and a notebook's
  /// datasets hold classes, so the built-ins that train or score on them refuse it up front.
  func classifier(_ label: String) throws(RuntimeError) -> ModelObject {
    let model = try model(label)
    guard model.model.head.isClassifier else {
      throw RuntimeError(
        "`\(function)` needs a classifier, but `\(label)` has a linear output (numbers, not "
          + "classes)",
        hint: "make the model with output: \"softmax\" (or \"sigmoid\" for one output), or "
          + "leave `output` out", argument: label)
    }
    return model
  }

  /// The seed argument, as NumPy accepts it (default 0).
  func seed(_ label: String = "seed") throws(RuntimeError) -> Int {
    try integer(label, default: 0, in: 0...4_294_967_295)
  }

  /// The number of examples `n`.
  func exampleCount(default defaultValue: Int) throws(RuntimeError) -> Int {
    try integer("n", default: defaultValue, in: 1...NotebookBuiltins.maximumExamples)
  }

  /// A non-negative noise level.
  func noise() throws(RuntimeError) -> Double {
    try number("noise", default: 0, in: 0...1_000)
  }
}
