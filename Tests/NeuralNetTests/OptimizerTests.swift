import Foundation
import NeuralNet
import Testing

/// Every optimiser takes exactly its documented steps and learns a convex problem.
@Suite struct OptimizerTests {
  /// Softmax regression (no hidden layer) on three blobs: a convex loss.
  static let blobs = try! Dataset.blobs(count: 90, centers: 3, standardDeviation: 1.5, seed: 4)

  static func convexModel() throws -> MultilayerPerceptron {
    try MultilayerPerceptron(
      inputs: 2, outputs: 3, head: .softmax, initialization: .xavier, seed: 2)
  }

  static let optimizers: [Optimizer] = [
    .gradientDescent, .momentum(0.9), .nesterov(0.9), .defaultRMSProp, .defaultAdam,
  ]

  @Test(arguments: optimizers)
  func everyOptimizerLowersTheLossOfAConvexProblem(optimizer: Optimizer) throws {
    var model = try Self.convexModel()
    let history = try model.fit(
      Self.blobs,
      options: TrainingOptions(epochs: 200, learningRate: 0.05, optimizer: optimizer))
    let first = history.loss[0]
    #expect(history.stopReason == .completed)
    #expect(history.loss.last! < 0.5 * first, "\(history.loss.last!) vs \(first)")
    #expect(try model.accuracy(on: Self.blobs) > 0.8)
  }

  /// Runs `epochs` steps of `optimizer` by hand, with the formulas of ``Optimizer``'s
  /// documentation written out element by element, and by `fit`, and compares the weights bit for
  /// bit.
  @Test(arguments: optimizers)
  func firstStepsEqualTheDocumentedFormulas(optimizer: Optimizer) throws {
    let learningRate = 0.1
    let epochs = 2
    var trained = try Self.convexModel()
    try trained.fit(
      Self.blobs,
      options: TrainingOptions(epochs: epochs, learningRate: learningRate, optimizer: optimizer))

    var model = try Self.convexModel()
    var first = [Double](repeating: 0, count: 9)  // 6 weights, then 3 biases
    var second = [Double](repeating: 0, count: 9)
    for step in 1...epochs {
      let gradient = try model.gradients(on: Self.blobs).gradients[0]
      var parameters = model.layers[0].weights.elements + model.layers[0].biases
      let gradients = gradient.weights.elements + gradient.biases
      for i in parameters.indices {
        let g = gradients[i]
        switch optimizer {
        case .gradientDescent:
          parameters[i] += -learningRate * g
        case .momentum(let mu):
          first[i] = mu * first[i] + g
          parameters[i] -= learningRate * first[i]
        case .nesterov(let mu):
          first[i] = mu * first[i] + g
          parameters[i] -= learningRate * (g + mu * first[i])
        case .rmsProp(let rho, let epsilon):
          first[i] = rho * first[i] + (1 - rho) * g * g
          parameters[i] -= learningRate * g / (first[i].squareRoot() + epsilon)
        case .adam(let beta1, let beta2, let epsilon):
          first[i] = beta1 * first[i] + (1 - beta1) * g
          second[i] = beta2 * second[i] + (1 - beta2) * g * g
          let mHat = first[i] / (1 - pow(beta1, Double(step)))
          let vHat = second[i] / (1 - pow(beta2, Double(step)))
          parameters[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
      }
      try model.setParameters(
        ofLayer: 0, weights: Matrix(rows: 2, columns: 3, elements: Array(parameters[0..<6])),
        biases: Array(parameters[6...]))
    }
    #expect(trained == model)
  }

  @Test func adamsFirstStepMovesEveryParameterByTheLearningRate() throws {
    let before = try Self.convexModel()
    var after = before
    try after.fit(
      Self.blobs, options: TrainingOptions(epochs: 1, learningRate: 0.01, optimizer: .defaultAdam))
    let gradient = try before.gradients(on: Self.blobs).gradients[0]
    for (index, g) in gradient.weights.elements.enumerated() {
      let moved = after.layers[0].weights.elements[index] - before.layers[0].weights.elements[index]
      // m̂ = g and v̂ = g² after one step, so the step is η·g/(|g| + ε) ≈ −η·sign(g).
      #expect(abs(moved + 0.01 * (g > 0 ? 1 : -1)) < 1e-8)
    }
  }

  @Test func momentumCoefficientsOutOfRangeAreRefused() throws {
    var model = try Self.convexModel()
    for optimizer in [
      Optimizer.momentum(1), .nesterov(-0.1), .rmsProp(decay: 1, epsilon: 1e-8),
      .adam(beta1: 0.9, beta2: 1, epsilon: 1e-8), .adam(beta1: 0.9, beta2: 0.999, epsilon: 0),
    ] {
      #expect(throws: NeuralNetError.self) {
        try model.fit(Self.blobs, options: TrainingOptions(epochs: 1, optimizer: optimizer))
      }
    }
  }
}

extension Optimizer: CustomTestStringConvertible {
  public var testDescription: String {
    switch self {
    case .gradientDescent: "gradient descent"
    case .momentum: "momentum"
    case .nesterov: "nesterov"
    case .rmsProp: "rmsprop"
    case .adam: "adam"
    }
  }
}
