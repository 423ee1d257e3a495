import Dispatch
import Synchronization

/// One matrix product — operands, shape and layout — and the blocked SIMD kernels computing it.
///
/// Whatever the blocking, vector width or thread count, every element is summed the same way:
///
/// ```
/// c(i, j) = fma(a(i,k−1), b(k−1,j), … fma(a(i,1), b(1,j), fma(a(i,0), b(0,j), 0)))
/// ```
///
/// a chain of fused multiply-adds (each one product and sum, rounded once), `p` increasing.
/// Vectorising across columns `j` and blocking across rows `i` only computes several such chains
/// side by side; cutting the inner dimension into chunks passes a partial sum through memory,
/// which is exact. So the result is bit-identical to the plain triple loop, in debug and release
/// builds, on one thread or several, and on any CPU: a fused multiply-add is exactly rounded by
/// definition, whether an FMA instruction (x86-64 built for Haswell or later, ARM64) or the C
/// library's `fma` computes it.
///
/// Blocks of 4 rows × 8 columns keep 32 sums in registers (`SIMD8<Double>` per row, two 256-bit
/// registers each); the edges use 4-, 2- and 1-wide blocks. A product of at least
/// ``parallelWork`` multiply-adds splits its rows into contiguous bands of whole blocks, one per
/// thread (``Parallelism/maximumThreads``).
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
          for j in 0..<m { row[j] = row[j].addingProduct(factor, bRow[j]) }
        }
      }
      return
    }
    for i in rows {
      for j in 0..<m {
        var sum = accumulating ? c[i * m + j] : 0
        for p in 0..<k {
          sum = sum.addingProduct(a[i * aRow + p * aInner], b[p * bInner + j * bColumn])
        }
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
      while i + 4 <= rows.upperBound {
        var j = 0
        while j + 8 <= m {
          block4(SIMD8<Double>.self, i, j, p0, p1, isFirst)
          j += 8
        }
        if j + 4 <= m {
          block4(SIMD4<Double>.self, i, j, p0, p1, isFirst)
          j += 4
        }
        if j + 2 <= m {
          block4(SIMD2<Double>.self, i, j, p0, p1, isFirst)
          j += 2
        }
        if j < m { block4x1(i, j, p0, p1, isFirst) }
        i += 4
      }
      while i < rows.upperBound {
        var j = 0
        while j + 8 <= m {
          block1(SIMD8<Double>.self, i, j, p0, p1, isFirst)
          j += 8
        }
        if j + 4 <= m {
          block1(SIMD4<Double>.self, i, j, p0, p1, isFirst)
          j += 4
        }
        if j + 2 <= m {
          block1(SIMD2<Double>.self, i, j, p0, p1, isFirst)
          j += 2
        }
        if j < m { block1x1(i, j, p0, p1, isFirst) }
        i += 1
      }
      p0 = p1
    }
  }

  // MARK: Micro-kernels: rows i..<i+R, columns j..<j+W, inner p0..<p1

  /// `V.scalarCount` consecutive columns of row `p` of b, starting at `pointer`.
  @inline(__always)
  private func loadB<V: SIMD>(_: V.Type, _ pointer: UnsafePointer<Double>) -> V
  where V.Scalar == Double {
    if bColumn == 1 { return UnsafeRawPointer(pointer).loadUnaligned(as: V.self) }
    var value = V()
    for lane in 0..<V.scalarCount { value[lane] = pointer[lane * bColumn] }
    return value
  }

  @inline(__always)
  private func start<V: SIMD>(_: V.Type, _ pointer: UnsafeMutablePointer<Double>, _ isFirst: Bool)
    -> V where V.Scalar == Double
  {
    isFirst ? V() : UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
  }

  @inline(__always)
  private func store<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
  }

  /// Four rows by `V.scalarCount` columns.
  @inline(__always)
  private func block4<V: SIMD>(
    _: V.Type, _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool
  ) where V.Scalar == Double {
    let c0 = c + i * m + j
    let c1 = c0 + m
    let c2 = c1 + m
    let c3 = c2 + m
    var s0 = start(V.self, c0, isFirst)
    var s1 = start(V.self, c1, isFirst)
    var s2 = start(V.self, c2, isFirst)
    var s3 = start(V.self, c3, isFirst)
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = loadB(V.self, bp)
      s0 = s0.addingProduct(V(repeating: a0[0]), bv)
      s1 = s1.addingProduct(V(repeating: a0[aRow]), bv)
      s2 = s2.addingProduct(V(repeating: a0[2 * aRow]), bv)
      s3 = s3.addingProduct(V(repeating: a0[3 * aRow]), bv)
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
    store(s1, c1)
    store(s2, c2)
    store(s3, c3)
  }

  /// One row by `V.scalarCount` columns.
  @inline(__always)
  private func block1<V: SIMD>(
    _: V.Type, _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool
  ) where V.Scalar == Double {
    let c0 = c + i * m + j
    var s0 = start(V.self, c0, isFirst)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      s0 = s0.addingProduct(V(repeating: a0[0]), loadB(V.self, bp))
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
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
      s0 = s0.addingProduct(a0[0], bv)
      s1 = s1.addingProduct(a0[aRow], bv)
      s2 = s2.addingProduct(a0[2 * aRow], bv)
      s3 = s3.addingProduct(a0[3 * aRow], bv)
      a0 += aInner
      bp += bInner
    }
    c0[0] = s0
    c0[m] = s1
    c0[2 * m] = s2
    c0[3 * m] = s3
  }

  private func block1x1(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s0 = isFirst ? 0 : c0[0]
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      s0 = s0.addingProduct(a0[0], bp[0])
      a0 += aInner
      bp += bInner
    }
    c0[0] = s0
  }
}
