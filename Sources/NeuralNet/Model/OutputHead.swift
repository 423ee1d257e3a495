import WideKernels

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
  /// The examples go through ``LaneHeads`` 8 at a time, as the lanes of `SIMD8` vectors, with our
  /// own vectorised `exp` and `log1p` (within 1 ulp of the C library's, see `LaneMath.swift`);
  /// each lane is computed alone, so an example's loss and delta do not depend on its neighbours
  /// or its position.
  ///
  /// A classifier head also writes each example's predicted class (``predictedClass(logits:range:)``)
  /// into `predicted`, from index `firstRow` on, when given. `lanes` is room for 3 × 8 doubles
  /// per output, where 8 examples' logits, targets and deltas are transposed.
  func loss(
    logits: Matrix, targets: Matrix, delta: inout Matrix, lanes: UnsafeMutablePointer<Double>,
    startingFrom total: Double = 0, predicted: UnsafeMutableBufferPointer<Int>? = nil,
    firstRow: Int = 0
  ) -> Double {
    let columns = logits.columns
    let rows = logits.rows
    let kind = laneKind
    return logits.withUnsafeElements { z in
      targets.withUnsafeElements { y in
        delta.withUnsafeMutableElements { d in
          // Eight rows at a time, transposed into columns of 8 lanes (lanes past the rows are 0).
          let (zLanes, yLanes, dLanes) = (lanes, lanes + 8 * columns, lanes + 16 * columns)
          var total = total
          var row = 0
          while row < rows {
            let count = min(8, rows - row)
            Self.transpose(z, rows: row..<row + count, columns: columns, into: zLanes)
            Self.transpose(y, rows: row..<row + count, columns: columns, into: yLanes)
            let (losses, classes) = LaneHeads.evaluate(
              kind, logits: zLanes, targets: yLanes, deltas: dLanes, stride: 8, columns: columns)
            for lane in 0..<count { total += losses[lane] }
            Self.transpose(dLanes, into: d, rows: row..<row + count, columns: columns)
            if let predicted, isClassifier {
              for lane in 0..<count { predicted[firstRow + row + lane] = Int(classes[lane]) }
            }
            row += count
          }
          return total
        }
      }
    }
  }

  /// This head for NeuralNet's copy of ``LaneHeads``.
  var laneKind: LaneHeads.Kind {
    switch self {
    case .softmax: .softmax
    case .sigmoid: .sigmoid
    case .linear: .linear
    }
  }

  /// This head for WideKernels' copy of ``LaneHeads``.
  var wideKind: WideKernels.LaneHeads.Kind {
    switch self {
    case .softmax: .softmax
    case .sigmoid: .sigmoid
    case .linear: .linear
    }
  }

  /// The head's outputs for a matrix of logits: class probabilities, or the values themselves.
  ///
  /// The probabilities come from the loss's own lane functions (``LaneHeads``) with zero targets,
  /// whose deltas `p − 0` are `p`: bit for bit the probabilities a training step moves by `p − y`.
  func outputs(logits: Matrix) -> Matrix {
    guard self != .linear else { return logits }
    let (rows, columns, kind) = (logits.rows, logits.columns, laneKind)
    var probabilities = Matrix(rows: rows, columns: columns)
    var lanes = [Double](repeating: 0, count: 3 * 8 * columns)
    logits.withUnsafeElements { z in
      probabilities.withUnsafeMutableElements { p in
        lanes.withUnsafeMutableBufferPointer { lanes in
          let (zLanes, zeros, pLanes) = (
            lanes.baseAddress!, lanes.baseAddress! + 8 * columns, lanes.baseAddress! + 16 * columns
          )
          var row = 0
          while row < rows {
            let count = min(8, rows - row)
            Self.transpose(z, rows: row..<row + count, columns: columns, into: zLanes)
            LaneHeads.exponentials(kind, logits: zLanes, into: pLanes, stride: 8, columns: columns)
            LaneHeads.deltas(
              kind, logits: zLanes, targets: zeros, deltas: pLanes, stride: 8, columns: columns)
            Self.transpose(pLanes, into: p, rows: row..<row + count, columns: columns)
            row += count
          }
        }
      }
    }
    return probabilities
  }

  /// Copies rows `rows` (at most 8) of a row-major matrix into columns of 8 lanes, 0 past the
  /// rows.
  @inline(__always)
  private static func transpose(
    _ matrix: UnsafeBufferPointer<Double>, rows: Range<Int>, columns: Int,
    into lanes: UnsafeMutablePointer<Double>
  ) {
    for column in 0..<columns {
      for lane in 0..<8 {
        lanes[column * 8 + lane] =
          lane < rows.count ? matrix[(rows.lowerBound + lane) * columns + column] : 0
      }
    }
  }

  /// Copies columns of 8 lanes back into rows `rows` of a row-major matrix.
  @inline(__always)
  private static func transpose(
    _ lanes: UnsafePointer<Double>, into matrix: UnsafeMutableBufferPointer<Double>,
    rows: Range<Int>, columns: Int
  ) {
    for lane in 0..<rows.count {
      for column in 0..<columns {
        matrix[(rows.lowerBound + lane) * columns + column] = lanes[column * 8 + lane]
      }
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
