import NeuralNet

extension ModelFile {
  /// The file's text: two-space indented JSON, one row of weights per line, numbers in Swift's
  /// shortest round-trip form. Throws when a weight or bias is not finite (JSON has no NaN).
  func json() throws(ModelFileError) -> String {
    let hidden = model.hiddenWidths.map(String.init).joined(separator: ", ")
    let activation =
      model.layers.count > 1 ? JSONValue.quoted(model.layers[0].activation.rawValue) : "null"
    var lines = [
      "{",
      "  \"format\": \(JSONValue.quoted(Self.formatName)),",
      "  \"version\": \(Self.version),",
      "  \"architecture\": {",
      "    \"inputs\": \(model.inputCount),",
      "    \"hidden\": [\(hidden)],",
      "    \"outputs\": \(model.outputCount),",
      "    \"activation\": \(activation),",
      "    \"head\": \(JSONValue.quoted(model.head.rawValue)),",
      "    \"initialization\": \(JSONValue.quoted(initialization.rawValue)),",
      "    \"seed\": \(seed)",
      "  },",
      "  \"layers\": [",
    ]
    for (index, layer) in model.layers.enumerated() {
      guard layer.weights.elements.allSatisfy(\.isFinite), layer.biases.allSatisfy(\.isFinite)
      else {
        throw ModelFileError(
          "layer \(index + 1) has weights that are not finite numbers; such a model cannot be saved",
          hint: "train with a smaller lr; a diverged fit keeps the last finite weights")
      }
      lines += ["    {", "      \"weights\": ["]
      for row in 0..<layer.weights.rows {
        let comma = row == layer.weights.rows - 1 ? "" : ","
        lines.append("        [\(Self.numbers(layer.weights.row(row)))]\(comma)")
      }
      lines += [
        "      ],",
        "      \"biases\": [\(Self.numbers(layer.biases))]",
        "    }\(index == model.layers.count - 1 ? "" : ",")",
      ]
    }
    lines += ["  ]", "}"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// Doubles in Swift's shortest round-trip form (`0.1`, `-0.0`, `5e-324`), comma-separated.
  private static func numbers<C: Collection<Double>>(_ values: C) -> String {
    values.map(\.description).joined(separator: ", ")
  }
}
