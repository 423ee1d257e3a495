import NeuralNet
import Testing

/// Full-batch training: learning quality, agreement with NumPy, reproducibility, stopping rules.
@Suite struct TrainingTests {
  /// A model whose sums overflow gives NaN outputs: it predicts no class (counting them as class
  /// 0 made up accuracies), and says why.
  @Test func nanOutputsHaveNoClass() throws {
    let huge = 1.7e308
    let hidden = try DenseLayer(
      weights: Matrix(rows: 1, columns: 2, elements: [huge, huge]), biases: [huge, huge],
      activation: .relu)
    let output = try DenseLayer(
      weights: Matrix(rows: 2, columns: 2, elements: [1, 1, -1, 1]), biases: [0, 0],
      activation: .linear)
    let model = try MultilayerPerceptron(layers: [hidden, output], head: .softmax)
    let data = try Dataset(
      name: "d", features: Matrix(rows: 2, columns: 1, elements: [-1, 1]), labels: [0, 0])
    #expect(throws: NeuralNetError.nonFiniteOutput(row: 1)) { try model.predictions(for: data) }
    #expect(throws: NeuralNetError.nonFiniteOutput(row: 1)) { try model.accuracy(on: data) }
  }

  static func secondSeedModel(seed: Int = 42) throws -> MultilayerPerceptron {
    try MultilayerPerceptron(
      inputs: 2, hidden: [16], outputs: 1, activation: .relu, head: .sigmoid, initialization: .he,
      seed: seed)
  }

  static let circles = try! Dataset.circles(count: 1000, noise: 0.1, factor: 0.5, seed: 42)
  static let moons = try! Dataset.moons(count: 200, noise: 0.2, seed: 0)

  @Test func heInitialisationEqualsNumPyDraws() throws {
    let lines = try ReferenceFiles.lines("numpy-he-init-2-16-1-seed42.txt")
    let model = try Self.secondSeedModel()
    for (layer, line) in lines.enumerated() {
      let expected = line.split(separator: " ").map { Double(String($0))!.bitPattern }
      #expect(model.layers[layer].weights.elements.map(\.bitPattern) == expected)
      #expect(model.layers[layer].biases.allSatisfy { $0 == 0 })
    }
  }

  @Test func lecunAndXavierInitialisationDrawFromTheSameStream() throws {
    let lecun = try MultilayerPerceptron(inputs: 4, outputs: 3, initialization: .lecun, seed: 42)
    var generator = SeededGenerator(seed: 42)
    #expect(
      lecun.layers[0].weights.elements == (0..<12).map { _ in generator.standardNormal() / 2 })
    let xavier = try MultilayerPerceptron(inputs: 4, outputs: 3, initialization: .xavier, seed: 42)
    generator = SeededGenerator(seed: 42)
    let limit = (6.0 / 7).squareRoot()
    #expect(
      xavier.layers[0].weights.elements
        == (0..<12).map { _ in -limit + 2 * limit * generator.nextDouble() })
  }

  @Test func circlesLossesEqualTheNumPySeedAndAccuracyPassesNinetySevenPercent() throws {
    var model = try Self.secondSeedModel()
    let history = try model.fit(
      Self.circles, options: TrainingOptions(epochs: 1000, learningRate: 0.1))
    let reference = try ReferenceFiles.lines("numpy-circles-2-16-1-losses.txt")
    #expect(history.loggedEpochs.count == reference.count)
    for line in reference {
      let fields = line.split(separator: " ")
      let epoch = Int(fields[0])!
      let expected = Double(fields[1])!
      #expect(abs(history.loss[epoch] - expected) <= 1e-12 * expected, "epoch \(epoch)")
    }
    #expect(history.stopReason == .completed)
    #expect(history.accuracy[999] >= 0.97)
    #expect(try model.accuracy(on: Self.circles) >= 0.97)
  }

  /// The averaged default needs its own step size: lr 0.5 for 1000 epochs (see CLARIFICATIONS).
  @Test func moonsReachNinetySixPercentWithThirtyTwoReLUUnits() throws {
    var model = try MultilayerPerceptron(
      inputs: 2, hidden: [32], outputs: 2, activation: .relu, head: .softmax, seed: 0)
    try model.fit(Self.moons, options: TrainingOptions(epochs: 1000, learningRate: 0.5))
    #expect(try model.accuracy(on: Self.moons) >= 0.96)
  }

  @Test func sameSeedGivesBitIdenticalWeightsAndHistory() throws {
    var first = try MultilayerPerceptron(inputs: 2, hidden: [8, 8], outputs: 2, seed: 3)
    var second = try MultilayerPerceptron(inputs: 2, hidden: [8, 8], outputs: 2, seed: 3)
    let options = TrainingOptions(epochs: 50, learningRate: 0.3, l2: 0.001)
    let firstHistory = try first.fit(Self.moons, options: options)
    let secondHistory = try second.fit(Self.moons, options: options)
    #expect(first == second)
    #expect(firstHistory.loss.map(\.bitPattern) == secondHistory.loss.map(\.bitPattern))
    let other = try MultilayerPerceptron(inputs: 2, hidden: [8, 8], outputs: 2, seed: 4)
    #expect(
      other.layers[0].weights
        != (try MultilayerPerceptron(
          inputs: 2, hidden: [8, 8], outputs: 2, seed: 3)).layers[0].weights)
  }

  @Test func hugeLearningRateDivergesAndKeepsTheLastFiniteWeights() throws {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [32], outputs: 2, seed: 1)
    let options = TrainingOptions(epochs: 1000, learningRate: 1e3, reduction: .sum)
    let history = try model.fit(Self.moons, options: options)
    guard case .diverged(let epoch) = history.stopReason else {
      Issue.record("expected divergence, got \(history.stopReason)")
      return
    }
    #expect(history.stopReason.description == "diverged at epoch \(epoch)")
    #expect(epoch > 0 && history.epochsRun == epoch + 1)
    #expect(!history.loss[epoch].isFinite)
    #expect(model.layers.allSatisfy { $0.weights.isFinite && $0.biases.allSatisfy(\.isFinite) })
    let restored = try model.loss(on: Self.moons, reduction: .sum)
    #expect(restored == history.loss[epoch - 1])
    #expect(history.finalLoss == history.loss[epoch - 1])
  }

  @Test func stoppingCriterionStopsWhenRelativeImprovementFallsBelowTolerance() throws {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [16], outputs: 2, seed: 2)
    let criterion = StoppingCriterion(window: 20, tolerance: 0.01)
    let history = try model.fit(
      Self.moons, options: TrainingOptions(epochs: 5000, learningRate: 0.5, stopping: criterion))
    guard case .converged(let epoch) = history.stopReason else {
      Issue.record("expected convergence, got \(history.stopReason)")
      return
    }
    let improvement = { (e: Int) in (history.loss[e - 20] - history.loss[e]) / history.loss[e - 20]
    }
    #expect(epoch < 4999 && history.epochsRun == epoch + 1)
    #expect(improvement(epoch) < 0.01)
    #expect((20..<epoch).allSatisfy { improvement($0) >= 0.01 })
    #expect(try model.loss(on: Self.moons) == history.loss[epoch], "stops before the update")
  }

  @Test func callerCanInterruptAfterAnEpoch() throws {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [4], outputs: 2, seed: 2)
    var seen: [Int] = []
    let history = try model.fit(Self.moons, options: TrainingOptions(epochs: 100)) { report in
      seen.append(report.epoch)
      #expect(report.plannedEpochs == 100)
      return report.epoch == 5 ? .stop : .proceed
    }
    #expect(seen == Array(0...5))
    #expect(history.stopReason == .interrupted(epoch: 5))
    #expect(history.stopReason.description == "interrupted at epoch 5")
    #expect(history.epochsRun == 6)
  }

  @Test func historyLogsEveryIntervalAndTheLastEpochAndTracksValidation() throws {
    let (train, test) = try Self.moons.split(testFraction: 0.25, seed: 1)
    var model = try MultilayerPerceptron(inputs: 2, hidden: [8], outputs: 2, seed: 5)
    let history = try model.fit(
      train, options: TrainingOptions(epochs: 250, learningRate: 0.5, logInterval: 100),
      validation: test)
    #expect(history.loggedEpochs == [0, 100, 200, 249])
    #expect(History.loggedEpochCount(epochs: 250, interval: 100) == 4)
    #expect(history.accuracy.count == 250)
    #expect(history.validationLoss.count == 250)
    #expect(history.validationAccuracy.count == 250)
    #expect(history.loss[0] > history.loss[249])
    #expect(history.bestLoss?.epoch == 249)
    #expect(abs(history.validationAccuracy[0] - (try Self.untrainedAccuracy(on: test))) < 1e-12)
  }

  /// The training accuracy of an epoch counts every example, whole batches of 8 and the rest:
  /// with a learning rate too small to change a prediction, each epoch's accuracy is the untrained
  /// model's, on full and mini-batches of sizes that are not multiples of 8. (The output biases
  /// start apart, so that an example whose hidden units are all 0 has no tie for a tiny step to
  /// break.)
  @Test(arguments: [nil, 13] as [Int?])
  func trainingAccuracyCountsEveryExample(batchSize: Int?) throws {
    let data = Self.moons.subset(Array(0..<61))
    var layers = try MultilayerPerceptron(inputs: 2, hidden: [8], outputs: 2, seed: 5).layers
    layers[1].biases = [0.01, -0.01]
    var model = try MultilayerPerceptron(layers: layers, head: .softmax)
    let expected = try model.accuracy(on: data)
    var options = TrainingOptions(epochs: 2, learningRate: 1e-300)
    options.batchSize = batchSize
    let history = try model.fit(data, options: options)
    #expect(expected > 0.3 && expected < 1)
    #expect(history.accuracy == [expected, expected])
  }

  static func untrainedAccuracy(on data: Dataset) throws -> Double {
    try MultilayerPerceptron(inputs: 2, hidden: [8], outputs: 2, seed: 5).accuracy(on: data)
  }

  @Test func linearHeadLearnsARegression() throws {
    let inputs = (0..<20).map { Double($0) / 10 - 1 }
    let features = Matrix(column: inputs)
    let targets = Matrix(column: inputs.map { 2 * $0 - 0.5 })
    var model = try MultilayerPerceptron(inputs: 1, outputs: 1, head: .linear, seed: 0)
    let history = try model.fit(
      features: features, targets: targets, options: TrainingOptions(epochs: 500, learningRate: 0.2)
    )
    #expect(history.loss[499] < 1e-6)
    #expect(history.accuracy.isEmpty)
    #expect(abs(model.layers[0].weights[0, 0] - 2) < 1e-3)
    #expect(abs(model.layers[0].biases[0] + 0.5) < 1e-3)
  }

  @Test func largeLogitsGiveFiniteLossesAndProbabilities() throws {
    for head in [OutputHead.softmax, .sigmoid] {
      let outputs = head == .softmax ? 2 : 1
      var model = try MultilayerPerceptron(inputs: 2, outputs: outputs, head: head, seed: 0)
      // Both examples get logits of ±1e6 in favour of the wrong class.
      let weights = head == .softmax ? [-1e4, 1e4, -1e4, 1e4] : [1e4, 1e4]
      try model.setParameters(
        ofLayer: 0, weights: Matrix(rows: 2, columns: outputs, elements: weights),
        biases: Array(repeating: 0, count: outputs))
      let data = try Dataset(
        name: "far", features: Matrix(rows: 2, columns: 2, elements: [50, 50, -50, -50]),
        labels: [0, 1])
      let loss = try model.loss(on: data)
      #expect(loss.isFinite && loss > 1e5)
      #expect(try model.outputs(for: data.features).isFinite)
    }
  }

  @Test func invalidArgumentsThrowDescriptiveErrorsInsteadOfTrapping() throws {
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "inputs", value: "0", expected: "a positive number")
    ) {
      try MultilayerPerceptron(inputs: 0, outputs: 2)
    }
    #expect(throws: NeuralNetError.self) {
      try MultilayerPerceptron(inputs: 2, hidden: [0], outputs: 2)
    }
    #expect(throws: NeuralNetError.self) {
      try MultilayerPerceptron(inputs: 2, outputs: 2, head: .sigmoid)
    }
    #expect(throws: NeuralNetError.self) {
      try MultilayerPerceptron(inputs: 2, outputs: 1, head: .softmax)
    }
    #expect(throws: NeuralNetError.self) {
      try MultilayerPerceptron(inputs: 2, outputs: 2, seed: -3)
    }

    var model = try MultilayerPerceptron(inputs: 2, hidden: [4], outputs: 2)
    let error = #expect(throws: NeuralNetError.self) {
      try model.fit(Self.moons, options: TrainingOptions(learningRate: 0))
    }
    #expect(error?.description == "learning rate must be a finite number > 0, got 0")
    #expect(throws: NeuralNetError.self) {
      try model.fit(Self.moons, options: TrainingOptions(epochs: 0))
    }
    #expect(throws: NeuralNetError.self) {
      try model.fit(Self.moons, options: TrainingOptions(l2: .nan))
    }

    let threeClasses = try Dataset.spiral(count: 30, arms: 3)
    let firstTwo = try #require(threeClasses.labels.firstIndex(of: 2))
    #expect(throws: NeuralNetError.labelOutOfRange(label: 2, row: firstTwo, classCount: 2)) {
      try model.fit(threeClasses)
    }
    let wide = try Dataset(name: "wide", features: Matrix(rows: 1, columns: 3), labels: [0])
    #expect(throws: NeuralNetError.self) { try model.fit(wide) }
    #expect(throws: NeuralNetError.nonFiniteFeature(row: 0, column: 1)) {
      try model.predictions(for: Matrix(rows: 1, columns: 2, elements: [0, .infinity]))
    }
    #expect(throws: NeuralNetError.self) { try model.outputs(for: Matrix(rows: 0, columns: 2)) }
  }
}

@Suite struct MetricsTests {
  @Test func confusionMatrixCountsAndPerClassMetrics() throws {
    let matrix = try ConfusionMatrix(
      actual: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2], classCount: 3)
    #expect(matrix.counts == [2, 1, 0, 0, 1, 1, 0, 0, 1])
    #expect(matrix[0, 1] == 1)
    #expect(matrix.accuracy == 4.0 / 6)
    let metrics = matrix.classMetrics
    #expect(metrics[0].precision == 1)
    #expect(metrics[0].recall == 2.0 / 3)
    #expect(abs(metrics[0].f1 - 0.8) < 1e-15)
    #expect(metrics[1].precision == 0.5 && metrics[1].recall == 0.5)
    #expect(metrics[2].support == 1 && metrics[2].precision == 0.5 && metrics[2].recall == 1)
  }

  @Test func emptyClassesReportZeroInsteadOfNaN() throws {
    let matrix = try ConfusionMatrix(actual: [0, 0], predicted: [0, 0], classCount: 2)
    #expect(
      matrix.classMetrics[1] == ClassMetrics(label: 1, precision: 0, recall: 0, f1: 0, support: 0))
  }

  @Test func confusionMatrixRejectsBadLabels() {
    #expect(throws: NeuralNetError.labelOutOfRange(label: 5, row: 1, classCount: 2)) {
      try ConfusionMatrix(actual: [0, 5], predicted: [0, 1], classCount: 2)
    }
    #expect(throws: NeuralNetError.self) {
      try ConfusionMatrix(actual: [0], predicted: [0, 1], classCount: 2)
    }
  }

  @Test func modelConfusionMatrixAgreesWithItsPredictions() throws {
    let data = try Dataset.blobs(count: 60, centers: 3, seed: 1)
    var model = try MultilayerPerceptron(inputs: 2, hidden: [8], outputs: 3, seed: 1)
    try model.fit(data, options: TrainingOptions(epochs: 200, learningRate: 0.1))
    let predictions = try model.predictions(for: data)
    let matrix = try model.confusionMatrix(on: data)
    #expect(matrix.total == 60)
    #expect(matrix.accuracy == Double(zip(predictions, data.labels).filter { $0 == $1 }.count) / 60)
    #expect(try model.accuracy(on: data) > 0.9)
  }
}
