import Dispatch
import Synchronization
import Testing

@testable import NeuralNet

/// Serialized: the kernel tests switch the 512-bit blocks off and on (`WideVectors`), which is
/// global; other suites see either setting, with the same bits.
@Suite(.serialized) struct MatrixTests {
  /// Runs `body` with the 512-bit blocks off, then (where the CPU has AVX-512) on. (A debug build
  /// compiles `WideKernels` for Haswell: the same blocking and sums, in pairs of 256-bit halves.)
  static func withEachVectorWidth(_ body: () -> Void) {
    defer { WideVectors.isEnabled = WideVectors.isSupported }
    WideVectors.isEnabled = false
    body()
    guard WideVectors.isSupported else { return }
    WideVectors.isEnabled = true
    body()
  }

  /// A product computed from the definition, element by element, as the independent reference:
  /// a chain of fused multiply-adds over the inner dimension in increasing order.
  static func definitionProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    var result = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        result[i, j] = (0..<a.columns).reduce(0) { $0.addingProduct(a[i, $1], b[$1, j]) }
      }
    }
    return result
  }

  static func random(rows: Int, columns: Int, seed: UInt32) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    return Matrix(
      rows: rows, columns: columns,
      elements: (0..<rows * columns).map { _ in generator.standardNormal() })
  }

  @Test func productsAgreeWithTheDefinition() {
    let a = Self.random(rows: 5, columns: 3, seed: 1)
    let b = Self.random(rows: 3, columns: 4, seed: 2)
    let expected = Self.definitionProduct(a, b)
    #expect(a.multiplied(by: b) == expected)
    #expect(a.transposed.transposedMultiplied(by: b) == expected)
    #expect(a.multiplied(byTransposeOf: b.transposed) == expected)
  }

  /// The blocked SIMD kernels sum every element in the definition's order, so they agree bit for
  /// bit, at every block edge (rows and columns 1…9, the 8-, 12- and 16-row and 16-column blocks
  /// and their edges), across inner-dimension chunks (130, 300), for all three layouts, in 256-bit
  /// and 512-bit registers, and whether or not the product is split across threads.
  @Test(arguments: [1, 2, 3, 4, 5, 130, 300])
  func kernelsEqualTheDefinitionBitForBit(inner: Int) {
    Product.kernelCheckers.add(1, ordering: .relaxed)
    defer { Product.kernelCheckers.subtract(1, ordering: .relaxed) }
    let shapes = (Array(1...9) + [12, 15, 16, 17, 23, 24, 35]).flatMap { rows in
      (Array(1...9) + [16, 17, 31, 32, 35, 48]).map { (rows, $0) }
    }
    let cases = shapes.map { rows, columns in
      let a = Self.random(rows: rows, columns: inner, seed: UInt32(rows))
      let b = Self.random(rows: inner, columns: columns, seed: UInt32(100 + columns))
      return (a, b, Self.definitionProduct(a, b))
    }
    Self.withEachVectorWidth {
      for (a, b, expected) in cases {
        let shape = "\(a.rows)×\(inner)·\(inner)×\(b.columns), wide: \(WideVectors.isEnabled)"
        #expect(a.multiplied(by: b) == expected, "\(shape)")
        #expect(a.transposed.transposedMultiplied(by: b) == expected, "\(shape)")
        #expect(a.multiplied(byTransposeOf: b.transposed) == expected, "\(shape)")
      }
    }
  }

  /// A product accumulating onto a matrix goes on from each element's value, in every layout and
  /// vector width, at the 12-row and 16-column block edges and across inner chunks.
  @Test(arguments: [1, 3, 5, 130, 300])
  func accumulatingProductsGoOnFromTheElements(inner: Int) {
    Product.kernelCheckers.add(1, ordering: .relaxed)
    defer { Product.kernelCheckers.subtract(1, ordering: .relaxed) }
    for rows in [11, 12, 13, 24, 25, 35] {
      for columns in [15, 16, 17, 31, 33, 48] {
        let a = Self.random(rows: rows, columns: inner, seed: UInt32(rows))
        let b = Self.random(rows: inner, columns: columns, seed: UInt32(100 + columns))
        let start = Self.random(rows: rows, columns: columns, seed: 77)
        var expected = start
        for i in 0..<rows {
          for j in 0..<columns {
            expected[i, j] = (0..<inner).reduce(start[i, j]) {
              $0.addingProduct(a[i, $1], b[$1, j])
            }
          }
        }
        Self.withEachVectorWidth {
          let shape = "\(rows)×\(inner)·\(inner)×\(columns), wide: \(WideVectors.isEnabled)"
          var c = start
          Matrix.multiply(a, b, into: &c, transposing: .none, accumulating: true)
          #expect(c == expected, "\(shape)")
          var d = start
          Matrix.multiply(a.transposed, b, into: &d, transposing: .left, accumulating: true)
          #expect(d == expected, "\(shape) (Aᵀ·B)")
          var e = start
          Matrix.multiply(a, b.transposed, into: &e, transposing: .right, accumulating: true)
          #expect(e == expected, "\(shape) (A·Bᵀ)")
        }
      }
    }
  }

  /// Copies share elements until one of them writes; then only the writer changes, whether it
  /// writes an element, the whole buffer, or its row count.
  @Test func copiesChangeOnlyWhenWritten() {
    let original = Matrix(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 6])
    var a = original
    a.withUnsafeMutableElements { $0[0] = 42 }
    #expect(original[0, 0] == 1 && a[0, 0] == 42)
    var b = original
    b.setRowCount(2)
    #expect(original.rows == 3 && original[2, 1] == 6)
    var c = b
    b.setRowCount(3)
    #expect(b.elements == [1, 2, 3, 4, 0, 0] && original[2, 0] == 5)
    c.setRowCount(5)
    #expect(c.elements == [1, 2, 3, 4, 0, 0, 0, 0, 0, 0])
    var d = original
    d.elements = [9, 9, 9, 9, 9, 9]
    #expect(original.elements == [1, 2, 3, 4, 5, 6])
    // A copy growing into the spare capacity of a shrunk matrix does not clobber it.
    var e = Matrix(rows: 4, columns: 1, repeating: 7)
    e.setRowCount(1)
    var f = e
    f.setRowCount(4)
    f[3, 0] = 5
    e.setRowCount(4)
    #expect(e.elements == [7, 0, 0, 0] && f.elements == [7, 0, 0, 5])
    var g = Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4])
    Matrix.multiply(g, g, into: &g)
    #expect(g.elements == [7, 10, 15, 22])
    var h = Matrix(rows: 0, columns: 3)
    h.setRowCount(2)
    #expect(h.elements == [0, 0, 0, 0, 0, 0])
  }

  /// Equality is that of the elements as `Double`s (−0 equals 0, NaN equals nothing), shapes
  /// included, except that a matrix equals its own unchanged copy, as with arrays.
  @Test func matricesCompareLikeTheirElements() {
    let m = Matrix(rows: 1, columns: 1, elements: [.nan])
    let copy = m
    #expect(m == copy)
    #expect(m != Matrix(rows: 1, columns: 1, elements: [.nan]))
    #expect(Matrix(row: [-0.0]) == Matrix(row: [0.0]))
    #expect(Matrix(rows: 1, columns: 2) != Matrix(rows: 2, columns: 1))
  }

  /// `0.1 · 3 − 0.3` is `2⁻⁵⁵` exactly when the product is not rounded before the sum (a fused
  /// multiply-add), and `2⁻⁵⁴` when it is.
  @Test func productsRoundEachTermOnceAsFusedMultiplyAdds() {
    let a = Matrix(rows: 1, columns: 1, elements: [0.1])
    let b = Matrix(rows: 1, columns: 1, elements: [3])
    var c = Matrix(rows: 1, columns: 1, elements: [-0.3])
    Matrix.multiply(a, b, into: &c, transposing: .none, accumulating: true)
    #expect(c[0, 0] == 0x1p-55)
    #expect(0.1 * 3 - 0.3 == 0x1p-54)
  }

  /// A forward layer's product with its bias and ReLU or identity applied row by row as the rows
  /// finish equals the product followed by the separate bias-and-activation pass, bit for bit, at
  /// every block edge and across threads (NaN and −0 included); so does a backward product gated
  /// by the ReLU derivative.
  @Test func fusedEpiloguesEqualTheSeparatePasses() {
    Product.kernelCheckers.add(1, ordering: .relaxed)
    defer { Product.kernelCheckers.subtract(1, ordering: .relaxed) }
    Self.withEachVectorWidth(checkFusedEpilogues)
  }

  func checkFusedEpilogues() {
    for (rows, inner, columns) in [
      (1, 1, 1), (5, 2, 3), (9, 3, 17), (17, 2, 2), (23, 16, 1), (40, 130, 9), (130, 64, 48),
      (6, 1, 32), (7, 4, 10), (3, 4, 4), (25, 20, 37), (36, 130, 16), (13, 5, 64),
    ] {
      var a = Self.random(rows: rows, columns: inner, seed: UInt32(rows))
      let b = Self.random(rows: inner, columns: columns, seed: UInt32(columns))
      let biases = (0..<columns).map { Double($0) * 0.25 - 0.5 }
      if rows > 4 { a[3, 0] = .nan }
      for activation in [Activation.relu, .linear] {
        var z = Matrix(rows: rows, columns: columns)
        var outputs = z
        Matrix.multiply(
          a, b, addingBiases: biases, into: &z,
          applying: activation == .relu ? .relu : .identity, into: &outputs)
        var expectedZ = Matrix(rows: rows, columns: columns)
        var expectedOutputs = expectedZ
        Matrix.multiply(a, b, into: &expectedZ)
        activation.apply(biases: biases, to: &expectedZ, into: &expectedOutputs)
        #expect(
          z.elements.map(\.bitPattern) == expectedZ.elements.map(\.bitPattern),
          "\(rows)×\(inner)·\(inner)×\(columns) \(activation)")
        #expect(outputs.elements.map(\.bitPattern) == expectedOutputs.elements.map(\.bitPattern))
      }
      // Backward into a ReLU layer: the product gated by z > 0 (z with NaN and −0 in it).
      var z = Self.random(rows: rows, columns: columns, seed: UInt32(7 * rows + columns))
      z[0, 0] = -0.0
      if rows > 2 { z[2, columns - 1] = .nan }
      var gated = Matrix(rows: rows, columns: columns)
      Matrix.multiply(a, b, into: &gated, keepingWherePositive: z)
      var expected = Matrix(rows: rows, columns: columns)
      Matrix.multiply(a, b, into: &expected)
      Activation.relu.backpropagate(preActivations: z, activations: z, gradient: &expected)
      #expect(gated.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern))
    }
  }

  /// Training in 256-bit or 512-bit registers gives the same model and losses, bit for bit.
  @Test func bothVectorWidthsTrainBitIdenticalModels() throws {
    Product.kernelCheckers.add(1, ordering: .relaxed)
    defer { Product.kernelCheckers.subtract(1, ordering: .relaxed) }
    let data = try Dataset.moons(count: 150, noise: 0.2, seed: 5)
    let options = TrainingOptions(epochs: 3, learningRate: 0.5, l2: 0.001)
    var results: [(MultilayerPerceptron, [UInt64])] = []
    Self.withEachVectorWidth {
      var model = try! MultilayerPerceptron(inputs: 2, hidden: [40, 33], outputs: 3, seed: 1)
      let history = try! model.fit(data, options: options)
      results.append((model, history.loss.map(\.bitPattern)))
    }
    for result in results.dropFirst() {
      #expect(result.0 == results[0].0)
      #expect(result.1 == results[0].1)
    }
  }

  @Test func multiplyIntoReusesTheResultBuffer() {
    let a = Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4])
    var result = Matrix(rows: 2, columns: 2, repeating: 99)
    Matrix.multiply(a, a, into: &result)
    #expect(result.elements == [7, 10, 15, 22])
    Matrix.multiply(a, a, into: &result, transposing: .left)
    #expect(result.elements == [10, 14, 14, 20])
    Matrix.multiply(a, a, into: &result, transposing: .right)
    #expect(result.elements == [5, 11, 11, 25])
  }

  @Test func rowVectorsColumnSumsAndMaps() {
    var m = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    #expect(m.columnSums() == [5, 7, 9])
    m.addRowVector([10, 20, 30])
    #expect(m.elements == [11, 22, 33, 14, 25, 36])
    #expect(m.map { $0 * 2 }.row(1) == [28, 50, 72])
    #expect(m.column(2) == [33, 36])
    #expect(m.transposed.rows == 3)
    #expect(m.selectingRows([1, 1, 0]).column(0) == [14, 14, 11])
    #expect(Matrix(row: [3, 4]).sumOfSquares == 25)
  }

  /// Each column sum adds the rows in order, one rounding per row (whatever the number of columns
  /// summed side by side), and goes on from the given sums when accumulating.
  @Test(arguments: [1, 3, 4, 7, 16, 17, 35])
  func columnSumsAddEachColumnRowByRow(columns: Int) {
    let m = Self.random(rows: 37, columns: columns, seed: UInt32(columns))
    let start = (0..<columns).map { Double($0) * 1e-3 }
    var sums = start
    m.columnSums(into: &sums, accumulating: true)
    #expect(sums == (0..<columns).map { c in (0..<37).reduce(start[c]) { $0 + m[$1, c] } })
    m.columnSums(into: &sums)
    #expect(sums == (0..<columns).map { c in (0..<37).reduce(0) { $0 + m[$1, c] } })
  }

  /// Every matrix's elements start on a 64-byte boundary (so 512-bit rows never straddle cache
  /// lines), also after a copy is written to and after its row count changes.
  @Test func elementsStartOnACacheLine() {
    func isAligned(_ m: Matrix) -> Bool {
      m.withUnsafeElements { Int(bitPattern: $0.baseAddress) % 64 == 0 }
    }
    for count in [1, 7, 8, 9, 200 * 32, 10_000 * 2, 504 * 128] {
      var m = Matrix(rows: count, columns: 1, repeating: 2)
      #expect(isAligned(m))
      var copy = m
      copy[0, 0] = 3
      #expect(isAligned(copy) && m[0, 0] == 2)
      m.setRowCount(count + 5)
      #expect(isAligned(m))
    }
  }

  /// Shrinking and growing the row count keeps the first rows and brings back zeros, and equal
  /// elements make equal matrices whatever happened to the storage before.
  @Test func rowCountChangesKeepRowsAndRefillWithZeros() {
    var m = Matrix(rows: 5, columns: 3, repeating: -1)
    m.setRowCount(2)
    #expect(m.elements == Array(repeating: -1, count: 6))
    m.setRowCount(4)
    #expect(m.elements == Array(repeating: -1, count: 6) + Array(repeating: 0, count: 6))
    var expected = Matrix(rows: 4, columns: 3)
    for r in 0..<2 { for c in 0..<3 { expected[r, c] = -1 } }
    #expect(m == expected)
    #expect(Matrix(rows: 3, columns: 3, repeating: 1).elements == Array(repeating: 1, count: 9))
  }

  @Test func elementsAreRowMajor() {
    let m = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    #expect(m[1, 0] == 4)
    #expect(m[0, 2] == 3)
  }
}
