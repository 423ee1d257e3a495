/// What a product does to each finished row of its result `z` while the row is still in cache:
/// adds the biases in place (`z = x·W + b`) and writes `f(z)` into a second matrix — the forward
/// pass of a ReLU or linear layer in one sweep over memory instead of two.
///
/// The operations are those of the separate pass they replace (`z + b`, rounded, then `f`), so
/// the results are the same bit for bit.
struct RowEpilogue {
  /// The element-wise function written into ``outputs``.
  enum Function {
    /// `max(0, z)`, with NaN mapped to 0 as by `z > 0 ? z : 0`.
    case relu
    /// `z`.
    case identity
  }

  let biases: UnsafePointer<Double>
  let outputs: UnsafeMutablePointer<Double>
  let function: Function

  /// Applies the epilogue to rows `rows` of `c`, a matrix of `columns` columns.
  @inline(__always)
  func apply(rows: Range<Int>, of c: UnsafeMutablePointer<Double>, columns: Int) {
    for row in rows {
      let z = c + row * columns
      let a = outputs + row * columns
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
}
