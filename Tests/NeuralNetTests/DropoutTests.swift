import Foundation
import NeuralNet
import Testing

/// Inverted dropout: seeded masks scaled by 1/(1 − p) in training, the full network afterwards.
@Suite struct DropoutTests {
  static let data = try! Dataset.circles(count: 12, noise: 0.1, factor: 0.5, seed: 1)

  static func model() throws -> MultilayerPerceptron {
    try MultilayerPerceptron(
      inputs: 2, hidden: [5], outputs: 1, activation: .tanh, head: .sigmoid, seed: 4)
  }

  /// The training loss with the masks the seeded generator draws (`u < 1 − p` keeps a unit,
  /// scaled by `1/(1 − p)`), computed by hand for parameters `model`.
  static func maskedLoss(_ model: MultilayerPerceptron, rate: Double, seed: UInt32) -> Double {
    var generator = SeededGenerator(seed: seed)
    let hidden = model.layers[0]
    let output = model.layers[1]
    let mask = (0..<data.count * 5).map { _ in
      generator.nextDouble() < 1 - rate ? 1 / (1 - rate) : 0
    }
    var total = 0.0
    for row in 0..<data.count {
      var logit = output.biases[0]
      for unit in 0..<5 {
        var z = hidden.biases[unit]
        for feature in 0..<2 { z += data.features[row, feature] * hidden.weights[feature, unit] }
        logit += tanh(z) * mask[row * 5 + unit] * output.weights[unit, 0]
      }
      let p = 1 / (1 + exp(-logit))
      total -= data.labels[row] == 1 ? log(p) : log(1 - p)
    }
    return total / Double(data.count)
  }

  @Test func theRecordedLossIsThatOfTheMaskedNetwork() throws {
    var model = try Self.model()
    let before = model
    let history = try model.fit(
      Self.data, options: TrainingOptions(epochs: 1, learningRate: 0.5, dropout: [0.4], seed: 6))
    #expect(abs(history.loss[0] - Self.maskedLoss(before, rate: 0.4, seed: 6)) < 1e-12)
  }

  /// The step taken with dropout is the gradient of the masked network's loss: checked against
  /// central differences of the hand-computed masked loss.
  @Test func theStepFollowsTheGradientOfTheMaskedNetwork() throws {
    let learningRate = 1.0
    let before = try Self.model()
    var after = before
    try after.fit(
      Self.data,
      options: TrainingOptions(epochs: 1, learningRate: learningRate, dropout: [0.4], seed: 6))
    var probe = before
    let h = 1e-5
    for layer in 0..<2 {
      for index in before.layers[layer].weights.elements.indices {
        let rows = before.layers[layer].weights.rows
        let columns = before.layers[layer].weights.columns
        let (row, column) = (index / columns, index % columns)
        func loss(_ offset: Double) throws -> Double {
          var weights = before.layers[layer].weights
          weights[row, column] += offset
          try probe.setParameters(
            ofLayer: layer, weights: weights, biases: before.layers[layer].biases)
          return Self.maskedLoss(probe, rate: 0.4, seed: 6)
        }
        let numeric = (try loss(h) - loss(-h)) / (2 * h)
        let analytic =
          (before.layers[layer].weights[row, column] - after.layers[layer].weights[row, column])
          / learningRate
        #expect(
          abs(numeric - analytic) < 1e-8, "layer \(layer) weight \(row), \(column) of \(rows)")
      }
      try probe.setParameters(
        ofLayer: layer, weights: before.layers[layer].weights, biases: before.layers[layer].biases)
    }
  }

  @Test func rateZeroIsNoDropoutAndEvaluationUsesEveryUnit() throws {
    var plain = try Self.model()
    var zero = try Self.model()
    let options = TrainingOptions(epochs: 20, learningRate: 0.5)
    var withZero = options
    withZero.dropout = [0]
    #expect(try plain.fit(Self.data, options: options) == zero.fit(Self.data, options: withZero))
    #expect(plain == zero)

    var dropped = try Self.model()
    var withDropout = options
    withDropout.dropout = [0.5]
    try dropped.fit(Self.data, options: withDropout)
    #expect(dropped != plain)
    // Evaluation is deterministic: no masks outside training.
    #expect(try dropped.loss(on: Self.data) == dropped.loss(on: Self.data))
  }

  @Test func ratesMustFitTheHiddenLayers() throws {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [4, 4], outputs: 2, seed: 1)
    var noHidden = try MultilayerPerceptron(inputs: 2, outputs: 2, seed: 1)
    let data = try Dataset.moons(count: 20, seed: 1)
    #expect(throws: NeuralNetError.self) {
      try model.fit(data, options: TrainingOptions(epochs: 1, dropout: [0.1, 0.2, 0.3]))
    }
    #expect(throws: NeuralNetError.self) {
      try model.fit(data, options: TrainingOptions(epochs: 1, dropout: [1]))
    }
    #expect(throws: NeuralNetError.self) {
      try noHidden.fit(data, options: TrainingOptions(epochs: 1, dropout: [0.5]))
    }
    try model.fit(data, options: TrainingOptions(epochs: 1, dropout: [0.5]))
    try model.fit(data, options: TrainingOptions(epochs: 1, dropout: [0.5, 0]))
  }
}
