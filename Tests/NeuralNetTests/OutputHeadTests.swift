import Testing
import WideKernels

@testable import NeuralNet

@Suite struct OutputHeadTests {
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
