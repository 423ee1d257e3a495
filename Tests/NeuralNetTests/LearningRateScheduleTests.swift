import Foundation
import Testing

@testable import NeuralNet

/// Every schedule gives the learning rates its documentation promises, epoch by epoch.
@Suite struct LearningRateScheduleTests {
  static let data = try! Dataset.moons(count: 40, noise: 0.1, seed: 3)

  static func rates(_ schedule: LearningRateSchedule, epochs: Int = 10) throws -> [Double] {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [4], outputs: 2, seed: 1)
    let history = try model.fit(
      data, options: TrainingOptions(epochs: epochs, learningRate: 0.2, schedule: schedule))
    return history.learningRates
  }

  @Test func constantKeepsTheBaseRate() throws {
    #expect(try Self.rates(.constant) == Array(repeating: 0.2, count: 10))
  }

  @Test func stepDecayHalvesEveryIntervalOfEpochs() throws {
    let expected = [0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]
    #expect(try Self.rates(.step(every: 3, factor: 0.5)) == expected)
  }

  @Test func exponentialDecayMultipliesEveryEpoch() throws {
    let rates = try Self.rates(.exponential(factor: 0.9))
    for (epoch, rate) in rates.enumerated() {
      #expect(abs(rate - 0.2 * pow(0.9, Double(epoch))) <= 1e-15)
    }
  }

  @Test func cosineGoesFromTheBaseRateHalfwayToTheMinimumAtTheMiddle() throws {
    let rates = try Self.rates(.cosine(minimum: 0.02))
    #expect(rates[0] == 0.2)
    #expect(abs(rates[5] - 0.11) < 1e-15)
    #expect(abs(rates[9] - (0.02 + 0.18 * (1 + cos(Double.pi * 0.9)) / 2)) < 1e-15)
    #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
  }

  @Test func plateauLowersTheRateAfterPatienceEpochsWithoutImprovement() {
    var tracker = LearningRateTracker(
      .plateau(factor: 0.5, patience: 2, minimum: 0.03), baseRate: 0.2, epochs: 20)
    let losses = [1.0, 0.9, 0.95, 0.91, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
    var rates: [Double] = []
    for (epoch, loss) in losses.enumerated() {
      rates.append(tracker.rate(atEpoch: epoch))
      tracker.observe(loss)
    }
    // Two epochs without a new best (0.95, 0.91) halve the rate from epoch 4 on; 0.8 is a new
    // best, then every two equal losses halve it again, down to the minimum.
    #expect(rates == [0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.03, 0.03])
  }

  @Test func plateauWatchesTheValidationLossWhenThereIsOne() throws {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [8], outputs: 2, seed: 1)
    let (train, validation) = try Self.data.split(testFraction: 0.5, seed: 2)
    // A rate so large that the validation loss soon stops improving.
    let history = try model.fit(
      train,
      options: TrainingOptions(
        epochs: 60, learningRate: 5, schedule: .plateau(factor: 0.5, patience: 3, minimum: 0)),
      validation: validation)
    var tracker = LearningRateTracker(
      .plateau(factor: 0.5, patience: 3, minimum: 0), baseRate: 5, epochs: 60)
    for epoch in 0..<history.epochsRun {
      #expect(history.learningRates[epoch] == tracker.rate(atEpoch: epoch))
      tracker.observe(history.validationLoss[epoch])
    }
    #expect(history.learningRates.last! < 5)
  }

  @Test func badScheduleSettingsAreRefused() throws {
    var model = try MultilayerPerceptron(inputs: 2, outputs: 2, seed: 1)
    for schedule in [
      LearningRateSchedule.step(every: 0, factor: 0.5), .step(every: 2, factor: 1.5),
      .exponential(factor: 0), .cosine(minimum: 1), .plateau(factor: 1, patience: 2, minimum: 0),
    ] {
      #expect(throws: NeuralNetError.self) {
        try model.fit(Self.data, options: TrainingOptions(learningRate: 0.1, schedule: schedule))
      }
    }
  }
}
