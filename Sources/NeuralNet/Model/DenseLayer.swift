/// A fully connected layer: `a = f(x · W + b)`.
///
/// Weights are stored `inputs × outputs`, the orientation of the NumPy seeds (`Z = X @ W + b`), so a
/// batch of examples as rows goes through with one plain matrix product.
public struct DenseLayer: Equatable, Sendable {
  /// The `inputs × outputs` weight matrix.
  public var weights: Matrix
  /// One bias per output unit.
  public var biases: [Double]
  /// The non-linearity applied to the layer's outputs (`linear` for the output layer, whose
  /// non-linearity belongs to the model's ``OutputHead``).
  public var activation: Activation

  /// Creates a layer from given weights and biases; `biases.count` must equal `weights.columns`.
  public init(weights: Matrix, biases: [Double], activation: Activation) throws(NeuralNetError) {
    guard biases.count == weights.columns else {
      throw .shapeMismatch(
        "a layer with \(weights.columns) outputs needs \(weights.columns) biases, got \(biases.count)"
      )
    }
    guard weights.rows > 0, weights.columns > 0 else {
      throw .shapeMismatch("a layer needs at least one input and one output")
    }
    self.weights = weights
    self.biases = biases
    self.activation = activation
  }

  /// The number of inputs.
  public var inputCount: Int { weights.rows }
  /// The number of output units.
  public var outputCount: Int { weights.columns }
  /// Weights plus biases.
  public var parameterCount: Int { weights.count + biases.count }

  /// Copies `other`'s weights and biases into this layer's own storage: unlike assigning the
  /// arrays, which shares them until the next write copies them, this never allocates (snapshots
  /// taken every step or epoch stay allocation-free).
  mutating func assignParameters(of other: DenseLayer) {
    weights.assign(other.weights)
    precondition(biases.count == other.biases.count, "layers of different widths")
    biases.withUnsafeMutableBufferPointer { target in
      other.biases.withUnsafeBufferPointer { source in
        for unit in target.indices { target[unit] = source[unit] }
      }
    }
  }
}
