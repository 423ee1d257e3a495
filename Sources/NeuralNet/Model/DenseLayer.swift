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
}

extension [DenseLayer] {
  /// Copies the weights and biases of `other`, layers of the same shapes, into these layers' own
  /// storage: unlike assigning the arrays, which shares them until the next write copies them,
  /// this never allocates (snapshots taken every step or epoch stay allocation-free). Each layer's
  /// weights and biases are reached in place, not through a copy of the layer, and the biases
  /// are read one by one: a copy of the layer, or `withUnsafeBufferPointer` on an array inside
  /// one, costs a retain and a release each time.
  mutating func assignParameters(of other: [DenseLayer]) {
    precondition(count == other.count, "models of different depths")
    for index in indices {
      precondition(
        self[index].weights.rows == other[index].weights.rows
          && self[index].weights.columns == other[index].weights.columns
          && self[index].biases.count == other[index].biases.count,
        "layers of different shapes")
      _ = self[index].weights.withUnsafeMutableElements { target in
        other[index].weights.withUnsafeElements { target.update(fromContentsOf: $0) }
      }
      self[index].biases.withUnsafeMutableBufferPointer { target in
        for unit in target.indices { target[unit] = other[index].biases[unit] }
      }
    }
  }
}
