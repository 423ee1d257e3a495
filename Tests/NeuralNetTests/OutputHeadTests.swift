import Foundation
import Testing
import WideKernels

@testable import NeuralNet

@Suite struct OutputHeadTests {
  /// The probabilities a model reports are the ones its training steps on: for one example (and
  /// summed losses), the output biases' gradient is `p − y`, bit for bit, on the lane sweep (16
  /// hidden units) and on the layer path (100), from saturated logits to even ones. (A lane
  /// sweep folds two classes into one logit: see ``twoClassesTrainOnOneFoldedLogit()``.)
  @Test(arguments: [
    (OutputHead.softmax, 3, 16), (.sigmoid, 1, 16), (.softmax, 3, 100), (.softmax, 2, 100),
    (.sigmoid, 1, 100),
  ])
  func reportedProbabilitiesAreTheOnesTrainingStepsOn(
    head: OutputHead, outputs: Int, width: Int
  ) throws {
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: [width], outputs: outputs, head: head, seed: 5)
    #expect(LaneSweep.handles(model) == (width <= LaneSweep.maximumWidth))
    var generator = SeededGenerator(seed: 17)
    for example in 0..<60 {
      let spread = [0.01, 1, 10, 100][example % 4]
      let features = Matrix(
        rows: 1, columns: 2, elements: [spread * generator.standardNormal(), spread])
      let targets = head.targets(for: [example % max(2, outputs)], outputs: outputs)
      let probabilities = try model.outputs(for: features).elements
      let gradient = try model.gradients(features: features, targets: targets, reduction: .sum)
        .gradients.last!.biases
      for column in 0..<outputs {
        let expected = probabilities[column] - targets[0, column]
        #expect(
          expected.bitPattern == gradient[column].bitPattern,
          "p \(probabilities[column]) − y \(targets[0, column]) against \(gradient[column])")
      }
    }
  }

  /// A lane sweep trains a two-class softmax on the one logit `z₁ − z₀`: the first class's
  /// gradient is minus the second's, bit for bit, and both are the reported `p − y` to within
  /// rounding, from saturated logits to even ones.
  @Test func twoClassesTrainOnOneFoldedLogit() throws {
    let model = try MultilayerPerceptron(
      inputs: 2, hidden: [16], outputs: 2, head: .softmax, seed: 5)
    #expect(LaneSweep.handles(model))
    var generator = SeededGenerator(seed: 17)
    var largest = 0.0
    for example in 0..<60 {
      let spread = [0.01, 1, 10, 100][example % 4]
      let features = Matrix(
        rows: 1, columns: 2, elements: [spread * generator.standardNormal(), spread])
      let targets = OutputHead.softmax.targets(for: [example % 2], outputs: 2)
      let probabilities = try model.outputs(for: features).elements
      let gradient = try model.gradients(features: features, targets: targets, reduction: .sum)
        .gradients.last!
      #expect(gradient.biases[0].bitPattern == (-gradient.biases[1]).bitPattern)
      for input in 0..<16 {
        #expect(gradient.weights[input, 0].bitPattern == (-gradient.weights[input, 1]).bitPattern)
      }
      for column in 0..<2 {
        let difference = abs(probabilities[column] - targets[0, column] - gradient.biases[column])
        largest = max(largest, difference)
        #expect(
          difference <= 0x1p-50, "p \(probabilities[column]) against \(gradient.biases[column])")
      }
    }
    // The negations show that the sweep folded; that some probability differs in its last bits
    // shows that the tolerance is needed at all.
    #expect(largest > 0)
  }

  /// Heads take four examples at a time as SIMD lanes; an example's loss, delta and predicted class
  /// must not depend on which lane it lands in or on its neighbours, and the total adds examples
  /// in row order.
  @Test(arguments: [OutputHead.softmax, .sigmoid])
  func anExamplesLossAndDeltaDoNotDependOnItsNeighbours(head: OutputHead) {
    let outputs = head == .sigmoid ? 1 : 3
    var generator = SeededGenerator(seed: 11)
    let rows = 7
    var logits = Matrix(
      rows: rows, columns: outputs,
      elements: (0..<rows * outputs).map { _ in 8 * generator.standardNormal() })
    logits[2, 0] = 800  // far outside exp's range: the scalar fallback lane
    logits[5, 0] = -0.0
    let labels = (0..<rows).map { $0 % (head == .sigmoid ? 2 : outputs) }
    let targets = head.targets(for: labels, outputs: outputs)
    if outputs > 1 {
      logits[4, 1] = logits[4, 0]  // a tie: the first class wins
      logits[6, 2] = .nan
    }
    var delta = Matrix(rows: rows, columns: outputs)
    var predicted = [Int](repeating: -1, count: rows + 2)
    let total = predicted.withUnsafeMutableBufferPointer {
      head.loss(
        logits: logits, targets: targets, delta: &delta, predicted: $0, firstRow: 2)
    }
    #expect(predicted.prefix(2) == [-1, -1])
    let expected = logits.elements.withUnsafeBufferPointer { z in
      (0..<rows).map { head.predictedClass(logits: z, range: $0 * outputs..<($0 + 1) * outputs) }
    }
    #expect(Array(predicted.dropFirst(2)) == expected)

    var sum = 0.0
    for row in 0..<rows {
      let single = Matrix(rows: 1, columns: outputs, elements: Array(logits.row(row)))
      let target = Matrix(rows: 1, columns: outputs, elements: Array(targets.row(row)))
      var singleDelta = Matrix(rows: 1, columns: outputs)
      let loss = head.loss(logits: single, targets: target, delta: &singleDelta)
      #expect(loss.isFinite || row == 6)
      #expect(
        singleDelta.elements.map(\.bitPattern) == Array(delta.row(row)).map(\.bitPattern),
        "row \(row)")
      sum += loss
    }
    #expect(total.bitPattern == sum.bitPattern)
  }
}

extension OutputHead {
  /// ``loss(logits:targets:delta:lanes:startingFrom:predicted:firstRow:)`` with room for the lanes
  /// of its own (training passes the workspace's, allocated once).
  fileprivate func loss(
    logits: Matrix, targets: Matrix, delta: inout Matrix,
    predicted: UnsafeMutableBufferPointer<Int>? = nil, firstRow: Int = 0
  ) -> Double {
    var lanes = [Double](repeating: 0, count: 3 * 8 * logits.columns)
    return lanes.withUnsafeMutableBufferPointer {
      loss(
        logits: logits, targets: targets, delta: &delta, lanes: $0.baseAddress!,
        predicted: predicted, firstRow: firstRow)
    }
  }
}

@Suite struct TwoClassSoftmaxTests {
  /// Logits of the awkward kinds a diverging run meets, between ordinary ones.
  static let awkward: [Double] = [
    0, -0.0, 1, -1, 800, -800, 1e308, -1e308, .infinity, -.infinity, .nan, 708, -708, 0x1p-1074,
  ]

  /// Two classes take one exponential, not two (the larger logit's is e⁰ = 1): the same bits as
  /// the general head gives with a third class that can never win, for every pair of logits,
  /// including ties, NaN, infinities and differences that overflow. Both copies of the heads are
  /// checked: NeuralNet's and, where the CPU has it, the 512-bit one.
  @Test func twoClassesGiveTheGeneralHeadsBits() {
    var generator = SeededGenerator(seed: 5)
    var pairs: [(Double, Double)] = []
    for first in Self.awkward {
      for second in Self.awkward { pairs.append((first, second)) }
    }
    for _ in 0..<200 {
      pairs.append((8 * generator.standardNormal(), 8 * generator.standardNormal()))
    }
    var heads: [(String, Heads)] = [("NeuralNet", Self.narrow)]
    if WideVectors.isSupported { heads.append(("wide", Self.wide)) }
    for (name, evaluate) in heads {
      for start in stride(from: 0, to: pairs.count, by: 8) {
        let block = pairs[start..<min(pairs.count, start + 8)]
        for label in 0..<2 {
          compare(Array(block), label: label, name: name, evaluate)
        }
      }
    }
  }

  static func narrow(
    _ z: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>,
    _ columns: Int
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>) {
    NeuralNet.LaneHeads.evaluate(
      .softmax, logits: z, targets: y, deltas: d, stride: 8, columns: columns)
  }

  static func wide(
    _ z: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>,
    _ columns: Int
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>) {
    WideKernels.LaneHeads.evaluate(
      .softmax, logits: z, targets: y, deltas: d, stride: 8, columns: columns)
  }

  typealias Heads = (
    _ z: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>,
    _ columns: Int
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>)

  private func compare(
    _ pairs: [(Double, Double)], label: Int, name: String, _ evaluate: Heads
  ) {
    // Columns of 8 lanes: two classes, and three with a third logit of −∞ and target 0.
    var two = [Double](repeating: 0, count: 16)
    var three = [Double](repeating: -.infinity, count: 24)
    for (lane, pair) in pairs.enumerated() {
      (two[lane], two[8 + lane]) = pair
      (three[lane], three[8 + lane]) = pair
    }
    var targets = [Double](repeating: 0, count: 24)
    for lane in 0..<8 { targets[label * 8 + lane] = 1 }
    var (twoDeltas, threeDeltas) = (
      [Double](repeating: 0, count: 16), [Double](repeating: 0, count: 24)
    )
    let twoResult = evaluate(two, targets, &twoDeltas, 2)
    let threeResult = evaluate(three, targets, &threeDeltas, 3)
    for lane in pairs.indices {
      let context = "\(name): logits \(pairs[lane]), label \(label)"
      #expect(Self.isSame(twoResult.losses[lane], threeResult.losses[lane]), "\(context)")
      #expect(twoResult.classes[lane] == threeResult.classes[lane], "\(context)")
      for column in 0..<2 {
        #expect(
          Self.isSame(twoDeltas[column * 8 + lane], threeDeltas[column * 8 + lane]),
          "\(context), column \(column)")
      }
    }
  }

  static func isSame(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
  }
}

/// A chunk's loss sums, per lane, each example's terms outside the logarithm and takes its
/// logarithm terms (softmax's log s, the sigmoid head's log(1 + e)) as one logarithm of their
/// product: the examples' own losses summed, to rounding. Its deltas and classes are the
/// examples' own, bit for bit, and the lanes past the last example add nothing.
@Suite struct ChunkLossTests {
  typealias Chunk = (
    _ head: OutputHead, _ z: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
    _ d: UnsafeMutablePointer<Double>, _ stride: Int, _ columns: Int, _ count: Int,
    _ classes: UnsafeMutablePointer<Int>
  ) -> SIMD8<Double>

  static func narrow(
    _ head: OutputHead, _ z: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
    _ d: UnsafeMutablePointer<Double>, _ stride: Int, _ columns: Int, _ count: Int,
    _ classes: UnsafeMutablePointer<Int>
  ) -> SIMD8<Double> {
    NeuralNet.LaneHeads.chunk(
      head.laneKind, logits: z, targets: y, deltas: d, stride: stride, columns: columns,
      count: count, scale: 1, classes: classes)
  }

  static func wide(
    _ head: OutputHead, _ z: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
    _ d: UnsafeMutablePointer<Double>, _ stride: Int, _ columns: Int, _ count: Int,
    _ classes: UnsafeMutablePointer<Int>
  ) -> SIMD8<Double> {
    WideKernels.LaneHeads.chunk(
      head.wideKind, logits: z, targets: y, deltas: d, stride: stride, columns: columns,
      count: count, scale: 1, classes: classes)
  }

  /// Every copy of the heads this CPU runs.
  static var chunks: [(String, Chunk)] {
    WideVectors.isSupported ? [("NeuralNet", narrow), ("wide", wide)] : [("NeuralNet", narrow)]
  }

  struct Problem {
    var head: OutputHead
    var columns: Int
    var count: Int
    /// Column-major: column `k` of example `i` at `k·stride + i`.
    var logits: [Double]
    var targets: [Double]
    var stride: Int { (count + 7) / 8 * 8 }
  }

  /// Logits mostly ordinary, some far out (and with `specials`, some ±∞, NaN and ±0); targets
  /// one-hot or 0/1, or, with `soft`, every third example's spread over two classes, as 0.3 and
  /// 0.6 (which do not sum to 1) or, every sixth, 0.25 and 0.75 (which do).
  static func problem(
    _ head: OutputHead, columns: Int, count: Int, seed: UInt32, soft: Bool = false,
    specials: Bool = false
  ) -> Problem {
    var generator = SeededGenerator(seed: seed)
    let stride = (count + 7) / 8 * 8
    let awkward: [Double] = [40, -40, 700, -700, 0, -0.0, .infinity, -.infinity, .nan]
    var logits = [Double](repeating: 0, count: columns * stride)
    var targets = [Double](repeating: 0, count: columns * stride)
    for example in 0..<count {
      for column in 0..<columns {
        var value = 6 * generator.standardNormal()
        if example % 5 == 3 { value = awkward[(example / 5 + column) % (specials ? 9 : 4)] }
        logits[column * stride + example] = value
      }
      let label = (example * 7 + 3) % max(2, columns) % columns
      if head == .sigmoid {
        targets[example] = Double((example * 7 + 3) % 2)
      } else if soft && example % 3 == 0 && columns > 1 {
        let (first, second) = example % 6 == 0 ? (0.25, 0.75) : (0.3, 0.6)
        targets[label * stride + example] = first
        targets[(label + 1) % columns * stride + example] = second
      } else {
        targets[label * stride + example] = 1
      }
    }
    return Problem(head: head, columns: columns, count: count, logits: logits, targets: targets)
  }

  /// Each example's delta and class from ``LaneHeads/evaluate``, one example at a time, and its
  /// loss as terms computed apart with the C library's `exp` and `log1p`: softmax's
  /// `yₖ·(m − zₖ)` for each `yₖ ≠ 0` and `(Σₖ yₖ)·log s`, the sigmoid head's `max(z, 0) − z·y` and
  /// `log(1 + e^−|z|)`. (The head's own `yₖ·(m + log s − zₖ)` rounds `log s` to the size of `m`.)
  /// Softmax's logarithm is taken apart for each `yₖ ≠ 0`, so that a NaN one meets every nonzero
  /// target, as in the head's own losses.
  static func examples(_ problem: Problem) -> (terms: [[Double]], deltas: [Double], classes: [Int])
  {
    let (columns, stride) = (problem.columns, problem.stride)
    var terms: [[Double]] = []
    var deltas = [Double](repeating: 0, count: columns * stride)
    var classes: [Int] = []
    for example in 0..<problem.count {
      var z = [Double](repeating: 0, count: columns * 8)
      var y = z
      var d = z
      for column in 0..<columns {
        z[column * 8] = problem.logits[column * stride + example]
        y[column * 8] = problem.targets[column * stride + example]
      }
      let result = NeuralNet.LaneHeads.evaluate(
        problem.head.laneKind, logits: z, targets: y, deltas: &d, stride: 8, columns: columns)
      classes.append(Int(result.classes[0]))
      for column in 0..<columns { deltas[column * stride + example] = d[column * 8] }

      let (logits, targets) = ((0..<columns).map { z[$0 * 8] }, (0..<columns).map { y[$0 * 8] })
      if problem.head == .sigmoid {
        let (z, y) = (logits[0], targets[0])
        terms.append([max(z, 0) - z * y, Foundation.log1p(Foundation.exp(-abs(z)))])
      } else {
        let largest = logits.dropFirst().reduce(logits[0]) { $1 > $0 ? $1 : $0 }
        let sum = logits.reduce(0) { $0 + Foundation.exp($1 - largest) }
        let logarithm = Foundation.log1p(sum - 1)
        terms.append(
          zip(logits, targets).filter { $0.1 != 0 }.flatMap {
            [$0.1 * (largest - $0.0), $0.1 * logarithm]
          })
      }
    }
    return (terms, deltas, classes)
  }

  /// `values` summed without rounding error to speak of (Neumaier's compensated sum); infinities
  /// and NaN as a plain sum gives them.
  static func accurateSum(_ values: [Double]) -> Double {
    var (sum, compensation) = (0.0, 0.0)
    for value in values {
      let next = sum + value
      compensation +=
        abs(sum) >= abs(value) ? (sum - next) + value : (value - next) + sum
      sum = next
    }
    return sum.isFinite ? sum + compensation : sum
  }

  func check(_ problem: Problem, _ context: String) {
    let (terms, deltas, classes) = Self.examples(problem)
    var totalsOfEachCopy: [SIMD8<Double>] = []
    for (name, chunk) in Self.chunks {
      var d = [Double](repeating: .nan, count: problem.columns * problem.stride)
      var predicted = [Int](repeating: -1, count: problem.stride)
      let totals = problem.logits.withUnsafeBufferPointer { z in
        problem.targets.withUnsafeBufferPointer { y in
          d.withUnsafeMutableBufferPointer { d in
            predicted.withUnsafeMutableBufferPointer { predicted in
              chunk(
                problem.head, z.baseAddress!, y.baseAddress!, d.baseAddress!, problem.stride,
                problem.columns, problem.count, predicted.baseAddress!)
            }
          }
        }
      }
      totalsOfEachCopy.append(totals)
      let place = "\(name), \(context)"
      #expect(Array(predicted.prefix(problem.count)) == classes, "\(place)")
      for column in 0..<problem.columns {
        for example in 0..<problem.stride {
          let index = column * problem.stride + example
          let expected = example < problem.count ? deltas[index] : 0
          #expect(d[index].bitPattern == expected.bitPattern, "\(place): delta \(index)")
        }
      }
      for lane in 0..<8 {
        let lanes = stride(from: lane, to: problem.count, by: 8).flatMap { terms[$0] }
        let expected = Self.accurateSum(lanes)
        let size = lanes.reduce(0) { $0 + abs($1) }
        let total = totals[lane]
        if expected.isNaN || !expected.isFinite {
          #expect(
            total.bitPattern == expected.bitPattern || (total.isNaN && expected.isNaN),
            "\(place): lane \(lane) \(total) against \(expected)")
        } else {
          #expect(
            abs(total - expected) <= 0x1p-50 * max(1, size),
            "\(place): lane \(lane) \(total) against \(expected)")
        }
      }
    }
    // Both copies give the same bits, NaN's too (a meaningful check in a release build, where
    // the wide copy is AVX-512 code).
    for totals in totalsOfEachCopy.dropFirst() {
      for lane in 0..<8 {
        #expect(
          totals[lane].bitPattern == totalsOfEachCopy[0][lane].bitPattern,
          "\(context): lane \(lane) of the copies")
      }
    }
  }

  /// One to 17 vectors (a flush of the product every 8), partial last vectors, 1–5 classes.
  @Test func chunkLossesAreTheExamplesLossesSummed() {
    var seed: UInt32 = 1
    for count in [1, 5, 8, 13, 64, 65, 100, 136] {
      for (head, columns) in [
        (OutputHead.sigmoid, 1), (.softmax, 1), (.softmax, 2), (.softmax, 3), (.softmax, 5),
      ] {
        check(
          Self.problem(head, columns: columns, count: count, seed: seed),
          "\(head), \(columns) columns, \(count) examples")
        seed += 1
      }
    }
  }

  /// Soft targets (not summing to 1 in every lane) take each vector's logarithms apart; a lane
  /// whose targets are all 0 adds nothing, whatever its logits, and one whose targets sum to 0
  /// but are not all 0 meets a NaN logarithm as its own loss does.
  @Test func softTargetsAndZeroTargetsKeepTheirLosses() {
    for (columns, count) in [(2, 64), (3, 37), (4, 8)] {
      check(
        Self.problem(.softmax, columns: columns, count: count, seed: 40, soft: true),
        "soft, \(columns) columns, \(count) examples")
    }
    var problem = Self.problem(.softmax, columns: 3, count: 16, seed: 41, specials: true)
    for column in 0..<3 {
      problem.targets[column * problem.stride + 2] = 0
      problem.logits[column * problem.stride + 2] = .nan
    }
    check(problem, "an example without targets")
    // z = (0, 1, NaN), y = (1, −1, 0): the logarithm is NaN, and so is the loss.
    problem.logits[2] = 0
    problem.logits[problem.stride + 2] = 1
    problem.targets[2] = 1
    problem.targets[problem.stride + 2] = -1
    check(problem, "targets summing to 0 before a NaN logarithm")
  }

  /// Sixty-four equal logits in every example, 1,400 examples: each factor of the product is 64,
  /// and 175 of them (2¹⁰⁵⁰) would overflow; the product is taken 8 vectors at a time.
  @Test func longChunksKeepTheirProductsFinite() {
    let count = 1_400
    let problem = Problem(
      head: .softmax, columns: 64, count: count,
      logits: [Double](repeating: 0, count: 64 * count),
      targets: (0..<64 * count).map { $0 / count == $0 % 64 ? 1 : 0 })
    check(problem, "64 columns, 1,400 examples")
  }

  /// NaN, ±∞ and ±0 logits, and exponentials that underflow, give the examples' NaN and infinite
  /// sums, lane by lane, and leave the other lanes alone.
  @Test func awkwardLogitsStayInTheirLanes() {
    for (head, columns) in [(OutputHead.sigmoid, 1), (.softmax, 2), (.softmax, 3)] {
      for count in [13, 64] {
        let problem = Self.problem(
          head, columns: columns, count: count, seed: 50, specials: true)
        check(problem, "awkward, \(head), \(columns) columns, \(count) examples")
      }
    }
    // NaNs of both signs meeting in one lane's sum: an input NaN and ∞ − ∞'s.
    let problem = Problem(
      head: .softmax, columns: 4, count: 1,
      logits: [0, .nan, 0, .infinity].flatMap { [$0] + [Double](repeating: 0, count: 7) },
      targets: [0, 1, 0, 1].flatMap { [$0] + [Double](repeating: 0, count: 7) })
    check(problem, "NaNs of both signs")
  }
}
