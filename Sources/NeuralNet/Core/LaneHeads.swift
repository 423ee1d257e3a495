import VectorIntrinsics

/// The loss heads over 8 examples at a time, one example per lane of `SIMD8` vectors: each
/// example's loss, its predicted class and `∂ℓ/∂z` for each of its logits.
///
/// The examples' values sit in columns `stride` apart: logit (or target, or delta) `k` of the 8
/// examples is the vector at offset `k·stride`. Each lane is computed alone, so an example's loss
/// and delta do not depend on its neighbours or its position.
///
/// Like ``LaneKernels``, this file is compiled twice: into NeuralNet for Haswell and, through the
/// symbolic link `Sources/WideKernels/LaneHeads.swift`, into WideKernels for AVX-512; the bits are
/// the same.
package enum LaneHeads {
  /// Which head: see NeuralNet's `OutputHead`.
  package enum Kind {
    case softmax
    case sigmoid
    case linear
  }

  /// The head's losses, predicted classes (0 for `linear`) and deltas for 8 examples.
  @inline(__always)
  package static func evaluate(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>) {
    switch kind {
    case .softmax: softmax(logits: z, targets: y, deltas: d, stride: stride, columns: columns)
    case .sigmoid: sigmoid(logits: z, targets: y, deltas: d)
    case .linear:
      (squaredError(logits: z, targets: y, deltas: d, stride: stride, columns: columns), .zero)
    }
  }

  /// A chunk's `count` examples (in `(count + 7)/8` vectors, `stride` apart per column): their
  /// losses summed per lane, their deltas times `scale` (0 in the lanes past `count`), and, when
  /// `classes` is given, their predicted classes there.
  package static func chunk(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int, count: Int, scale: Double,
    classes: UnsafeMutablePointer<Int>?
  ) -> SIMD8<Double> {
    let vectors = (count + 7) / 8
    var total = LaneVector(repeating: 0)
    for vector in 0..<vectors {
      let first = vector &* 8
      let (losses, predicted) = evaluate(
        kind, logits: z + first, targets: y + first, deltas: d + first, stride: stride,
        columns: columns)
      let used = min(8, count &- first)
      // Lanes past `count` keep 0.
      let isExample = LaneVector(SIMD8(0, 1, 2, 3, 4, 5, 6, 7)) .< Double(used)
      total += select(isExample, LaneVector(losses))
      if let classes {
        if used == 8 {
          UnsafeMutableRawPointer(classes + first).storeBytes(of: predicted, as: SIMD8<Int64>.self)
        } else {
          for lane in 0..<used { classes[first &+ lane] = Int(predicted[lane]) }
        }
      }
      for column in 0..<columns {
        let delta = d + (column &* stride &+ first)
        let value = LaneVector.load(delta)
        select(isExample, scale == 1 ? value : value * scale).store(delta)
      }
    }
    return total.vector
  }

  /// Softmax cross-entropy, and the predicted class (the largest logit, the first on ties):
  ///
  /// ```
  /// m = maxₖ zₖ    eₖ = e^(zₖ − m)    s = Σₖ eₖ    ℓ = Σₖ yₖ·(m + log s − zₖ)    δₖ = eₖ/s − yₖ
  /// ```
  ///
  /// (the terms with `yₖ = 0` are left out of `ℓ`, so a zero target never meets an infinite log).
  @inline(__always)
  static func softmax(
    logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>) {
    var largest = LaneVector.load(z)
    var classes = SIMD8<Int64>()
    for column in 1..<columns {
      let logits = LaneVector.load(z + column &* stride)
      let isLarger = logits .> largest
      largest = select(isLarger, logits, otherwise: largest)
      classes = lanes_or(
        lanes_and(SIMD8(repeating: Int64(column)), isLarger.bits),
        lanes_and(classes, lanes_not(isLarger.bits)))
    }
    var sum = LaneVector(repeating: 0)
    for column in 0..<columns {
      let exponentials = LaneMath.exp(LaneVector.load(z + column &* stride) - largest)
      exponentials.store(d + column &* stride)
      sum += exponentials
    }
    // s ≥ 1 (the largest logit's term is e⁰ = 1), so s − 1 is exact and ln s = log1p(s − 1).
    let logSum = largest + LaneMath.log(onePlus: sum - 1)
    var loss = LaneVector(repeating: 0)
    for column in 0..<columns {
      let offset = column &* stride
      let targets = LaneVector.load(y + offset)
      (LaneVector.load(d + offset) / sum - targets).store(d + offset)
      let term = targets * (logSum - LaneVector.load(z + offset))
      loss = select(targets .!= 0, loss + term, otherwise: loss)
    }
    return (loss.vector, classes)
  }

  /// Binary cross-entropy from one `e = e^−|z|`: `ℓ = max(z, 0) − z·y + log(1 + e)` and
  /// `δ = σ(z) − y`, with `σ(z) = 1/(1 + e)` for `z ≥ 0` and `e/(1 + e)` below; the class is
  /// `z > 0`.
  @inline(__always)
  static func sigmoid(
    logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>) {
    let logits = LaneVector.load(z)
    let targets = LaneVector.load(y)
    let isPositive = logits .> 0
    let e = LaneMath.exp(select(isPositive, -logits, otherwise: logits))
    // One division: the numerator (1 for z ≥ 0, e below) is chosen first.
    let probability = select(logits .>= 0, LaneVector(repeating: 1), otherwise: e) / (1 + e)
    (probability - targets).store(d)
    let positivePart = select(isPositive, logits)
    let losses = positivePart - logits * targets + LaneMath.log(onePlus: e)
    return (losses.vector, lanes_subtract_integers(SIMD8(), isPositive.bits))
  }

  /// The mean squared error over the outputs, `(1/K)·Σₖ (zₖ − yₖ)²` summed in column order, and
  /// `δₖ = 2(zₖ − yₖ)/K`.
  @inline(__always)
  static func squaredError(
    logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int
  ) -> SIMD8<Double> {
    let scale = 1 / Double(columns)
    var loss = LaneVector(repeating: 0)
    for column in 0..<columns {
      let offset = column &* stride
      let error = LaneVector.load(z + offset) - LaneVector.load(y + offset)
      loss += error * error * scale
      (2 * error * scale).store(d + offset)
    }
    return loss.vector
  }
}
