import CellLanguage
import TextPlot

extension NotebookBuiltins {
  /// The most rows and columns a `table` may have.
  static let maximumTableRows = 10_000
  static let maximumTableColumns = 50

  static var table: Builtin {
    Builtin(
      "table",
      summary: "An aligned table of a list of rows, numbers right-aligned to a few digits.",
      parameters: [
        Parameter("rows", positional: true, required: true), Parameter("header"),
        Parameter("digits"), Parameter("title"),
      ]
    ) { arguments, _ in
      let rows = try arguments.list("rows")
      let header = try arguments.list("header", default: []).map(\.summary)
      let digits = try arguments.integer("digits", default: 4, in: 1...17)
      let title = arguments.has("title") ? try arguments.string("title") : nil
      guard !rows.isEmpty, rows.count <= maximumTableRows else {
        throw RuntimeError(
          "a table needs 1...\(maximumTableRows) rows, got \(rows.count)", argument: "rows")
      }
      var cells: [[String]] = []
      for (index, row) in rows.enumerated() {
        guard case .list(let items) = row else {
          throw RuntimeError(
            "row \(index + 1) of the table is \(row.typeDescription), not a list",
            hint: "write rows as lists: table([[\"a\", 1], [\"b\", 2]])", argument: "rows")
        }
        cells.append(items.map { tableCell($0, digits: digits) })
      }
      let width = header.isEmpty ? cells[0].count : header.count
      guard width >= 1, width <= maximumTableColumns else {
        throw RuntimeError(
          "a table needs 1...\(maximumTableColumns) columns, got \(width)", argument: "rows")
      }
      if let row = cells.firstIndex(where: { $0.count != width }) {
        throw RuntimeError(
          "row \(row + 1) has \(cells[row].count) cell\(cells[row].count == 1 ? "" : "s") but the "
            + (header.isEmpty ? "first row has \(width)" : "header has \(width)"),
          argument: "rows")
      }
      let columns = (0..<width).map { Table.Column(header.isEmpty ? "" : header[$0]) }
      do {
        let text = try Table(columns: columns, rows: cells, title: title).render()
        return .object(PlotObject(DisplayText(text)))
      } catch {
        throw RuntimeError("\(error)")
      }
    }
  }

  /// A number to `digits` significant digits (whole numbers as they are), anything else as the
  /// cell language prints it.
  private static func tableCell(_ value: Value, digits: Int) -> String {
    guard case .number(let number) = value else { return value.summary }
    if number.rounded() == number && abs(number) < 1e15 { return Value.format(number) }
    return NumberFormat.compact(number, significantDigits: digits)
  }
}
