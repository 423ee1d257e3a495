extension MultilayerPerceptron {
  /// Trains the model on `data` by full-batch gradient descent and returns what happened.
  ///
  /// Each epoch evaluates the loss of the current weights (recorded for that epoch), then takes one
  /// step down the gradient. Training ends early when the ``StoppingCriterion`` is met, when
  /// `onEpoch` answers ``TrainingDecision/stop``, or when the loss becomes NaN or infinite: then the
  /// model keeps the weights of the last epoch whose loss was finite, and the history says
  /// "diverged at epoch N" — training never crashes and never returns garbage weights.
  ///
  /// - Parameters:
  ///   - data: the training examples; their labels must fit the model's classes.
  ///   - options: epochs, learning rate, L2 penalty, reduction and stopping criterion.
  ///   - validation: examples to evaluate (not train on) after every epoch.
  ///   - onEpoch: called after each epoch is recorded, before its update.
  @discardableResult
  public mutating func fit(
    _ data: Dataset, options: TrainingOptions = TrainingOptions(), validation: Dataset? = nil,
    onEpoch: ((EpochReport) -> TrainingDecision)? = nil
  ) throws(NeuralNetError) -> History {
    let trainingTargets = try targets(for: data)
    let validationSet = try validation.map { (set) throws(NeuralNetError) in
      EvaluationSet(features: set.features, targets: try targets(for: set), labels: set.labels)
    }
    return try train(
      EvaluationSet(features: data.features, targets: trainingTargets, labels: data.labels),
      validation: validationSet, options: options, onEpoch: onEpoch)
  }

  /// Trains a regression model (or any head) on a target matrix: one row per example, one column
  /// per output. See ``fit(_:options:validation:onEpoch:)``.
  @discardableResult
  public mutating func fit(
    features: Matrix, targets: Matrix, options: TrainingOptions = TrainingOptions(),
    onEpoch: ((EpochReport) -> TrainingDecision)? = nil
  ) throws(NeuralNetError) -> History {
    _ = try loss(features: features, targets: targets, l2: options.l2)
    return try train(
      EvaluationSet(features: features, targets: targets, labels: nil), validation: nil,
      options: options, onEpoch: onEpoch)
  }

  private mutating func train(
    _ data: EvaluationSet, validation: EvaluationSet?, options: TrainingOptions,
    onEpoch: ((EpochReport) -> TrainingDecision)?
  ) throws(NeuralNetError) -> History {
    try options.validate()
    try validate(features: data.features)
    if let validation { try validate(features: validation.features) }

    var workspace = Workspace(for: self, rows: data.features.rows, blocked: true)
    var validationWorkspace = validation.map {
      Workspace(for: self, rows: $0.features.rows, blocked: true)
    }
    var lastGoodLayers = layers
    var history = History(logInterval: options.logInterval)
    history.reserveCapacity(epochs: options.epochs, validating: validation != nil)

    for epoch in 0..<options.epochs {
      let loss = evaluate(
        data.features, targets: data.targets, l2: options.l2, reduction: options.reduction,
        workspace: &workspace, computingGradients: true)
      let trainingAccuracy = data.labels.map {
        accuracy(predicted: workspace.predicted, labels: $0)
      }
      history.loss.append(loss)
      if let trainingAccuracy { history.accuracy.append(trainingAccuracy) }
      if let validation, validationWorkspace != nil {
        record(validation, options: options, workspace: &validationWorkspace!, into: &history)
      }

      if !loss.isFinite {
        if epoch > 0 { restore(lastGoodLayers) }
        history.stopReason = .diverged(epoch: epoch)
        break
      }
      let report = EpochReport(
        epoch: epoch, loss: loss, accuracy: trainingAccuracy, plannedEpochs: options.epochs)
      if onEpoch?(report) == .stop {
        history.stopReason = .interrupted(epoch: epoch)
        break
      }
      if let stopping = options.stopping, stopping.isSatisfied(by: history.loss) {
        history.stopReason = .converged(epoch: epoch)
        break
      }
      keep(in: &lastGoodLayers)
      step(by: workspace.gradients, learningRate: options.learningRate)
    }
    return history
  }

  /// Appends the validation loss and accuracy of the current weights to `history`.
  private func record(
    _ validation: EvaluationSet, options: TrainingOptions, workspace: inout Workspace,
    into history: inout History
  ) {
    let loss = evaluate(
      validation.features, targets: validation.targets, l2: options.l2,
      reduction: options.reduction, workspace: &workspace, computingGradients: false)
    history.validationLoss.append(loss)
    if let labels = validation.labels {
      history.validationAccuracy.append(accuracy(predicted: workspace.predicted, labels: labels))
    }
  }

  /// The share of examples whose predicted class is the label.
  private func accuracy(predicted: [Int], labels: [Int]) -> Double {
    var correct = 0
    for index in labels.indices where predicted[index] == labels[index] { correct += 1 }
    return Double(correct) / Double(labels.count)
  }

  /// `W ← W − learningRate · ∂J/∂W` and likewise for the biases, in place.
  private mutating func step(by gradients: [LayerGradient], learningRate: Double) {
    for index in layers.indices {
      layers[index].weights.add(gradients[index].weights, scaledBy: -learningRate)
      for unit in layers[index].biases.indices {
        layers[index].biases[unit] -= learningRate * gradients[index].biases[unit]
      }
    }
  }

  /// Copies the current parameters into `snapshot`'s storage (allocating only the first time).
  private func keep(in snapshot: inout [DenseLayer]) {
    for index in layers.indices {
      snapshot[index].weights.assign(layers[index].weights)
      for unit in layers[index].biases.indices {
        snapshot[index].biases[unit] = layers[index].biases[unit]
      }
    }
  }

  private mutating func restore(_ snapshot: [DenseLayer]) {
    for index in layers.indices {
      layers[index].weights.assign(snapshot[index].weights)
      layers[index].biases = snapshot[index].biases
    }
  }
}

/// Examples prepared for training: features, the head's targets, and class labels for accuracy.
private struct EvaluationSet {
  var features: Matrix
  var targets: Matrix
  var labels: [Int]?
}
