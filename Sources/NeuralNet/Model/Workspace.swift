/// The buffers one forward and backward pass over a fixed number of examples needs.
///
/// Training allocates one workspace and reuses it every epoch, so the loop itself never allocates.
struct Workspace {
  /// `z = x · W + b` of each layer, `rows × outputs`.
  var preActivations: [Matrix]
  /// `a = f(z)` of each layer; the last one holds the logits the head reads.
  var activations: [Matrix]
  /// `∂L/∂z` of each layer.
  var deltas: [Matrix]
  /// `∂L/∂W` and `∂L/∂b` of each layer.
  var gradients: [LayerGradient]
  /// The number of examples the buffers hold.
  let rows: Int

  init(for model: MultilayerPerceptron, rows: Int) {
    let shapes = model.layers.map { (rows, $0.outputCount) }
    preActivations = shapes.map { Matrix(rows: $0.0, columns: $0.1) }
    activations = preActivations
    deltas = preActivations
    gradients = model.layers.map {
      LayerGradient(
        weights: Matrix(rows: $0.inputCount, columns: $0.outputCount),
        biases: Array(repeating: 0, count: $0.outputCount))
    }
    self.rows = rows
  }

  /// The logits of the last forward pass.
  var logits: Matrix { activations[activations.count - 1] }
}

/// The gradient of the loss with respect to one layer's parameters.
public struct LayerGradient: Equatable, Sendable {
  /// `∂L/∂W`, shaped like the layer's weights.
  public var weights: Matrix
  /// `∂L/∂b`, one per output unit.
  public var biases: [Double]
}
