import Synchronization
import WideKernels

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
/// Blocks of 6 rows × 8 columns keep 48 sums in registers (`SIMD8<Double>` per row, two 256-bit
/// registers each: twelve independent chains); the edges use smaller blocks (see
/// ``compute(rows:)``). A product of at least ``parallelWork`` multiply-adds splits its rows into
/// contiguous bands of whole 4-row blocks, one per thread (``Parallelism/maximumThreads``).
struct Product: BandedWork, @unchecked Sendable {
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
  /// Bias and activation applied to each finished row while it is still in cache.
  var epilogue: RowEpilogue?

  /// The rows and columns of the 512-bit blocks (`WideBlocks.blockRows` and `.blockColumns`),
  /// restated here so that choosing a kernel never calls into `WideKernels`.
  static let wideRows = 12
  static let wideColumns = 16

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
    let threads = Parallelism.maximumThreads
    // A product's cost is at least that of writing its result (and, fused, its activations):
    // counted as 8 multiply-adds per element even when the inner dimension is shorter.
    let bands = n * max(k, 8) * m >= Self.parallelWork ? min(threads, (n + 3) / 4) : 1
    if bands <= 1 {
      computeBand(0, of: 1)
    } else {
      WorkerPool.shared.run(self, bands: bands, threads: threads)
    }
  }

  /// Computes band `band` of `bands`: a fixed range of whole 4-row blocks of the result.
  func computeBand(_ band: Int, of bands: Int) {
    let blocks = (n + 3) / 4
    let rows = blocks * band / bands * 4..<min(n, blocks * (band + 1) / bands * 4)
    if Self.usesKernels(work: n * k * m) {
      compute(rows: rows)
    } else {
      computeByDefinition(rows: rows)
      finish(rows)
    }
  }

  /// Applies the epilogue, if any, to finished rows `rows`.
  @inline(__always)
  private func finish(_ rows: Range<Int>) {
    epilogue?.apply(rows: rows, columns: 0..<m, of: c, stride: m)
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
  ///
  /// Each pass over the inner dimension keeps 8 to 12 independent chains of fused multiply-adds in
  /// registers, so that the FMA units are never left waiting on one chain's latency: 6 rows × 8
  /// columns in the bulk (then 4 rows), 8 rows at a time when there are only 1 or 2 columns, up to
  /// 3 rows × 16 columns at the row edge, and, when `a` is read transposed (a weight gradient,
  /// `Xᵀ·δ`) with 1 or 2 columns, 16 rows as SIMD lanes (see
  /// ``computeWithRowsAsLanes(rows:p0:p1:isFirst:)``). With AVX-512, 12 × 16 blocks in 512-bit
  /// registers take the bulk (``computeWide(rows:p0:p1:isFirst:isLast:)``). Products of 1–4 terms
  /// per element stream whole rows instead (``computeWithShortInner(rows:)``).
  func compute(rows: Range<Int>) {
    if k <= 4 && aInner == 1 && bColumn == 1 && !accumulating {
      computeWithShortInner(rows: rows)
      return
    }
    var p0 = 0
    while p0 < k {
      let p1 = min(k, p0 + Self.chunk)
      let isFirst = p0 == 0 && !accumulating
      if aRow == 1 && m <= 2 {
        computeWithRowsAsLanes(rows: rows, p0: p0, p1: p1, isFirst: isFirst)
        if p1 == k { finish(rows) }
      } else {
        computeInBlocks(rows: rows, p0: p0, p1: p1, isFirst: isFirst)
      }
      p0 = p1
    }
  }

  /// Rows `rows`, inner chunk `p0..<p1`, in blocks of rows × columns held in registers.
  private func computeInBlocks(rows: Range<Int>, p0: Int, p1: Int, isFirst: Bool) {
    let isLast = p1 == k && epilogue != nil
    var i = rows.lowerBound
    if m <= 2 {
      while i + 8 <= rows.upperBound {
        if m == 2 { block8x2(i, 0, p0, p1, isFirst) } else { block8x1(i, 0, p0, p1, isFirst) }
        if isLast { finish(i..<i + 8) }
        i += 8
      }
    }
    // `WideVectors.isEnabled` first: nothing of `WideKernels` may run (even a constant's accessor in
    // a debug build) unless the CPU has AVX-512.
    if WideVectors.isEnabled && bColumn == 1 && m >= Self.wideColumns {
      i = computeWide(rows: i..<rows.upperBound, p0: p0, p1: p1, isFirst: isFirst, isLast: isLast)
    }
    if m >= 8 {
      while i + 6 <= rows.upperBound {
        var j = 0
        while j + 8 <= m {
          block6x8(i, j, p0, p1, isFirst, finishing: isLast)
          j += 8
        }
        if j < m {
          block3x(i, j, p0, p1, isFirst)
          block3x(i + 3, j, p0, p1, isFirst)
          // The 6 × 8 blocks finished their own columns in registers; the edge columns remain.
          if isLast { epilogue?.apply(rows: i..<i + 6, columns: j..<m, of: c, stride: m) }
        }
        i += 6
      }
    }
    while i + 4 <= rows.upperBound {
      fourRows(i, from: 0, p0, p1, isFirst)
      if isLast { finish(i..<i + 4) }
      i += 4
    }
    let remaining = rows.upperBound - i
    guard remaining > 0 else { return }
    var j = 0
    while j + 16 <= m {
      blockFew(SIMD16<Double>.self, remaining, i, j, p0, p1, isFirst)
      j += 16
    }
    if j + 8 <= m {
      blockFew(SIMD8<Double>.self, remaining, i, j, p0, p1, isFirst)
      j += 8
    }
    if j + 4 <= m {
      blockFew(SIMD4<Double>.self, remaining, i, j, p0, p1, isFirst)
      j += 4
    }
    if j + 2 <= m {
      blockFew(SIMD2<Double>.self, remaining, i, j, p0, p1, isFirst)
      j += 2
    }
    if j < m {
      for row in i..<rows.upperBound { block1x1(row, j, p0, p1, isFirst) }
    }
    if isLast { finish(i..<rows.upperBound) }
  }

  /// Rows from `rows.lowerBound` in whole blocks of 12, in 512-bit registers (see `WideKernels`):
  /// the 16-column blocks there, and the columns after them here, 4 rows at a time. Returns the
  /// first row left for the other blocks.
  private func computeWide(
    rows: Range<Int>, p0: Int, p1: Int, isFirst: Bool, isLast: Bool
  ) -> Int {
    let end = rows.lowerBound + rows.count / Self.wideRows * Self.wideRows
    guard end > rows.lowerBound else { return end }
    let wideColumns = m / Self.wideColumns * Self.wideColumns
    WideBlocks(a: a, b: b, c: c, columns: m, aRow: aRow, aInner: aInner, bInner: bInner)
      .compute(
        rows: rows.lowerBound..<end, columns: 0..<wideColumns, inner: p0, p1, isFirst: isFirst,
        finishing: isLast ? epilogue?.wide : nil)
    guard wideColumns < m else { return end }
    for row in stride(from: rows.lowerBound, to: end, by: 4) {
      fourRows(row, from: wideColumns, p0, p1, isFirst)
      if isLast { epilogue?.apply(rows: row..<row + 4, columns: wideColumns..<m, of: c, stride: m) }
    }
    return end
  }

  /// Four rows from row `i`, columns `j..<m`: 8 at a time, then 4, 2 and 1.
  @inline(__always)
  private func fourRows(_ i: Int, from j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    var j = j
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
  }

  /// `count` (1–3) rows from row `i` by `V.scalarCount` columns from column `j`.
  @inline(__always)
  private func blockFew<V: SIMD>(
    _: V.Type, _ count: Int, _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool
  ) where V.Scalar == Double {
    switch count {
    case 3: block3(V.self, i, j, p0, p1, isFirst)
    case 2: block2(V.self, i, j, p0, p1, isFirst)
    default: block1(V.self, i, j, p0, p1, isFirst)
    }
  }

  /// Rows `rows`, inner chunk `p0..<p1`, of a product whose `a` is read transposed (`aRow == 1`:
  /// rows of the result are consecutive in `a`) and which has 1 or 2 columns: a weight gradient
  /// `Xᵀ·δ` of a layer with one or two units. Such products are few, long chains (the inner
  /// dimension is the examples), so 16 rows go side by side as the lanes of four `SIMD4` chains
  /// per column, loaded straight from `a`, each times the broadcast `b(p, j)`.
  private func computeWithRowsAsLanes(rows: Range<Int>, p0: Int, p1: Int, isFirst: Bool) {
    var i = rows.lowerBound
    while i + 16 <= rows.upperBound {
      if m == 2 { lanes16x2(i, p0, p1, isFirst) } else { lanes16x1(i, p0, p1, isFirst) }
      i += 16
    }
    while i + 4 <= rows.upperBound {
      for j in 0..<m { lanes4x1(i, j, p0, p1, isFirst) }
      i += 4
    }
    while i < rows.upperBound {
      for j in 0..<m { block1x1(i, j, p0, p1, isFirst) }
      i += 1
    }
  }

  /// Rows `rows` of a product (not accumulating) with at most 4 terms per element whose operands
  /// are both read row by row: a first layer over a few features, or deltas sent back from a layer
  /// of 1–4 units. Register blocks would spend more on their set-up than on so few multiply-adds,
  /// so each row's `a` values are broadcast once and its columns streamed in `SIMD4` steps, each
  /// through the epilogue in registers.
  private func computeWithShortInner(rows: Range<Int>) {
    // With AVX-512, the columns in whole 8s go 8 at a time in 512-bit registers; the rest here.
    var first = 0
    if WideVectors.isEnabled && m >= 8 {
      first = m / 8 * 8
      WideBlocks(a: a, b: b, c: c, columns: m, aRow: aRow, aInner: aInner, bInner: bInner)
        .computeShortInner(rows: rows, columns: first, terms: k, finishing: epilogue?.wide)
      if first == m { return }
    }
    switch epilogue {
    case nil:
      computeWithShortInner(rows: rows, from: first, finishing: StoringSums())
    case .biasAndActivation(let biases, let outputs, .relu):
      computeWithShortInner(
        rows: rows, from: first, finishing: AddingBiasesThenReLU(biases: biases, outputs: outputs))
    case .biasAndActivation(let biases, let outputs, .identity):
      computeWithShortInner(
        rows: rows, from: first, finishing: AddingBiases(biases: biases, outputs: outputs))
    case .reluDerivative(let preActivations):
      computeWithShortInner(
        rows: rows, from: first, finishing: KeepingWherePositive(preActivations: preActivations))
    }
    let vectorColumns = m / 4 * 4
    if vectorColumns < m {
      epilogue?.apply(rows: rows, columns: vectorColumns..<m, of: c, stride: m)
    }
  }

  private func computeWithShortInner<F: SumFinisher>(
    rows: Range<Int>, from first: Int, finishing finisher: F
  ) {
    switch k {
    case 1: shortInnerRows(rows, from: first, terms: 1, finisher)
    case 2: shortInnerRows(rows, from: first, terms: 2, finisher)
    case 3: shortInnerRows(rows, from: first, terms: 3, finisher)
    default: shortInnerRows(rows, from: first, terms: 4, finisher)
    }
  }

  /// Columns from `first` of the rows of ``computeWithShortInner(rows:)``, with `terms` (= `k`, a
  /// constant once inlined).
  @inline(__always)
  private func shortInnerRows<F: SumFinisher>(
    _ rows: Range<Int>, from first: Int, terms: Int, _ finisher: F
  ) {
    let (a, c, m, aRow, bInner) = (a, c, m, aRow, bInner)
    let vectorColumns = m / 4 * 4
    let (b0, b1, b2, b3) = (b, b + bInner, b + 2 * bInner, b + 3 * bInner)
    for i in rows {
      let ai = a + i &* aRow
      let x0 = SIMD4(repeating: ai[0])
      let x1 = terms > 1 ? SIMD4(repeating: ai[1]) : .zero
      let x2 = terms > 2 ? SIMD4(repeating: ai[2]) : .zero
      let x3 = terms > 3 ? SIMD4(repeating: ai[3]) : .zero
      let offset = i &* m
      var j = first
      while j < vectorColumns {
        var s = SIMD4<Double>.zero.addingProduct(x0, loadVector(b0 + j))
        if terms > 1 { s = s.addingProduct(x1, loadVector(b1 + j)) }
        if terms > 2 { s = s.addingProduct(x2, loadVector(b2 + j)) }
        if terms > 3 { s = s.addingProduct(x3, loadVector(b3 + j)) }
        finisher.finish(s, at: offset &+ j, column: j, into: c)
        j &+= 4
      }
      while j < m {
        var s = 0.0
        for p in 0..<terms { s = s.addingProduct(ai[p], b[p &* bInner &+ j]) }
        c[offset &+ j] = s
        j &+= 1
      }
    }
  }

  @inline(__always)
  private func loadVector(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
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

  /// Three rows by `V.scalarCount` columns.
  @inline(__always)
  private func block3<V: SIMD>(
    _: V.Type, _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool
  ) where V.Scalar == Double {
    let c0 = c + i * m + j
    let c1 = c0 + m
    let c2 = c1 + m
    var s0 = start(V.self, c0, isFirst)
    var s1 = start(V.self, c1, isFirst)
    var s2 = start(V.self, c2, isFirst)
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = loadB(V.self, bp)
      s0 = s0.addingProduct(V(repeating: a0[0]), bv)
      s1 = s1.addingProduct(V(repeating: a0[aRow]), bv)
      s2 = s2.addingProduct(V(repeating: a0[2 * aRow]), bv)
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
    store(s1, c1)
    store(s2, c2)
  }

  /// Two rows by `V.scalarCount` columns.
  @inline(__always)
  private func block2<V: SIMD>(
    _: V.Type, _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool
  ) where V.Scalar == Double {
    let c0 = c + i * m + j
    let c1 = c0 + m
    var s0 = start(V.self, c0, isFirst)
    var s1 = start(V.self, c1, isFirst)
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = loadB(V.self, bp)
      s0 = s0.addingProduct(V(repeating: a0[0]), bv)
      s1 = s1.addingProduct(V(repeating: a0[aRow]), bv)
      a0 += aInner
      bp += bInner
    }
    store(s0, c0)
    store(s1, c1)
  }

  /// Eight rows by two columns (a layer with two units): eight `SIMD2` chains.
  private func block8x2(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s = (
      start(SIMD2<Double>.self, c0, isFirst), start(SIMD2<Double>.self, c0 + m, isFirst),
      start(SIMD2<Double>.self, c0 + 2 * m, isFirst),
      start(SIMD2<Double>.self, c0 + 3 * m, isFirst),
      start(SIMD2<Double>.self, c0 + 4 * m, isFirst),
      start(SIMD2<Double>.self, c0 + 5 * m, isFirst),
      start(SIMD2<Double>.self, c0 + 6 * m, isFirst), start(SIMD2<Double>.self, c0 + 7 * m, isFirst)
    )
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = loadB(SIMD2<Double>.self, bp)
      s.0 = s.0.addingProduct(SIMD2(repeating: a0[0]), bv)
      s.1 = s.1.addingProduct(SIMD2(repeating: a0[aRow]), bv)
      s.2 = s.2.addingProduct(SIMD2(repeating: a0[2 * aRow]), bv)
      s.3 = s.3.addingProduct(SIMD2(repeating: a0[3 * aRow]), bv)
      s.4 = s.4.addingProduct(SIMD2(repeating: a0[4 * aRow]), bv)
      s.5 = s.5.addingProduct(SIMD2(repeating: a0[5 * aRow]), bv)
      s.6 = s.6.addingProduct(SIMD2(repeating: a0[6 * aRow]), bv)
      s.7 = s.7.addingProduct(SIMD2(repeating: a0[7 * aRow]), bv)
      a0 += aInner
      bp += bInner
    }
    store(s.0, c0)
    store(s.1, c0 + m)
    store(s.2, c0 + 2 * m)
    store(s.3, c0 + 3 * m)
    store(s.4, c0 + 4 * m)
    store(s.5, c0 + 5 * m)
    store(s.6, c0 + 6 * m)
    store(s.7, c0 + 7 * m)
  }

  /// Eight rows by one column (a layer with one unit): eight scalar chains.
  private func block8x1(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s = SIMD8<Double>()
    if !isFirst { for r in 0..<8 { s[r] = c0[r * m] } }
    var (s0, s1, s2, s3, s4, s5, s6, s7) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = bp[0]
      s0 = s0.addingProduct(a0[0], bv)
      s1 = s1.addingProduct(a0[aRow], bv)
      s2 = s2.addingProduct(a0[2 * aRow], bv)
      s3 = s3.addingProduct(a0[3 * aRow], bv)
      s4 = s4.addingProduct(a0[4 * aRow], bv)
      s5 = s5.addingProduct(a0[5 * aRow], bv)
      s6 = s6.addingProduct(a0[6 * aRow], bv)
      s7 = s7.addingProduct(a0[7 * aRow], bv)
      a0 += aInner
      bp += bInner
    }
    s = SIMD8(s0, s1, s2, s3, s4, s5, s6, s7)
    for r in 0..<8 { c0[r * m] = s[r] }
  }

  // MARK: Rows as lanes (aRow == 1): rows i..<i+R of columns j, a(i, p) = a[i + p·aInner]

  /// Four consecutive rows of column `j` of the result, from `pointer` (stride `m`).
  @inline(__always)
  private func startColumn(_ pointer: UnsafeMutablePointer<Double>, _ isFirst: Bool)
    -> SIMD4<Double>
  {
    isFirst ? .zero : SIMD4(pointer[0], pointer[m], pointer[2 * m], pointer[3 * m])
  }

  @inline(__always)
  private func storeColumn(_ value: SIMD4<Double>, _ pointer: UnsafeMutablePointer<Double>) {
    pointer[0] = value[0]
    pointer[m] = value[1]
    pointer[2 * m] = value[2]
    pointer[3 * m] = value[3]
  }

  @inline(__always)
  private func loadA4(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
  }

  /// Sixteen rows by one column: four `SIMD4` chains.
  private func lanes16x1(_ i: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m
    var s0 = startColumn(c0, isFirst)
    var s1 = startColumn(c0 + 4 * m, isFirst)
    var s2 = startColumn(c0 + 8 * m, isFirst)
    var s3 = startColumn(c0 + 12 * m, isFirst)
    let (aInner, bInner) = (aInner, bInner)
    var a0 = a + i + p0 * aInner
    var bp = b + p0 * bInner
    for _ in p0..<p1 {
      let bv = SIMD4(repeating: bp[0])
      s0 = s0.addingProduct(loadA4(a0), bv)
      s1 = s1.addingProduct(loadA4(a0 + 4), bv)
      s2 = s2.addingProduct(loadA4(a0 + 8), bv)
      s3 = s3.addingProduct(loadA4(a0 + 12), bv)
      a0 += aInner
      bp += bInner
    }
    storeColumn(s0, c0)
    storeColumn(s1, c0 + 4 * m)
    storeColumn(s2, c0 + 8 * m)
    storeColumn(s3, c0 + 12 * m)
  }

  /// Sixteen rows by two columns: eight `SIMD4` chains.
  private func lanes16x2(_ i: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m
    let c1 = c0 + 1
    var s0 = startColumn(c0, isFirst)
    var s1 = startColumn(c0 + 4 * m, isFirst)
    var s2 = startColumn(c0 + 8 * m, isFirst)
    var s3 = startColumn(c0 + 12 * m, isFirst)
    var t0 = startColumn(c1, isFirst)
    var t1 = startColumn(c1 + 4 * m, isFirst)
    var t2 = startColumn(c1 + 8 * m, isFirst)
    var t3 = startColumn(c1 + 12 * m, isFirst)
    let (aInner, bInner, bColumn) = (aInner, bInner, bColumn)
    var a0 = a + i + p0 * aInner
    var bp = b + p0 * bInner
    for _ in p0..<p1 {
      let (x0, x1, x2, x3) = (loadA4(a0), loadA4(a0 + 4), loadA4(a0 + 8), loadA4(a0 + 12))
      let u = SIMD4(repeating: bp[0])
      let v = SIMD4(repeating: bp[bColumn])
      s0 = s0.addingProduct(x0, u)
      s1 = s1.addingProduct(x1, u)
      s2 = s2.addingProduct(x2, u)
      s3 = s3.addingProduct(x3, u)
      t0 = t0.addingProduct(x0, v)
      t1 = t1.addingProduct(x1, v)
      t2 = t2.addingProduct(x2, v)
      t3 = t3.addingProduct(x3, v)
      a0 += aInner
      bp += bInner
    }
    storeColumn(s0, c0)
    storeColumn(s1, c0 + 4 * m)
    storeColumn(s2, c0 + 8 * m)
    storeColumn(s3, c0 + 12 * m)
    storeColumn(t0, c1)
    storeColumn(t1, c1 + 4 * m)
    storeColumn(t2, c1 + 8 * m)
    storeColumn(t3, c1 + 12 * m)
  }

  /// Four rows of column `j`: one `SIMD4` chain.
  private func lanes4x1(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    let c0 = c + i * m + j
    var s0 = startColumn(c0, isFirst)
    let (aInner, bInner) = (aInner, bInner)
    var a0 = a + i + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      s0 = s0.addingProduct(loadA4(a0), SIMD4(repeating: bp[0]))
      a0 += aInner
      bp += bInner
    }
    storeColumn(s0, c0)
  }

  /// Columns `j..<m` (fewer than 8) of the three rows from row `i`.
  private func block3x(_ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool) {
    var j = j
    if j + 4 <= m {
      block3(SIMD4<Double>.self, i, j, p0, p1, isFirst)
      j += 4
    }
    if j + 2 <= m {
      block3(SIMD2<Double>.self, i, j, p0, p1, isFirst)
      j += 2
    }
    if j < m { for row in i..<i + 3 { block1x1(row, j, p0, p1, isFirst) } }
  }

  /// Six rows by eight columns: twelve 256-bit chains, enough to hide the FMA latency with slack.
  ///
  /// When `finishing` (the last inner chunk of a product with an epilogue), the sums go through
  /// the epilogue in registers on their way out, instead of being stored and read back.
  private func block6x8(
    _ i: Int, _ j: Int, _ p0: Int, _ p1: Int, _ isFirst: Bool, finishing: Bool
  ) {
    typealias V = SIMD8<Double>
    let c0 = c + i * m + j
    var s0 = start(V.self, c0, isFirst)
    var s1 = start(V.self, c0 + m, isFirst)
    var s2 = start(V.self, c0 + 2 * m, isFirst)
    var s3 = start(V.self, c0 + 3 * m, isFirst)
    var s4 = start(V.self, c0 + 4 * m, isFirst)
    var s5 = start(V.self, c0 + 5 * m, isFirst)
    let (aRow, aInner, bInner) = (aRow, aInner, bInner)
    var a0 = a + i * aRow + p0 * aInner
    var bp = b + p0 * bInner + j * bColumn
    for _ in p0..<p1 {
      let bv = loadB(V.self, bp)
      s0 = s0.addingProduct(V(repeating: a0[0]), bv)
      s1 = s1.addingProduct(V(repeating: a0[aRow]), bv)
      s2 = s2.addingProduct(V(repeating: a0[2 * aRow]), bv)
      s3 = s3.addingProduct(V(repeating: a0[3 * aRow]), bv)
      s4 = s4.addingProduct(V(repeating: a0[4 * aRow]), bv)
      s5 = s5.addingProduct(V(repeating: a0[5 * aRow]), bv)
      a0 += aInner
      bp += bInner
    }
    if finishing, let epilogue {
      epilogue.store(s0, at: i * m + j, column: j, into: c)
      epilogue.store(s1, at: (i + 1) * m + j, column: j, into: c)
      epilogue.store(s2, at: (i + 2) * m + j, column: j, into: c)
      epilogue.store(s3, at: (i + 3) * m + j, column: j, into: c)
      epilogue.store(s4, at: (i + 4) * m + j, column: j, into: c)
      epilogue.store(s5, at: (i + 5) * m + j, column: j, into: c)
      return
    }
    store(s0, c0)
    store(s1, c0 + m)
    store(s2, c0 + 2 * m)
    store(s3, c0 + 3 * m)
    store(s4, c0 + 4 * m)
    store(s5, c0 + 5 * m)
  }
}
