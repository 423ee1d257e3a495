import CellLanguage
import NeuralNet

extension NotebookBuiltins {
  static var modelBuiltins: [Builtin] { [mlp] }

  static var mlp: Builtin {
    Builtin(
      "mlp",
      summary: "A multilayer perceptron: inputs, hidden layer widths, outputs, activations, init.",
      parameters: ["inputs", "hidden", "outputs", "activation", "output", "init", "seed"].map {
        Parameter($0)
      }
    ) { arguments, _ in
      let inputs = try arguments.integer("inputs", in: 1...maximumWidth)
      let outputs = try arguments.integer("outputs", in: 1...maximumWidth)
      let hiddenValues = try arguments.list("hidden", default: [])
      guard hiddenValues.count <= maximumHiddenLayers else {
        throw RuntimeError(
          "at most \(maximumHiddenLayers) hidden layers, got \(hiddenValues.count)",
          argument: "hidden")
      }
      var hidden: [Int] = []
      for value in hiddenValues {
        hidden.append(try Arguments.integer(value, label: "hidden", in: 1...maximumWidth))
      }
      let activation = try arguments.string(
        "activation", default: "relu", choices: Activation.allCases.map(\.rawValue))
      let head = try arguments.string(
        "output", default: outputs == 1 ? "sigmoid" : "softmax",
        choices: OutputHead.allCases.map(\.rawValue))
      let initialization = try arguments.string(
        "init", default: "he", choices: WeightInitialization.allCases.map(\.rawValue))
      let seed = try arguments.seed()
      let widths = [inputs] + hidden + [outputs]
      let parameters = (1..<widths.count).reduce(0) { $0 + (widths[$1 - 1] + 1) * widths[$1] }
      guard parameters <= maximumParameters else {
        throw RuntimeError(
          "this model would have \(parameters) parameters; at most \(maximumParameters) fit",
          hint: "use fewer or narrower hidden layers", argument: "hidden")
      }
      let scheme = WeightInitialization(rawValue: initialization)!
      let model = try library(["outputs": "outputs"]) { () throws(NeuralNetError) in
        try MultilayerPerceptron(
          inputs: inputs, hidden: hidden, outputs: outputs,
          activation: Activation(rawValue: activation)!, head: OutputHead(rawValue: head)!,
          initialization: scheme, seed: seed)
      }
      return .object(ModelObject(model, initialization: scheme, seed: seed))
    }
  }
}
