#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The output layer's activation together with the loss it is trained with.
///
/// Each head pairs an output function with its matching loss, so the gradient of the loss with
/// respect to the logits `z` is simply `ŷ − y` (scaled for MSE), and both are computed from the
/// logits directly, which keeps them finite for any finite logits.
public enum OutputHead: String, CaseIterable, Sendable {
  /// Softmax over two or more outputs, trained with cross-entropy against the class.
  ///
  /// ```
  /// ℓ = logΣₖ e^zₖ − z_y
  /// ```
  case softmax
  /// One logistic output, the probability of class 1, trained with binary cross-entropy.
  ///
  /// ```
  /// ℓ = max(z, 0) − z·y + log(1 + e^−|z|)
  /// ```
  case sigmoid
  /// Identity outputs for regression, trained with the mean squared error over the outputs.
  ///
  /// ```
  /// ℓ = (1/K) Σₖ (zₖ − yₖ)²
  /// ```
  case linear

  /// Whether the head predicts classes (and so has an accuracy).
  public var isClassifier: Bool {
    self != .linear
  }

  /// Checks that a model with `outputs` units can use this head.
  func validate(outputs: Int) throws(NeuralNetError) {
    switch self {
    case .softmax:
      try require(outputs >= 2, "outputs", outputs, "at least 2 for a softmax head")
    case .sigmoid:
      try require(outputs == 1, "outputs", outputs, "1 for a sigmoid head (use softmax for more)")
    case .linear:
      try require(outputs >= 1, "outputs", outputs, "at least 1")
    }
  }

  /// The number of classes a model with `outputs` units tells apart (2 for a sigmoid head).
  func classCount(outputs: Int) -> Int {
    self == .sigmoid ? 2 : outputs
  }

  /// The target matrix for integer class labels: one-hot rows for softmax, a 0/1 column for sigmoid.
  func targets(for labels: [Int], outputs: Int) -> Matrix {
    var targets = Matrix(rows: labels.count, columns: outputs)
    for (row, label) in labels.enumerated() {
      if self == .sigmoid {
        targets[row, 0] = Double(label)
      } else {
        targets[row, label] = 1
      }
    }
    return targets
  }

  /// The sum over examples of the per-example loss, writing `∂ℓᵢ/∂zᵢ` for every example into `delta`.
  ///
  /// The sum goes on from `total` (the sum over earlier blocks of examples), one example at a time.
  /// Softmax and sigmoid take four examples at a time as the lanes of `SIMD4` vectors, with our
  /// own vectorised `exp`, `log` and `log1p` (within 1 ulp of the C library's, see
  /// `VectorMath.swift`); each lane is computed alone, so an example's loss and delta do not depend
  /// on its neighbours or its position.
  ///
  /// A classifier head also writes each example's predicted class (``predictedClass(logits:range:)``)
  /// into `predicted`, from index `firstRow` on, when given.
  func loss(
    logits: Matrix, targets: Matrix, delta: inout Matrix, startingFrom total: Double = 0,
    predicted: UnsafeMutableBufferPointer<Int>? = nil, firstRow: Int = 0
  ) -> Double {
    let columns = logits.columns
    let rows = logits.rows
    return logits.withUnsafeElements { z in
      targets.withUnsafeElements { y in
        delta.withUnsafeMutableElements { d in
          var total = total
          var row = 0
          while row < rows {
            let count = min(4, rows - row)
            switch self {
            case .softmax:
              // A whole group of four is the common case: with a constant count, its lanes are
              // gathered without a loop.
              let (losses, classes) =
                count == 4
                ? softmaxLosses(
                  RowLanes(z: z, y: y, delta: d, first: row, count: 4, columns: columns),
                  columns: columns)
                : softmaxLosses(
                  RowLanes(z: z, y: y, delta: d, first: row, count: count, columns: columns),
                  columns: columns)
              for lane in 0..<count { total += losses[lane] }
              if let predicted {
                for lane in 0..<count { predicted[firstRow + row + lane] = Int(classes[lane]) }
              }
            case .sigmoid:
              let losses =
                count == 4
                ? sigmoidLosses(RowLanes(z: z, y: y, delta: d, first: row, count: 4, columns: 1))
                : sigmoidLosses(
                  RowLanes(z: z, y: y, delta: d, first: row, count: count, columns: 1))
              for lane in 0..<count { total += losses[lane] }
              if let predicted {
                for example in row..<row + count {
                  predicted[firstRow + example] = predictedClass(
                    logits: z, range: example..<example + 1)
                }
              }
            case .linear:
              for example in row..<row + count {
                total += squaredError(
                  z: z, y: y, delta: d, range: example * columns..<(example + 1) * columns)
              }
            }
            row += count
          }
          return total
        }
      }
    }
  }

  /// Softmax cross-entropy of four examples, lane by lane, and their predicted classes (the
  /// largest logit, the first on ties):
  ///
  /// ```
  /// m = maxₖ zₖ    eₖ = e^(zₖ − m)    s = Σₖ eₖ    ℓ = Σₖ yₖ·(m + log s − zₖ)    δₖ = eₖ/s − yₖ
  /// ```
  ///
  /// (the terms with `yₖ = 0` are left out of `ℓ`, so a zero target never meets an infinite log).
  @inline(__always)
  func softmaxLosses<Lanes: HeadLanes>(
    _ lanes: Lanes, columns: Int
  ) -> (losses: SIMD4<Double>, classes: SIMD4<Int64>) {
    var largest = lanes.logits(0)
    var classes = SIMD4<Int64>()
    for column in 1..<columns {
      let logits = lanes.logits(column)
      let isLarger = logits .> largest
      largest = largest.replacing(with: logits, where: isLarger)
      classes.replace(with: Int64(column), where: isLarger)
    }
    var sum = SIMD4<Double>()
    var exponentials = SIMD4<Double>()
    for column in 0..<columns {
      exponentials = SIMD4.exp(lanes.logits(column) - largest)
      lanes.setDelta(exponentials, column)
      sum += exponentials
    }
    let logSum = largest + SIMD4.log(sum)
    var loss = SIMD4<Double>()
    for column in 0..<columns {
      let targets = lanes.targets(column)
      lanes.setDelta(lanes.delta(column) / sum - targets, column)
      loss = loss.replacing(
        with: loss + targets * (logSum - lanes.logits(column)), where: targets .!= 0)
    }
    return (loss, classes)
  }

  /// Binary cross-entropy of four examples (one column), lane by lane, from one `e = e^−|z|`:
  /// `ℓ = max(z, 0) − z·y + log(1 + e)` and `δ = σ(z) − y`, with `σ(z) = 1/(1 + e)` for `z ≥ 0`
  /// and `e/(1 + e)` below.
  @inline(__always)
  func sigmoidLosses<Lanes: HeadLanes>(_ lanes: Lanes) -> SIMD4<Double> {
    let logits = lanes.logits(0)
    let targets = lanes.targets(0)
    let e = SIMD4.exp(logits.replacing(with: -logits, where: logits .> 0))
    // One division: the numerator (1 for z ≥ 0, e below) is chosen first.
    let probability =
      SIMD4<Double>(repeating: 1).replacing(with: e, where: .!(logits .>= 0)) / (1 + e)
    lanes.setDelta(probability - targets, 0)
    let positivePart = logits.replacing(with: 0, where: .!(logits .> 0))
    return positivePart - logits * targets + SIMD4.log(onePlus: e)
  }

  /// Mean squared error of four examples, lane by lane: each lane sums its outputs' terms in
  /// column order, as ``squaredError(z:y:delta:range:)`` does for one example.
  @inline(__always)
  func squaredErrors<Lanes: HeadLanes>(_ lanes: Lanes, columns: Int) -> SIMD4<Double> {
    let scale = 1 / Double(columns)
    var loss = SIMD4<Double>()
    for column in 0..<columns {
      let error = lanes.logits(column) - lanes.targets(column)
      loss += error * error * scale
      lanes.setDelta(2 * error * scale, column)
    }
    return loss
  }

  /// Mean squared error of one example (`range`: its outputs), writing its delta.
  private func squaredError(
    z: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
    delta: UnsafeMutableBufferPointer<Double>, range: Range<Int>
  ) -> Double {
    let scale = 1 / Double(range.count)
    var loss = 0.0
    for i in range {
      let error = z[i] - y[i]
      loss += error * error * scale
      delta[i] = 2 * error * scale
    }
    return loss
  }

  /// The head's outputs for a matrix of logits: class probabilities, or the values themselves.
  func outputs(logits: Matrix) -> Matrix {
    switch self {
    case .linear:
      return logits
    case .sigmoid:
      return logits.map(logistic)
    case .softmax:
      var probabilities = logits
      let columns = logits.columns
      probabilities.withUnsafeMutableElements { p in
        for row in 0..<logits.rows {
          let range = row * columns..<(row + 1) * columns
          var largest = -Double.infinity
          for i in range { largest = max(largest, p[i]) }
          var sum = 0.0
          for i in range {
            p[i] = exp(p[i] - largest)
            sum += p[i]
          }
          for i in range { p[i] /= sum }
        }
      }
      return probabilities
    }
  }

  /// The predicted class of one row of logits: the largest logit (first on ties), or `z > 0`.
  func predictedClass(logits: UnsafeBufferPointer<Double>, range: Range<Int>) -> Int {
    if self == .sigmoid { return logits[range.lowerBound] > 0 ? 1 : 0 }
    var best = range.lowerBound
    for i in range where logits[i] > logits[best] { best = i }
    return best - range.lowerBound
  }
}

/// How per-example losses and gradients are combined over a batch.
public enum LossReduction: String, CaseIterable, Sendable {
  /// Average over examples: the step size does not depend on the number of examples.
  case mean
  /// Sum over examples, as the first seed project does; the effective step grows with the data.
  case sum
}

/// Where a head reads four examples' logits and targets, one output column at a time, and writes
/// their deltas: the lanes of `SIMD4` vectors are examples. Each lane is computed alone, so an
/// example's loss and delta are the same bits whichever layout holds it.
protocol HeadLanes {
  func logits(_ column: Int) -> SIMD4<Double>
  func targets(_ column: Int) -> SIMD4<Double>
  func delta(_ column: Int) -> SIMD4<Double>
  func setDelta(_ value: SIMD4<Double>, _ column: Int)
}

/// Up to four consecutive rows (`count` from `first`) of row-major matrices with `columns` columns;
/// lanes past the rows read 0 and are never written.
private struct RowLanes: HeadLanes {
  let z: UnsafeBufferPointer<Double>
  let y: UnsafeBufferPointer<Double>
  let delta: UnsafeMutableBufferPointer<Double>
  let first: Int
  let count: Int
  let columns: Int

  @inline(__always)
  private func gather(_ values: UnsafePointer<Double>, _ column: Int) -> SIMD4<Double> {
    var result = SIMD4<Double>()
    let base = values + (first &* columns &+ column)
    for lane in 0..<count { result[lane] = base[lane &* columns] }
    return result
  }

  @inline(__always) func logits(_ column: Int) -> SIMD4<Double> { gather(z.baseAddress!, column) }
  @inline(__always) func targets(_ column: Int) -> SIMD4<Double> { gather(y.baseAddress!, column) }
  @inline(__always) func delta(_ column: Int) -> SIMD4<Double> {
    gather(delta.baseAddress!, column)
  }

  @inline(__always)
  func setDelta(_ value: SIMD4<Double>, _ column: Int) {
    let base = delta.baseAddress! + (first &* columns &+ column)
    for lane in 0..<count { base[lane &* columns] = value[lane] }
  }
}
