/// The bulk of a matrix product in 512-bit registers, for CPUs with AVX-512.
///
/// This module is built for `-target-cpu skylake-avx512` (see `Package.swift`), so any of its code
/// may use AVX-512 instructions: call it only when `CPUFeatures` reports support. `NeuralNet`
/// does, and computes the edges that are not whole blocks itself.
///
/// The sums are those of `NeuralNet`'s kernels: every element a chain of fused multiply-adds over
/// the inner dimension in increasing order, from 0 or from the element's value. Only the register
/// blocking differs (12 rows × 16 columns, 24 chains of `SIMD8<Double>`, each one register), so
/// the bits are the same.
public struct WideBlocks: @unchecked Sendable {
  let a: UnsafePointer<Double>
  let b: UnsafePointer<Double>
  let c: UnsafeMutablePointer<Double>
  /// The result's row stride (its column count).
  let m: Int
  /// `a(i, p)` is `a[i · aRow + p · aInner]`; `b(p, j)` is `b[p · bInner + j]`.
  let aRow: Int
  let aInner: Int
  let bInner: Int

  /// The rows and columns of one block.
  public static let blockRows = 12
  public static let blockColumns = 16

  public init(
    a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>,
    columns m: Int, aRow: Int, aInner: Int, bInner: Int
  ) {
    self.a = a
    self.b = b
    self.c = c
    self.m = m
    self.aRow = aRow
    self.aInner = aInner
    self.bInner = bInner
  }

  /// Adds the terms `p0..<p1` to the sums of rows `rows` and columns `columns`, whose counts are
  /// multiples of ``blockRows`` and ``blockColumns``; `isFirst` starts the sums from 0. When
  /// `epilogue` is given, the finished sums go through it on their way out.
  public func compute(
    rows: Range<Int>, columns: Range<Int>, inner p0: Int, _ p1: Int, isFirst: Bool,
    finishing epilogue: WideEpilogue?
  ) {
    precondition(
      rows.count % Self.blockRows == 0 && columns.count % Self.blockColumns == 0,
      "wide blocks need whole blocks")
    var i = rows.lowerBound
    while i < rows.upperBound {
      var j = columns.lowerBound
      while j < columns.upperBound {
        block(i, j, p0, p1, isFirst, epilogue)
        j += Self.blockColumns
      }
      i += Self.blockRows
    }
  }

  @inline(__always)
  func load(_ pointer: UnsafePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Double>.self)
  }

  @inline(__always)
  private func start(_ offset: Int, _ isFirst: Bool) -> (SIMD8<Double>, SIMD8<Double>) {
    isFirst ? (.zero, .zero) : (load(c + offset), load(c + offset + 8))
  }

  @inline(__always)
  private func finish(
    _ sums: (SIMD8<Double>, SIMD8<Double>), _ offset: Int, _ column: Int,
    _ epilogue: WideEpilogue?
  ) {
    guard let epilogue else {
      UnsafeMutableRawPointer(c + offset).storeBytes(of: sums.0, as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(c + offset + 8).storeBytes(of: sums.1, as: SIMD8<Double>.self)
      return
    }
    epilogue.finish(sums.0, at: offset, column: column, into: c)
    epilogue.finish(sums.1, at: offset + 8, column: column + 8, into: c)
  }

  /// Twelve rows by sixteen columns from `(i, j)`: 24 accumulators, two loads of `b` and twelve
  /// broadcasts of `a` per term.
  private func block(
    _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool, _ epilogue: WideEpilogue?
  ) {
    typealias V = SIMD8<Double>
    let offset = i * m + j
    var (s0, t0) = start(offset, isFirst)
    var (s1, t1) = start(offset + m, isFirst)
    var (s2, t2) = start(offset + 2 * m, isFirst)
    var (s3, t3) = start(offset + 3 * m, isFirst)
    var (s4, t4) = start(offset + 4 * m, isFirst)
    var (s5, t5) = start(offset + 5 * m, isFirst)
    var (s6, t6) = start(offset + 6 * m, isFirst)
    var (s7, t7) = start(offset + 7 * m, isFirst)
    var (s8, t8) = start(offset + 8 * m, isFirst)
    var (s9, t9) = start(offset + 9 * m, isFirst)
    var (s10, t10) = start(offset + 10 * m, isFirst)
    var (s11, t11) = start(offset + 11 * m, isFirst)
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var ap = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j
    for _ in p0..<p1 {
      let (u, v) = (load(bp), load(bp + 8))
      var x = V(repeating: ap[0])
      s0 = s0.addingProduct(x, u)
      t0 = t0.addingProduct(x, v)
      x = V(repeating: ap[aRow])
      s1 = s1.addingProduct(x, u)
      t1 = t1.addingProduct(x, v)
      x = V(repeating: ap[2 * aRow])
      s2 = s2.addingProduct(x, u)
      t2 = t2.addingProduct(x, v)
      x = V(repeating: ap[3 * aRow])
      s3 = s3.addingProduct(x, u)
      t3 = t3.addingProduct(x, v)
      x = V(repeating: ap[4 * aRow])
      s4 = s4.addingProduct(x, u)
      t4 = t4.addingProduct(x, v)
      x = V(repeating: ap[5 * aRow])
      s5 = s5.addingProduct(x, u)
      t5 = t5.addingProduct(x, v)
      x = V(repeating: ap[6 * aRow])
      s6 = s6.addingProduct(x, u)
      t6 = t6.addingProduct(x, v)
      x = V(repeating: ap[7 * aRow])
      s7 = s7.addingProduct(x, u)
      t7 = t7.addingProduct(x, v)
      x = V(repeating: ap[8 * aRow])
      s8 = s8.addingProduct(x, u)
      t8 = t8.addingProduct(x, v)
      x = V(repeating: ap[9 * aRow])
      s9 = s9.addingProduct(x, u)
      t9 = t9.addingProduct(x, v)
      x = V(repeating: ap[10 * aRow])
      s10 = s10.addingProduct(x, u)
      t10 = t10.addingProduct(x, v)
      x = V(repeating: ap[11 * aRow])
      s11 = s11.addingProduct(x, u)
      t11 = t11.addingProduct(x, v)
      ap += aInner
      bp += bInner
    }
    finish((s0, t0), offset, j, epilogue)
    finish((s1, t1), offset + m, j, epilogue)
    finish((s2, t2), offset + 2 * m, j, epilogue)
    finish((s3, t3), offset + 3 * m, j, epilogue)
    finish((s4, t4), offset + 4 * m, j, epilogue)
    finish((s5, t5), offset + 5 * m, j, epilogue)
    finish((s6, t6), offset + 6 * m, j, epilogue)
    finish((s7, t7), offset + 7 * m, j, epilogue)
    finish((s8, t8), offset + 8 * m, j, epilogue)
    finish((s9, t9), offset + 9 * m, j, epilogue)
    finish((s10, t10), offset + 10 * m, j, epilogue)
    finish((s11, t11), offset + 11 * m, j, epilogue)
  }
}
