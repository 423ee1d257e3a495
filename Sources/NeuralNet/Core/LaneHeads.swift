import VectorIntrinsics

/// The loss heads over 8 examples at a time, one example per lane of `SIMD8` vectors: each
/// example's loss, its predicted class and `∂ℓ/∂z` for each of its logits.
///
/// The examples' values sit in columns `stride` apart: logit (or target, or delta) `k` of the 8
/// examples is the vector at offset `k·stride`. Each lane is computed alone, so an example's loss
/// and delta do not depend on its neighbours or its position.
///
/// A head goes in three steps: the exponentials (written where the deltas go), the losses and
/// classes, then the deltas. An example's loss is a long chain of dependent operations (an
/// exponential, then a logarithm), longer than the CPU can overlap for several examples at once.
/// ``chunk`` takes all its vectors through the exponentials before any goes on, so that many
/// vectors' exponentials are in flight together, and then each vector through the other two
/// steps (W3's epoch went from 12.3 to 10.9 µs; a third pass, for the deltas, was slower). The
/// exponentials, deltas and classes are the same operations whether a chunk or
/// ``evaluate(_:logits:targets:deltas:stride:columns:)`` computes them.
///
/// The losses differ in how they are summed. A chunk needs only their sum per lane, and the
/// logarithm was about a third of a sigmoid head's work. So a chunk splits each example's loss as
/// `rest + log(1 + x)` (``lossTerms``) and takes the logarithm terms of up to 8 vectors as one,
/// `log Π(1 + xᵥ)`, with the product kept as `Π(1 + xᵥ) − 1` by one multiply-add and one add a
/// vector. Its sums agree with the examples' loss terms summed apart, to rounding
/// (`ChunkLossTests`); they are often closer to the true sum than `evaluate`'s losses added up, as
/// `evaluate`'s `m + log s − zₖ` rounds `log s` to the size of `m` (W3's epoch 9.04 → 7.77 µs).
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
    exponentials(kind, logits: z, into: d, stride: stride, columns: columns)
    let result = losses(kind, logits: z, targets: y, deltas: d, stride: stride, columns: columns)
    deltas(kind, logits: z, targets: y, deltas: d, stride: stride, columns: columns)
    return result
  }

  /// A chunk's `count` examples (in `(count + 7)/8` vectors, `stride` apart per column): their
  /// losses summed per lane, their deltas times `scale` (0 in the lanes past `count`), and, when
  /// `classes` is given, their predicted classes there.
  ///
  /// Each lane's sum adds the vectors' `rest` terms in order, and each run of up to 8 vectors'
  /// logarithm terms as one logarithm of their product, after the run's last `rest`. A vector
  /// whose logarithm terms are not all weighted 1 (soft targets) adds its own logarithm instead,
  /// after its `rest`, times each nonzero target in column order. A NaN sum is returned as
  /// `Double.nan`.
  package static func chunk(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int, count: Int, scale: Double,
    classes: UnsafeMutablePointer<Int>?
  ) -> SIMD8<Double> {
    // A copy for each head, whose dead branches then go, and for one column, whose loops
    // unroll; with a copy of each vector's step for full vectors (W3's epoch 7.63 → 7.35 µs and
    // W1's 3.09 → 3.01 on a Zen 4 VM, best of 9–11 interleaved runs). (The optimiser merged a
    // copy for two columns back into the general case's call, the same call where
    // `columns == 2`; kept apart out of line, it made W1 no faster.)
    precondition(kind != .sigmoid || columns == 1, "a sigmoid head of one column")
    let vectors = (count + 7) / 8
    return switch kind {
    case .sigmoid:
      chunk(
        .sigmoid, logits: z, targets: y, deltas: d, stride: stride, columns: 1, count: count,
        scale: scale, classes: classes, vectors: vectors)
    case .softmax:
      chunk(
        .softmax, logits: z, targets: y, deltas: d, stride: stride, columns: columns,
        count: count, scale: scale, classes: classes, vectors: vectors)
    case .linear where columns == 1:
      chunk(
        .linear, logits: z, targets: y, deltas: d, stride: stride, columns: 1, count: count,
        scale: scale, classes: classes, vectors: vectors)
    case .linear:
      chunk(
        .linear, logits: z, targets: y, deltas: d, stride: stride, columns: columns,
        count: count, scale: scale, classes: classes, vectors: vectors)
    }
  }

  @inline(__always)
  private static func chunk(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int, count: Int, scale: Double,
    classes: UnsafeMutablePointer<Int>?, vectors: Int
  ) -> SIMD8<Double> {
    for vector in 0..<vectors {
      let first = vector &* 8
      exponentials(kind, logits: z + first, into: d + first, stride: stride, columns: columns)
    }
    var total = LaneVector(repeating: 0)
    // Π(1 + xᵥ) − 1 over the vectors whose logarithm terms are folded in (see ``lossTerms``).
    var product = LaneVector(repeating: 0)
    /// Vector `vector`'s losses, classes and deltas, of which the first `used` lanes are examples.
    /// Called with a constant 8 for a full vector, whose lane selects then go.
    @inline(__always)
    func finish(_ vector: Int, used: Int) {
      let first = vector &* 8
      let terms = lossTerms(
        kind, logits: z + first, targets: y + first, deltas: d + first, stride: stride,
        columns: columns)
      let predicted = terms.classes
      // Lanes past `count` keep 0.
      let isExample = LaneVector(SIMD8(0, 1, 2, 3, 4, 5, 6, 7)) .< Double(used)
      total += select(isExample, terms.rest)
      if kind != .linear {
        let x = select(isExample, terms.logArgument)
        let weight = select(isExample, terms.logWeight, otherwise: LaneVector(repeating: 1))
        if (!(weight .!= 1)).isAll {
          // (1 + product)·(1 + x) − 1.
          product = LaneVector.fused(product, x, product + x)
        } else {
          // Soft targets (softmax only: the sigmoid head's weight is always 1): each nonzero
          // target's share of the logarithm, as the examples' own losses take it, so that a NaN
          // logarithm meets every nonzero target and no zero one.
          let logarithm = LaneMath.log(onePlus: x)
          var shares = LaneVector(repeating: 0)
          for column in 0..<columns {
            let targets = LaneVector.load(y + (column &* stride &+ first))
            shares = select(targets .!= 0, shares + targets * logarithm, otherwise: shares)
          }
          total += select(isExample, shares)
        }
        // Every 8 vectors, so that a product of `columns`-sized factors stays far from overflow.
        if vector & 7 == 7 || vector == vectors &- 1 {
          total += LaneMath.log(onePlus: product)
          product = LaneVector(repeating: 0)
        }
      }
      if let classes {
        if used == 8 {
          UnsafeMutableRawPointer(classes + first).storeBytes(of: predicted, as: SIMD8<Int64>.self)
        } else {
          for lane in 0..<used { classes[first &+ lane] = Int(predicted[lane]) }
        }
      }
      deltas(
        kind, logits: z + first, targets: y + first, deltas: d + first, stride: stride,
        columns: columns)
      for column in 0..<columns {
        let delta = d + (column &* stride &+ first)
        let value = LaneVector.load(delta)
        select(isExample, scale == 1 ? value : value * scale).store(delta)
      }
    }
    for vector in 0..<vectors {
      let used = min(8, count &- vector &* 8)
      if used == 8 { finish(vector, used: 8) } else { finish(vector, used: used) }
    }
    // Where two NaNs meet in an add, which one's sign and payload the CPU keeps depends on the
    // order of the operands, which the optimiser may swap: one NaN for all, so that both copies of
    // this file give the same bits.
    return select(total .!= total, LaneVector(repeating: .nan), otherwise: total).vector
  }

  // MARK: The three steps

  /// The exponentials the losses and deltas need, written where the deltas go: softmax's
  /// `eₖ = e^(zₖ − m)` (`m` the largest logit), the sigmoid head's `e = e^−|z|`. With two
  /// classes and every lane's `m` finite, only the smaller logit's is computed: the larger's is
  /// e⁰ = 1 exactly (W1's epoch 5.57 → 5.36 µs).
  @inline(__always)
  static func exponentials(
    _ kind: Kind, logits z: UnsafePointer<Double>, into d: UnsafeMutablePointer<Double>,
    stride: Int, columns: Int
  ) {
    switch kind {
    case .softmax where columns == 2:
      let (first, second) = (LaneVector.load(z), LaneVector.load(z + stride))
      let isSecondLarger = second .> first
      let largest = select(isSecondLarger, second, otherwise: first)
      let isFinite = !((largest - largest) .!= 0)
      guard isFinite.isAll else { fallthrough }
      let other = LaneMath.exp(select(isSecondLarger, first, otherwise: second) - largest)
      let one = LaneVector(repeating: 1)
      select(isSecondLarger, other, otherwise: one).store(d)
      select(isSecondLarger, one, otherwise: other).store(d + stride)
    case .softmax:
      let (largest, _) = largestLogits(z, stride: stride, columns: columns)
      for column in 0..<columns {
        LaneMath.exp(LaneVector.load(z + column &* stride) - largest).store(d + column &* stride)
      }
    case .sigmoid:
      let logits = LaneVector.load(z)
      LaneMath.exp(select(logits .> 0, -logits, otherwise: logits)).store(d)
    case .linear:
      break
    }
  }

  /// The losses and predicted classes (0 for `linear`), from the exponentials at `d`.
  ///
  /// Softmax cross-entropy, and the class of the largest logit (the first on ties):
  ///
  /// ```
  /// m = maxₖ zₖ    eₖ = e^(zₖ − m)    s = Σₖ eₖ    ℓ = Σₖ yₖ·(m + log s − zₖ)
  /// ```
  ///
  /// (the terms with `yₖ = 0` are left out of `ℓ`, so a zero target never meets an infinite log).
  /// Binary cross-entropy from `e = e^−|z|`, `ℓ = max(z, 0) − z·y + log(1 + e)`, and the class
  /// `z > 0`. The mean squared error over the outputs, `(1/K)·Σₖ (zₖ − yₖ)²` summed in column
  /// order.
  @inline(__always)
  static func losses(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafePointer<Double>, stride: Int, columns: Int
  ) -> (losses: SIMD8<Double>, classes: SIMD8<Int64>) {
    switch kind {
    case .softmax:
      let (largest, classes) = largestLogits(z, stride: stride, columns: columns)
      // s ≥ 1 (the largest logit's term is e⁰ = 1), so s − 1 is exact and ln s = log1p(s − 1).
      let logSum =
        largest + LaneMath.log(onePlus: exponentialSum(d, stride: stride, columns: columns) - 1)
      let (loss, _) = targetWeighted(
        logSum, logits: z, targets: y, stride: stride, columns: columns)
      return (loss.vector, classes)
    case .sigmoid:
      let logits = LaneVector.load(z)
      let isPositive = logits .> 0
      let losses =
        select(isPositive, logits) - logits * LaneVector.load(y)
        + LaneMath.log(onePlus: LaneVector.load(d))
      return (losses.vector, lanes_subtract_integers(SIMD8(), isPositive.bits))
    case .linear:
      let scale = 1 / Double(columns)
      var loss = LaneVector(repeating: 0)
      for column in 0..<columns {
        let error = LaneVector.load(z + column &* stride) - LaneVector.load(y + column &* stride)
        loss += error * error * scale
      }
      return (loss.vector, .zero)
    }
  }

  /// The losses as `rest + logWeight·log(1 + logArgument)`, and the predicted classes, from the
  /// exponentials at `d`, for ``chunk``, which sums a chunk's logarithm terms as one logarithm of
  /// their product where every `logWeight` is 1: softmax's `rest = Σₖ yₖ·(m − zₖ)` (the terms
  /// with `yₖ = 0` left out), `logWeight = Σₖ yₖ` and `logArgument = s − 1`; the sigmoid head's
  /// `rest = max(z, 0) − z·y`, `logWeight = 1` and `logArgument = e`; the mean squared error
  /// (no logarithm) as in ``losses``.
  @inline(__always)
  static func lossTerms(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafePointer<Double>, stride: Int, columns: Int
  ) -> (rest: LaneVector, logWeight: LaneVector, logArgument: LaneVector, classes: SIMD8<Int64>) {
    switch kind {
    case .softmax:
      let (largest, classes) = largestLogits(z, stride: stride, columns: columns)
      let (rest, weight) = targetWeighted(
        largest, logits: z, targets: y, stride: stride, columns: columns)
      let argument = exponentialSum(d, stride: stride, columns: columns) - 1
      return (rest, weight, argument, classes)
    case .sigmoid:
      let logits = LaneVector.load(z)
      let isPositive = logits .> 0
      let rest = select(isPositive, logits) - logits * LaneVector.load(y)
      return (
        rest, LaneVector(repeating: 1), LaneVector.load(d),
        lanes_subtract_integers(SIMD8(), isPositive.bits)
      )
    case .linear:
      let (losses, classes) = losses(
        kind, logits: z, targets: y, deltas: d, stride: stride, columns: columns)
      return (LaneVector(losses), LaneVector(repeating: 0), LaneVector(repeating: 0), classes)
    }
  }

  /// The deltas `∂ℓ/∂z`, over the exponentials at `d`: softmax's `δₖ = eₖ/s − yₖ`; the sigmoid
  /// head's `δ = σ(z) − y`, with `σ(z) = 1/(1 + e)` for `z ≥ 0` and `e/(1 + e)` below;
  /// `δₖ = 2(zₖ − yₖ)/K` for the mean squared error.
  @inline(__always)
  static func deltas(
    _ kind: Kind, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    deltas d: UnsafeMutablePointer<Double>, stride: Int, columns: Int
  ) {
    switch kind {
    case .softmax:
      let sum = exponentialSum(d, stride: stride, columns: columns)
      for column in 0..<columns {
        let offset = column &* stride
        (LaneVector.load(d + offset) / sum - LaneVector.load(y + offset)).store(d + offset)
      }
    case .sigmoid:
      let e = LaneVector.load(d)
      // One division: the numerator (1 for z ≥ 0, e below) is chosen first.
      let numerator = select(LaneVector.load(z) .>= 0, LaneVector(repeating: 1), otherwise: e)
      (numerator / (1 + e) - LaneVector.load(y)).store(d)
    case .linear:
      let scale = 1 / Double(columns)
      for column in 0..<columns {
        let offset = column &* stride
        let error = LaneVector.load(z + offset) - LaneVector.load(y + offset)
        (2 * error * scale).store(d + offset)
      }
    }
  }

  // MARK: Helpers

  /// The largest logit `m` and its class (the first on ties).
  @inline(__always)
  static func largestLogits(
    _ z: UnsafePointer<Double>, stride: Int, columns: Int
  ) -> (LaneVector, SIMD8<Int64>) {
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
    return (largest, classes)
  }

  /// `Σₖ yₖ·(base − zₖ)` in column order, leaving out the terms with `yₖ = 0` (so that a zero
  /// target never meets an infinite difference), and the targets' sum `Σₖ yₖ`.
  @inline(__always)
  static func targetWeighted(
    _ base: LaneVector, logits z: UnsafePointer<Double>, targets y: UnsafePointer<Double>,
    stride: Int, columns: Int
  ) -> (sum: LaneVector, targets: LaneVector) {
    var sum = LaneVector(repeating: 0)
    var targetSum = LaneVector(repeating: 0)
    for column in 0..<columns {
      let offset = column &* stride
      let targets = LaneVector.load(y + offset)
      let term = targets * (base - LaneVector.load(z + offset))
      sum = select(targets .!= 0, sum + term, otherwise: sum)
      targetSum += targets
    }
    return (sum, targetSum)
  }

  /// Softmax's `s = Σₖ eₖ`, in column order.
  @inline(__always)
  static func exponentialSum(_ d: UnsafePointer<Double>, stride: Int, columns: Int) -> LaneVector {
    var sum = LaneVector(repeating: 0)
    for column in 0..<columns { sum += LaneVector.load(d + column &* stride) }
    return sum
  }
}
