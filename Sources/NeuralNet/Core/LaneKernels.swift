/// The products of a narrow network's passes with examples as the lanes of `SIMD8` vectors: the
/// inner loops of NeuralNet's `LaneSweep`.
///
/// A chunk holds ``chunk`` examples; a buffer of `units × chunk` doubles holds one value per unit
/// and example, each unit's examples contiguous, 64-byte aligned. `vectors` is the number of
/// 8-example vectors in use.
///
/// This one file is compiled twice: into NeuralNet for Haswell, where each `SIMD8` is two 256-bit
/// registers, and, through the symbolic link `Sources/WideKernels/LaneKernels.swift`, into
/// WideKernels for AVX-512, where it is one 512-bit register. The two copies are distinct types,
/// `NeuralNet.LaneKernels` and `WideKernels.LaneKernels`; the library enters the wide one only
/// when the CPU has AVX-512. Both compute the same operations in the same order, so their bits are
/// the same. It depends on nothing but the standard library, ``LaneVector`` and the
/// VectorIntrinsics header, which are shared the same way.
package enum LaneKernels {
  /// Examples per vector.
  package static let lanes = 8
  /// Examples per chunk.
  package static let chunk = 128

  /// A layer's non-linearity: `tanh` and `sigmoid` through ``LaneMath``, as the layer path
  /// computes them.
  package enum Function {
    case relu
    case leakyReLU(slope: Double)
    case linear
    case tanh
    case sigmoid
  }

  /// `a = f(z)`, `z = x·W + b`, for `units` units from `inputs` inputs (`W` row-major,
  /// `inputs × units`). Each `z` is one chain of fused multiply-adds over the inputs in order,
  /// from 0, then the bias. `z` itself is not stored: every derivative can be read from `a` (see
  /// ``LaneFunction``), and a linear layer's `a` is its `z`.
  package static func forward(
    source: UnsafePointer<Double>, weights: UnsafePointer<Double>, biases: UnsafePointer<Double>,
    into a: UnsafeMutablePointer<Double>, inputs: Int, units: Int, vectors: Int,
    function: Function
  ) {
    let pass = LayerPass(
      source: source, weights: weights, terms: inputs, units: units, vectors: vectors)
    switch function {
    case .relu: pass.forward(ReLULanes(), biases: biases, into: a)
    case .leakyReLU(let slope):
      pass.forward(LeakyReLULanes(slope: slope), biases: biases, into: a)
    case .linear: pass.forward(LinearLanes(), biases: biases, into: a)
    case .tanh: pass.forward(TanhLanes(), biases: biases, into: a)
    case .sigmoid: pass.forward(SigmoidLanes(), biases: biases, into: a)
    }
  }

  /// A first layer of ReLU units from one or two inputs (`W` row-major, `inputs × units`) and the
  /// one linear unit above it (`weightsAbove`, one per unit, and `biasAbove`), forward at once:
  /// the unit above's `z` goes into `logits` and each ReLU unit's `z > 0` into `masks`, a byte per
  /// vector (unit `u`'s for vector `v` at `u·maskStride + v`, lane `i` in bit `i`); the layer's
  /// activations are never stored. Its operations are those of the two layers'
  /// ``forward(source:weights:biases:into:inputs:units:vectors:function:)``, in the same order, so
  /// the logits' bits are too; the masks give ReLU's derivative
  /// (``sendBackAndAccumulate(deltas:weights:terms:units:a:function:inputs:inputCount:weightsBelow:biasesBelow:masks:maskStride:vectors:weightLanes:biasLanes:weightLanesAbove:)``).
  package static func forwardThroughOneUnit(
    source: UnsafePointer<Double>, weights: UnsafePointer<Double>, biases: UnsafePointer<Double>,
    inputs: Int, units: Int, weightsAbove: UnsafePointer<Double>, biasAbove: Double,
    masks: UnsafeMutablePointer<UInt8>, maskStride: Int, logits: UnsafeMutablePointer<Double>,
    vectors: Int
  ) {
    precondition(inputs == 1 || inputs == 2, "a first layer of one or two inputs")
    let pass = OneUnitPass(
      source: source, weights: weights, biases: biases, units: units,
      weightsAbove: weightsAbove, biasAbove: biasAbove, masks: masks, maskStride: maskStride,
      logits: logits, vectors: vectors)
    if inputs == 2 { pass.run(inputCount: 2) } else { pass.run(inputCount: 1) }
  }

  /// The deltas of the layer below, `f′(z) ⊙ δ·Wᵀ`, from the `deltas` of a layer with `terms`
  /// units and `units` inputs (`W` row-major, `units × terms`); `a` is the layer below's
  /// activations, from which `f′(z)` is read, `function` its non-linearity. Each sum is one chain
  /// over the units above in order, from 0. With a dropout `mask` (the layer below's, laid out as
  /// `a`), each sum is multiplied by its mask value before the derivative, as on the layer path.
  package static func sendBack(
    deltas: UnsafePointer<Double>, weights: UnsafePointer<Double>, terms: Int, units: Int,
    a: UnsafePointer<Double>, mask: UnsafePointer<Double>? = nil,
    into target: UnsafeMutablePointer<Double>, vectors: Int, function: Function
  ) {
    let pass = LayerPass(
      source: deltas, weights: weights, terms: terms, units: units, vectors: vectors)
    switch function {
    case .relu: sendBack(pass, ReLULanes(), a: a, mask: mask, into: target)
    case .leakyReLU(let slope):
      sendBack(pass, LeakyReLULanes(slope: slope), a: a, mask: mask, into: target)
    case .linear: sendBack(pass, LinearLanes(), a: a, mask: mask, into: target)
    case .tanh: sendBack(pass, TanhLanes(), a: a, mask: mask, into: target)
    case .sigmoid: sendBack(pass, SigmoidLanes(), a: a, mask: mask, into: target)
    }
  }

  @inline(__always)
  private static func sendBack<F: LaneFunction>(
    _ pass: LayerPass, _ f: F, a: UnsafePointer<Double>, mask: UnsafePointer<Double>?,
    into target: UnsafeMutablePointer<Double>
  ) {
    if let mask {
      pass.sendBack(f, a: a, mask: mask, into: target)
    } else {
      pass.sendBack(f, a: a, into: target)
    }
  }

  /// ``sendBack(deltas:weights:terms:units:a:mask:into:vectors:function:)`` into a first layer
  /// of one or two inputs and ``accumulate(inputs:deltas:inputCount:units:vectors:weightLanes:biasLanes:)``
  /// of its gradients at once: each of its deltas goes into its unit's weight and bias lanes as
  /// it is made and is never stored. Under two or more units above, the operations are those of
  /// the two, in the same order, so the bits are too; W1's epoch saved a store and a load per unit
  /// and example.
  ///
  /// Under one unit (`terms == 1`: W3's output, a folded two-class softmax's), every delta of a
  /// first-layer unit `u` is `f′(z)·δ·W[u, 0]`, one weight for every example. The kernel then sums
  /// `f′(z)·δ` (and `x·f′(z)·δ`) over the call's vectors from 0, each lane one chain, and adds
  /// the weight times each sum into the lanes with one multiply-add: a multiply less per unit and
  /// example (on a Zen 4 VM W3's epoch went from 8.09 to 7.62 µs, W1's from 3.26 to 3.10, best of
  /// 9 interleaved runs), and other bits than the two steps'.
  ///
  /// It also adds the layer above's `a·δ` into `weightLanesAbove` (`units·terms × 8`), that
  /// layer's part of ``accumulate(inputs:deltas:inputCount:units:vectors:weightLanes:biasLanes:)``
  /// with `a` as its inputs, from the activations it loads anyway; the bias lanes above are left
  /// to ``accumulateBiases(deltas:units:vectors:biasLanes:)``. Under one unit, for ReLU, leaky
  /// ReLU and linear units, given the first layer's weights (`weightsBelow`, `inputCount × units`)
  /// and `biasesBelow`, it takes them from the sums it makes instead: there `a = f′(z)·z` and
  /// `z = Σₖ Wₖ·xₖ + b`, so `Σ a·δ` over the call's vectors is
  /// `Σₖ Wₖ·Σ xₖ·f′(z)·δ + b·Σ f′(z)·δ`, added into each lane in that order by multiply-adds: a
  /// multiply-add less per unit and example (on a Zen 4 VM W3's epoch went from 7.37 to 7.03 µs,
  /// W1's from 3.04 to 2.91, best of 9 interleaved runs), equal to rounding. The caller
  /// passes no weights below when one is not finite: a unit whose `z` is NaN has `a = 0` and
  /// adds nothing, where `∞·0` would add NaN. Given the ReLU units' `masks` (their `z > 0`, from
  /// ``forwardThroughOneUnit(source:weights:biases:inputs:units:weightsAbove:biasAbove:masks:maskStride:logits:vectors:)``,
  /// `maskStride` bytes a unit), it reads their derivative there and never reads `a`.
  package static func sendBackAndAccumulate(
    deltas: UnsafePointer<Double>, weights: UnsafePointer<Double>, terms: Int, units: Int,
    a: UnsafePointer<Double>, function: Function, inputs: UnsafePointer<Double>, inputCount: Int,
    weightsBelow: UnsafePointer<Double>?, biasesBelow: UnsafePointer<Double>?,
    masks: UnsafePointer<UInt8>? = nil, maskStride: Int = 0, vectors: Int,
    weightLanes: UnsafeMutablePointer<Double>, biasLanes: UnsafeMutablePointer<Double>,
    weightLanesAbove: UnsafeMutablePointer<Double>
  ) {
    precondition(inputCount == 1 || inputCount == 2, "a first layer of one or two inputs")
    precondition(
      (weightsBelow == nil) == (biasesBelow == nil), "weights and biases below, or neither")
    if masks != nil {
      guard case .relu = function, terms == 1, weightsBelow != nil else {
        preconditionFailure("masks for ReLU units under one unit, with their weights")
      }
    }
    let first = FirstLayerGradients(
      deltas: deltas, weights: weights, terms: terms, units: units, a: a, inputs: inputs,
      weightsBelow: weightsBelow, biasesBelow: biasesBelow, masks: masks,
      maskStride: maskStride, vectors: vectors, weightLanes: weightLanes, biasLanes: biasLanes,
      weightLanesAbove: weightLanesAbove)
    switch function {
    case .relu: first.run(ReLULanes(), inputCount: inputCount)
    case .leakyReLU(let slope): first.run(LeakyReLULanes(slope: slope), inputCount: inputCount)
    case .linear: first.run(LinearLanes(), inputCount: inputCount)
    case .tanh: first.run(TanhLanes(), inputCount: inputCount)
    case .sigmoid: first.run(SigmoidLanes(), inputCount: inputCount)
    }
  }

  /// Adds each unit's `δ` to its bias lanes (`units × 8`), as
  /// ``accumulate(inputs:deltas:inputCount:units:vectors:weightLanes:biasLanes:)`` does: each lane
  /// one chain, its examples in order.
  package static func accumulateBiases(
    deltas: UnsafePointer<Double>, units: Int, vectors: Int,
    biasLanes: UnsafeMutablePointer<Double>
  ) {
    for unit in 0..<units {
      var sum = load(biasLanes + unit &* lanes)
      for vector in 0..<vectors { sum += load(deltas + (unit &* chunk &+ vector &* lanes)) }
      store(sum, biasLanes + unit &* lanes)
    }
  }

  /// Adds each input–unit pair's `x·δ` to its 8 weight lanes (`inputCount·units × 8`, row-major
  /// like the weights) and each unit's `δ` to its bias lanes (`units × 8`), vector by vector: each
  /// lane is one chain, its examples in order.
  package static func accumulate(
    inputs: UnsafePointer<Double>, deltas: UnsafePointer<Double>, inputCount: Int, units: Int,
    vectors: Int, weightLanes: UnsafeMutablePointer<Double>,
    biasLanes: UnsafeMutablePointer<Double>
  ) {
    // Copies for two inputs and full chunks, whose loops then unroll (W2's and A1's layers; W1's
    // and W3's epochs went 5.3 → 5.0 and 10.0 → 9.2 µs with these and the same for `terms` in
    // `LayerPass.each`, before their layers moved to `sendBackAndAccumulate`).
    switch (inputCount, vectors) {
    case (2, 16):
      accumulateBody(
        inputs: inputs, deltas: deltas, inputCount: 2, units: units, vectors: 16,
        weightLanes: weightLanes, biasLanes: biasLanes)
    case (_, 16):
      accumulateBody(
        inputs: inputs, deltas: deltas, inputCount: inputCount, units: units, vectors: 16,
        weightLanes: weightLanes, biasLanes: biasLanes)
    default:
      accumulateBody(
        inputs: inputs, deltas: deltas, inputCount: inputCount, units: units, vectors: vectors,
        weightLanes: weightLanes, biasLanes: biasLanes)
    }
  }

  @inline(__always)
  private static func accumulateBody(
    inputs: UnsafePointer<Double>, deltas: UnsafePointer<Double>, inputCount: Int, units: Int,
    vectors: Int, weightLanes: UnsafeMutablePointer<Double>,
    biasLanes: UnsafeMutablePointer<Double>
  ) {
    /// Four chains, each `Σ x·δ` over the vectors into the lanes at `sums.k`, for `x` and `δ` at
    /// `x.k` and `d.k`: four units of one input, or one unit of four inputs.
    @inline(__always)
    func four(
      _ sums: (Int, Int, Int, Int), x: (Int, Int, Int, Int), d: (Int, Int, Int, Int)
    ) {
      var (s0, s1, s2, s3) = (
        load(weightLanes + sums.0), load(weightLanes + sums.1), load(weightLanes + sums.2),
        load(weightLanes + sums.3)
      )
      for vector in 0..<vectors {
        let offset = vector &* lanes
        s0 = sumPlusProduct(s0, load(inputs + (x.0 &+ offset)), load(deltas + (d.0 &+ offset)))
        s1 = sumPlusProduct(s1, load(inputs + (x.1 &+ offset)), load(deltas + (d.1 &+ offset)))
        s2 = sumPlusProduct(s2, load(inputs + (x.2 &+ offset)), load(deltas + (d.2 &+ offset)))
        s3 = sumPlusProduct(s3, load(inputs + (x.3 &+ offset)), load(deltas + (d.3 &+ offset)))
      }
      store(s0, weightLanes + sums.0)
      store(s1, weightLanes + sums.1)
      store(s2, weightLanes + sums.2)
      store(s3, weightLanes + sums.3)
    }
    @inline(__always)
    func lanesOf(_ input: Int, _ unit: Int) -> Int { (input &* units &+ unit) &* lanes }
    /// Eight chains: units `unit…unit + 3` of inputs `input` and `input + 1`; with
    /// `summingBiases`, also the four units' bias chains, from the deltas already loaded.
    @inline(__always)
    func eight(input: Int, unit: Int, summingBiases: Bool) {
      let (row0, row1) = (
        weightLanes + lanesOf(input, unit), weightLanes + lanesOf(input &+ 1, unit)
      )
      var (s0, s1, s2, s3) = (
        load(row0), load(row0 + lanes), load(row0 + 2 &* lanes), load(row0 + 3 &* lanes)
      )
      var (t0, t1, t2, t3) = (
        load(row1), load(row1 + lanes), load(row1 + 2 &* lanes), load(row1 + 3 &* lanes)
      )
      let (x0, x1, d) = (
        inputs + input &* chunk, inputs + (input &+ 1) &* chunk, deltas + unit &* chunk
      )
      let biases = biasLanes + unit &* lanes
      var (b0, b1, b2, b3) = (
        LaneVector(repeating: 0), LaneVector(repeating: 0), LaneVector(repeating: 0),
        LaneVector(repeating: 0)
      )
      if summingBiases {
        (b0, b1, b2, b3) = (
          load(biases), load(biases + lanes), load(biases + 2 &* lanes),
          load(biases + 3 &* lanes)
        )
      }
      for vector in 0..<vectors {
        let offset = vector &* lanes
        let (a, b) = (load(x0 + offset), load(x1 + offset))
        let (d0, d1) = (load(d + offset), load(d + (chunk &+ offset)))
        let (d2, d3) = (load(d + (2 &* chunk &+ offset)), load(d + (3 &* chunk &+ offset)))
        if summingBiases {
          b0 += d0
          b1 += d1
          b2 += d2
          b3 += d3
        }
        s0 = sumPlusProduct(s0, a, d0)
        s1 = sumPlusProduct(s1, a, d1)
        s2 = sumPlusProduct(s2, a, d2)
        s3 = sumPlusProduct(s3, a, d3)
        t0 = sumPlusProduct(t0, b, d0)
        t1 = sumPlusProduct(t1, b, d1)
        t2 = sumPlusProduct(t2, b, d2)
        t3 = sumPlusProduct(t3, b, d3)
      }
      store(s0, row0)
      store(s1, row0 + lanes)
      store(s2, row0 + 2 &* lanes)
      store(s3, row0 + 3 &* lanes)
      store(t0, row1)
      store(t1, row1 + lanes)
      store(t2, row1 + 2 &* lanes)
      store(t3, row1 + 3 &* lanes)
      if summingBiases {
        store(b0, biases)
        store(b1, biases + lanes)
        store(b2, biases + 2 &* lanes)
        store(b3, biases + 3 &* lanes)
      }
    }

    /// One chain each for inputs `first…` of `unit`.
    @inline(__always)
    func single(from first: Int, unit: Int) {
      let d = unit &* chunk
      for input in first..<inputCount {
        var sum = load(weightLanes + lanesOf(input, unit))
        for vector in 0..<vectors {
          let offset = vector &* lanes
          sum = sumPlusProduct(
            sum,
            load(inputs + (input &* chunk &+ offset)), load(deltas + (d &+ offset)))
        }
        store(sum, weightLanes + lanesOf(input, unit))
      }
    }

    let grouped = units / 4 * 4
    var first = 0
    // The units whose bias chains are done.
    var summed = 0
    #if WIDE_LANES
      // With 32 registers, two inputs at a time: eight chains share four deltas' loads, which
      // the first two inputs' also add to the bias lanes.
      while first &+ 2 <= inputCount {
        for unit in stride(from: 0, to: grouped, by: 4) {
          eight(input: first, unit: unit, summingBiases: first == 0)
        }
        first &+= 2
        summed = grouped
      }
    #endif
    for input in first..<inputCount {
      let x = input &* chunk
      for unit in stride(from: 0, to: grouped, by: 4) {
        four(
          (
            lanesOf(input, unit), lanesOf(input, unit &+ 1), lanesOf(input, unit &+ 2),
            lanesOf(input, unit &+ 3)
          ),
          x: (x, x, x, x),
          d: (unit &* chunk, (unit &+ 1) &* chunk, (unit &+ 2) &* chunk, (unit &+ 3) &* chunk))
      }
    }
    var leftover = grouped
    #if WIDE_LANES
      // With 32 registers, a pair of units left over goes four inputs at a time: eight chains
      // share each input's load (W1's output layer was bound by loads, two per multiply-add).
      while leftover &+ 2 <= units && inputCount >= 4 {
        var input = 0
        while input &+ 4 <= inputCount {
          let (first, second) = (deltas + leftover &* chunk, deltas + (leftover &+ 1) &* chunk)
          let rows = (
            lanesOf(input, leftover), lanesOf(input &+ 1, leftover),
            lanesOf(input &+ 2, leftover), lanesOf(input &+ 3, leftover)
          )
          var (s0, s1, s2, s3) = (
            load(weightLanes + rows.0), load(weightLanes + rows.1), load(weightLanes + rows.2),
            load(weightLanes + rows.3)
          )
          var (t0, t1, t2, t3) = (
            load(weightLanes + (rows.0 &+ lanes)), load(weightLanes + (rows.1 &+ lanes)),
            load(weightLanes + (rows.2 &+ lanes)), load(weightLanes + (rows.3 &+ lanes))
          )
          let x = inputs + input &* chunk
          for vector in 0..<vectors {
            let offset = vector &* lanes
            let (a, b) = (load(x + offset), load(x + (chunk &+ offset)))
            let (c, e) = (load(x + (2 &* chunk &+ offset)), load(x + (3 &* chunk &+ offset)))
            let (d0, d1) = (load(first + offset), load(second + offset))
            s0 = sumPlusProduct(s0, a, d0)
            s1 = sumPlusProduct(s1, b, d0)
            s2 = sumPlusProduct(s2, c, d0)
            s3 = sumPlusProduct(s3, e, d0)
            t0 = sumPlusProduct(t0, a, d1)
            t1 = sumPlusProduct(t1, b, d1)
            t2 = sumPlusProduct(t2, c, d1)
            t3 = sumPlusProduct(t3, e, d1)
          }
          store(s0, weightLanes + rows.0)
          store(s1, weightLanes + rows.1)
          store(s2, weightLanes + rows.2)
          store(s3, weightLanes + rows.3)
          store(t0, weightLanes + (rows.0 &+ lanes))
          store(t1, weightLanes + (rows.1 &+ lanes))
          store(t2, weightLanes + (rows.2 &+ lanes))
          store(t3, weightLanes + (rows.3 &+ lanes))
          input &+= 4
        }
        for unit in leftover..<leftover &+ 2 {
          single(from: input, unit: unit)
        }
        leftover &+= 2
      }
    #endif
    // Units left over go four inputs at a time, so that four chains are still in flight.
    for unit in leftover..<units {
      let d = unit &* chunk
      var input = 0
      while input &+ 4 <= inputCount {
        four(
          (
            lanesOf(input, unit), lanesOf(input &+ 1, unit), lanesOf(input &+ 2, unit),
            lanesOf(input &+ 3, unit)
          ),
          x: (input &* chunk, (input &+ 1) &* chunk, (input &+ 2) &* chunk, (input &+ 3) &* chunk),
          d: (d, d, d, d))
        input &+= 4
      }
      single(from: input, unit: unit)
    }
    accumulateBiases(
      deltas: deltas + summed &* chunk, units: units &- summed, vectors: vectors,
      biasLanes: biasLanes + summed &* lanes)
  }

  @inline(__always)
  static func load(_ pointer: UnsafePointer<Double>) -> LaneVector {
    LaneVector.load(pointer)
  }

  @inline(__always)
  static func load(_ pointer: UnsafeMutablePointer<Double>) -> LaneVector {
    LaneVector.load(pointer)
  }

  @inline(__always)
  static func store(_ value: LaneVector, _ pointer: UnsafeMutablePointer<Double>) {
    value.store(pointer)
  }
}

/// One layer's products over a chunk: `units` sums per example, each a chain of fused
/// multiply-adds over `terms` terms in order, from 0. Forward, the terms are the layer's inputs
/// and a unit's weights run down a column of `W`; sending deltas back, the terms are the units
/// above and a unit's weights run along a row of `W` (`δ·Wᵀ`).
private struct LayerPass {
  let source: UnsafePointer<Double>
  let weights: UnsafePointer<Double>
  let terms: Int
  let units: Int
  let vectors: Int

  @inline(__always)
  func forward<F: LaneFunction>(
    _ f: F, biases: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>
  ) {
    // Term t of unit u is W[t, u]: terms a row of W apart, units adjacent.
    each(termStride: units, unitStride: 1) { sum, unit, offset in
      LaneKernels.store(f.apply(sum + biases[unit]), a + offset)
    }
  }

  @inline(__always)
  func sendBack<F: LaneFunction>(
    _ f: F, a: UnsafePointer<Double>, into target: UnsafeMutablePointer<Double>
  ) {
    // Term t (a unit above) of unit u (an input) is W[u, t]: terms adjacent.
    each(termStride: 1, unitStride: terms) { sum, _, offset in
      LaneKernels.store(f.derivative(sum, a: LaneKernels.load(a + offset)), target + offset)
    }
  }

  @inline(__always)
  func sendBack<F: LaneFunction>(
    _ f: F, a: UnsafePointer<Double>, mask: UnsafePointer<Double>,
    into target: UnsafeMutablePointer<Double>
  ) {
    each(termStride: 1, unitStride: terms) { sum, _, offset in
      let masked = sum * LaneKernels.load(mask + offset)
      LaneKernels.store(f.derivative(masked, a: LaneKernels.load(a + offset)), target + offset)
    }
  }

  /// Calls `finish` with each unit's sums for each vector of examples, and the unit and the
  /// offset of that vector in a chunk buffer: four units at a time share each term's load, and a
  /// unit left over goes four vectors at a time, so that four chains are in flight.
  @inline(__always)
  private func each(
    termStride: Int, unitStride: Int, _ finish: (LaneVector, Int, Int) -> Void
  ) {
    // Copies for one and two terms (the seeds' inputs and outputs), whose loops then unroll.
    switch terms {
    case 1: each(terms: 1, termStride: termStride, unitStride: unitStride, finish)
    case 2: each(terms: 2, termStride: termStride, unitStride: unitStride, finish)
    default: each(terms: terms, termStride: termStride, unitStride: unitStride, finish)
    }
  }

  @inline(__always)
  private func each(
    terms: Int, termStride: Int, unitStride: Int, _ finish: (LaneVector, Int, Int) -> Void
  ) {
    let (chunk, lanes) = (LaneKernels.chunk, LaneKernels.lanes)
    var unit = 0
    while unit &+ 4 <= units {
      var vector = 0
      #if WIDE_LANES
        // With 32 registers, two vectors at a time: eight chains share four weights' broadcasts.
        while vector &+ 2 <= vectors {
          var (s0, s1, s2, s3) = (
            LaneVector(repeating: 0), LaneVector(repeating: 0), LaneVector(repeating: 0),
            LaneVector(repeating: 0)
          )
          var (t0, t1, t2, t3) = (s0, s1, s2, s3)
          var x = source + vector &* lanes
          var w = weights + unit &* unitStride
          for _ in 0..<terms {
            let (a, b) = (LaneKernels.load(x), LaneKernels.load(x + lanes))
            let (w0, w1) = (LaneVector(repeating: w[0]), LaneVector(repeating: w[unitStride]))
            let w2 = LaneVector(repeating: w[2 &* unitStride])
            let w3 = LaneVector(repeating: w[3 &* unitStride])
            s0 = sumPlusProduct(s0, a, w0)
            s1 = sumPlusProduct(s1, a, w1)
            s2 = sumPlusProduct(s2, a, w2)
            s3 = sumPlusProduct(s3, a, w3)
            t0 = sumPlusProduct(t0, b, w0)
            t1 = sumPlusProduct(t1, b, w1)
            t2 = sumPlusProduct(t2, b, w2)
            t3 = sumPlusProduct(t3, b, w3)
            x += chunk
            w += termStride
          }
          let offset = unit &* chunk &+ vector &* lanes
          finish(s0, unit, offset)
          finish(s1, unit &+ 1, offset &+ chunk)
          finish(s2, unit &+ 2, offset &+ 2 &* chunk)
          finish(s3, unit &+ 3, offset &+ 3 &* chunk)
          finish(t0, unit, offset &+ lanes)
          finish(t1, unit &+ 1, offset &+ chunk &+ lanes)
          finish(t2, unit &+ 2, offset &+ 2 &* chunk &+ lanes)
          finish(t3, unit &+ 3, offset &+ 3 &* chunk &+ lanes)
          vector &+= 2
        }
      #endif
      while vector < vectors {
        var (s0, s1, s2, s3) = (
          LaneVector(repeating: 0), LaneVector(repeating: 0), LaneVector(repeating: 0),
          LaneVector(repeating: 0)
        )
        var x = source + vector &* lanes
        var w = weights + unit &* unitStride
        for _ in 0..<terms {
          let value = LaneKernels.load(x)
          s0 = sumPlusProduct(s0, value, LaneVector(repeating: w[0]))
          s1 = sumPlusProduct(s1, value, LaneVector(repeating: w[unitStride]))
          s2 = sumPlusProduct(s2, value, LaneVector(repeating: w[2 &* unitStride]))
          s3 = sumPlusProduct(s3, value, LaneVector(repeating: w[3 &* unitStride]))
          x += chunk
          w += termStride
        }
        let offset = unit &* chunk &+ vector &* lanes
        finish(s0, unit, offset)
        finish(s1, unit &+ 1, offset &+ chunk)
        finish(s2, unit &+ 2, offset &+ 2 &* chunk)
        finish(s3, unit &+ 3, offset &+ 3 &* chunk)
        vector &+= 1
      }
      unit &+= 4
    }
    while unit < units {
      var vector = 0
      while vector &+ 4 <= vectors {
        var (s0, s1, s2, s3) = (
          LaneVector(repeating: 0), LaneVector(repeating: 0), LaneVector(repeating: 0),
          LaneVector(repeating: 0)
        )
        var x = source + vector &* lanes
        var w = weights + unit &* unitStride
        for _ in 0..<terms {
          let weight = LaneVector(repeating: w[0])
          s0 = sumPlusProduct(s0, LaneKernels.load(x), weight)
          s1 = sumPlusProduct(s1, LaneKernels.load(x + lanes), weight)
          s2 = sumPlusProduct(s2, LaneKernels.load(x + 2 &* lanes), weight)
          s3 = sumPlusProduct(s3, LaneKernels.load(x + 3 &* lanes), weight)
          x += chunk
          w += termStride
        }
        let offset = unit &* chunk &+ vector &* lanes
        finish(s0, unit, offset)
        finish(s1, unit, offset &+ lanes)
        finish(s2, unit, offset &+ 2 &* lanes)
        finish(s3, unit, offset &+ 3 &* lanes)
        vector &+= 4
      }
      while vector < vectors {
        var sum = LaneVector(repeating: 0)
        var x = source + vector &* lanes
        var w = weights + unit &* unitStride
        for _ in 0..<terms {
          sum = sumPlusProduct(sum, LaneKernels.load(x), LaneVector(repeating: w[0]))
          x += chunk
          w += termStride
        }
        finish(sum, unit, unit &* chunk &+ vector &* lanes)
        vector &+= 1
      }
      unit &+= 1
    }
  }
}

/// A first layer of ReLU units and the one linear unit above it, forward (see
/// ``LaneKernels/forwardThroughOneUnit(source:weights:biases:inputs:units:weightsAbove:biasAbove:masks:maskStride:logits:vectors:)``):
/// four vectors at a time share each unit's weights, and the unit above's four chains run over
/// the units in order.
private struct OneUnitPass {
  let source: UnsafePointer<Double>
  let weights: UnsafePointer<Double>
  let biases: UnsafePointer<Double>
  let units: Int
  let weightsAbove: UnsafePointer<Double>
  let biasAbove: Double
  let masks: UnsafeMutablePointer<UInt8>
  let maskStride: Int
  let logits: UnsafeMutablePointer<Double>
  let vectors: Int

  @inline(__always)
  func run(inputCount: Int) {
    let (chunk, lanes) = (LaneKernels.chunk, LaneKernels.lanes)
    let second = inputCount == 2
    let relu = ReLULanes()
    let zero = LaneVector(repeating: 0)
    /// Unit `unit`'s `z > 0` into its mask for vector `vector`, and its `a·v` onto `sum`.
    @inline(__always)
    func step(
      _ unit: Int, _ vector: Int, x: LaneVector, y: LaneVector, weight: LaneVector,
      secondWeight: LaneVector, bias: LaneVector, weightAbove: LaneVector, sum: inout LaneVector
    ) {
      var z = sumPlusProduct(zero, x, weight)
      if second { z = sumPlusProduct(z, y, secondWeight) }
      z = z + bias
      masks[unit &* maskStride &+ vector] = (z .> 0).byte
      sum = sumPlusProduct(sum, relu.apply(z), weightAbove)
    }
    let biasAbove = LaneVector(repeating: self.biasAbove)
    var vector = 0
    while vector &+ 4 <= vectors {
      let x = source + vector &* lanes
      let (x0, x1) = (LaneKernels.load(x), LaneKernels.load(x + lanes))
      let (x2, x3) = (LaneKernels.load(x + 2 &* lanes), LaneKernels.load(x + 3 &* lanes))
      var (y0, y1, y2, y3) = (x0, x1, x2, x3)
      if second {
        let y = x + chunk
        (y0, y1) = (LaneKernels.load(y), LaneKernels.load(y + lanes))
        (y2, y3) = (LaneKernels.load(y + 2 &* lanes), LaneKernels.load(y + 3 &* lanes))
      }
      var (s0, s1, s2, s3) = (zero, zero, zero, zero)
      for unit in 0..<units {
        let weight = LaneVector(repeating: weights[unit])
        let secondWeight = second ? LaneVector(repeating: weights[units &+ unit]) : weight
        let (bias, weightAbove) = (
          LaneVector(repeating: biases[unit]), LaneVector(repeating: weightsAbove[unit])
        )
        step(
          unit, vector, x: x0, y: y0, weight: weight, secondWeight: secondWeight, bias: bias,
          weightAbove: weightAbove, sum: &s0)
        step(
          unit, vector &+ 1, x: x1, y: y1, weight: weight, secondWeight: secondWeight,
          bias: bias, weightAbove: weightAbove, sum: &s1)
        step(
          unit, vector &+ 2, x: x2, y: y2, weight: weight, secondWeight: secondWeight,
          bias: bias, weightAbove: weightAbove, sum: &s2)
        step(
          unit, vector &+ 3, x: x3, y: y3, weight: weight, secondWeight: secondWeight,
          bias: bias, weightAbove: weightAbove, sum: &s3)
      }
      let target = logits + vector &* lanes
      LaneKernels.store(s0 + biasAbove, target)
      LaneKernels.store(s1 + biasAbove, target + lanes)
      LaneKernels.store(s2 + biasAbove, target + 2 &* lanes)
      LaneKernels.store(s3 + biasAbove, target + 3 &* lanes)
      vector &+= 4
    }
    while vector < vectors {
      let x = LaneKernels.load(source + vector &* lanes)
      let y = second ? LaneKernels.load(source + (chunk &+ vector &* lanes)) : x
      var sum = zero
      for unit in 0..<units {
        let weight = LaneVector(repeating: weights[unit])
        step(
          unit, vector, x: x, y: y, weight: weight,
          secondWeight: second ? LaneVector(repeating: weights[units &+ unit]) : weight,
          bias: LaneVector(repeating: biases[unit]),
          weightAbove: LaneVector(repeating: weightsAbove[unit]), sum: &sum)
      }
      LaneKernels.store(sum + biasAbove, logits + vector &* lanes)
      vector &+= 1
    }
  }
}

/// The first layer's deltas, made and added into its gradient lanes unit by unit, and the layer
/// above's `a·δ` added into its weight lanes (see
/// ``LaneKernels/sendBackAndAccumulate(deltas:weights:terms:units:a:function:inputs:inputCount:weightsBelow:biasesBelow:masks:maskStride:vectors:weightLanes:biasLanes:weightLanesAbove:)``):
/// a delta is `f′(z) ⊙ Σₜ δₜ·W[u, t]`, one chain over the terms in order from 0, as
/// ``LayerPass`` sends it back; each weight lane is one chain of `x·δ` (or `a·δ` above) over the
/// vectors in order and each bias lane one of `δ`, as ``LaneKernels/accumulate(inputs:deltas:inputCount:units:vectors:weightLanes:biasLanes:)``
/// adds them. Under one term, a first-layer lane's chain is of `x·f′(z)·δ` (or `f′(z)·δ`) over
/// the call's vectors, from 0, and goes into the lane times the unit's weight.
private struct FirstLayerGradients {
  let deltas: UnsafePointer<Double>
  let weights: UnsafePointer<Double>
  let terms: Int
  let units: Int
  let a: UnsafePointer<Double>
  let inputs: UnsafePointer<Double>
  /// The first layer's own weights and biases, if the layer above's `Σ a·δ` may be made from
  /// them.
  let weightsBelow: UnsafePointer<Double>?
  let biasesBelow: UnsafePointer<Double>?
  /// ReLU units' `z > 0` (``LaneKernels/forwardThroughOneUnit(source:weights:biases:inputs:units:weightsAbove:biasAbove:masks:maskStride:logits:vectors:)``),
  /// read instead of `a` when given.
  let masks: UnsafePointer<UInt8>?
  let maskStride: Int
  let vectors: Int
  let weightLanes: UnsafeMutablePointer<Double>
  let biasLanes: UnsafeMutablePointer<Double>
  /// The weight lanes of the layer above, which take `a·δ`.
  let weightLanesAbove: UnsafeMutablePointer<Double>

  @inline(__always)
  func run<F: LaneFunction>(_ f: F, inputCount: Int) {
    // Copies for the seeds' shapes (W1: 2 terms, W3: 1), whose loops then unroll.
    switch (inputCount, terms) {
    case (2, 2): run(f, inputCount: 2, terms: 2)
    case (2, 1): run(f, inputCount: 2, terms: 1)
    case (2, _): run(f, inputCount: 2, terms: terms)
    default: run(f, inputCount: 1, terms: terms)
    }
  }

  @inline(__always)
  private func run<F: LaneFunction>(_ f: F, inputCount: Int, terms: Int) {
    let (chunk, lanes) = (LaneKernels.chunk, LaneKernels.lanes)
    let second = inputCount == 2
    let factored = terms == 1
    // Under one unit, a positively homogeneous function's `Σ a·δ` comes from the other sums
    // (`addAbove`); any other's is summed as the deltas are made.
    let summingAbove = !(factored && f.isPositivelyHomogeneous) || weightsBelow == nil
    /// What a sum into the lanes at `lane` starts from: the lanes, or 0 when `factored`.
    @inline(__always)
    func start(_ lane: UnsafeMutablePointer<Double>) -> LaneVector {
      factored ? LaneVector(repeating: 0) : LaneKernels.load(lane)
    }
    /// Stores unit `unit`'s `sum` into its lanes at `lane`: when `factored`, as the lanes plus
    /// the unit's weight times the sum.
    @inline(__always)
    func finish(_ sum: LaneVector, _ unit: Int, _ lane: UnsafeMutablePointer<Double>) {
      LaneKernels.store(
        factored
          ? LaneVector.fused(LaneVector(repeating: weights[unit]), sum, LaneKernels.load(lane))
          : sum, lane)
    }
    /// The lanes of input `input`, unit `unit`; row-major like the weights.
    func lanesOf(_ input: Int, _ unit: Int) -> UnsafeMutablePointer<Double> {
      weightLanes + (input &* units &+ unit) &* lanes
    }
    /// The lanes above of unit `unit`'s first two terms.
    @inline(__always)
    func loadAbove(_ unit: Int) -> SumsAbove {
      var sums = SumsAbove()
      let first = weightLanesAbove + unit &* terms &* lanes
      sums.first = LaneKernels.load(first)
      if terms > 1 { sums.second = LaneKernels.load(first + lanes) }
      return sums
    }
    @inline(__always)
    func storeAbove(_ sums: SumsAbove, _ unit: Int) {
      let first = weightLanesAbove + unit &* terms &* lanes
      LaneKernels.store(sums.first, first)
      if terms > 1 { LaneKernels.store(sums.second, first + lanes) }
    }
    /// When not `summingAbove`, adds unit `unit`'s `Σ a·δ` into its lanes above, from its sums
    /// `Σ f′(z)·δ` (`bias`), `Σ x·f′(z)·δ` (`s`) and `Σ y·f′(z)·δ` (`t`) over the call's vectors.
    @inline(__always)
    func addAbove(_ unit: Int, bias: LaneVector, s: LaneVector, t: LaneVector) {
      guard !summingAbove, let weightsBelow, let biasesBelow else { return }
      let lane = weightLanesAbove + unit &* lanes
      var sum = LaneVector.fused(
        LaneVector(repeating: weightsBelow[unit]), s, LaneKernels.load(lane))
      if second {
        sum = LaneVector.fused(LaneVector(repeating: weightsBelow[units &+ unit]), t, sum)
      }
      LaneKernels.store(LaneVector.fused(LaneVector(repeating: biasesBelow[unit]), bias, sum), lane)
    }
    /// Unit `unit`'s delta for the vector at `offset`; the unit's `a·δₜ` go on in the lanes
    /// above, the first two terms' in `sums`.
    @inline(__always)
    func delta(_ unit: Int, _ offset: Int, _ sums: inout SumsAbove) -> LaneVector {
      if let masks {
        let isPositive = LaneMask(byte: masks[unit &* maskStride &+ offset / lanes])
        return select(isPositive, LaneKernels.load(deltas + offset))
      }
      let activation = LaneKernels.load(a + (unit &* chunk &+ offset))
      var sum = LaneVector(repeating: 0)
      var source = deltas + offset
      let row = weights + unit &* terms
      for term in 0..<terms {
        let deltaAbove = LaneKernels.load(source)
        // One term: the weight is left to the end (see `finish`).
        sum =
          factored
          ? deltaAbove : LaneVector.fused(deltaAbove, LaneVector(repeating: row[term]), sum)
        switch term {
        case _ where !summingAbove: break
        case 0: sums.first = LaneVector.fused(activation, deltaAbove, sums.first)
        case 1: sums.second = LaneVector.fused(activation, deltaAbove, sums.second)
        default:
          let lanesAbove = weightLanesAbove + (unit &* terms &+ term) &* lanes
          LaneKernels.store(
            LaneVector.fused(activation, deltaAbove, LaneKernels.load(lanesAbove)), lanesAbove)
        }
        source += chunk
      }
      return f.derivative(sum, a: activation)
    }
    /// Adds unit `unit`'s delta for the vector at `offset` times 1 (into `bias`), times `x` (into
    /// `s`) and, with a second input, times `y` (into `t`); its `a·δₜ` go on in `sums`.
    @inline(__always)
    func add(
      _ unit: Int, _ offset: Int, x: LaneVector, y: LaneVector, bias: inout LaneVector,
      s: inout LaneVector, t: inout LaneVector, sums: inout SumsAbove
    ) {
      let d = delta(unit, offset, &sums)
      bias += d
      s = LaneVector.fused(x, d, s)
      if second { t = LaneVector.fused(y, d, t) }
    }
    var unit = 0
    #if WIDE_LANES
      // With 32 registers, four units at a time share each vector's input loads.
      while unit &+ 4 <= units {
        var (b0, b1, b2, b3) = (
          start(biasLanes + unit &* lanes), start(biasLanes + (unit &+ 1) &* lanes),
          start(biasLanes + (unit &+ 2) &* lanes), start(biasLanes + (unit &+ 3) &* lanes)
        )
        var (s0, s1, s2, s3) = (
          start(lanesOf(0, unit)), start(lanesOf(0, unit &+ 1)), start(lanesOf(0, unit &+ 2)),
          start(lanesOf(0, unit &+ 3))
        )
        var (t0, t1, t2, t3) = (s0, s1, s2, s3)
        if second {
          (t0, t1, t2, t3) = (
            start(lanesOf(1, unit)), start(lanesOf(1, unit &+ 1)), start(lanesOf(1, unit &+ 2)),
            start(lanesOf(1, unit &+ 3))
          )
        }
        var (u0, u1, u2, u3) = (SumsAbove(), SumsAbove(), SumsAbove(), SumsAbove())
        if summingAbove {
          (u0, u1, u2, u3) = (
            loadAbove(unit), loadAbove(unit &+ 1), loadAbove(unit &+ 2), loadAbove(unit &+ 3)
          )
        }
        for vector in 0..<vectors {
          let offset = vector &* lanes
          let x = LaneKernels.load(inputs + offset)
          let y = second ? LaneKernels.load(inputs + (chunk &+ offset)) : x
          add(unit, offset, x: x, y: y, bias: &b0, s: &s0, t: &t0, sums: &u0)
          add(unit &+ 1, offset, x: x, y: y, bias: &b1, s: &s1, t: &t1, sums: &u1)
          add(unit &+ 2, offset, x: x, y: y, bias: &b2, s: &s2, t: &t2, sums: &u2)
          add(unit &+ 3, offset, x: x, y: y, bias: &b3, s: &s3, t: &t3, sums: &u3)
        }
        if summingAbove {
          storeAbove(u0, unit)
          storeAbove(u1, unit &+ 1)
          storeAbove(u2, unit &+ 2)
          storeAbove(u3, unit &+ 3)
        }
        addAbove(unit, bias: b0, s: s0, t: t0)
        addAbove(unit &+ 1, bias: b1, s: s1, t: t1)
        addAbove(unit &+ 2, bias: b2, s: s2, t: t2)
        addAbove(unit &+ 3, bias: b3, s: s3, t: t3)
        finish(b0, unit, biasLanes + unit &* lanes)
        finish(b1, unit &+ 1, biasLanes + (unit &+ 1) &* lanes)
        finish(b2, unit &+ 2, biasLanes + (unit &+ 2) &* lanes)
        finish(b3, unit &+ 3, biasLanes + (unit &+ 3) &* lanes)
        finish(s0, unit, lanesOf(0, unit))
        finish(s1, unit &+ 1, lanesOf(0, unit &+ 1))
        finish(s2, unit &+ 2, lanesOf(0, unit &+ 2))
        finish(s3, unit &+ 3, lanesOf(0, unit &+ 3))
        if second {
          finish(t0, unit, lanesOf(1, unit))
          finish(t1, unit &+ 1, lanesOf(1, unit &+ 1))
          finish(t2, unit &+ 2, lanesOf(1, unit &+ 2))
          finish(t3, unit &+ 3, lanesOf(1, unit &+ 3))
        }
        unit &+= 4
      }
    #endif
    while unit < units {
      var bias = start(biasLanes + unit &* lanes)
      var s = start(lanesOf(0, unit))
      var t = second ? start(lanesOf(1, unit)) : s
      var sums = summingAbove ? loadAbove(unit) : SumsAbove()
      for vector in 0..<vectors {
        let offset = vector &* lanes
        let x = LaneKernels.load(inputs + offset)
        let y = second ? LaneKernels.load(inputs + (chunk &+ offset)) : x
        add(unit, offset, x: x, y: y, bias: &bias, s: &s, t: &t, sums: &sums)
      }
      finish(bias, unit, biasLanes + unit &* lanes)
      finish(s, unit, lanesOf(0, unit))
      if second { finish(t, unit, lanesOf(1, unit)) }
      if summingAbove { storeAbove(sums, unit) }
      addAbove(unit, bias: bias, s: s, t: t)
      unit &+= 1
    }
  }
}

/// A unit's running sums in the weight lanes above for its first two terms (the seeds' one or
/// two outputs), kept in registers through a loop over the vectors.
private struct SumsAbove {
  var first = LaneVector(repeating: 0)
  var second = LaneVector(repeating: 0)
}

/// A non-linearity lane by lane: `a = f(z)`, and `∂L/∂z` from `∂L/∂a` and `a`. The ReLU family
/// takes the derivative at the kink `z = 0` as that of the left side.
///
/// Each derivative is that of `z`, read from `a`: ReLU's `z > 0` holds exactly where `a > 0`
/// (NaN gives 0, as on the layer path); leaky ReLU's `z ≤ 0` exactly where `a = slope·z ≤ 0`
/// (for a positive, finite slope; NaN gives NaN); `tanh` and `sigmoid` use `a` by definition.
private protocol LaneFunction {
  func apply(_ z: LaneVector) -> LaneVector
  func derivative(_ gradient: LaneVector, a: LaneVector) -> LaneVector
  /// Whether `f(z) = f′(z)·z` (ReLU, leaky ReLU, linear).
  var isPositivelyHomogeneous: Bool { get }
}

private struct ReLULanes: LaneFunction {
  var isPositivelyHomogeneous: Bool { true }
  @inline(__always) func apply(_ z: LaneVector) -> LaneVector { select(z .> 0, z) }
  @inline(__always)
  func derivative(_ gradient: LaneVector, a: LaneVector) -> LaneVector {
    select(a .> 0, gradient)
  }
}

private struct LeakyReLULanes: LaneFunction {
  var isPositivelyHomogeneous: Bool { true }
  let slope: Double
  @inline(__always) func apply(_ z: LaneVector) -> LaneVector {
    select(z .> 0, z, otherwise: slope * z)
  }
  @inline(__always)
  func derivative(_ gradient: LaneVector, a: LaneVector) -> LaneVector {
    select(a .<= 0, gradient * slope, otherwise: gradient)
  }
}

private struct LinearLanes: LaneFunction {
  var isPositivelyHomogeneous: Bool { true }
  @inline(__always) func apply(_ z: LaneVector) -> LaneVector { z }
  @inline(__always)
  func derivative(_ gradient: LaneVector, a: LaneVector) -> LaneVector {
    gradient
  }
}

/// `tanh`, its derivative from the output: `1 − a²`.
private struct TanhLanes: LaneFunction {
  var isPositivelyHomogeneous: Bool { false }
  @inline(__always) func apply(_ z: LaneVector) -> LaneVector { LaneMath.tanh(z) }
  @inline(__always)
  func derivative(_ gradient: LaneVector, a: LaneVector) -> LaneVector {
    gradient * (1 - a * a)
  }
}

/// The logistic sigmoid, its derivative from the output: `a(1 − a)`.
private struct SigmoidLanes: LaneFunction {
  var isPositivelyHomogeneous: Bool { false }
  @inline(__always) func apply(_ z: LaneVector) -> LaneVector { LaneMath.logistic(z) }
  @inline(__always)
  func derivative(_ gradient: LaneVector, a: LaneVector) -> LaneVector {
    gradient * (a * (1 - a))
  }
}

/// `sum + a·b` with one rounding.
@inline(__always)
private func sumPlusProduct(_ sum: LaneVector, _ a: LaneVector, _ b: LaneVector) -> LaneVector {
  LaneVector.fused(a, b, sum)
}
