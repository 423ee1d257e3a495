import WideKernels

/// What a product does to each finished row of its result while the row is still in cache, in
/// place of a separate pass over the whole matrix afterwards:
///
/// - a forward ReLU or linear layer adds its biases (`z = x·W + b`, in place) and writes `f(z)`
///   into a second matrix;
/// - a backward pass into a ReLU layer keeps the delta only where the layer's `z > 0`.
///
/// The operations are those of the separate passes they replace (`z + b`, rounded, then `f`; a
/// zero unless `z > 0`), so the results are the same bit for bit.
enum RowEpilogue {
  /// The element-wise function a forward epilogue writes.
  enum Function {
    /// `max(0, z)`, with NaN mapped to 0 as by `z > 0 ? z : 0`.
    case relu
    /// `z`.
    case identity
  }

  /// `z += b` per row, then `outputs = f(z)`.
  case biasAndActivation(
    biases: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>, function: Function)
  /// `δ = 0` unless `z > 0` (the ReLU derivative: 0 at the kink and where `z` is NaN), `z`
  /// shaped like the result.
  case reluDerivative(preActivations: UnsafePointer<Double>)

  /// Applies the epilogue to columns `columns` of rows `rows` of `c`, whose rows are `stride`
  /// elements apart.
  @inline(__always)
  func apply(
    rows: Range<Int>, columns: Range<Int>, of c: UnsafeMutablePointer<Double>, stride: Int
  ) {
    for row in rows {
      var j = columns.lowerBound
      while j + 4 <= columns.upperBound {
        let offset = row * stride + j
        finish(
          UnsafeRawPointer(c + offset).loadUnaligned(as: SIMD4<Double>.self), at: offset,
          column: j, into: c)
        j += 4
      }
      while j < columns.upperBound {
        finish(c[row * stride + j], at: row * stride + j, column: j, into: c)
        j += 1
      }
    }
  }

  /// Puts finished sums `sums` (of the result's elements from `offset`, in column `column` on)
  /// through the epilogue and stores them: the same operations, lane by lane, as
  /// ``apply(rows:columns:of:stride:)``. (Two 4-lane halves: 8-lane selects vectorise poorly.)
  @inline(__always)
  func store(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    finish(sums.lowHalf, at: offset, column: column, into: c)
    finish(sums.highHalf, at: offset + 4, column: column + 4, into: c)
  }

  /// The same epilogue for the 512-bit blocks.
  var wide: WideEpilogue {
    switch self {
    case .biasAndActivation(let biases, let outputs, .relu):
      .addingBiasesThenReLU(biases: biases, outputs: outputs)
    case .biasAndActivation(let biases, let outputs, .identity):
      .addingBiases(biases: biases, outputs: outputs)
    case .reluDerivative(let preActivations):
      .keepingWherePositive(preActivations: preActivations)
    }
  }

  @inline(__always)
  private func finish(
    _ sums: SIMD4<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    switch self {
    case .biasAndActivation(let biases, let outputs, .relu):
      AddingBiasesThenReLU(biases: biases, outputs: outputs)
        .finish(sums, at: offset, column: column, into: c)
    case .biasAndActivation(let biases, let outputs, .identity):
      AddingBiases(biases: biases, outputs: outputs)
        .finish(sums, at: offset, column: column, into: c)
    case .reluDerivative(let preActivations):
      KeepingWherePositive(preActivations: preActivations)
        .finish(sums, at: offset, column: column, into: c)
    }
  }

  @inline(__always)
  private func finish(
    _ sum: Double, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    switch self {
    case .biasAndActivation(let biases, let outputs, let function):
      let z = sum + biases[column]
      c[offset] = z
      outputs[offset] = function == .relu ? (z > 0 ? z : 0) : z
    case .reluDerivative(let preActivations):
      if !(preActivations[offset] > 0) { c[offset] = 0 }
    }
  }
}

/// One epilogue, or none, as a type: a kernel generic over it runs that epilogue's operations on
/// each vector of sums with no switch per vector. ``RowEpilogue`` runs its cases through them.
protocol SumFinisher {
  /// Puts four finished sums (the result's elements from `offset`, in column `column` on) through
  /// the epilogue and stores them into `c`.
  func finish(
    _ sums: SIMD4<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>)
}

/// No epilogue: the sums are stored as they are.
struct StoringSums: SumFinisher {
  @inline(__always)
  func finish(
    _ sums: SIMD4<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    UnsafeMutableRawPointer(c + offset).storeBytes(of: sums, as: SIMD4<Double>.self)
  }
}

/// `z = sums + b`, stored, and `max(0, z)` (NaN to 0) into `outputs`.
struct AddingBiasesThenReLU: SumFinisher {
  let biases: UnsafePointer<Double>
  let outputs: UnsafeMutablePointer<Double>

  @inline(__always)
  func finish(
    _ sums: SIMD4<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    let z = sums + UnsafeRawPointer(biases + column).loadUnaligned(as: SIMD4<Double>.self)
    UnsafeMutableRawPointer(c + offset).storeBytes(of: z, as: SIMD4<Double>.self)
    UnsafeMutableRawPointer(outputs + offset).storeBytes(
      of: z.replacing(with: 0, where: .!(z .> 0)), as: SIMD4<Double>.self)
  }
}

/// `z = sums + b`, stored, and copied into `outputs`.
struct AddingBiases: SumFinisher {
  let biases: UnsafePointer<Double>
  let outputs: UnsafeMutablePointer<Double>

  @inline(__always)
  func finish(
    _ sums: SIMD4<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    let z = sums + UnsafeRawPointer(biases + column).loadUnaligned(as: SIMD4<Double>.self)
    UnsafeMutableRawPointer(c + offset).storeBytes(of: z, as: SIMD4<Double>.self)
    UnsafeMutableRawPointer(outputs + offset).storeBytes(of: z, as: SIMD4<Double>.self)
  }
}

/// The sums, kept only where the layer's `z > 0` (0 at the kink and where `z` is NaN; `z` shaped
/// like the result).
struct KeepingWherePositive: SumFinisher {
  let preActivations: UnsafePointer<Double>

  @inline(__always)
  func finish(
    _ sums: SIMD4<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    let z = UnsafeRawPointer(preActivations + offset).loadUnaligned(as: SIMD4<Double>.self)
    UnsafeMutableRawPointer(c + offset).storeBytes(
      of: sums.replacing(with: 0, where: .!(z .> 0)), as: SIMD4<Double>.self)
  }
}
