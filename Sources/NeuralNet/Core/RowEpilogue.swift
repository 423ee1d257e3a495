/// What a product does to each finished row of its result while the row is still in cache, in
/// place of a separate pass over the whole matrix afterwards:
///
/// - a forward ReLU or linear layer adds its biases (`z = x·W + b`, in place) and writes `f(z)`
///   into a second matrix;
/// - a backward pass into a ReLU layer keeps the delta only where the layer's `z > 0`.
///
/// The operations are those of the separate passes they replace (`z + b`, rounded, then `f`; a
/// zero where `z ≤ 0`), so the results are the same bit for bit.
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
  /// `δ = 0` where `z ≤ 0` (the ReLU derivative, 0 at the kink), `z` shaped like the result.
  case reluDerivative(preActivations: UnsafePointer<Double>)

  /// Applies the epilogue to rows `rows` of `c`, a matrix of `columns` columns.
  @inline(__always)
  func apply(rows: Range<Int>, of c: UnsafeMutablePointer<Double>, columns: Int) {
    switch self {
    case .biasAndActivation(let biases, let outputs, let function):
      for row in rows {
        addBiases(
          biases, row: c + row * columns, outputs: outputs + row * columns,
          function: function, columns: columns)
      }
    case .reluDerivative(let preActivations):
      let start = rows.lowerBound * columns
      let count = rows.count * columns
      let delta = c + start
      let z = preActivations + start
      var i = 0
      while i + 4 <= count {
        let gate = UnsafeRawPointer(z + i).loadUnaligned(as: SIMD4<Double>.self) .<= 0
        let value = UnsafeRawPointer(delta + i).loadUnaligned(as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(delta + i).storeBytes(
          of: value.replacing(with: 0, where: gate), as: SIMD4<Double>.self)
        i += 4
      }
      while i < count {
        if z[i] <= 0 { delta[i] = 0 }
        i += 1
      }
    }
  }

  @inline(__always)
  private func addBiases(
    _ biases: UnsafePointer<Double>, row z: UnsafeMutablePointer<Double>,
    outputs a: UnsafeMutablePointer<Double>, function: Function, columns: Int
  ) {
    var j = 0
    while j + 4 <= columns {
      let sum =
        UnsafeRawPointer(z + j).loadUnaligned(as: SIMD4<Double>.self)
        + UnsafeRawPointer(biases + j).loadUnaligned(as: SIMD4<Double>.self)
      UnsafeMutableRawPointer(z + j).storeBytes(of: sum, as: SIMD4<Double>.self)
      let value = function == .relu ? sum.replacing(with: 0, where: .!(sum .> 0)) : sum
      UnsafeMutableRawPointer(a + j).storeBytes(of: value, as: SIMD4<Double>.self)
      j += 4
    }
    while j < columns {
      let sum = z[j] + biases[j]
      z[j] = sum
      a[j] = function == .relu ? (sum > 0 ? sum : 0) : sum
      j += 1
    }
  }
}
