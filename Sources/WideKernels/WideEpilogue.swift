/// What a wide block does to its finished sums on their way out: the operations of `NeuralNet`'s
/// `RowEpilogue`, lane for lane, on 8 lanes at a time.
public enum WideEpilogue {
  /// `z = sums + b`, stored, and `outputs = max(0, z)` (NaN to 0, as `z > 0 ? z : 0`).
  case addingBiasesThenReLU(biases: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>)
  /// `z = sums + b`, stored, and copied into `outputs`.
  case addingBiases(biases: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>)
  /// The sums, kept only where the layer's `z > 0` (0 at the kink and where `z` is NaN; `z`
  /// shaped like the result).
  case keepingWherePositive(preActivations: UnsafePointer<Double>)

  @inline(__always)
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    switch self {
    case .addingBiasesThenReLU(let biases, let outputs):
      AddingBiasesThenReLU(biases: biases, outputs: outputs)
        .finish(sums, at: offset, column: column, into: c)
    case .addingBiases(let biases, let outputs):
      AddingBiases(biases: biases, outputs: outputs)
        .finish(sums, at: offset, column: column, into: c)
    case .keepingWherePositive(let preActivations):
      KeepingWherePositive(preActivations: preActivations)
        .finish(sums, at: offset, column: column, into: c)
    }
  }
}

/// One epilogue, or none, as a type: a loop generic over it runs that epilogue's operations on
/// each vector of sums with no switch per vector. ``WideEpilogue`` runs its cases through them.
protocol WideFinisher {
  /// Puts eight finished sums (the result's elements from `offset`, in column `column` on)
  /// through the epilogue and stores them into `c`.
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>)
}

struct StoringSums: WideFinisher {
  @inline(__always)
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    UnsafeMutableRawPointer(c + offset).storeBytes(of: sums, as: SIMD8<Double>.self)
  }
}

struct AddingBiasesThenReLU: WideFinisher {
  let biases: UnsafePointer<Double>
  let outputs: UnsafeMutablePointer<Double>

  @inline(__always)
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    let z = sums + UnsafeRawPointer(biases + column).loadUnaligned(as: SIMD8<Double>.self)
    UnsafeMutableRawPointer(c + offset).storeBytes(of: z, as: SIMD8<Double>.self)
    UnsafeMutableRawPointer(outputs + offset).storeBytes(
      of: z.replacing(with: 0, where: .!(z .> 0)), as: SIMD8<Double>.self)
  }
}

struct AddingBiases: WideFinisher {
  let biases: UnsafePointer<Double>
  let outputs: UnsafeMutablePointer<Double>

  @inline(__always)
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    let z = sums + UnsafeRawPointer(biases + column).loadUnaligned(as: SIMD8<Double>.self)
    UnsafeMutableRawPointer(c + offset).storeBytes(of: z, as: SIMD8<Double>.self)
    UnsafeMutableRawPointer(outputs + offset).storeBytes(of: z, as: SIMD8<Double>.self)
  }
}

struct KeepingWherePositive: WideFinisher {
  let preActivations: UnsafePointer<Double>

  @inline(__always)
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    let z = UnsafeRawPointer(preActivations + offset).loadUnaligned(as: SIMD8<Double>.self)
    UnsafeMutableRawPointer(c + offset).storeBytes(
      of: sums.replacing(with: 0, where: .!(z .> 0)), as: SIMD8<Double>.self)
  }
}
