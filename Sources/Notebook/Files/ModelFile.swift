import NeuralNet

/// A model as `save` writes it and `load` reads it: the versioned JSON format described in
/// `Docs/ModelFormat.md`.
///
/// The file holds the format's name and version, the architecture (inputs, hidden widths,
/// outputs, hidden activation, output head, and the initialisation and seed the weights were first
/// drawn with) and every layer's weights and biases, each double in Swift's shortest form that
/// reads back to the same double, so a model saved and loaded is the same model bit for bit.
struct ModelFile: Equatable {
  /// The value of the `format` field.
  static let formatName = "nnbook-model"
  /// The version this nnbook writes, and the newest it reads.
  static let version = 1

  /// The network.
  var model: MultilayerPerceptron
  /// How its weights were first drawn (informational: loading uses the stored weights).
  var initialization: WeightInitialization
  /// The seed of those draws.
  var seed: Int
}

/// Why a model file cannot be loaded (or a model saved): a lowercase message that says exactly
/// what is wrong ("layer 2: weights are 16x3 but the architecture says 16x2"), and a hint.
struct ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong.
  var message: String
  /// How to fix it, if something useful can be said.
  var hint: String?

  /// Creates an error.
  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  /// The message, then the hint.
  var description: String {
    message + (hint.map { " (\($0))" } ?? "")
  }
}
