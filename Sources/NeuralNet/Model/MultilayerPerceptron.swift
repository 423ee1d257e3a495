/// A fully connected feed-forward network of any depth: input, zero or more hidden layers, and an
/// output layer read through an ``OutputHead``.
///
/// ```swift
/// var model = try MultilayerPerceptron(inputs: 2, hidden: [16], outputs: 1, head: .sigmoid, seed: 42)
/// let history = try model.fit(train, options: TrainingOptions(epochs: 1000, learningRate: 0.1))
/// let accuracy = try model.accuracy(on: test)
/// ```
///
/// A model is a value: copying it copies its weights, so a trained copy never changes the original.
public struct MultilayerPerceptron: Equatable, Sendable {
  /// The layers, first hidden layer first; the last one is the output layer.
  public internal(set) var layers: [DenseLayer]
  /// The output activation and loss.
  public let head: OutputHead

  /// Creates a network with freshly initialised weights and zero biases.
  ///
  /// The weights come from one ``SeededGenerator`` seeded with `seed`, drawn layer after layer (first
  /// hidden layer first), each as NumPy draws a `(fanIn, fanOut)` matrix.
  ///
  /// - Parameters:
  ///   - inputs: the number of features per example.
  ///   - hidden: the width of each hidden layer; empty for a model with no hidden layer.
  ///   - outputs: the number of output units (classes for softmax, 1 for sigmoid).
  ///   - activation: the non-linearity of every hidden layer.
  ///   - head: the output activation and loss.
  ///   - initialization: how the weights are drawn.
  ///   - seed: the seed of the weight draws, `0...4294967295` as NumPy accepts.
  public init(
    inputs: Int, hidden: [Int] = [], outputs: Int, activation: Activation = .relu,
    head: OutputHead = .softmax, initialization: WeightInitialization = .he, seed: Int = 0
  ) throws(NeuralNetError) {
    try require(inputs > 0, "inputs", inputs, "a positive number")
    for (index, width) in hidden.enumerated() {
      try require(width > 0, "hidden[\(index)]", width, "a positive number")
    }
    try head.validate(outputs: outputs)
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    let widths = [inputs] + hidden + [outputs]
    var layers: [DenseLayer] = []
    for index in 1..<widths.count {
      let weights = initialization.weights(
        fanIn: widths[index - 1], fanOut: widths[index], using: &generator)
      let isOutput = index == widths.count - 1
      layers.append(
        try DenseLayer(
          weights: weights, biases: Array(repeating: 0, count: widths[index]),
          activation: isOutput ? .linear : activation))
    }
    self.layers = layers
    self.head = head
  }

  /// Creates a network from given layers, for models built or loaded by hand.
  public init(layers: [DenseLayer], head: OutputHead) throws(NeuralNetError) {
    guard let last = layers.last else {
      throw .shapeMismatch("a network needs at least an output layer")
    }
    for index in layers.indices.dropFirst()
    where layers[index].inputCount != layers[index - 1].outputCount {
      throw .shapeMismatch(
        "layer \(index) takes \(layers[index].inputCount) inputs but layer \(index - 1) "
          + "gives \(layers[index - 1].outputCount)")
    }
    try head.validate(outputs: last.outputCount)
    self.layers = layers
    self.head = head
  }

  /// The number of features per example.
  public var inputCount: Int { layers[0].inputCount }
  /// The number of output units.
  public var outputCount: Int { layers[layers.count - 1].outputCount }
  /// The widths of the hidden layers.
  public var hiddenWidths: [Int] { layers.dropLast().map(\.outputCount) }
  /// The number of classes the model tells apart (2 for a sigmoid head); 0 for regression.
  public var classCount: Int { head.isClassifier ? head.classCount(outputs: outputCount) : 0 }
  /// The total number of weights and biases.
  public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// Replaces the weights and biases of layer `index`, keeping its shape.
  public mutating func setParameters(
    ofLayer index: Int, weights: Matrix, biases: [Double]
  ) throws(NeuralNetError) {
    try require(layers.indices.contains(index), "layer", index, "0...\(layers.count - 1)")
    let layer = layers[index]
    guard weights.rows == layer.inputCount, weights.columns == layer.outputCount,
      biases.count == layer.outputCount
    else {
      throw .shapeMismatch(
        "layer \(index) is \(layer.inputCount)×\(layer.outputCount) with \(layer.outputCount) "
          + "biases, got \(weights.rows)×\(weights.columns) with \(biases.count)")
    }
    layers[index].weights = weights
    layers[index].biases = biases
  }
}

/// A seed as NumPy's `RandomState` accepts it.
func validatedSeed(_ seed: Int) throws(NeuralNetError) -> UInt32 {
  guard let value = UInt32(exactly: seed) else {
    throw .invalidArgument(name: "seed", value: "\(seed)", expected: "in 0...4294967295")
  }
  return value
}
