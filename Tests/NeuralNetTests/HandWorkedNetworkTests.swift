import NeuralNet
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A 2-2-2 ReLU/softmax network with fixed weights, worked through by hand.
///
/// ```
/// W1 = [[0.1, -0.2], [0.3, 0.4]]   b1 = [0, 0.1]      (inputs × outputs)
/// W2 = [[0.5, -0.5], [0.25, 0.75]] b2 = [0.1, -0.1]
/// x₁ = (1, 2), class 0:   z1 = (0.7, 0.7)    a1 = (0.7, 0.7)  z2 = (0.625, 0.075)
/// x₂ = (0.5, -1), class 1: z1 = (-0.25, -0.4) a1 = (0, 0)      z2 = (0.1, -0.1)
/// ℓ₁ = log(1 + e^−0.55)   ℓ₂ = log(1 + e^0.2)   loss = (ℓ₁ + ℓ₂) / 2
/// With s = σ(−0.55), t = σ(0.2), the averaged deltas of the output layer are
/// δ₁ = (−s/2, s/2), δ₂ = (t/2, −t/2); only x₁ reaches the hidden layer (x₂'s ReLUs are off):
/// ∂W2 = [[0.7·(−s/2), 0.7·s/2], [same]]  ∂b2 = ((t − s)/2, (s − t)/2)
/// ∂a1 = δ₁ · W2ᵀ = (−s/2, s/4)           ∂W1 = [[−s/2, s/4], [−s, s/2]]  ∂b1 = (−s/2, s/4)
/// ```
@Suite struct HandWorkedNetworkTests {
  static func model() throws -> MultilayerPerceptron {
    let hidden = try DenseLayer(
      weights: Matrix(rows: 2, columns: 2, elements: [0.1, -0.2, 0.3, 0.4]), biases: [0, 0.1],
      activation: .relu)
    let output = try DenseLayer(
      weights: Matrix(rows: 2, columns: 2, elements: [0.5, -0.5, 0.25, 0.75]),
      biases: [0.1, -0.1], activation: .linear)
    return try MultilayerPerceptron(layers: [hidden, output], head: .softmax)
  }

  static let data = try! Dataset(
    name: "hand", features: Matrix(rows: 2, columns: 2, elements: [1, 2, 0.5, -1]), labels: [0, 1])
  static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

  static func expectClose(_ actual: [Double], _ expected: [Double]) {
    #expect(actual.count == expected.count)
    for (a, e) in zip(actual, expected) {
      #expect(abs(a - e) <= 1e-15 * max(1, abs(e)), "\(actual) vs \(expected)")
    }
  }

  @Test func forwardValuesEqualTheHandResult() throws {
    let z = try Self.model().preActivations(for: Self.data.features)
    Self.expectClose(z[0].elements, [0.7, 0.7, -0.25, -0.4])
    Self.expectClose(z[1].elements, [0.625, 0.075, 0.1, -0.1])
    let probabilities = try Self.model().outputs(for: Self.data.features)
    Self.expectClose(
      probabilities.elements,
      [Self.sigmoid(0.55), Self.sigmoid(-0.55), Self.sigmoid(0.2), Self.sigmoid(-0.2)])
    #expect(try Self.model().predictions(for: Self.data) == [0, 0])
  }

  @Test func lossEqualsTheHandResult() throws {
    let expected = (log(1 + exp(-0.55)) + log(1 + exp(0.2))) / 2
    #expect(abs(try Self.model().loss(on: Self.data) - expected) < 1e-15)
    let summed = try Self.model().loss(on: Self.data, reduction: .sum)
    #expect(abs(summed - expected) < 1e-15, "the summed objective is reported per example")
  }

  @Test func gradientsEqualTheHandResult() throws {
    let s = Self.sigmoid(-0.55)
    let t = Self.sigmoid(0.2)
    let gradients = try Self.model().gradients(on: Self.data).gradients
    Self.expectClose(gradients[1].weights.elements, [-0.35 * s, 0.35 * s, -0.35 * s, 0.35 * s])
    Self.expectClose(gradients[1].biases, [(t - s) / 2, (s - t) / 2])
    Self.expectClose(gradients[0].weights.elements, [-s / 2, s / 4, -s, s / 2])
    Self.expectClose(gradients[0].biases, [-s / 2, s / 4])
  }

  @Test func l2AddsHalfLambdaSquaredWeightsToLossAndLambdaWeightsToGradient() throws {
    let model = try Self.model()
    let plain = try model.gradients(on: Self.data)
    let penalised = try model.gradients(on: Self.data, l2: 0.1)
    let squares = 0.01 + 0.04 + 0.09 + 0.16 + 0.25 + 0.25 + 0.0625 + 0.5625
    #expect(abs(penalised.loss - plain.loss - 0.05 * squares) < 1e-15)
    Self.expectClose(
      penalised.gradients[0].weights.elements,
      zip(plain.gradients[0].weights.elements, [0.1, -0.2, 0.3, 0.4]).map { $0 + 0.1 * $1 })
    #expect(penalised.gradients[0].biases == plain.gradients[0].biases)
  }

  @Test func sumReductionSumsGradientsOverExamples() throws {
    let model = try Self.model()
    let mean = try model.gradients(on: Self.data).gradients
    let sum = try model.gradients(on: Self.data, reduction: .sum).gradients
    Self.expectClose(sum[0].weights.elements, mean[0].weights.elements.map { $0 * 2 })
    Self.expectClose(sum[1].biases, mean[1].biases.map { $0 * 2 })
  }
}
