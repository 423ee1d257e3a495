import CellLanguage
import NeuralNet

/// A network as the cell language sees it. `fit` trains it in place, so every name bound to the
/// model sees the trained weights (as in Python).
final class ModelObject: HostObject {
  var model: MultilayerPerceptron
  /// How it was made, for summaries: `he`, seed 42.
  let initialization: WeightInitialization
  let seed: Int
  /// Whether it was read by `load`: its weights then come from the file, not from the seed, and
  /// cross-validation starts every fold from them.
  let isLoaded: Bool

  init(
    _ model: MultilayerPerceptron, initialization: WeightInitialization, seed: Int,
    isLoaded: Bool = false
  ) {
    self.model = model
    self.initialization = initialization
    self.seed = seed
    self.isLoaded = isLoaded
  }

  var typeName: String { "model" }

  /// `mlp 2-16-1 (relu, sigmoid output), 65 parameters`
  var summary: String {
    let widths = [model.inputCount] + model.hiddenWidths + [model.outputCount]
    let activation = model.layers.count > 1 ? "\(model.layers[0].activation.rawValue), " : ""
    return "mlp \(widths.map(String.init).joined(separator: "-")) (\(activation)"
      + "\(model.head.rawValue) output), \(model.parameterCount) parameters"
  }

  var memberNames: [String] { ["parameters", "inputs", "outputs", "hidden", "layers"] }

  func member(_ name: String) -> Value? {
    switch name {
    case "parameters": .number(Double(model.parameterCount))
    case "inputs": .number(Double(model.inputCount))
    case "outputs": .number(Double(model.outputCount))
    case "hidden": .list(model.hiddenWidths.map { .number(Double($0)) })
    case "layers": .number(Double(model.layers.count))
    default: nil
    }
  }

  /// The rows of the summary table: layer, shape, activation, parameters.
  var layerRows: [[String]] {
    model.layers.enumerated().map { index, layer in
      let isOutput = index == model.layers.count - 1
      return [
        isOutput ? "output" : "hidden \(index + 1)",
        "\(layer.inputCount) -> \(layer.outputCount)",
        isOutput ? model.head.rawValue : layer.activation.rawValue,
        String(layer.parameterCount),
      ]
    }
  }

  func display(_ context: DisplayContext) -> DisplayText {
    let table = TextTable.render(
      header: ["layer", "shape", "activation", "parameters"], rows: layerRows,
      rightAligned: [3])
    // A loaded model's weights come from its file, not from its init and seed (which
    // `cross_validate` therefore does not redraw from): the line says so.
    let made = "\(initialization.rawValue) init, seed \(seed)"
    return DisplayText(
      table + "\ntotal \(model.parameterCount) parameters, "
        + (isLoaded ? "weights from a file (made with \(made))" : made))
  }
}
