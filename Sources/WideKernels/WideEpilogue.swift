/// What a wide block does to its finished sums on their way out: the operations of `NeuralNet`'s
/// `RowEpilogue`, lane for lane, on 8 lanes at a time.
public enum WideEpilogue {
  /// `z = sums + b`, stored, and `outputs = max(0, z)` (NaN to 0, as `z > 0 ? z : 0`).
  case addingBiasesThenReLU(biases: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>)
  /// `z = sums + b`, stored, and copied into `outputs`.
  case addingBiases(biases: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>)
  /// The sums, zeroed where the layer's `z ≤ 0` (`z` shaped like the result).
  case keepingWherePositive(preActivations: UnsafePointer<Double>)

  @inline(__always)
  func finish(
    _ sums: SIMD8<Double>, at offset: Int, column: Int, into c: UnsafeMutablePointer<Double>
  ) {
    switch self {
    case .addingBiasesThenReLU(let biases, let outputs):
      let z = sums + UnsafeRawPointer(biases + column).loadUnaligned(as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(c + offset).storeBytes(of: z, as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(outputs + offset).storeBytes(
        of: z.replacing(with: 0, where: .!(z .> 0)), as: SIMD8<Double>.self)
    case .addingBiases(let biases, let outputs):
      let z = sums + UnsafeRawPointer(biases + column).loadUnaligned(as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(c + offset).storeBytes(of: z, as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(outputs + offset).storeBytes(of: z, as: SIMD8<Double>.self)
    case .keepingWherePositive(let preActivations):
      let z = UnsafeRawPointer(preActivations + offset).loadUnaligned(as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(c + offset).storeBytes(
        of: sums.replacing(with: 0, where: z .<= 0), as: SIMD8<Double>.self)
    }
  }
}
