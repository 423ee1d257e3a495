extension MultilayerPerceptron {
  /// The regularised loss per example on `dataset`.
  ///
  /// ```
  /// J    = s · Σᵢ ℓᵢ + λ₂/2 · Σ W² + λ₁ · Σ |W|     s = 1/N for .mean, 1 for .sum
  ///                                               (biases are not penalised)
  /// loss = J             for .mean
  ///        J / N         for .sum     (the first seed's printed loss)
  /// ```
  ///
  /// So the reported loss is on the same per-example scale whatever the reduction, while
  /// ``gradients(on:l2:l1:reduction:)`` is the gradient of `J` itself.
  public func loss(
    on dataset: Dataset, l2: Double = 0, l1: Double = 0,
    reduction: LossReduction = .mean
  ) throws(NeuralNetError) -> Double {
    try loss(
      features: dataset.features, targets: targets(for: dataset), l2: l2, l1: l1,
      reduction: reduction)
  }

  /// The regularised loss per example for a target matrix (one row per example, one column per
  /// output): see ``loss(on:l2:l1:reduction:)``.
  public func loss(
    features: Matrix, targets: Matrix, l2: Double = 0, l1: Double = 0,
    reduction: LossReduction = .mean
  ) throws(NeuralNetError) -> Double {
    try validate(features: features, targets: targets, l2: l2, l1: l1)
    var workspace = Workspace(for: self, rows: features.rows)
    return evaluate(
      features, targets: targets, l2: l2, l1: l1, reduction: reduction, workspace: &workspace,
      computingGradients: false)
  }

  /// The loss per example and the gradient of the objective `J` (see ``loss(on:l2:l1:reduction:)``)
  /// with respect to every layer's weights and biases.
  public func gradients(
    on dataset: Dataset, l2: Double = 0, l1: Double = 0,
    reduction: LossReduction = .mean
  ) throws(NeuralNetError) -> (loss: Double, gradients: [LayerGradient]) {
    try gradients(
      features: dataset.features, targets: targets(for: dataset), l2: l2, l1: l1,
      reduction: reduction)
  }

  /// The loss per example and the gradients for a target matrix.
  public func gradients(
    features: Matrix, targets: Matrix, l2: Double = 0, l1: Double = 0,
    reduction: LossReduction = .mean
  ) throws(NeuralNetError) -> (loss: Double, gradients: [LayerGradient]) {
    try validate(features: features, targets: targets, l2: l2, l1: l1)
    var workspace = Workspace(for: self, rows: features.rows)
    let loss = evaluate(
      features, targets: targets, l2: l2, l1: l1, reduction: reduction, workspace: &workspace,
      computingGradients: true)
    return (loss, workspace.gradients)
  }

  /// The target matrix for a classification dataset, after checking it fits this model.
  public func targets(for dataset: Dataset) throws(NeuralNetError) -> Matrix {
    guard head.isClassifier else {
      throw .invalidArgument(
        name: "head", value: head.rawValue,
        expected: "softmax or sigmoid for a dataset of class labels")
    }
    guard dataset.featureCount == inputCount else {
      throw .shapeMismatch(
        "the model takes \(inputCount) features per example but dataset '\(dataset.name)' has "
          + "\(dataset.featureCount)")
    }
    let classes = classCount
    if let row = dataset.labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
      throw .labelOutOfRange(label: dataset.labels[row], row: row, classCount: classes)
    }
    return head.targets(for: dataset.labels, outputs: outputCount)
  }

  /// One forward pass (and, if asked, one backward pass into `workspace.gradients`), returning the
  /// loss per example; a classifier also writes each example's predicted class into
  /// `workspace.predicted`. Inputs must already be validated.
  ///
  /// A narrow network goes through a ``LaneSweep`` (examples as vector lanes);
  /// any other through ``evaluateByLayers(_:targets:scale:workspace:computingGradients:)``.
  func evaluate(
    _ input: Matrix, targets: Matrix, l2: Double, l1: Double = 0, reduction: LossReduction,
    workspace: inout Workspace, computingGradients: Bool
  ) -> Double {
    let count = Double(input.rows)
    let scale = reduction == .mean ? 1 / count : 1
    var dataLoss = 0.0
    if workspace.fitsLaneSweep {
      if workspace.laneSweep == nil {
        workspace.laneSweep = LaneSweep(
          for: self, rowsAtMost: workspace.rows, droppingUnits: workspace.dropout != nil)
      }
      let sweep = workspace.laneSweep!
      let (reusingData, dropout) = (workspace.reusesData, workspace.dropout)
      dataLoss = workspace.predicted.withUnsafeMutableBufferPointer { predicted in
        guard computingGradients else {
          return sweep.evaluate(
            self, features: input, targets: targets, scale: scale, predicted: predicted,
            gradients: nil, reusingData: reusingData, dropout: dropout)
        }
        return workspace.gradients.withUnsafeMutableBufferPointer { gradients in
          sweep.evaluate(
            self, features: input, targets: targets, scale: scale, predicted: predicted,
            gradients: gradients, reusingData: reusingData, dropout: dropout)
        }
      }
    } else {
      dataLoss = evaluateByLayers(
        input, targets: targets, scale: scale, workspace: &workspace,
        computingGradients: computingGradients)
    }
    return finish(
      dataLoss: dataLoss, count: count, scale: scale, l2: l2, l1: l1, reduction: reduction,
      workspace: &workspace, computingGradients: computingGradients)
  }

  /// The data loss summed over `input`'s rows on the layer path, with the gradients (of `scale ·`
  /// that sum) in `workspace.gradients`.
  ///
  /// The examples go through in blocks of `workspace.blockRows` rows. Every sum over examples (the
  /// loss, each weight and bias gradient) goes on from one block to the next in row order, so the
  /// result is bit for bit that of one pass over all rows.
  func evaluateByLayers(
    _ input: Matrix, targets: Matrix, scale: Double, workspace: inout Workspace,
    computingGradients: Bool
  ) -> Double {
    var dataLoss = 0.0
    if computingGradients {
      for index in layers.indices.dropFirst() {
        workspace.transposedWeights[index].assignTransposed(of: layers[index].weights)
      }
    }
    if workspace.blockRows >= input.rows {
      workspace.setBlockRows(input.rows)
      dataLoss = evaluateBlock(
        input, targets: targets, firstRow: 0, scale: scale, total: 0, workspace: &workspace,
        computingGradients: computingGradients)
    } else {
      var start = 0
      while start < input.rows {
        let end = min(input.rows, start + workspace.blockRows)
        workspace.setBlockRows(end - start)
        workspace.inputBlock.copyRows(start..<end, of: input)
        workspace.targetBlock.copyRows(start..<end, of: targets)
        dataLoss = evaluateBlock(
          workspace.inputBlock, targets: workspace.targetBlock, firstRow: start, scale: scale,
          total: dataLoss, workspace: &workspace, computingGradients: computingGradients)
        start = end
      }
    }
    return dataLoss
  }

  /// Adds the penalties' gradients to `workspace.gradients` and returns the objective per example
  /// (see ``loss(on:l2:l1:reduction:)``) from the data loss summed over `count` examples.
  private func finish(
    dataLoss: Double, count: Double, scale: Double, l2: Double, l1: Double,
    reduction: LossReduction, workspace: inout Workspace, computingGradients: Bool
  ) -> Double {
    if computingGradients && l2 != 0 {
      for index in layers.indices {
        // `gradient += l2 · W`, both matrices reached in place: passing the layer's weights to
        // `Matrix.add` would copy them first, a retain and a release every epoch.
        workspace.gradients[index].weights.withUnsafeMutableElements { gradient in
          layers[index].weights.withUnsafeElements { weights in
            precondition(gradient.count == weights.count, "a gradient for another layer")
            for i in gradient.indices { gradient[i] += l2 * weights[i] }
          }
        }
      }
    }
    if computingGradients && l1 != 0 {
      for index in layers.indices {
        workspace.gradients[index].weights.addSigns(of: layers[index].weights, scaledBy: l1)
      }
    }
    var penalty = l2 == 0 ? 0 : l2 / 2 * layers.reduce(0) { $0 + $1.weights.sumOfSquares }
    if l1 != 0 { penalty += l1 * layers.reduce(0) { $0 + $1.weights.sumOfMagnitudes } }
    let objective = scale * dataLoss + penalty
    return reduction == .mean ? objective : objective / count
  }

  /// Forward (and backward) over one block of rows starting at row `firstRow`, returning the data
  /// loss summed on from `total`; gradients are accumulated unless this is the first block.
  private func evaluateBlock(
    _ input: Matrix, targets: Matrix, firstRow: Int, scale: Double, total: Double,
    workspace: inout Workspace, computingGradients: Bool
  ) -> Double {
    forward(input, workspace: &workspace, firstRow: firstRow)
    let last = layers.count - 1
    // The predictions and the head's lanes are moved out while the head writes them (an empty
    // array costs nothing).
    var predicted: [Int] = []
    var lanes: [Double] = []
    swap(&predicted, &workspace.predicted)
    swap(&lanes, &workspace.headLanes)
    let dataLoss = predicted.withUnsafeMutableBufferPointer { predicted in
      lanes.withUnsafeMutableBufferPointer { lanes in
        head.loss(
          logits: workspace.activations[last], targets: targets, delta: &workspace.deltas[last],
          lanes: lanes.baseAddress!, startingFrom: total, predicted: predicted,
          firstRow: firstRow)
      }
    }
    swap(&predicted, &workspace.predicted)
    swap(&lanes, &workspace.headLanes)
    if computingGradients {
      backward(input, scale: scale, firstRow: firstRow, workspace: &workspace)
    }
    return dataLoss
  }

  /// Backpropagates from the head's per-example deltas (already in `workspace.deltas.last`),
  /// writing the gradients of the block starting at row `firstRow` or, after the first block,
  /// adding them.
  private func backward(
    _ input: Matrix, scale: Double, firstRow: Int, workspace: inout Workspace
  ) {
    let accumulating = firstRow > 0
    let last = layers.count - 1
    if scale != 1 { workspace.deltas[last].scale(by: scale) }
    layers[last].activation.backpropagate(
      preActivations: workspace.preActivations[last], activations: workspace.activations[last],
      gradient: &workspace.deltas[last])
    for index in stride(from: last, through: 0, by: -1) {
      Matrix.multiply(
        self.input(ofLayer: index, input, workspace), workspace.deltas[index],
        into: &workspace.gradients[index].weights, transposing: .left, accumulating: accumulating)
      workspace.deltas[index].columnSums(
        into: &workspace.gradients[index].biases, accumulating: accumulating)
      guard index > 0 else { break }
      let dropsUnits = workspace.dropout?.isActive(layer: index - 1) == true
      if layers[index - 1].activation == .relu && !dropsUnits {
        Matrix.multiply(
          workspace.deltas[index], workspace.transposedWeights[index],
          into: &workspace.deltas[index - 1],
          keepingWherePositive: workspace.preActivations[index - 1])
        continue
      }
      Matrix.multiply(
        workspace.deltas[index], workspace.transposedWeights[index],
        into: &workspace.deltas[index - 1])
      if dropsUnits {
        workspace.dropout!.mask(&workspace.deltas[index - 1], layer: index - 1, firstRow: firstRow)
      }
      layers[index - 1].activation.backpropagate(
        preActivations: workspace.preActivations[index - 1],
        activations: workspace.activations[index - 1], gradient: &workspace.deltas[index - 1])
    }
  }

  private func validate(
    features: Matrix, targets: Matrix, l2: Double, l1: Double
  ) throws(NeuralNetError) {
    try validate(features: features)
    guard targets.rows == features.rows, targets.columns == outputCount else {
      throw .shapeMismatch(
        "targets must be \(features.rows)×\(outputCount) (one row per example, one column per "
          + "output), got \(targets.rows)×\(targets.columns)")
    }
    guard targets.isFinite else {
      throw .invalidArgument(name: "targets", value: "a non-finite value", expected: "finite")
    }
    try require(l2 >= 0 && l2.isFinite, "l2", l2, "a finite number >= 0")
    try require(l1 >= 0 && l1.isFinite, "l1", l1, "a finite number >= 0")
  }
}
