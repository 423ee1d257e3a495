import NeuralNet
import Testing

/// Mini-batch descent: a seeded shuffle every epoch, one step per batch, every example once.
@Suite struct MiniBatchTests {
  static let data = try! Dataset.moons(count: 50, noise: 0.2, seed: 7)

  static func model() throws -> MultilayerPerceptron {
    try MultilayerPerceptron(inputs: 2, hidden: [6], outputs: 2, activation: .tanh, seed: 9)
  }

  @Test func aBatchOfAllExamplesIsFullBatchDescent() throws {
    var full = try Self.model()
    var batched = try Self.model()
    let fullHistory = try full.fit(
      Self.data, options: TrainingOptions(epochs: 30, learningRate: 0.3))
    let batchedHistory = try batched.fit(
      Self.data, options: TrainingOptions(epochs: 30, learningRate: 0.3, batchSize: 50))
    #expect(full == batched)
    #expect(fullHistory == batchedHistory)
  }

  /// Two epochs of batches of 16 (16, 16, 16, 2), replayed by hand: the order is the seeded
  /// generator's in-place shuffle of the previous epoch's order, and each batch takes one step.
  @Test func eachEpochShufflesThenStepsOncePerBatchOverEveryExample() throws {
    let learningRate = 0.3
    var trained = try Self.model()
    let history = try trained.fit(
      Self.data,
      options: TrainingOptions(epochs: 2, learningRate: learningRate, batchSize: 16, seed: 11))

    var model = try Self.model()
    var generator = SeededGenerator(seed: 11)
    var order = Array(0..<Self.data.count)
    for epoch in 0..<2 {
      generator.shuffle(&order)
      #expect(Set(order).count == Self.data.count)
      var weightedLoss = 0.0
      for start in stride(from: 0, to: order.count, by: 16) {
        let batch = Self.data.subset(Array(order[start..<min(start + 16, order.count)]))
        let (loss, gradients) = try model.gradients(on: batch)
        weightedLoss += loss * Double(batch.count)
        for layer in model.layers.indices {
          var weights = model.layers[layer].weights
          weights.add(gradients[layer].weights, scaledBy: -learningRate)
          let biases = zip(model.layers[layer].biases, gradients[layer].biases).map {
            $0 + -learningRate * $1
          }
          try model.setParameters(ofLayer: layer, weights: weights, biases: biases)
        }
      }
      #expect(history.loss[epoch] == weightedLoss / Double(Self.data.count))
    }
    #expect(trained == model)
  }

  @Test func theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws {
    func run(seed: Int) throws -> MultilayerPerceptron {
      var model = try Self.model()
      try model.fit(
        Self.data,
        options: TrainingOptions(
          epochs: 5, learningRate: 0.1, optimizer: .defaultAdam, batchSize: 8, seed: seed))
      return model
    }
    #expect(try run(seed: 1) == run(seed: 1))
    #expect(try run(seed: 1) != run(seed: 2))
  }

  @Test func miniBatchesLearnMoons() throws {
    var model = try Self.model()
    try model.fit(
      Self.data, options: TrainingOptions(epochs: 100, learningRate: 0.1, batchSize: 10))
    #expect(try model.accuracy(on: Self.data) >= 0.85)
  }
}
