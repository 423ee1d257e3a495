import TextPlot

/// Aligned plain-text tables for object summaries, drawn by TextPlot.
enum TextTable {
  /// The header, a rule of dashes, and the rows; columns listed in `rightAligned` line up on the
  /// right, the others on the left.
  static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let columns = header.enumerated().map { index, title in
      Table.Column(title, alignment: rightAligned.contains(index) ? .right : .left)
    }
    // Rows always have one cell per column here, so rendering cannot fail.
    return (try? Table(columns: columns, rows: rows).render()) ?? ""
  }
}
