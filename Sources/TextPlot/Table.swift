import _TerminalText

/// An aligned text table: a header, a rule of dashes, and rows, columns two spaces apart.
///
/// ```
/// layer    shape     activation  parameters
/// -------  --------  ----------  ----------
/// dense 1  2 -> 16   relu                48
/// dense 2  16 -> 1   sigmoid             17
/// ```
///
/// A column is right-aligned when every cell in it reads as a number (`0.93`, `-4`, `96.0%`,
/// `1.5e-6`; empty and `-` cells allowed) and left-aligned otherwise, unless its alignment is given. Cells are text so the
/// caller chooses the digits (see ``NumberFormat``).
public struct Table: Sendable {
  /// How a column's cells line up.
  public enum Alignment: Equatable, Sendable {
    /// Right-aligned if every cell is a number, else left-aligned.
    case automatic
    /// Text flush left.
    case left
    /// Text flush right, as numbers.
    case right
  }

  /// A column heading and its alignment.
  public struct Column: Equatable, Sendable, ExpressibleByStringLiteral {
    /// The heading.
    public var title: String
    /// How the cells line up.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, alignment: Alignment = .automatic) {
      self.title = title
      self.alignment = alignment
    }

    /// A column with automatic alignment.
    public init(stringLiteral title: String) {
      self.init(title)
    }
  }

  /// The columns.
  public var columns: [Column]
  /// The rows, each with one cell per column.
  public var rows: [[String]]
  /// A line above the table.
  public var title: String?

  /// Creates a table; a row with fewer or more cells than columns is rejected by ``render(style:)``.
  public init(columns: [Column], rows: [[String]], title: String? = nil) {
    self.columns = columns
    self.rows = rows
    self.title = title
  }

  /// The table as text; without any column title, only the rows. Throws when there are no
  /// columns or a row has the wrong number of cells.
  public func render(style: RenderStyle = .plain) throws(TextPlotError) -> String {
    guard !columns.isEmpty else { throw .emptyInput("the list of columns") }
    for (index, row) in rows.enumerated() where row.count != columns.count {
      throw .countMismatch(
        "row \(index) has \(row.count) cells, but the table has \(columns.count) columns")
    }
    let widths = columns.indices.map { column in
      ([columns[column].title] + rows.map { $0[column] }).map(\.terminalColumns).max() ?? 0
    }
    let isRight = columns.indices.map { column in
      switch columns[column].alignment {
      case .left: false
      case .right: true
      case .automatic: !rows.isEmpty && rows.allSatisfy { Self.isNumeric($0[column]) }
      }
    }
    func line(_ cells: [String]) -> StyledLine {
      let padded = cells.enumerated().map { column, text in
        text.padded(toColumns: widths[column], alignedRight: isRight[column])
      }
      return StyledLine(padded.joined(separator: "  "))
    }
    var lines: [StyledLine] = []
    if let title { lines.append(StyledLine(title)) }
    if columns.contains(where: { !$0.title.isEmpty }) {
      lines.append(line(columns.map(\.title)))
      lines.append(line(widths.map { String(repeating: "-", count: $0) }))
    }
    lines += rows.map(line)
    return lines.rendered(style)
  }

  /// Whether `text` reads as a number, possibly with a trailing `%`; an empty cell or `-` (a
  /// missing number) does not prevent a column from being numeric.
  static func isNumeric(_ text: String) -> Bool {
    let body = text.hasSuffix("%") ? String(text.dropLast()) : text
    return body.isEmpty || body == "-" || Double(body) != nil
      || ["nan", "inf", "-inf"].contains(body)
  }
}

extension Table {
  /// A confusion matrix: one row per true class, one column per predicted class, each cell the
  /// count and its share of the row, then the row total.
  ///
  /// ```
  /// actual \ predicted  inner       outer       total
  /// ------------------  ----------  ----------  -----
  /// inner               23  95.8%    1   4.2%     24
  /// outer                2   8.7%   21  91.3%     23
  /// ```
  ///
  /// `counts` is row-major: `counts[actual * classCount + predicted]`. Throws when it does not
  /// hold `classNames.count²` non-negative counts.
  public static func confusionMatrix(
    counts: [Int], classNames: [String], title: String? = nil
  ) throws(TextPlotError) -> Table {
    let classCount = classNames.count
    guard classCount > 0 else { throw .emptyInput("the list of class names") }
    guard counts.count == classCount * classCount else {
      throw .countMismatch(
        "expected \(classCount * classCount) counts for \(classCount) classes, got \(counts.count)")
    }
    if let index = counts.firstIndex(where: { $0 < 0 }) {
      throw .invalidArgument(name: "count \(index)", value: "\(counts[index])", expected: ">= 0")
    }
    let countWidth = counts.map { "\($0)".count }.max() ?? 1
    let rows = (0..<classCount).map { actual in
      let row = Array(counts[actual * classCount..<(actual + 1) * classCount])
      let total = row.reduce(0, +)
      let cells = row.map { count in
        let share = total == 0 ? "-" : NumberFormat.percent(Double(count) / Double(total))
        let number = "\(count)"
        return String(repeating: " ", count: countWidth - number.count) + number + "  "
          + String(repeating: " ", count: max(0, 6 - share.count)) + share
      }
      return [classNames[actual]] + cells + ["\(total)"]
    }
    let columns =
      [Column("actual \\ predicted", alignment: .left)]
      + classNames.map { Column($0, alignment: .right) } + [Column("total", alignment: .right)]
    return Table(columns: columns, rows: rows, title: title)
  }
}
