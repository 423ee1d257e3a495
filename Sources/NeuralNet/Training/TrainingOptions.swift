/// The settings of gradient-descent training.
public struct TrainingOptions: Equatable, Sendable {
  /// The most epochs to run (one pass over the training data each).
  public var epochs: Int
  /// The base step size; see ``optimizer`` and ``schedule``.
  public var learningRate: Double
  /// The L2 penalty `λ₂` of `λ₂/2 · Σ W²` on the weights (not the biases); 0 turns it off.
  public var l2: Double
  /// The L1 penalty `λ₁` of `λ₁ · Σ |W|` on the weights (not the biases); 0 turns it off.
  public var l1: Double
  /// How per-example gradients are combined: averaged (the default) or summed as the first seed does.
  public var reduction: LossReduction
  /// Every how many epochs the loss is worth printing: see ``History/loggedEpochs``.
  public var logInterval: Int
  /// When to stop early because the loss no longer improves; `nil` runs every epoch.
  public var stopping: StoppingCriterion?
  /// How gradients become steps.
  public var optimizer: Optimizer
  /// How the learning rate changes over the epochs.
  public var schedule: LearningRateSchedule
  /// The examples per step: `nil` (or at least the number of examples) is full-batch descent; a
  /// smaller size reshuffles the examples every epoch and steps once per batch.
  public var batchSize: Int?
  /// Stop after this many epochs without a lower validation loss and restore the weights of the
  /// best epoch; `nil` never stops for that reason. Needs validation data.
  public var patience: Int?
  /// The dropout rate of each hidden layer, first hidden layer first, or one rate for all of them;
  /// empty for none. Inverted dropout, in training only: evaluation uses every unit.
  public var dropout: [Double]
  /// Seeds the per-epoch shuffle of mini-batches and the dropout masks.
  public var seed: Int

  /// Creates training settings; the defaults are those of `fit` in a notebook.
  public init(
    epochs: Int = 1000, learningRate: Double = 0.01, l2: Double = 0,
    reduction: LossReduction = .mean, logInterval: Int = 100,
    stopping: StoppingCriterion? = nil, l1: Double = 0,
    optimizer: Optimizer = .gradientDescent, schedule: LearningRateSchedule = .constant,
    batchSize: Int? = nil, patience: Int? = nil, dropout: [Double] = [], seed: Int = 0
  ) {
    self.epochs = epochs
    self.learningRate = learningRate
    self.l2 = l2
    self.l1 = l1
    self.reduction = reduction
    self.logInterval = logInterval
    self.stopping = stopping
    self.optimizer = optimizer
    self.schedule = schedule
    self.batchSize = batchSize
    self.patience = patience
    self.dropout = dropout
    self.seed = seed
  }

  /// Throws unless every setting is in range.
  func validate() throws(NeuralNetError) {
    try require(epochs >= 1, "epochs", epochs, "at least 1")
    try require(
      learningRate > 0 && learningRate.isFinite, "learning rate", learningRate,
      "a finite number > 0")
    try require(l2 >= 0 && l2.isFinite, "l2", l2, "a finite number >= 0")
    try require(l1 >= 0 && l1.isFinite, "l1", l1, "a finite number >= 0")
    try require(logInterval >= 1, "log interval", logInterval, "at least 1")
    if let stopping {
      try require(stopping.window >= 1, "stopping window", stopping.window, "at least 1")
      try require(
        stopping.tolerance >= 0 && stopping.tolerance.isFinite, "tolerance", stopping.tolerance,
        "a finite number >= 0")
    }
    try optimizer.validate()
    try schedule.validate(baseRate: learningRate)
    if let batchSize { try require(batchSize >= 1, "batch size", batchSize, "at least 1") }
    if let patience { try require(patience >= 1, "patience", patience, "at least 1") }
    for rate in dropout {
      try require(rate >= 0 && rate < 1, "dropout", rate, "a rate in [0, 1)")
    }
    _ = try validatedSeed(seed)
  }
}

/// The first seed's stopping criterion: stop once the loss has improved by less than `tolerance`,
/// relative to its value `window` epochs earlier.
///
/// ```
/// stop at epoch e ≥ window  when  (loss[e − window] − loss[e]) / |loss[e − window]| < tolerance
/// ```
///
/// A loss that rises over the window also stops training.
public struct StoppingCriterion: Equatable, Sendable {
  /// How many epochs back the loss is compared with.
  public var window: Int
  /// The smallest relative improvement over the window that keeps training going.
  public var tolerance: Double

  /// Creates a criterion comparing the loss with its value `window` epochs earlier.
  public init(window: Int, tolerance: Double) {
    self.window = window
    self.tolerance = tolerance
  }

  /// Whether training should stop after recording `losses.last`.
  func isSatisfied(by losses: [Double]) -> Bool {
    let epoch = losses.count - 1
    guard epoch >= window else { return false }
    let earlier = losses[epoch - window]
    guard earlier != 0 else { return true }
    return (earlier - losses[epoch]) / abs(earlier) < tolerance
  }
}

/// What training reports after each epoch, to a progress display or an interrupt check.
public struct EpochReport: Sendable {
  /// The epoch just evaluated, counting from 0.
  public var epoch: Int
  /// Its loss, before its update.
  public var loss: Double
  /// Its training accuracy, for classifiers.
  public var accuracy: Double?
  /// The number of epochs training will run unless it stops early.
  public var plannedEpochs: Int
}

/// Whether training goes on after an epoch's report.
public enum TrainingDecision: Sendable {
  case proceed
  case stop
}
