/// A rectangle of glyphs with optional colours, the drawing surface of every chart.
struct Grid {
  let columns: Int
  let rows: Int
  private var glyphs: [Character]
  private var colours: [Colour?]

  init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
    glyphs = Array(repeating: " ", count: columns * rows)
    colours = Array(repeating: nil, count: columns * rows)
  }

  /// Whether `(column, row)` lies on the grid.
  func contains(column: Int, row: Int) -> Bool {
    column >= 0 && column < columns && row >= 0 && row < rows
  }

  /// The glyph at `(column, row)`; row 0 is the top.
  subscript(column: Int, row: Int) -> Character {
    glyphs[row * columns + column]
  }

  /// Puts `glyph` at `(column, row)`, ignoring positions off the grid.
  mutating func set(_ glyph: Character, column: Int, row: Int, colour: Colour? = nil) {
    guard contains(column: column, row: row) else { return }
    glyphs[row * columns + column] = glyph
    colours[row * columns + column] = colour
  }

  /// Draws a straight run of `glyph` from one cell to another, so consecutive points connect.
  mutating func drawSegment(
    from start: (column: Int, row: Int), to end: (column: Int, row: Int), glyph: Character,
    colour: Colour?
  ) {
    let steps = max(abs(end.column - start.column), abs(end.row - start.row))
    guard steps > 0 else {
      set(glyph, column: start.column, row: start.row, colour: colour)
      return
    }
    for step in 0...steps {
      let t = Double(step) / Double(steps)
      let column = Double(start.column) + t * Double(end.column - start.column)
      let row = Double(start.row) + t * Double(end.row - start.row)
      set(
        glyph, column: Int(column.rounded(.toNearestOrAwayFromZero)),
        row: Int(row.rounded(.toNearestOrAwayFromZero)), colour: colour)
    }
  }

  /// One row as styled text.
  func line(_ row: Int) -> StyledLine {
    var line = StyledLine()
    for column in 0..<columns {
      line.append(glyphs[row * columns + column], colour: colours[row * columns + column])
    }
    return line
  }
}

/// Places tick labels under the columns of their ticks, centred where possible, keeping at least
/// `minimumGap` spaces between neighbours; `nil` when they do not fit in `width` columns.
func tickLabelLine(labels: [String], columns: [Int], width: Int, minimumGap: Int = 1) -> String? {
  var text = ""
  for (label, column) in zip(labels, columns) {
    let start = min(max(0, column - (label.count - 1) / 2), width - label.count)
    let needed = text.isEmpty ? 0 : text.count + minimumGap
    guard start >= needed, start >= 0 else { return nil }
    text += String(repeating: " ", count: start - text.count) + label
  }
  return text
}

/// The largest count of cells up to `available` (and at least 5) whose `intervals` gaps are equal,
/// so ticks at both ends of a linear axis land on evenly spaced cells.
func evenlyDivided(_ available: Int, by intervals: Int) -> Int {
  guard intervals >= 1 else { return available }
  let used = (available - 1) / intervals * intervals + 1
  return used >= 5 ? used : available
}
