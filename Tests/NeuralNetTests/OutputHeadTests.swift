import Testing

@testable import NeuralNet

@Suite struct OutputHeadTests {
  /// Heads take four examples at a time as SIMD lanes; an example's loss and delta must not depend
  /// on which lane it lands in or on its neighbours, and the total adds examples in row order.
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
    var delta = Matrix(rows: rows, columns: outputs)
    let total = head.loss(logits: logits, targets: targets, delta: &delta)

    var sum = 0.0
    for row in 0..<rows {
      let single = Matrix(rows: 1, columns: outputs, elements: Array(logits.row(row)))
      let target = Matrix(rows: 1, columns: outputs, elements: Array(targets.row(row)))
      var singleDelta = Matrix(rows: 1, columns: outputs)
      let loss = head.loss(logits: single, targets: target, delta: &singleDelta)
      #expect(loss.isFinite)
      #expect(
        singleDelta.elements.map(\.bitPattern) == Array(delta.row(row)).map(\.bitPattern),
        "row \(row)")
      sum += loss
    }
    #expect(total.bitPattern == sum.bitPattern)
  }
}
