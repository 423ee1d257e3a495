extension MultilayerPerceptron {
  /// The head's outputs for each row of `features`: class probabilities (softmax: one column per
  /// class; sigmoid: the probability of class 1) or, for a linear head, the predicted values.
  public func outputs(for features: Matrix) throws(NeuralNetError) -> Matrix {
    try validate(features: features)
    var workspace = Workspace(for: self, rows: features.rows)
    forward(features, workspace: &workspace)
    return head.outputs(logits: workspace.logits)
  }

  /// The predicted class of each row of `features`. A row whose outputs are NaN (weights so large
  /// that its sums overflowed) has no class, and throws: counting it as class 0 would make any
  /// accuracy built on it up.
  public func predictions(for features: Matrix) throws(NeuralNetError) -> [Int] {
    guard head.isClassifier else {
      throw .invalidArgument(
        name: "head", value: head.rawValue, expected: "softmax or sigmoid to predict classes")
    }
    try validate(features: features)
    var workspace = Workspace(for: self, rows: features.rows)
    forward(features, workspace: &workspace)
    let logits = workspace.logits
    if let index = logits.withUnsafeElements({ $0.firstIndex { $0.isNaN } }) {
      throw .nonFiniteOutput(row: index / logits.columns)
    }
    return predictedClasses(logits: logits)
  }

  /// The pre-activations `z` of every layer for `features`, first layer first: useful to inspect a
  /// network, and to check that inputs stay clear of the ReLU kink before a gradient check.
  public func preActivations(for features: Matrix) throws(NeuralNetError) -> [Matrix] {
    try validate(features: features)
    var workspace = Workspace(for: self, rows: features.rows)
    forward(features, workspace: &workspace)
    return workspace.preActivations
  }

  /// Runs the network over `input`, filling the workspace's pre-activations and activations (and,
  /// while training with dropout, the masked activations of a block starting at batch row
  /// `firstRow`).
  func forward(_ input: Matrix, workspace: inout Workspace, firstRow: Int = 0) {
    for index in layers.indices {
      let layer = layers[index]
      let layerInput = self.input(ofLayer: index, input, workspace)
      switch layer.activation {
      case .relu, .linear:
        Matrix.multiply(
          layerInput, layer.weights, addingBiases: layer.biases,
          into: &workspace.preActivations[index],
          applying: layer.activation == .relu ? .relu : .identity,
          into: &workspace.activations[index])
      case .leakyReLU, .tanh, .sigmoid:
        Matrix.multiply(layerInput, layer.weights, into: &workspace.preActivations[index])
        layer.activation.apply(
          biases: layer.biases, to: &workspace.preActivations[index],
          into: &workspace.activations[index])
      }
      if workspace.dropout?.isActive(layer: index) == true {
        workspace.dropout!.apply(
          layer: index, activations: workspace.activations[index], firstRow: firstRow)
      }
    }
  }

  /// What layer `index` reads: the input, or the previous layer's (possibly masked) activations.
  func input(ofLayer index: Int, _ input: Matrix, _ workspace: Workspace) -> Matrix {
    guard index > 0 else { return input }
    if let dropout = workspace.dropout, dropout.isActive(layer: index - 1) {
      return dropout.dropped[index - 1]
    }
    return workspace.activations[index - 1]
  }

  /// The class of each row of `logits`.
  func predictedClasses(logits: Matrix) -> [Int] {
    let columns = logits.columns
    return logits.withUnsafeElements { z in
      (0..<logits.rows).map {
        head.predictedClass(logits: z, range: $0 * columns..<($0 + 1) * columns)
      }
    }
  }

  /// Throws unless `features` has the model's input width, at least one row and only finite values.
  func validate(features: Matrix) throws(NeuralNetError) {
    guard features.columns == inputCount else {
      throw .shapeMismatch(
        "the model takes \(inputCount) features per example, got \(features.columns)")
    }
    guard features.rows > 0 else { throw .emptyDataset("the input") }
    if let index = features.firstNonFiniteIndex() {
      throw .nonFiniteFeature(row: index / features.columns, column: index % features.columns)
    }
  }
}
