import Testing

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
