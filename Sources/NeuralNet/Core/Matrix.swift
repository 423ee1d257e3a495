/// A dense matrix of `Double`s stored contiguously in row-major order.
///
/// `Matrix` is the one numeric container of the library: features, weights, activations and gradients
/// are all matrices, so every hot loop walks a single contiguous buffer. Element `(r, c)` lives at
/// `elements[r * columns + c]`.
///
/// The buffer is allocated on a 64-byte boundary, so that a 512-bit load or store of eight
/// elements from the start of a row whose length is a multiple of 8 never straddles two cache
/// lines; a `[Double]` starts 16, 32 or 48 bytes past a boundary, and straddling stores measured
/// twice as slow.
///
/// Shape errors in arithmetic are programming errors and stop with a message that names both shapes;
/// user-facing entry points (models, training, datasets) validate shapes first and throw
/// ``NeuralNetError`` instead.
public struct Matrix: Equatable, Sendable {
  /// The number of rows.
  public private(set) var rows: Int
  /// The number of columns.
  public private(set) var columns: Int
  /// The elements, from a 64-byte boundary; shared between copies until one of them writes.
  private var storage: MatrixStorage

  /// The elements in row-major order; `elements.count == rows * columns`.
  ///
  /// A copy of the whole buffer on every read (and a new buffer on every write): code that runs
  /// often reads and writes the elements in place through ``withUnsafeElements(_:)``,
  /// ``withUnsafeMutableElements(_:)`` or the subscript, never `elements[i]` in a loop.
  public internal(set) var elements: [Double] {
    get { withUnsafeElements { Array($0) } }
    set {
      precondition(
        newValue.count == rows * columns,
        "\(newValue.count) elements cannot fill a \(rows)×\(columns) matrix")
      storage = MatrixStorage(copying: newValue)
    }
  }

  /// The number of elements, `rows * columns`.
  public var count: Int { rows * columns }

  /// Creates a `rows × columns` matrix with every element set to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "a matrix cannot be \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    storage = MatrixStorage(capacity: rows * columns)
    storage.base.initialize(repeating: value, count: rows * columns)
  }

  /// Creates a `rows × columns` matrix from elements listed in row-major order.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && elements.count == rows * columns,
      "\(elements.count) elements cannot fill a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    storage = MatrixStorage(copying: elements)
  }

  /// Calls `body` with the elements in place, in row-major order.
  ///
  /// The caller holds `self` for the whole call (borrowed here, `inout` in the mutating form, where
  /// exclusivity keeps `body` from replacing it), and Swift ends no borrow or `inout` access before
  /// the call returns, so the storage outlives `body` without the retain and release that
  /// `withExtendedLifetime` cost on every call (training calls these a dozen times an epoch).
  public func withUnsafeElements<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows
    -> R
  {
    try body(UnsafeBufferPointer(start: storage.base, count: count))
  }

  /// Calls `body` with mutable access to the elements, for kernels that fill a matrix in place.
  public mutating func withUnsafeMutableElements<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    makeStorageUnique()
    let count = count
    var elements = UnsafeMutableBufferPointer(start: storage.base, count: count)
    defer {
      precondition(
        elements.baseAddress == storage.base && elements.count == count,
        "withUnsafeMutableElements: the buffer must not be replaced")
    }
    return try body(&elements)
  }

  /// Gives this matrix its own copy of the elements if another matrix shares them.
  private mutating func makeStorageUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      storage = MatrixStorage(copying: storage, count: count)
    }
  }

  /// The identity of the buffer holding the elements: equal for two matrices sharing one (a copy
  /// not yet written to), different once either is written to.
  var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

  public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
    guard lhs.rows == rhs.rows && lhs.columns == rhs.columns else { return false }
    if lhs.storage === rhs.storage { return true }
    return lhs.withUnsafeElements { a in rhs.withUnsafeElements { b in a.elementsEqual(b) } }
  }

  /// A 1 × n matrix holding `vector`.
  public init(row vector: [Double]) {
    self.init(rows: 1, columns: vector.count, elements: vector)
  }

  /// An n × 1 matrix holding `vector`.
  public init(column vector: [Double]) {
    self.init(rows: vector.count, columns: 1, elements: vector)
  }

  /// The element at `row`, `column`.
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(isValid(row: row, column: column), outOfBounds(row: row, column: column))
      return withUnsafeElements { $0[row * columns + column] }
    }
    set {
      precondition(isValid(row: row, column: column), outOfBounds(row: row, column: column))
      let index = row * columns + column
      withUnsafeMutableElements { $0[index] = newValue }
    }
  }

  /// The elements of one row, in column order (the slice's indices start at 0).
  public func row(_ index: Int) -> ArraySlice<Double> {
    precondition(index >= 0 && index < rows, "row \(index) is outside a \(rows)×\(columns) matrix")
    let columns = columns
    return withUnsafeElements { ArraySlice($0[index * columns..<(index + 1) * columns]) }
  }

  /// The elements of one column, in row order.
  public func column(_ index: Int) -> [Double] {
    precondition(
      index >= 0 && index < columns, "column \(index) is outside a \(rows)×\(columns) matrix")
    let (rows, columns) = (rows, columns)
    return withUnsafeElements { values in (0..<rows).map { values[$0 * columns + index] } }
  }

  /// The matrix with rows and columns exchanged.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    result.assignTransposed(of: self)
    return result
  }

  /// The rows at `indices`, in that order, as a new matrix.
  public func selectingRows(_ indices: [Int]) -> Matrix {
    var result = Matrix(rows: indices.count, columns: columns)
    result.gatherRows(indices[...], of: self)
    return result
  }

  /// Whether every element is finite (neither NaN nor ±infinity).
  public var isFinite: Bool {
    withUnsafeElements { $0.allSatisfy { $0.isFinite } }
  }

  /// The index (in row-major order) of the first element that is not finite, if any.
  func firstNonFiniteIndex() -> Int? {
    withUnsafeElements { $0.firstIndex { !$0.isFinite } }
  }

  /// Replaces every element with the one at the same position of `other`, reusing this storage.
  public mutating func assign(_ other: Matrix) {
    precondition(
      rows == other.rows && columns == other.columns,
      "cannot assign a \(other.rows)×\(other.columns) matrix to a \(rows)×\(columns) one")
    withUnsafeMutableElements { target in
      other.withUnsafeElements { source in
        guard let from = source.baseAddress, let to = target.baseAddress else { return }
        to.update(from: from, count: source.count)
      }
    }
  }

  /// Writes the transpose of `other` into this matrix, reusing its storage (shaped `other`'s
  /// columns × rows).
  mutating func assignTransposed(of other: Matrix) {
    precondition(
      rows == other.columns && columns == other.rows,
      "cannot assign the transpose of a \(other.rows)×\(other.columns) matrix to a \(rows)×\(columns) one"
    )
    let (sourceRows, sourceColumns) = (other.rows, other.columns)
    withUnsafeMutableElements { target in
      other.withUnsafeElements { source in
        for r in 0..<sourceRows {
          for c in 0..<sourceColumns { target[c * sourceRows + r] = source[r * sourceColumns + c] }
        }
      }
    }
  }

  /// Changes the number of rows to `count`, keeping the first rows and the storage's capacity, so
  /// that shrinking and growing back within it never allocates; new rows are zero.
  mutating func setRowCount(_ count: Int) {
    guard count != rows else { return }
    precondition(count >= 0, "a matrix cannot have \(count) rows")
    let (old, new) = (self.count, count * columns)
    if new > storage.capacity {
      storage = MatrixStorage(copying: storage, count: old, capacity: new)
    } else {
      makeStorageUnique()
    }
    if new > old { (storage.base + old).initialize(repeating: 0, count: new - old) }
    rows = count
  }

  /// Copies the rows of `source` at `indices`, in that order, into this matrix's first rows.
  mutating func gatherRows(_ indices: ArraySlice<Int>, of source: Matrix) {
    precondition(
      source.columns == columns && indices.count <= rows,
      "cannot copy \(indices.count) rows of a \(source.rows)×\(source.columns) matrix into a "
        + "\(rows)×\(columns) one")
    let columns = columns
    withUnsafeMutableElements { target in
      source.withUnsafeElements { source in
        guard let from = source.baseAddress, let to = target.baseAddress else { return }
        for (row, index) in indices.enumerated() {
          precondition(index >= 0 && index < source.count / columns, "row \(index) is outside")
          (to + row * columns).update(from: from + index * columns, count: columns)
        }
      }
    }
  }

  /// Copies rows `range` of `source` (same column count) into this matrix's first rows.
  mutating func copyRows(_ range: Range<Int>, of source: Matrix) {
    precondition(
      source.columns == columns && range.count <= rows && range.upperBound <= source.rows,
      "cannot copy rows \(range) of a \(source.rows)×\(source.columns) matrix into a "
        + "\(rows)×\(columns) one")
    let columns = columns
    withUnsafeMutableElements { target in
      source.withUnsafeElements { source in
        guard let from = source.baseAddress, let to = target.baseAddress else { return }
        to.update(from: from + range.lowerBound * columns, count: range.count * columns)
      }
    }
  }

  private func isValid(row: Int, column: Int) -> Bool {
    row >= 0 && row < rows && column >= 0 && column < columns
  }

  private func outOfBounds(row: Int, column: Int) -> String {
    "element (\(row), \(column)) is outside a \(rows)×\(columns) matrix"
  }
}

/// A matrix's elements: a buffer of `capacity` doubles starting on a 64-byte boundary.
///
/// Only a matrix holding the sole reference writes to it (see `Matrix.makeStorageUnique()`), so
/// sharing it between threads through copies of a matrix is safe.
private final class MatrixStorage: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    base = UnsafeMutableRawPointer.allocate(byteCount: max(capacity, 1) * 8, alignment: 64)
      .bindMemory(to: Double.self, capacity: max(capacity, 1))
  }

  convenience init(copying elements: [Double]) {
    self.init(capacity: elements.count)
    _ = UnsafeMutableBufferPointer(start: base, count: elements.count).initialize(from: elements)
  }

  /// The first `count` elements of `other` in a new buffer of `capacity` (at least `count`).
  convenience init(copying other: MatrixStorage, count: Int, capacity: Int? = nil) {
    self.init(capacity: capacity ?? other.capacity)
    base.initialize(from: other.base, count: count)
  }

  deinit {
    base.deallocate()
  }
}

extension Matrix: CustomStringConvertible {
  /// The shape and the elements in row-major order, as test failures and debuggers show it.
  public var description: String {
    "Matrix(\(rows)×\(columns): \(elements))"
  }
}
