import Foundation
import Testing

@testable import NeuralNet

/// A narrow network's passes with examples as vector lanes give the layer path's losses, gradients
/// and predictions: every example's activations and deltas are the same (but for two classes,
/// folded into one logit), only the sums over examples are ordered differently (and the losses'
/// logarithms taken of products), so they agree to rounding.
@Suite struct LaneSweepTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var activation: Activation
    var head: OutputHead
    var hidden: [Int]
    var rows: Int
    /// A softmax head's classes.
    var classes = 3
    var testDescription: String {
      "\(activation) \(head) hidden \(hidden), \(rows) rows"
        + (head == .softmax && classes != 3 ? ", \(classes) classes" : "")
    }
  }

  static let cases: [Case] =
    Activation.allCases.flatMap { activation in
      OutputHead.allCases.map { Case(activation: activation, head: $0, hidden: [5, 3], rows: 37) }
    }
    + [1, 4, 7, 8, 9, 63, 64, 65, 130, 200].map {
      Case(activation: .relu, head: .softmax, hidden: [32], rows: $0)
    } + [
      // Cut into two parts.
      Case(activation: .relu, head: .softmax, hidden: [32, 32], rows: 455),
      Case(activation: .tanh, head: .sigmoid, hidden: [40, 20], rows: 1_001),
      Case(activation: .relu, head: .sigmoid, hidden: [16], rows: 1000),
      Case(activation: .tanh, head: .softmax, hidden: [64, 33], rows: 129),
      Case(activation: .leakyReLU, head: .linear, hidden: [], rows: 70),
      // Two classes (one exponential a head), and pairs of output units in the gradient sums
      // after none, one or two groups of four, with 32, 10 and 7 inputs.
      Case(activation: .relu, head: .softmax, hidden: [32], rows: 200, classes: 2),
      Case(activation: .tanh, head: .softmax, hidden: [10], rows: 65, classes: 2),
      Case(activation: .relu, head: .softmax, hidden: [6, 7], rows: 100, classes: 6),
      Case(activation: .leakyReLU, head: .softmax, hidden: [7], rows: 23, classes: 11),
      // Two classes folded into one logit: with no hidden layer, and cut into two parts.
      Case(activation: .relu, head: .softmax, hidden: [], rows: 70, classes: 2),
      Case(activation: .relu, head: .softmax, hidden: [32], rows: 4_100, classes: 2),
      // The first two layers' backward step in one kernel under a third layer, and W3's shape.
      Case(activation: .relu, head: .softmax, hidden: [16, 2], rows: 300),
      Case(activation: .relu, head: .sigmoid, hidden: [16], rows: 1_000),
    ]

  /// Features of 2 columns and targets for `head`: `classes` one-hot, 0/1, or 2 real values.
  static func problem(_ testCase: Case, seed: UInt32) -> (Matrix, Matrix, outputs: Int) {
    var generator = SeededGenerator(seed: seed)
    let rows = testCase.rows
    let features = Matrix(
      rows: rows, columns: 2, elements: (0..<rows * 2).map { _ in generator.standardNormal() })
    switch testCase.head {
    case .softmax:
      let classes = testCase.classes
      var targets = Matrix(rows: rows, columns: classes)
      for row in 0..<rows { targets[row, (row * 7) % classes] = 1 }
      return (features, targets, classes)
    case .sigmoid:
      return (features, Matrix(column: (0..<rows).map { Double(($0 * 5) % 2) }), 1)
    case .linear:
      let values = (0..<rows * 2).map { _ in generator.standardNormal() }
      return (features, Matrix(rows: rows, columns: 2, elements: values), 2)
    }
  }

  @Test(arguments: cases)
  func sweepAgreesWithLayerPath(_ testCase: Case) throws {
    let (features, targets, outputs) = Self.problem(testCase, seed: 7)
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: testCase.hidden, outputs: outputs, activation: testCase.activation,
      head: testCase.head, initialization: .he, seed: 3)
    #expect(LaneSweep.handles(model))
    let scale = 1 / Double(testCase.rows)

    var layers = Workspace(for: model, rows: testCase.rows, blocked: true)
    let layerLoss = model.evaluateByLayers(
      features, targets: targets, scale: scale, workspace: &layers, computingGradients: true)

    #expect(Workspace(for: model, rows: testCase.rows).fitsLaneSweep)
    let (laneLoss, lanes) = Self.pass(
      LaneSweep(for: model), model, features, targets, scale: scale)

    Self.expectAgreement(laneLoss, lanes.gradients, layerLoss, layers.gradients)
    if testCase.head.isClassifier {
      try Self.expectSamePredictions(lanes.predicted, layers.predicted, model, features)
    }
  }

  /// One pass of `sweep` with gradients: its loss, and a workspace holding the gradients and the
  /// predicted classes.
  static func pass(
    _ sweep: LaneSweep, _ model: MultilayerPerceptron, _ features: Matrix, _ targets: Matrix,
    scale: Double = 1, reusingData: Bool = false, dropout: Dropout? = nil
  ) -> (loss: Double, workspace: Workspace) {
    var workspace = Workspace(for: model, rows: features.rows)
    let loss = workspace.predicted.withUnsafeMutableBufferPointer { predicted in
      workspace.gradients.withUnsafeMutableBufferPointer { gradients in
        sweep.evaluate(
          model, features: features, targets: targets, scale: scale, predicted: predicted,
          gradients: gradients, reusingData: reusingData, dropout: dropout)
      }
    }
    return (loss, workspace)
  }

  /// A sweep's loss and gradients agree with the layer path's to 10⁻¹³ of their size.
  static func expectAgreement(
    _ laneLoss: Double, _ laneGradients: [LayerGradient], _ layerLoss: Double,
    _ layerGradients: [LayerGradient]
  ) {
    #expect(abs(laneLoss - layerLoss) <= 1e-13 * max(1, abs(layerLoss)))
    for (lane, layer) in zip(laneGradients, layerGradients) {
      let size = max(1, layer.weights.elements.map(abs).max()!)
      for (a, b) in zip(lane.weights.elements, layer.weights.elements) {
        #expect(abs(a - b) <= 1e-13 * size)
      }
      let biasSize = max(1, layer.biases.map(abs).max()!)
      for (a, b) in zip(lane.biases, layer.biases) { #expect(abs(a - b) <= 1e-13 * biasSize) }
    }
  }

  /// The sweep's predicted classes are the layer path's, but where a folded pass (two classes)
  /// rounds two logits within rounding of each other the other way.
  static func expectSamePredictions(
    _ lanes: [Int], _ layers: [Int], _ model: MultilayerPerceptron, _ features: Matrix
  ) throws {
    guard model.head == .softmax && model.outputCount == 2 else {
      #expect(lanes == layers)
      return
    }
    let logits = try model.preActivations(for: features).last!
    for row in 0..<features.rows where lanes[row] != layers[row] {
      let (first, second) = (logits[row, 0], logits[row, 1])
      #expect(abs(second - first) <= 1e-12 * max(1, abs(first), abs(second)), "row \(row)")
    }
  }

  /// With dropout, the sweep applies the same masks as the layer path: `a · mask` forward, the
  /// deltas times the mask before the derivative; so the two agree as they do without it.
  @Test(arguments: [
    (Case(activation: .relu, head: .softmax, hidden: [5, 3], rows: 37), [0.3]),
    (Case(activation: .tanh, head: .sigmoid, hidden: [8, 6], rows: 70), [0.5, 0]),
    (Case(activation: .sigmoid, head: .linear, hidden: [7, 9], rows: 64), [0, 0.2]),
    (Case(activation: .leakyReLU, head: .softmax, hidden: [16], rows: 9), [0.6]),
    // Dropout below two classes' output layer, folded into one unit: the two-step backward pass.
    (Case(activation: .relu, head: .softmax, hidden: [16], rows: 200, classes: 2), [0.3]),
    // Cut into two parts.
    (Case(activation: .relu, head: .softmax, hidden: [32, 32], rows: 455), [0.2]),
  ])
  func sweepWithDropoutAgreesWithLayerPath(_ testCase: Case, rates: [Double]) throws {
    let (features, targets, outputs) = Self.problem(testCase, seed: 8)
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: testCase.hidden, outputs: outputs, activation: testCase.activation,
      head: testCase.head, initialization: .he, seed: 5)
    let rows = testCase.rows
    let perLayer =
      rates.count == 1 ? Array(repeating: rates[0], count: testCase.hidden.count) : rates
    var layers = Workspace(for: model, rows: rows, blocked: true)
    var dropout = Dropout(rates: perLayer, model: model, rows: rows, blockRows: layers.blockRows)
    var generator = SeededGenerator(seed: 11)
    dropout.drawMasks(rows: rows, using: &generator)
    layers.dropout = dropout
    let layerLoss = model.evaluateByLayers(
      features, targets: targets, scale: 1, workspace: &layers, computingGradients: true)

    let (laneLoss, lanes) = Self.pass(
      LaneSweep(for: model, rowsAtMost: rows, droppingUnits: true), model, features, targets,
      dropout: dropout)

    Self.expectAgreement(laneLoss, lanes.gradients, layerLoss, layers.gradients)
    if testCase.head.isClassifier { #expect(lanes.predicted == layers.predicted) }

    // The masks matter: without them the sweep's loss is another.
    var plain = Workspace(for: model, rows: rows)
    let plainLoss = plain.predicted.withUnsafeMutableBufferPointer { predicted in
      LaneSweep(for: model).evaluate(
        model, features: features, targets: targets, scale: 1, predicted: predicted,
        gradients: nil)
    }
    #expect(abs(plainLoss - layerLoss) > 1e-9 * max(1, abs(layerLoss)))
  }

  /// Two classes whose targets sum to 1 on every row (one-hot or smoothed) go through one folded
  /// logit, so that the first output unit's gradients are minus the second's; other targets keep
  /// both logits. Either way the sweep agrees with the layer path, and a sweep that keeps its data
  /// checks the targets it keeps.
  @Test(arguments: [false, true])
  func twoClassesFoldOnlyWhereTargetsSumToOne(reusingData: Bool) throws {
    let testCase = Case(activation: .relu, head: .softmax, hidden: [8], rows: 90, classes: 2)
    let (features, oneHot, _) = Self.problem(testCase, seed: 4)
    var smoothed = oneHot
    for row in 0..<testCase.rows {
      let first = oneHot[row, 0]
      (smoothed[row, 0], smoothed[row, 1]) = (0.25 + first / 2, 0.75 - first / 2)
    }
    // Every row but the last sums to 1.
    var soft = smoothed
    soft[testCase.rows - 1, 1] += 0.25
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: [8], outputs: 2, head: .softmax, initialization: .he, seed: 9)
    let sweep = LaneSweep(for: model)
    for (targets, folds) in [(oneHot, true), (soft, false), (smoothed, true), (oneHot, true)] {
      var layers = Workspace(for: model, rows: testCase.rows, blocked: true)
      let layerLoss = model.evaluateByLayers(
        features, targets: targets, scale: 1, workspace: &layers, computingGradients: true)
      let (laneLoss, lanes) = Self.pass(
        sweep, model, features, targets, reusingData: reusingData)
      Self.expectAgreement(laneLoss, lanes.gradients, layerLoss, layers.gradients)
      try Self.expectSamePredictions(lanes.predicted, layers.predicted, model, features)
      let output = lanes.gradients[1]
      let negated =
        (0..<8).allSatisfy {
          output.weights[$0, 0].bitPattern == (-output.weights[$0, 1]).bitPattern
        }
        && output.biases[0].bitPattern == (-output.biases[1]).bitPattern
      #expect(negated == folds, "targets summing to 1: \(folds)")
    }
  }

  /// A network of one ReLU layer from one or two inputs under one unit (W3's; W1's, folded) goes
  /// forward in one kernel that keeps each unit's `z > 0` as a bit instead of its activations:
  /// the same bits as the two layers' own steps, in partial chunks, partial vectors and two parts,
  /// with data kept or not.
  @Test(arguments: [
    (Case(activation: .relu, head: .sigmoid, hidden: [16], rows: 1_000), 2),
    (Case(activation: .relu, head: .sigmoid, hidden: [7], rows: 13), 1),
    (Case(activation: .relu, head: .softmax, hidden: [32], rows: 203, classes: 2), 2),
    (Case(activation: .relu, head: .softmax, hidden: [32], rows: 4_100, classes: 2), 2),
    (Case(activation: .relu, head: .sigmoid, hidden: [5], rows: 150), 1),
  ])
  func fusedForwardGivesTheTwoStepsBits(_ testCase: Case, inputs: Int) throws {
    var (features, targets, outputs) = Self.problem(testCase, seed: 12)
    if inputs == 1 { features = Matrix(column: (0..<testCase.rows).map { features[$0, 0] }) }
    let model = try MultilayerPerceptron(
      inputs: inputs, hidden: testCase.hidden, outputs: outputs, activation: .relu,
      head: testCase.head, initialization: .he, seed: 4)
    MatrixTests.withEachVectorWidth {
      for reusingData in [false, true] {
        let (fusing, twoSteps) = (
          LaneSweep(for: model), LaneSweep(for: model, fusingOutputs: false)
        )
        let fused = Self.pass(fusing, model, features, targets, reusingData: reusingData)
        let steps = Self.pass(twoSteps, model, features, targets, reusingData: reusingData)
        #expect(fusing.lastPassFused && !twoSteps.lastPassFused)
        #expect(fused.loss.bitPattern == steps.loss.bitPattern)
        for (a, b) in zip(fused.workspace.gradients, steps.workspace.gradients) {
          #expect(a.weights.elements.map(\.bitPattern) == b.weights.elements.map(\.bitPattern))
          #expect(a.biases.map(\.bitPattern) == b.biases.map(\.bitPattern))
        }
        #expect(fused.workspace.predicted == steps.workspace.predicted)
      }
    }
  }

  /// A mask's byte holds lane `i` in bit `i`, and gives the mask back.
  @Test func maskBytesHoldOneBitALane() {
    for byte in UInt8.min...UInt8.max {
      let mask = LaneMask(byte: byte)
      #expect(mask.byte == byte)
      for lane in 0..<8 { #expect((mask.bits[lane] != 0) == (byte >> lane & 1 == 1)) }
      #expect(mask.bits.indices.allSatisfy { mask.bits[$0] == 0 || mask.bits[$0] == -1 })
    }
  }

  /// Tanh units, a second hidden layer, three classes and three inputs keep the two steps.
  @Test func otherNetworksKeepTheTwoForwardSteps() throws {
    let tanh = try MultilayerPerceptron(
      inputs: 2, hidden: [8], outputs: 1, activation: .tanh, head: .sigmoid, seed: 1)
    let deeper = try MultilayerPerceptron(
      inputs: 2, hidden: [8, 4], outputs: 1, head: .sigmoid, seed: 1)
    let threeClasses = try MultilayerPerceptron(inputs: 2, hidden: [8], outputs: 3, seed: 1)
    let threeInputs = try MultilayerPerceptron(
      inputs: 3, hidden: [8], outputs: 1, head: .sigmoid, seed: 1)
    for model in [tanh, deeper, threeClasses, threeInputs] {
      #expect(!LaneSweep(for: model).fusesOutputs)
    }
  }

  /// A pass whose folded weights would overflow (`W[·, 1] − W[·, 0]` beyond the largest double,
  /// though each logit is finite) keeps both logits: its loss is the layer path's, not NaN.
  @Test func twoClassesKeepBothLogitsWhereTheFoldOverflows() throws {
    var model = try MultilayerPerceptron(inputs: 2, hidden: [], outputs: 2, head: .softmax, seed: 1)
    model.layers[0].weights = Matrix(rows: 2, columns: 2, elements: [1e308, -1e308, 0, 0])
    model.layers[0].biases = [0, 0]
    let features = Matrix(rows: 3, columns: 2, elements: [0.5, 0, -0.25, 1, 0.125, -1])
    let targets = OutputHead.softmax.targets(for: [0, 1, 0], outputs: 2)
    var layers = Workspace(for: model, rows: 3, blocked: true)
    let layerLoss = model.evaluateByLayers(
      features, targets: targets, scale: 1, workspace: &layers, computingGradients: true)
    let (laneLoss, lanes) = Self.pass(LaneSweep(for: model), model, features, targets)
    #expect(layerLoss.isFinite)
    #expect(laneLoss == layerLoss)
    #expect(lanes.predicted == layers.predicted)
  }

  /// The lanes past the last example, in a chunk's last vector, add nothing: 13 examples give the
  /// same bits in a fresh sweep and in one whose buffers still hold 64 other examples.
  @Test func paddingLanesAddNothing() throws {
    let few = Self.problem(Case(activation: .relu, head: .softmax, hidden: [6], rows: 13), seed: 1)
    let many = Self.problem(
      Case(activation: .relu, head: .softmax, hidden: [6], rows: 64), seed: 2)
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: [6], outputs: 3, head: .softmax, initialization: .he, seed: 2)
    func run(_ sweep: LaneSweep, _ problem: (Matrix, Matrix, outputs: Int)) -> (
      Double, [LayerGradient]
    ) {
      var workspace = Workspace(for: model, rows: problem.0.rows)
      let loss = workspace.predicted.withUnsafeMutableBufferPointer { predicted in
        workspace.gradients.withUnsafeMutableBufferPointer { gradients in
          sweep.evaluate(
            model, features: problem.0, targets: problem.1, scale: 1, predicted: predicted,
            gradients: gradients)
        }
      }
      return (loss, workspace.gradients)
    }
    let fresh = run(LaneSweep(for: model), few)
    let used = LaneSweep(for: model)
    _ = run(used, many)
    let again = run(used, few)
    #expect(fresh.0 == again.0)
    #expect(fresh.1 == again.1)
  }

  /// A sweep told that its data do not change keeps them transposed, and gives the same bits as
  /// one that transposes them on every pass; other matrices, of another size or not, are
  /// transposed afresh.
  @Test func keptDataGiveTheSameBits() throws {
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: [9], outputs: 3, head: .softmax, initialization: .he, seed: 5)
    // The last is cut into two parts (12,000 rows × 45 weights).
    let problems = [(150, 8), (13, 8), (150, 9), (12_000, 8)].map { rows, seed in
      Self.problem(Case(activation: .relu, head: .softmax, hidden: [9], rows: rows), seed: seed)
    }
    func run(_ sweep: LaneSweep, _ problem: Int, reusing: Bool) -> (Double, [LayerGradient]) {
      let (features, targets, _) = problems[problem]
      var workspace = Workspace(for: model, rows: features.rows)
      let loss = workspace.predicted.withUnsafeMutableBufferPointer { predicted in
        workspace.gradients.withUnsafeMutableBufferPointer { gradients in
          sweep.evaluate(
            model, features: features, targets: targets, scale: 1, predicted: predicted,
            gradients: gradients, reusingData: reusing)
        }
      }
      return (loss, workspace.gradients)
    }
    let kept = LaneSweep(for: model)
    // The same matrices again, then another size, then another data set of the same size.
    for problem in [0, 0, 1, 1, 0, 2, 2, 0, 3, 3, 1, 3] {
      let fresh = run(LaneSweep(for: model), problem, reusing: false)
      let reused = run(kept, problem, reusing: true)
      #expect(fresh.0 == reused.0, "problem \(problem)")
      #expect(fresh.1 == reused.1, "problem \(problem)")
    }
  }

  /// A sweep made for passes that are never cut keeps room for one part, not two; one made for
  /// more rows, or for any number, keeps room for both.
  @Test func sweepsKeepRoomForTheirPartsOnly() throws {
    let narrow = try MultilayerPerceptron(inputs: 2, hidden: [32], outputs: 2, seed: 1)
    let wider = try MultilayerPerceptron(inputs: 2, hidden: [32, 32], outputs: 2, seed: 1)
    #expect(LaneSweep(for: narrow, rowsAtMost: 200).partCapacity == 1)
    #expect(LaneSweep(for: wider, rowsAtMost: 127).partCapacity == 1)
    #expect(LaneSweep(for: wider, rowsAtMost: 601).partCapacity == 2)
    #expect(LaneSweep(for: narrow).partCapacity == 2)
    // Training makes its sweep for its own data: W1's 200 rows, one part.
    let data = try Dataset.moons(count: 200, noise: 0.2, seed: 0)
    var workspace = Workspace(for: narrow, rows: data.count)
    _ = narrow.evaluate(
      data.features, targets: try narrow.targets(for: data), l2: 0, reduction: .mean,
      workspace: &workspace, computingGradients: true)
    #expect(workspace.laneSweep?.partCapacity == 1)
  }

  /// A pass of 2¹⁵ multiply-adds or more (and 128 rows) is cut into two parts of whole vectors,
  /// the first the larger, that cover every row once; a smaller pass makes one part: W3's
  /// (1,000 rows × 48 weights) is cut, W1's (200 × 128) is not.
  @Test func partsCoverEveryRowInWholeVectors() {
    #expect(LaneSweep.partCount(rows: 1_000, weights: 48) == 2)
    #expect(LaneSweep.partCount(rows: 200, weights: 128) == 1)
    #expect(LaneSweep.partCount(rows: 1_023, weights: 32) == 1)
    #expect(LaneSweep.partCount(rows: 1_024, weights: 32) == 2)
    #expect(LaneSweep.partCount(rows: 127, weights: 1 << 19) == 1)
    #expect(LaneSweep.partCount(rows: 128, weights: 1 << 12) == 2)
    for rows in [2_048, 2_049, 2_055, 2_056, 2_057, 10_000, 100_001] {
      #expect(LaneSweep.partCount(rows: rows, weights: 256) == 2)
      let (first, second) = (
        LaneSweep.rows(ofPart: 0, of: 2, rows: rows), LaneSweep.rows(ofPart: 1, of: 2, rows: rows)
      )
      #expect(first.lowerBound == 0 && first.upperBound == second.lowerBound)
      #expect(second.upperBound == rows)
      #expect(first.count % 8 == 0 && first.count >= second.count)
      #expect(first.count - second.count < 16)
    }
    #expect(LaneSweep.rows(ofPart: 0, of: 1, rows: 37) == 0..<37)
  }

  /// Adding up gradient lanes four groups at a time gives each group's fixed-tree sum bit for
  /// bit, whatever the count (values of every magnitude, ±0, infinities).
  @Test func laneSumsFourAtATimeMatchTheTree() {
    var generator = SeededGenerator(seed: 11)
    let specials: [Double] = [0, -0.0, .infinity, -.infinity, 1e-310, -1e300, 1, 0x1p-60]
    for count in 0..<14 {
      let lanes = UnsafeMutablePointer<Double>.allocate(capacity: count * 8 + 1)
      defer { lanes.deallocate() }
      for index in 0..<count * 8 {
        let value = generator.standardNormal() * pow(10, Double(index % 7) * 3 - 9)
        lanes[index] = index % 11 == 5 ? specials[(index / 11) % specials.count] : value
      }
      var sums = [Double](repeating: .nan, count: count)
      sums.withUnsafeMutableBufferPointer {
        if let base = $0.baseAddress { LaneSweep.addLanes(lanes, count: count, into: base) }
      }
      for group in 0..<count {
        let expected = LaneSweep.sum(
          UnsafeRawPointer(lanes + group * 8).loadUnaligned(as: SIMD8<Double>.self))
        #expect(sums[group].bitPattern == expected.bitPattern, "group \(group) of \(count)")
      }
    }
  }

  /// Where a ReLU unit's `z` is NaN (here ∞ − ∞), its output is 0 and so is its derivative, on
  /// both paths: the unit drops out of the gradients instead of making them NaN, and the sweep,
  /// which reads the derivative from `a`, gives the layer path's values.
  @Test func reluPassesNoGradientWhereItsInputIsNaN() throws {
    var model = try MultilayerPerceptron(
      inputs: 2, hidden: [3], outputs: 2, head: .softmax, initialization: .he, seed: 6)
    model.layers[0].weights[0, 1] = .infinity
    model.layers[0].weights[1, 1] = -.infinity
    let rows = 20
    let features = Matrix(
      rows: rows, columns: 2, elements: (0..<rows * 2).map { 0.5 + Double($0 % 7) / 10 })
    var targets = Matrix(rows: rows, columns: 2)
    for row in 0..<rows { targets[row, row % 2] = 1 }

    var layers = Workspace(for: model, rows: rows, blocked: true)
    let layerLoss = model.evaluateByLayers(
      features, targets: targets, scale: 1, workspace: &layers, computingGradients: true)
    let lanes = try model.gradients(features: features, targets: targets, reduction: .sum)

    #expect(layerLoss.isFinite)
    #expect(abs(lanes.loss * Double(rows) - layerLoss) <= 1e-13 * abs(layerLoss))
    for gradients in [layers.gradients, lanes.gradients] {
      #expect(gradients[0].weights[0, 1] == 0 && gradients[0].weights[1, 1] == 0)
      #expect(gradients[0].biases[1] == 0)
      #expect(gradients.allSatisfy { $0.weights.elements.allSatisfy(\.isFinite) })
    }
    for (lane, layer) in zip(lanes.gradients, layers.gradients) {
      for (a, b) in zip(lane.weights.elements, layer.weights.elements) {
        #expect(abs(a - b) <= 1e-13 * max(1, abs(b)))
      }
    }
  }

  /// A model built from layers whose output layer is not linear keeps the layer path, which
  /// applies that layer's activation before the head.
  @Test func nonLinearOutputLayersKeepTheLayerPath() throws {
    var layers = try MultilayerPerceptron(inputs: 2, hidden: [4], outputs: 3, seed: 1).layers
    layers[1] = try DenseLayer(
      weights: layers[1].weights, biases: [0.1, -0.2, 0.3], activation: .tanh)
    let model = try MultilayerPerceptron(layers: layers, head: .softmax)
    #expect(!LaneSweep.handles(model))
    let (features, targets, _) = Self.problem(
      Case(activation: .relu, head: .softmax, hidden: [4], rows: 20), seed: 3)
    var layerPath = Workspace(for: model, rows: 20)
    let expected = model.evaluateByLayers(
      features, targets: targets, scale: 1.0 / 20, workspace: &layerPath, computingGradients: true)
    let result = try model.gradients(features: features, targets: targets)
    #expect(result.loss == 1.0 / 20 * expected)
    #expect(result.gradients == layerPath.gradients)
  }

  /// The 256-bit and 512-bit copies of the lane kernels give the same bits (where the CPU has
  /// AVX-512; in a release build `swift test -c release` compares the two instruction sets).
  @Test func bothVectorWidthsGiveTheSameBits() throws {
    for testCase in Self.cases {
      let (features, targets, outputs) = Self.problem(testCase, seed: 5)
      let model = try MultilayerPerceptron(
        inputs: 2, hidden: testCase.hidden, outputs: outputs, activation: testCase.activation,
        head: testCase.head, initialization: .he, seed: 4)
      var results: [(loss: Double, gradients: [LayerGradient])] = []
      MatrixTests.withEachVectorWidth {
        if let result = try? model.gradients(features: features, targets: targets, l2: 0.01) {
          results.append(result)
        }
      }
      #expect(results.count == (WideVectors.isSupported ? 2 : 1), "\(testCase)")
      if results.count == 2 {
        #expect(results[0].loss == results[1].loss, "\(testCase)")
        #expect(results[0].gradients == results[1].gradients, "\(testCase)")
      }
    }
  }

  /// Wide layers keep the layer path.
  @Test func wideNetworksKeepTheLayerPath() throws {
    let wide = try MultilayerPerceptron(inputs: 2, hidden: [65], outputs: 2, seed: 0)
    #expect(!LaneSweep.handles(wide))
    #expect(!Workspace(for: wide, rows: 10).fitsLaneSweep)
  }
}
