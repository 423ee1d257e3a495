/// Which operand of a product is read transposed.
public enum Transposition: Sendable {
  /// `A · B`
  case none
  /// `Aᵀ · B`
  case left
  /// `A · Bᵀ`
  case right
}

extension Matrix {
  /// Writes a product of `a` and `b` into `result`, reusing its storage.
  ///
  /// ```
  /// .none:  result = A · B      (n×k · k×m)
  /// .left:  result = Aᵀ · B     (k×n, k×m)
  /// .right: result = A · Bᵀ     (n×k, m×k)
  /// ```
  ///
  /// Training calls this every epoch with the same buffers, so it never allocates. Each element is
  /// summed in a fixed order, so the result is the same on every run.
  public static func multiply(
    _ a: Matrix, _ b: Matrix, into result: inout Matrix, transposing: Transposition = .none
  ) {
    multiply(a, b, into: &result, transposing: transposing, accumulating: false)
  }

  /// Writes a product into `result` or, when `accumulating`, adds it: each element's sum then
  /// starts from the element's value instead of 0 and goes on over `p` in the same order, so
  /// summing a product over consecutive blocks of the inner dimension gives the whole product's
  /// bits exactly.
  ///
  /// `epilogue`, if given, is applied to each row of the result as soon as its sums are done.
  static func multiply(
    _ a: Matrix, _ b: Matrix, into result: inout Matrix, transposing: Transposition,
    accumulating: Bool, finishingRowsWith epilogue: RowEpilogue? = nil
  ) {
    let (n, k, m) = productShape(a, b, transposing: transposing)
    precondition(
      result.rows == n && result.columns == m,
      "the product is \(n)×\(m) but the result matrix is \(result.rows)×\(result.columns)")
    guard n > 0, m > 0 else { return }
    a.withUnsafeElements { a in
      b.withUnsafeElements { b in
        result.withUnsafeMutableElements { c in
          guard k > 0, let a = a.baseAddress, let b = b.baseAddress else {
            if !accumulating { c.update(repeating: 0) }
            epilogue?.apply(rows: 0..<n, columns: 0..<m, of: c.baseAddress!, stride: m)
            return
          }
          var product = Product(
            a: a, b: b, c: c.baseAddress!, n: n, k: k, m: m, transposing: transposing,
            accumulating: accumulating)
          product.epilogue = epilogue
          product.run()
        }
      }
    }
  }

  /// `result = a · b + biases` (the biases added to every row) and `outputs = f(result)`, with
  /// `f` ReLU or the identity, in one sweep: each row gets its biases and `f` as soon as its sums
  /// are done. The same bits as ``multiply(_:_:into:transposing:)``, then
  /// ``Activation/apply(biases:to:into:)``.
  static func multiply(
    _ a: Matrix, _ b: Matrix, addingBiases biases: [Double], into result: inout Matrix,
    applying function: RowEpilogue.Function, into outputs: inout Matrix
  ) {
    precondition(
      outputs.rows == result.rows && outputs.columns == result.columns
        && biases.count == result.columns,
      "outputs must be shaped like the result and biases must have one per column")
    outputs.withUnsafeMutableElements { outputs in
      biases.withUnsafeBufferPointer { biases in
        guard let outputs = outputs.baseAddress, let biases = biases.baseAddress else { return }
        multiply(
          a, b, into: &result, transposing: .none, accumulating: false,
          finishingRowsWith: .biasAndActivation(
            biases: biases, outputs: outputs, function: function))
      }
    }
  }

  /// `result = (a · b) ⊙ [z > 0]`: the product, kept only where `preActivations` is positive
  /// (a delta sent back into a ReLU layer), each row gated as soon as its sums are done. The same
  /// bits as ``multiply(_:_:into:transposing:)`` then ``Activation/backpropagate``.
  static func multiply(
    _ a: Matrix, _ b: Matrix, into result: inout Matrix, keepingWherePositive preActivations: Matrix
  ) {
    precondition(
      preActivations.rows == result.rows && preActivations.columns == result.columns,
      "the pre-activations must be shaped like the result")
    preActivations.withUnsafeElements { z in
      guard let z = z.baseAddress else { return }
      multiply(
        a, b, into: &result, transposing: .none, accumulating: false,
        finishingRowsWith: .reluDerivative(preActivations: z))
    }
  }

  /// `self · other`.
  public func multiplied(by other: Matrix) -> Matrix {
    product(with: other, transposing: .none)
  }

  /// `selfᵀ · other`, without forming the transpose.
  public func transposedMultiplied(by other: Matrix) -> Matrix {
    product(with: other, transposing: .left)
  }

  /// `self · otherᵀ`, without forming the transpose.
  public func multiplied(byTransposeOf other: Matrix) -> Matrix {
    product(with: other, transposing: .right)
  }

  /// Adds `vector` to every row (a bias), in place.
  public mutating func addRowVector(_ vector: [Double]) {
    precondition(
      vector.count == columns,
      "cannot add a vector of \(vector.count) to the rows of a \(rows)×\(columns) matrix")
    let (rows, columns) = (rows, columns)
    withUnsafeMutableElements { values in
      vector.withUnsafeBufferPointer { vector in
        for r in 0..<rows {
          let offset = r * columns
          for c in 0..<columns { values[offset + c] += vector[c] }
        }
      }
    }
  }

  /// The sum of each column, written into `sums` (resized if needed).
  ///
  /// Each column is summed from the first row down, starting from 0, four columns at a time in
  /// SIMD registers.
  public func columnSums(into sums: inout [Double]) {
    columnSums(into: &sums, accumulating: false)
  }

  /// The sum of each column, or, when `accumulating`, added to `sums` (each sum going on from the
  /// value already there, row by row).
  func columnSums(into sums: inout [Double], accumulating: Bool) {
    if sums.count != columns { sums = Array(repeating: 0, count: columns) }
    let (rows, columns) = (rows, columns)
    withUnsafeElements { values in
      sums.withUnsafeMutableBufferPointer { sums in
        guard let values = values.baseAddress, let sums = sums.baseAddress else { return }
        // Each sum is one chain of additions, row by row; sixteen columns at a time keep four
        // chains in flight, so that the adder is not left waiting on one chain's latency.
        func start(_ c: Int) -> SIMD4<Double> {
          accumulating ? UnsafeRawPointer(sums + c).loadUnaligned(as: SIMD4<Double>.self) : .zero
        }
        func load(_ r: Int, _ c: Int) -> SIMD4<Double> {
          UnsafeRawPointer(values + (r &* columns &+ c)).loadUnaligned(as: SIMD4<Double>.self)
        }
        func store(_ sum: SIMD4<Double>, _ c: Int) {
          UnsafeMutableRawPointer(sums + c).storeBytes(of: sum, as: SIMD4<Double>.self)
        }
        var c = 0
        while c + 16 <= columns {
          var (s0, s1, s2, s3) = (start(c), start(c + 4), start(c + 8), start(c + 12))
          for r in 0..<rows {
            s0 += load(r, c)
            s1 += load(r, c + 4)
            s2 += load(r, c + 8)
            s3 += load(r, c + 12)
          }
          store(s0, c)
          store(s1, c + 4)
          store(s2, c + 8)
          store(s3, c + 12)
          c += 16
        }
        while c + 4 <= columns {
          var sum = start(c)
          for r in 0..<rows { sum += load(r, c) }
          store(sum, c)
          c += 4
        }
        while c < columns {
          var sum = accumulating ? sums[c] : 0
          for r in 0..<rows { sum += values[r &* columns &+ c] }
          sums[c] = sum
          c += 1
        }
      }
    }
  }

  /// Multiplies every element by `factor`, in place.
  public mutating func scale(by factor: Double) {
    withUnsafeMutableElements { values in
      for i in values.indices { values[i] *= factor }
    }
  }

  /// The sum of each column.
  public func columnSums() -> [Double] {
    var sums = [Double]()
    columnSums(into: &sums)
    return sums
  }

  /// Applies `transform` to every element, in place.
  public mutating func mapInPlace(_ transform: (Double) -> Double) {
    withUnsafeMutableElements { values in
      for i in values.indices { values[i] = transform(values[i]) }
    }
  }

  /// A matrix of the same shape with `transform` applied to every element.
  public func map(_ transform: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, columns: columns, elements: elements.map(transform))
  }

  /// The sum of the squares of all elements (`Σ aᵢⱼ²`).
  public var sumOfSquares: Double {
    withUnsafeElements { $0.reduce(0) { $0 + $1 * $1 } }
  }

  /// The sum of the magnitudes of all elements (`Σ |aᵢⱼ|`).
  public var sumOfMagnitudes: Double {
    withUnsafeElements { $0.reduce(0) { $0 + abs($1) } }
  }

  /// Adds `scale · sign(other)` to this matrix in place, with `sign(0) = 0`: the gradient of an
  /// L1 penalty `scale · Σ |w|`.
  public mutating func addSigns(of other: Matrix, scaledBy scale: Double) {
    precondition(
      rows == other.rows && columns == other.columns,
      "cannot add a \(other.rows)×\(other.columns) matrix to a \(rows)×\(columns) one")
    withUnsafeMutableElements { values in
      other.withUnsafeElements { other in
        for i in values.indices where other[i] != 0 {
          values[i] += other[i] > 0 ? scale : -scale
        }
      }
    }
  }

  /// Adds `scale · other` to this matrix, in place (`self += scale · other`).
  public mutating func add(_ other: Matrix, scaledBy scale: Double = 1) {
    precondition(
      rows == other.rows && columns == other.columns,
      "cannot add a \(other.rows)×\(other.columns) matrix to a \(rows)×\(columns) one")
    withUnsafeMutableElements { values in
      other.withUnsafeElements { other in
        for i in values.indices { values[i] += scale * other[i] }
      }
    }
  }

  private func product(with other: Matrix, transposing: Transposition) -> Matrix {
    let (n, _, m) = Matrix.productShape(self, other, transposing: transposing)
    var result = Matrix(rows: n, columns: m)
    Matrix.multiply(self, other, into: &result, transposing: transposing)
    return result
  }

  /// The shape `(n, k, m)` of a product: result `n×m`, inner dimension `k`.
  private static func productShape(
    _ a: Matrix, _ b: Matrix, transposing: Transposition
  ) -> (Int, Int, Int) {
    let (n, k) = transposing == .left ? (a.columns, a.rows) : (a.rows, a.columns)
    let (bInner, m) = transposing == .right ? (b.columns, b.rows) : (b.rows, b.columns)
    precondition(
      k == bInner,
      "cannot multiply \(describe(a, transposed: transposing == .left)) by "
        + "\(describe(b, transposed: transposing == .right))")
    return (n, k, m)
  }

  private static func describe(_ matrix: Matrix, transposed: Bool) -> String {
    "\(matrix.rows)×\(matrix.columns)" + (transposed ? " (transposed)" : "")
  }
}
