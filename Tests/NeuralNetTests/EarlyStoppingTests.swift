import NeuralNet
import Testing

/// Early stopping watches the validation loss and gives the model back its best weights.
@Suite struct EarlyStoppingTests {
  /// A wide network on few noisy points over-fits: its validation loss turns up.
  static let (train, validation) = try! Dataset.moons(count: 80, noise: 0.35, seed: 5)
    .split(testFraction: 0.5, seed: 1)

  static func overfittingModel() throws -> MultilayerPerceptron {
    try MultilayerPerceptron(inputs: 2, hidden: [64, 64], outputs: 2, seed: 3)
  }

  @Test func stopsAfterPatienceEpochsAndRestoresTheBestEpochsWeights() throws {
    var model = try Self.overfittingModel()
    let options = TrainingOptions(
      epochs: 3000, learningRate: 0.5, optimizer: .momentum(0.9), patience: 25)
    let history = try model.fit(Self.train, options: options, validation: Self.validation)
    guard case .stoppedEarly(let epoch, let best) = history.stopReason else {
      Issue.record("expected an early stop, got \(history.stopReason)")
      return
    }
    #expect(epoch - best == 25)
    #expect(epoch < 2999)
    #expect(history.restoredEpoch == best)
    #expect(history.validationLoss[best] == history.validationLoss.min())
    // The model holds exactly the weights whose validation loss was recorded for `best`.
    #expect(try model.loss(on: Self.validation) == history.validationLoss[best])

    // Training from scratch for exactly `best` epochs reaches the same weights.
    var replay = try Self.overfittingModel()
    if best > 0 {
      var replayOptions = options
      replayOptions.epochs = best
      replayOptions.patience = nil
      try replay.fit(Self.train, options: replayOptions)
    }
    #expect(replay == model)
  }

  @Test func completedTrainingAlsoEndsWithTheBestWeights() throws {
    var model = try Self.overfittingModel()
    let history = try model.fit(
      Self.train,
      options: TrainingOptions(
        epochs: 150, learningRate: 0.5, optimizer: .momentum(0.9), patience: 1000),
      validation: Self.validation)
    #expect(history.stopReason == .completed)
    let best = history.validationLoss.firstIndex(of: history.validationLoss.min()!)!
    #expect(history.restoredEpoch == best)
    #expect(try model.loss(on: Self.validation) == history.validationLoss[best])
  }

  @Test func patienceWithoutValidationDataIsRefused() throws {
    var model = try Self.overfittingModel()
    #expect(throws: NeuralNetError.self) {
      try model.fit(Self.train, options: TrainingOptions(epochs: 5, patience: 3))
    }
  }
}
