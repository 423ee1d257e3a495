extension WideBlocks {
  /// Rows `rows`, columns `0..<columns` (a multiple of 8), of a product with `terms` (1–4) terms
  /// per element whose `a` is read row by row (`aInner == 1`): each row's `a` values broadcast
  /// once, its columns streamed 8 at a time, each vector through `epilogue` on its way out. The
  /// sums start from 0.
  public func computeShortInner(
    rows: Range<Int>, columns: Int, terms: Int, finishing epilogue: WideEpilogue?
  ) {
    precondition(columns % 8 == 0 && (1...4).contains(terms) && aInner == 1)
    switch epilogue {
    case nil:
      shortInner(rows, columns, terms, StoringSums())
    case .addingBiasesThenReLU(let biases, let outputs):
      shortInner(rows, columns, terms, AddingBiasesThenReLU(biases: biases, outputs: outputs))
    case .addingBiases(let biases, let outputs):
      shortInner(rows, columns, terms, AddingBiases(biases: biases, outputs: outputs))
    case .keepingWherePositive(let preActivations):
      shortInner(rows, columns, terms, KeepingWherePositive(preActivations: preActivations))
    }
  }

  private func shortInner<F: WideFinisher>(
    _ rows: Range<Int>, _ columns: Int, _ terms: Int, _ finisher: F
  ) {
    switch terms {
    case 1: shortInnerRows(rows, columns, terms: 1, finisher)
    case 2: shortInnerRows(rows, columns, terms: 2, finisher)
    case 3: shortInnerRows(rows, columns, terms: 3, finisher)
    default: shortInnerRows(rows, columns, terms: 4, finisher)
    }
  }

  /// The rows of ``computeShortInner(rows:columns:terms:finishing:)`` with `terms` a constant
  /// once inlined.
  @inline(__always)
  private func shortInnerRows<F: WideFinisher>(
    _ rows: Range<Int>, _ columns: Int, terms: Int, _ finisher: F
  ) {
    typealias V = SIMD8<Double>
    let (a, c, m, aRow, bInner) = (a, c, m, aRow, bInner)
    let (b0, b1, b2, b3) = (b, b + bInner, b + 2 * bInner, b + 3 * bInner)
    for i in rows {
      let ai = a + i &* aRow
      let x0 = V(repeating: ai[0])
      let x1 = terms > 1 ? V(repeating: ai[1]) : .zero
      let x2 = terms > 2 ? V(repeating: ai[2]) : .zero
      let x3 = terms > 3 ? V(repeating: ai[3]) : .zero
      let offset = i &* m
      var j = 0
      while j < columns {
        var s = V.zero.addingProduct(x0, load(b0 + j))
        if terms > 1 { s = s.addingProduct(x1, load(b1 + j)) }
        if terms > 2 { s = s.addingProduct(x2, load(b2 + j)) }
        if terms > 3 { s = s.addingProduct(x3, load(b3 + j)) }
        finisher.finish(s, at: offset &+ j, column: j, into: c)
        j &+= 8
      }
    }
  }
}
