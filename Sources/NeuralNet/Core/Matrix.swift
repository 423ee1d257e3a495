/// A dense matrix of `Double`s stored contiguously in row-major order.
///
/// `Matrix` is the one numeric container of the library: features, weights, activations and gradients
/// are all matrices, so every hot loop walks a single `[Double]` buffer. Element `(r, c)` lives at
/// `elements[r * columns + c]`.
///
/// Shape errors in arithmetic are programming errors and stop with a message that names both shapes;
/// user-facing entry points (models, training, datasets) validate shapes first and throw
/// ``NeuralNetError`` instead.
public struct Matrix: Equatable, Sendable {
  /// The number of rows.
  public private(set) var rows: Int
  /// The number of columns.
  public private(set) var columns: Int
  /// The elements in row-major order; `elements.count == rows * columns`.
  public internal(set) var elements: [Double]

  /// Creates a `rows × columns` matrix with every element set to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "a matrix cannot be \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// Creates a `rows × columns` matrix from elements listed in row-major order.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && elements.count == rows * columns,
      "\(elements.count) elements cannot fill a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.elements = elements
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
      return elements[row * columns + column]
    }
    set {
      precondition(isValid(row: row, column: column), outOfBounds(row: row, column: column))
      elements[row * columns + column] = newValue
    }
  }

  /// The elements of one row, in column order.
  public func row(_ index: Int) -> ArraySlice<Double> {
    precondition(index >= 0 && index < rows, "row \(index) is outside a \(rows)×\(columns) matrix")
    return elements[index * columns..<(index + 1) * columns]
  }

  /// The elements of one column, in row order.
  public func column(_ index: Int) -> [Double] {
    precondition(
      index >= 0 && index < columns, "column \(index) is outside a \(rows)×\(columns) matrix")
    return (0..<rows).map { elements[$0 * columns + index] }
  }

  /// The matrix with rows and columns exchanged.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for r in 0..<rows {
      for c in 0..<columns {
        result.elements[c * rows + r] = elements[r * columns + c]
      }
    }
    return result
  }

  /// The rows at `indices`, in that order, as a new matrix.
  public func selectingRows(_ indices: [Int]) -> Matrix {
    var result = Matrix(rows: indices.count, columns: columns)
    for (target, source) in indices.enumerated() {
      precondition(
        source >= 0 && source < rows, "row \(source) is outside a \(rows)×\(columns) matrix")
      for c in 0..<columns {
        result.elements[target * columns + c] = elements[source * columns + c]
      }
    }
    return result
  }

  /// Whether every element is finite (neither NaN nor ±infinity).
  public var isFinite: Bool {
    elements.allSatisfy { $0.isFinite }
  }

  /// Calls `body` with mutable access to the elements, for kernels that fill a matrix in place.
  public mutating func withUnsafeMutableElements<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try elements.withUnsafeMutableBufferPointer(body)
  }

  /// Replaces every element with the one at the same position of `other`, reusing this storage.
  public mutating func assign(_ other: Matrix) {
    precondition(
      rows == other.rows && columns == other.columns,
      "cannot assign a \(other.rows)×\(other.columns) matrix to a \(rows)×\(columns) one")
    elements.withUnsafeMutableBufferPointer { target in
      other.elements.withUnsafeBufferPointer { source in
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
    elements.withUnsafeMutableBufferPointer { target in
      other.elements.withUnsafeBufferPointer { source in
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
    if count < rows {
      elements.removeLast((rows - count) * columns)
    } else {
      elements.append(contentsOf: repeatElement(0, count: (count - rows) * columns))
    }
    rows = count
  }

  /// Copies the rows of `source` at `indices`, in that order, into this matrix's first rows.
  mutating func gatherRows(_ indices: ArraySlice<Int>, of source: Matrix) {
    precondition(
      source.columns == columns && indices.count <= rows,
      "cannot copy \(indices.count) rows of a \(source.rows)×\(source.columns) matrix into a "
        + "\(rows)×\(columns) one")
    let columns = columns
    elements.withUnsafeMutableBufferPointer { target in
      source.elements.withUnsafeBufferPointer { source in
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
    elements.withUnsafeMutableBufferPointer { target in
      source.elements.withUnsafeBufferPointer { source in
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
