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
    try validate(options, validating: validation != nil)
    try validate(features: data.features)
    if let validation { try validate(features: validation.features) }

    let rows = data.features.rows
    let batchSize = min(options.batchSize ?? rows, rows)
    var workspace = Workspace(for: self, rows: batchSize, blocked: true)
    if options.dropout.contains(where: { $0 > 0 }) {
      let rates =
        options.dropout.count == 1
        ? Array(repeating: options.dropout[0], count: hiddenWidths.count) : options.dropout
      workspace.dropout = Dropout(
        rates: rates, model: self, rows: batchSize,
        blockRows: workspace.fitsLaneSweep ? 0 : workspace.blockRows)
    }
    var batches = batchSize < rows ? MiniBatches(data, batchSize: batchSize) : nil
    // Full batches and the validation set are the same examples every epoch.
    workspace.reusesData = batches == nil
    var validationWorkspace = validation.map {
      var workspace = Workspace(for: self, rows: $0.features.rows, blocked: true)
      workspace.reusesData = true
      return workspace
    }
    var generator = SeededGenerator(seed: try validatedSeed(options.seed))
    var optimizer = OptimizerState(options.optimizer, for: layers)
    var learningRates = LearningRateTracker(
      options.schedule, baseRate: options.learningRate, epochs: options.epochs)
    var earlyStopping = options.patience.map { EarlyStopping(patience: $0, layers: layers) }
    var lastGoodLayers = layers
    var history = History(logInterval: options.logInterval)
    history.reserveCapacity(epochs: options.epochs, validating: validation != nil)

    for epoch in 0..<options.epochs {
      let learningRate = learningRates.rate(atEpoch: epoch)
      history.learningRates.append(learningRate)
      if let validation, validationWorkspace != nil {
        record(validation, options: options, workspace: &validationWorkspace!, into: &history)
        earlyStopping?.observe(history.validationLoss[epoch], epoch: epoch, layers: layers)
      }
      let (loss, trainingAccuracy): (Double, Double?)
      if batches != nil {
        (loss, trainingAccuracy) = runMiniBatches(
          &batches!, options: options, learningRate: learningRate, workspace: &workspace,
          optimizer: &optimizer, generator: &generator, lastGoodLayers: &lastGoodLayers)
      } else {
        workspace.dropout?.drawMasks(rows: rows, using: &generator)
        loss = evaluate(
          data.features, targets: data.targets, l2: options.l2, l1: options.l1,
          reduction: options.reduction, workspace: &workspace, computingGradients: true)
        trainingAccuracy = data.labels.map {
          accuracy(predicted: workspace.predicted, labels: $0)
        }
      }
      history.loss.append(loss)
      if let trainingAccuracy { history.accuracy.append(trainingAccuracy) }
      learningRates.observe(validation == nil ? loss : history.validationLoss[epoch])

      if !loss.isFinite {
        if epoch > 0 || batches != nil { restore(lastGoodLayers) }
        if let earlyStopping, earlyStopping.hasObserved {
          restore(earlyStopping.bestLayers)
          history.restoredEpoch = earlyStopping.bestEpoch
        }
        history.stopReason = .diverged(epoch: epoch)
        break
      }
      let report = EpochReport(
        epoch: epoch, loss: loss, accuracy: trainingAccuracy, plannedEpochs: options.epochs)
      if onEpoch?(report) == .stop {
        history.stopReason = .interrupted(epoch: epoch)
        break
      }
      if let earlyStopping, earlyStopping.isExhausted(atEpoch: epoch) {
        history.stopReason = .stoppedEarly(epoch: epoch, bestEpoch: earlyStopping.bestEpoch)
        break
      }
      if let stopping = options.stopping, stopping.isSatisfied(by: history.loss) {
        history.stopReason = .converged(epoch: epoch)
        break
      }
      if batches == nil {
        keep(in: &lastGoodLayers)
        optimizer.step(&layers, gradients: workspace.gradients, learningRate: learningRate)
      }
    }
    if let earlyStopping {
      switch history.stopReason {
      case .diverged, .interrupted:
        break
      case .converged(let epoch) where batches == nil && epoch == earlyStopping.bestEpoch:
        break  // the model holds that epoch's weights already: no step followed it
      case .completed, .converged, .stoppedEarly:
        restore(earlyStopping.bestLayers)
        history.restoredEpoch = earlyStopping.bestEpoch
      }
    }
    return history
  }

  /// One epoch of mini-batch steps over freshly shuffled examples, returning the examples'
  /// mean loss and training accuracy, each example counted with the weights of its batch's step.
  /// A batch whose loss is not finite ends the epoch at once with that loss, before its step;
  /// `lastGoodLayers` then holds the weights the previous batch measured finite (each step keeps
  /// them before it moves).
  private mutating func runMiniBatches(
    _ batches: inout MiniBatches, options: TrainingOptions, learningRate: Double,
    workspace: inout Workspace, optimizer: inout OptimizerState,
    generator: inout SeededGenerator, lastGoodLayers: inout [DenseLayer]
  ) -> (loss: Double, accuracy: Double?) {
    generator.shuffle(&batches.order)
    var total = 0.0
    var correct = 0
    var start = 0
    while start < batches.order.count {
      let end = min(batches.order.count, start + batches.batchSize)
      batches.load(start..<end)
      workspace.dropout?.drawMasks(rows: end - start, using: &generator)
      let loss = evaluate(
        batches.features, targets: batches.targets, l2: options.l2, l1: options.l1,
        reduction: options.reduction, workspace: &workspace, computingGradients: true)
      guard loss.isFinite else { return (loss, nil) }
      total += loss * Double(end - start)
      if let labels = batches.labels {
        correct += Self.matches(workspace.predicted, labels, count: end - start)
      }
      keep(in: &lastGoodLayers)
      optimizer.step(&layers, gradients: workspace.gradients, learningRate: learningRate)
      start = end
    }
    let count = Double(batches.order.count)
    return (total / count, batches.labels == nil ? nil : Double(correct) / count)
  }

  /// Throws unless `options` are valid for this model and the data given.
  private func validate(_ options: TrainingOptions, validating: Bool) throws(NeuralNetError) {
    try options.validate()
    if options.dropout.contains(where: { $0 > 0 }) && hiddenWidths.isEmpty {
      throw .invalidArgument(
        name: "dropout", value: options.dropout.map { "\($0)" }.joined(separator: ", "),
        expected: "left out: it applies to hidden layers and this model has none")
    }
    if options.dropout.count > 1 && options.dropout.count != hiddenWidths.count
      && !hiddenWidths.isEmpty
    {
      throw .invalidArgument(
        name: "dropout", value: "\(options.dropout.count) rates",
        expected: "one rate for all hidden layers or one per hidden layer (\(hiddenWidths.count))")
    }
    if let patience = options.patience, !validating {
      throw .invalidArgument(
        name: "patience", value: "\(patience)",
        expected: "used with validation data, whose loss it watches")
    }
  }

  /// Appends the validation loss and accuracy of the current weights to `history`. The validation
  /// loss is the data loss alone, without the penalties, so that runs with different penalties
  /// compare fairly (and early stopping watches generalisation, not weight size).
  private func record(
    _ validation: EvaluationSet, options: TrainingOptions, workspace: inout Workspace,
    into history: inout History
  ) {
    let loss = evaluate(
      validation.features, targets: validation.targets, l2: 0, l1: 0,
      reduction: options.reduction, workspace: &workspace, computingGradients: false)
    history.validationLoss.append(loss)
    if let labels = validation.labels {
      history.validationAccuracy.append(accuracy(predicted: workspace.predicted, labels: labels))
    }
  }

  /// The share of examples whose predicted class is the label.
  private func accuracy(predicted: [Int], labels: [Int]) -> Double {
    Double(Self.matches(predicted, labels, count: labels.count)) / Double(labels.count)
  }

  /// How many of the first `count` predictions are their labels: counted without a branch per
  /// example, which a classifier still learning would mispredict about half the time.
  private static func matches(_ predicted: [Int], _ labels: [Int], count: Int) -> Int {
    precondition(count <= predicted.count && count <= labels.count, "fewer predictions than rows")
    return predicted.withUnsafeBufferPointer { predicted in
      labels.withUnsafeBufferPointer { labels in
        var lanes = SIMD8<Int>()
        var index = 0
        while index + 8 <= count {
          let matching =
            UnsafeRawPointer(predicted.baseAddress! + index).loadUnaligned(as: SIMD8<Int>.self)
            .== UnsafeRawPointer(labels.baseAddress! + index).loadUnaligned(as: SIMD8<Int>.self)
          lanes &+= SIMD8(repeating: 0).replacing(with: 1, where: matching)
          index += 8
        }
        var matches = lanes.wrappedSum()
        while index < count {
          if predicted[index] == labels[index] { matches += 1 }
          index += 1
        }
        return matches
      }
    }
  }

  /// Copies the current parameters into `snapshot`'s storage.
  private func keep(in snapshot: inout [DenseLayer]) {
    snapshot.assignParameters(of: layers)
  }

  private mutating func restore(_ snapshot: [DenseLayer]) {
    layers.assignParameters(of: snapshot)
  }
}

/// Examples prepared for training: features, the head's targets, and class labels for accuracy.
private struct EvaluationSet {
  var features: Matrix
  var targets: Matrix
  var labels: [Int]?
}

/// The examples in a shuffled order and the current batch's rows, in buffers reused every step.
private struct MiniBatches {
  let data: EvaluationSet
  let batchSize: Int
  /// The order of this epoch's examples; reshuffled in place at the start of every epoch.
  var order: [Int]
  var features: Matrix
  var targets: Matrix
  var labels: [Int]?

  init(_ data: EvaluationSet, batchSize: Int) {
    self.data = data
    self.batchSize = batchSize
    order = Array(0..<data.features.rows)
    features = Matrix(rows: batchSize, columns: data.features.columns)
    targets = Matrix(rows: batchSize, columns: data.targets.columns)
    labels = data.labels.map { _ in [Int](repeating: 0, count: batchSize) }
  }

  /// Copies the examples at positions `range` of ``order`` into the batch buffers.
  mutating func load(_ range: Range<Int>) {
    features.setRowCount(range.count)
    targets.setRowCount(range.count)
    features.gatherRows(order[range], of: data.features)
    targets.gatherRows(order[range], of: data.targets)
    if let source = data.labels {
      for (row, index) in order[range].enumerated() { labels![row] = source[index] }
    }
  }
}

/// Early stopping's memory: the lowest validation loss so far, its epoch and its weights.
private struct EarlyStopping {
  let patience: Int
  private(set) var bestEpoch = 0
  private var bestLoss = Double.infinity
  private(set) var bestLayers: [DenseLayer]

  init(patience: Int, layers: [DenseLayer]) {
    self.patience = patience
    bestLayers = layers
  }

  /// Takes note of the validation loss of the weights epoch `epoch` starts with.
  mutating func observe(_ loss: Double, epoch: Int, layers: [DenseLayer]) {
    guard loss < bestLoss else { return }
    bestLoss = loss
    bestEpoch = epoch
    bestLayers.assignParameters(of: layers)
  }

  /// Whether a finite validation loss has been seen, so that ``bestLayers`` are worth restoring.
  var hasObserved: Bool { bestLoss.isFinite }

  /// Whether `patience` epochs have gone by without a new best.
  func isExhausted(atEpoch epoch: Int) -> Bool {
    epoch - bestEpoch >= patience
  }
}
