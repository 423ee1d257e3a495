import Dispatch
import Synchronization

/// One matrix product — operands, shape and layout — and the blocked SIMD kernels computing it.
///
/// Whatever the blocking, vector width or thread count, every element is summed the same way:
///
/// ```
/// c(i, j) = (((0 + a(i,0)·b(0,j)) + a(i,1)·b(1,j)) + …) + a(i,k−1)·b(k−1,j)
/// ```
///
/// each product rounded, then each sum (never a fused multiply-add), `p` increasing. Vectorising
/// across columns `j` and blocking across rows `i` only computes several such sums side by side;
/// cutting the inner dimension into chunks passes a partial sum through memory, which is exact.
/// So the result is bit-identical to the plain triple loop, in debug and release builds, on one
/// thread or several.
///
/// Blocks of 4 rows × 4 columns keep 16 sums in registers (`SIMD4<Double>` per row); the edges use
/// 2-wide and scalar blocks. A product of at least ``parallelWork`` multiply-adds splits its rows
/// into contiguous bands of whole blocks, one per thread (``Parallelism/maximumThreads``).
struct Product: @unchecked Sendable {
  let a: UnsafePointer<Double>
  let b: UnsafePointer<Double>
  let c: UnsafeMutablePointer<Double>
  /// The result is `n × m`; `k` is the inner dimension.
  let n: Int
  let k: Int
  let m: Int
  /// `a(i, p)` is `a[i · aRow + p · aInner]`.
  let aRow: Int
  let aInner: Int
  /// `b(p, j)` is `b[p · bInner + j · bColumn]`.
  let bInner: Int
  let bColumn: Int
  /// Whether each sum starts from the result's current value instead of 0.
  let accumulating: Bool

  /// The multiply-adds from which a product is split across threads: below it, starting threads
  /// costs more than it saves.
  static let parallelWork = 1 << 18
  /// The inner-dimension chunk: a chunk of both operands stays in cache while a band of the result
  /// is accumulated.
  static let chunk = 128

  init(
    a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>,
    n: Int, k: Int, m: Int, transposing: Transposition, accumulating: Bool = false
  ) {
    self.accumulating = accumulating
    self.a = a
    self.b = b
    self.c = c
    self.n = n
    self.k = k
    self.m = m
    switch transposing {
    case .none: (aRow, aInner, bInner, bColumn) = (k, 1, m, 1)
    case .left: (aRow, aInner, bInner, bColumn) = (1, n, m, 1)
    case .right: (aRow, aInner, bInner, bColumn) = (k, 1, 1, k)
    }
  }

  /// The multiply-adds from which a debug build uses ``computeByDefinition(rows:)``: unoptimised
  /// SIMD code is many times slower than plain loops, and the tests train real networks. Smaller
  /// products still run the kernels, which the tests compare bit for bit with the definition.
  static let debugReferenceWork = 1 << 12

  /// Debug builds only: while positive, every product runs the kernels (tests count themselves in
  /// and out, to check the kernels on shapes of any size).
  static let kernelCheckers = Atomic<Int>(0)

  /// Whether a product of `work` multiply-adds runs the SIMD kernels (always, in a release build).
  static func usesKernels(work: Int) -> Bool {
    #if DEBUG
      work < debugReferenceWork || kernelCheckers.load(ordering: .relaxed) > 0
    #else
      true
    #endif
  }

  /// Computes the whole product, on one thread or in fixed bands of rows.
  func run() {
    let work = n * k * m
    let useKernels = Self.usesKernels(work: work)
    let blocks = (n + 3) / 4
    let bands = work >= Self.parallelWork ? min(Parallelism.maximumThreads, blocks) : 1
    if bands <= 1 {
      if useKernels { compute(rows: 0..<n) } else { computeByDefinition(rows: 0..<n) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: bands) { band in
      let first = blocks * band / bands * 4
      let last = min(n, blocks * (band + 1) / bands * 4)
      if useKernels {
        compute(rows: first..<last)
      } else {
        computeByDefinition(rows: first..<last)
      }
    }
  }

  /// Computes rows `rows` one element at a time, straight from the definition: the same sums in
  /// the same order as ``compute(rows:)``.
  func computeByDefinition(rows: Range<Int>) {
    if bColumn == 1 {
      // Stream rows of b (contiguous in j); each element still adds its terms in increasing p.
      for i in rows {
        let row = c + i * m
        if !accumulating { row.update(repeating: 0, count: m) }
        for p in 0..<k {
          let factor = a[i * aRow + p * aInner]
          let bRow = b + p * bInner
          for j in 0..<m { row[j] += factor * bRow[j] }
        }
      }
      return
    }
    for i in rows {
      for j in 0..<m {
        var sum = accumulating ? c[i * m + j] : 0
        for p in 0..<k { sum += a[i * aRow + p * aInner] * b[p * bInner + j * bColumn] }
        c[i * m + j] = sum
      }
    }
  }

  /// Computes rows `rows` of the result.
  func compute(rows: Range<Int>) {
    var p0 = 0
    while p0 < k {
      let p1 = min(k, p0 + Self.chunk)
      let isFirst = p0 == 0 && !accumulating
      var i = rows.lowerBound
      while i < rows.upperBound {
        let count = min(4, rows.upperBound - i)
        var j = 0
        if count == 4 {
          while j + 4 <= m {
            block4x4(i, j, p0, p1, isFirst)
            j += 4
          }
          if j + 2 <= m {
            block4x2(i, j, p0, p1, isFirst)
            j += 2
          }
          if j < m { block4x1(i, j, p0, p1, isFirst) }
        } else {
          for row in i..<i + count {
            j = 0
            while j + 4 <= m {
              block1x4(row, j, p0, p1, isFirst)
              j += 4
            }
            if j + 2 <= m {
              block1x2(row, j, p0, p1, isFirst)
              j += 2
            }
            if j < m { block1x1(row, j, p0, p1, isFirst) }
          }
        }
        i += count
      }
      p0 = p1
    }
  }

  // MARK: Micro-kernels: rows i..<i+R, columns j..<j+W, inner p0..<p1

  @inline(__always)
  private func b4(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
    if bColumn == 1 { return UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self) }
    return SIMD4(pointer[0], pointer[bColumn], pointer[2 * bColumn], pointer[3 * bColumn])
  }

  @inline(__always)
  private func b2(_ pointer: UnsafePointer<Double>) -> SIMD2<Double> {
    if bColumn == 1 { return UnsafeRawPointer(pointer).loadUnaligned(as: SIMD2<Double>.self) }
    return SIMD2(pointer[0], pointer[bColumn])
  }

  @inline(__always)
  private func start4(_ pointer: UnsafeMutablePointer<Double>, _ isFirst: Bool) -> SIMD4<Double> {
    isFirst ? .zero : UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
  }

  @inline(__always)
  private func start2(_ pointer: UnsafeMutablePointer<Double>, _ isFirst: Bool) -> SIMD2<Double> {
    isFirst ? .zero : UnsafeRawPointer(pointer).loadUnaligned(as: SIMD2<Double>.self)
  }

  @inline(__always)
  private func store<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
  }

  private func block4x4(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    let c1 = c0 + m
    let c2 = c1 + m
    let c3 = c2 + m
    var s0 = start4(c0, isFirst)
    var s1 = start4(c1, isFirst)
    var s2 = start4(c2, isFirst)
    var s3 = start4(c3, isFirst)
    var a0 = a + i * aRow + p0 * aInner
    let (aRow, aInner, bInner, bColumn) = (aRow, aInner, bInner, bColumn)
    var bp = b + p0 * bInner + j * bColumn
    if bColumn == 1 {
      for _ in p0..<p1 {
        let bv = UnsafeRawPointer(bp).loadUnaligned(as: SIMD4<Double>.self)
        s0 += SIMD4(repeating: a0[0]) * bv
        s1 += SIMD4(repeating: a0[aRow]) * bv
        s2 += SIMD4(repeating: a0[2 * aRow]) * bv
        s3 += SIMD4(repeating: a0[3 * aRow]) * bv
        a0 += aInner
        bp += bInner
      }
    } else {
      for _ in p0..<p1 {
        let bv = SIMD4(bp[0], bp[bColumn], bp[2 * bColumn], bp[3 * bColumn])
        s0 += SIMD4(repeating: a0[0]) * bv
        s1 += SIMD4(repeating: a0[aRow]) * bv
        s2 += SIMD4(repeating: a0[2 * aRow]) * bv
        s3 += SIMD4(repeating: a0[3 * aRow]) * bv
        a0 += aInner
        bp += bInner
      }
    }
    store(s0, c0)
    store(s1, c1)
    store(s2, c2)
    store(s3, c3)
  }

  private func block4x2(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    let c1 = c0 + m
    let c2 = c1 + m
    let c3 = c2 + m
    var s0 = start2(c0, isFirst)
    var s1 = start2(c1, isFirst)
    var s2 = start2(c2, isFirst)
    var s3 = start2(c3, isFirst)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = b2(bp)
      s0 += SIMD2(repeating: a0[0]) * bv
      s1 += SIMD2(repeating: a0[aRow]) * bv
      s2 += SIMD2(repeating: a0[2 * aRow]) * bv
      s3 += SIMD2(repeating: a0[3 * aRow]) * bv
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
    store(s1, c1)
    store(s2, c2)
    store(s3, c3)
  }

  private func block4x1(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s0 = isFirst ? 0 : c0[0]
    var s1 = isFirst ? 0 : c0[m]
    var s2 = isFirst ? 0 : c0[2 * m]
    var s3 = isFirst ? 0 : c0[3 * m]
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = bp[0]
      s0 += a0[0] * bv
      s1 += a0[aRow] * bv
      s2 += a0[2 * aRow] * bv
      s3 += a0[3 * aRow] * bv
      a0 += aInner
      bp += bInner
    }
    c0[0] = s0
    c0[m] = s1
    c0[2 * m] = s2
    c0[3 * m] = s3
  }

  private func block1x4(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s0 = start4(c0, isFirst)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      s0 += SIMD4(repeating: a0[0]) * b4(bp)
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
  }

  private func block1x2(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s0 = start2(c0, isFirst)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      s0 += SIMD2(repeating: a0[0]) * b2(bp)
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
  }

  private func block1x1(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s0 = isFirst ? 0 : c0[0]
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      s0 += a0[0] * bp[0]
      a0 += aInner
      bp += bInner
    }
    c0[0] = s0
  }
}
