import NeuralNet
import Testing

/// Analytic gradients agree with centred finite differences for every hidden activation, output
/// head, depth and penalty.
@Suite struct GradientCheckTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var activation: Activation
    var head: OutputHead
    var hidden: [Int]
    var testDescription: String { "\(activation) \(head) hidden \(hidden)" }
  }

  static let cases: [Case] = Activation.allCases.flatMap { activation in
    OutputHead.allCases.flatMap { head in
      [[], [5], [4, 3]].map { Case(activation: activation, head: head, hidden: $0) }
    }
  }

  /// Three features per example; targets one-hot over 3 classes, 0/1, or real values for 2 outputs.
  static func problem(for head: OutputHead, seed: UInt32) -> (Matrix, Matrix, outputs: Int) {
    var generator = SeededGenerator(seed: seed)
    let rows = 7
    let features = Matrix(
      rows: rows, columns: 3, elements: (0..<rows * 3).map { _ in generator.standardNormal() })
    switch head {
    case .softmax:
      var targets = Matrix(rows: rows, columns: 3)
      for row in 0..<rows { targets[row, row % 3] = 1 }
      return (features, targets, 3)
    case .sigmoid:
      return (features, Matrix(column: (0..<rows).map { Double($0 % 2) }), 1)
    case .linear:
      let values = (0..<rows * 2).map { _ in generator.standardNormal() }
      return (features, Matrix(rows: rows, columns: 2, elements: values), 2)
    }
  }

  /// The first model (by seed) whose hidden pre-activations all stay at least 0.05 from zero and
  /// whose weights stay at least 0.01 from zero, so that the finite differences never straddle
  /// the kink of a ReLU-family layer or of the L1 penalty.
  static func modelClearOfKinks(
    _ testCase: Case, features: Matrix, outputs: Int
  ) throws -> MultilayerPerceptron {
    for seed in 0..<2000 {
      let model = try MultilayerPerceptron(
        inputs: 3, hidden: testCase.hidden, outputs: outputs, activation: testCase.activation,
        head: testCase.head, initialization: .xavier, seed: seed)
      let hidden = try model.preActivations(for: features).dropLast()
      let clearOfL1Kink = model.layers.allSatisfy {
        $0.weights.elements.allSatisfy { abs($0) > 0.01 }
      }
      if clearOfL1Kink
        && (!testCase.activation.hasKink
          || hidden.allSatisfy({ $0.elements.allSatisfy { abs($0) > 0.05 } }))
      {
        return model
      }
    }
    throw NeuralNetError.invalidArgument(name: "seed", value: "0..<200", expected: "a clear one")
  }

  /// L2 alone, L1 alone and both together.
  static let penalties: [Penalty] = [
    Penalty(l2: 0, l1: 0), Penalty(l2: 0.3, l1: 0), Penalty(l2: 0, l1: 0.2),
    Penalty(l2: 0.3, l1: 0.2),
  ]

  struct Penalty: CustomTestStringConvertible, Sendable {
    var l2: Double
    var l1: Double
    var testDescription: String { "l2 \(l2) l1 \(l1)" }
  }

  @Test(arguments: cases, penalties)
  func analyticGradientsMatchFiniteDifferences(testCase: Case, penalty: Penalty) throws {
    let (features, targets, outputs) = Self.problem(for: testCase.head, seed: 11)
    let model = try Self.modelClearOfKinks(testCase, features: features, outputs: outputs)
    for reduction in LossReduction.allCases {
      let check = try GradientCheck(
        model: model, features: features, targets: targets, l2: penalty.l2, l1: penalty.l1,
        reduction: reduction)
      #expect(check.maximumError < 1e-7, "\(reduction): worst at \(check.worstParameter)")
      #expect(check.parameterCount == model.parameterCount)
    }
  }

  /// A large model is checked on every `n`th parameter of each weight matrix and bias vector,
  /// from its first, so none is left out; a wrong gradient among them is still caught, and an
  /// interruption stops the check at once.
  @Test func gradientCheckSamplesParametersAndStopsWhenInterrupted() throws {
    let (features, targets, _) = Self.problem(for: .sigmoid, seed: 3)
    let model = try MultilayerPerceptron(
      inputs: 3, hidden: [4], outputs: 1, activation: .tanh, head: .sigmoid, seed: 1)
    #expect(model.parameterCount == 21)
    var gradients = try model.gradients(features: features, targets: targets).gradients
    let sampled = try GradientCheck(
      analytic: gradients, model: model, features: features, targets: targets,
      maximumParameters: 5)
    #expect(sampled.samplingInterval == 5)
    // Layer 0's weights 0, 5 and 10 of 12, its bias 0 of 4; layer 1's weight 0 of 4, its bias.
    #expect(sampled.parameterCount == 6)
    #expect(sampled.maximumError < 1e-7)
    gradients[0].weights[1, 2] *= 1.001  // weight 1·4 + 2 = 6 of layer 0: not among them
    gradients[1].weights[1, 0] *= 1.001  // weight 1 of layer 1: not either
    #expect(
      try GradientCheck(
        analytic: gradients, model: model, features: features, targets: targets,
        maximumParameters: 5
      ).maximumError < 1e-7)
    gradients[1].biases[0] *= 1.001  // the output's only bias, always checked
    let caught = try GradientCheck(
      analytic: gradients, model: model, features: features, targets: targets,
      maximumParameters: 5)
    #expect(caught.worstParameter == "layer 1 bias 0")
    var asked = 0
    let interrupted = try GradientCheck(
      analytic: gradients, model: model, features: features, targets: targets,
      isInterrupted: {
        asked += 1
        return asked > 3
      })
    #expect(interrupted.wasInterrupted)
    #expect(interrupted.parameterCount == 3)
    #expect(asked == 4)
  }

  /// A ReLU unit whose pre-activation sits 0.0005 from its kink makes its bias's stencil (steps of
  /// up to 0.002) cross the kink, and so does an L1-penalised weight of 0.001: the finite
  /// difference then measures no derivative. Skipping kinks leaves exactly those out.
  @Test func gradientCheckLeavesOutParametersAtKinks() throws {
    let hidden = try DenseLayer(
      weights: Matrix(rows: 1, columns: 2, elements: [1, 0.001]), biases: [0.0005, 0.3],
      activation: .relu)
    let output = try DenseLayer(
      weights: Matrix(rows: 2, columns: 2, elements: [1, -1, 0.5, 0.2]), biases: [0, 0],
      activation: .linear)
    let model = try MultilayerPerceptron(layers: [hidden, output], head: .softmax)
    let features = Matrix(rows: 3, columns: 1, elements: [0, 1, -1])
    let targets = Matrix(rows: 3, columns: 2, elements: [1, 0, 0, 1, 1, 0])
    let plain = try GradientCheck(model: model, features: features, targets: targets, l1: 0.1)
    #expect(plain.maximumError > 1e-4)
    #expect(plain.skippedAtKinks == 0)
    let skipping = try GradientCheck(
      model: model, features: features, targets: targets, l1: 0.1, skippingKinks: true)
    #expect(skipping.maximumError < 1e-7, "worst at \(skipping.worstParameter)")
    #expect(skipping.skippedAtKinks == 2)  // layer 0's bias 0 and weight (0, 1)
    #expect(skipping.parameterCount == model.parameterCount - 2)
  }

  @Test func gradientCheckCatchesAWrongGradient() throws {
    let (features, targets, _) = Self.problem(for: .sigmoid, seed: 3)
    let model = try MultilayerPerceptron(
      inputs: 3, hidden: [4], outputs: 1, activation: .tanh, head: .sigmoid, seed: 1)
    var gradients = try model.gradients(features: features, targets: targets).gradients
    gradients[0].weights[1, 2] *= 1.001
    let check = try GradientCheck(
      analytic: gradients, model: model, features: features, targets: targets)
    #expect(check.maximumError > 1e-4)
    #expect(check.worstParameter == "layer 0 weight (1, 2)")
  }
}
