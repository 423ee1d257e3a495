extension NotebookDocument {
  /// The UTF-8 byte order mark.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Reads a notebook from the bytes of a `.nnb` file.
  ///
  /// Throws the first problem in the file: invalid UTF-8 (checked before anything else), a fenced
  /// block that is never closed, an `output` block that follows no code cell, or a second `output`
  /// block for one cell. Any bytes give either a document or an error, in time linear in the
  /// file's length.
  public init(parsing bytes: [UInt8]) throws(NotebookFormatError) {
    let hasByteOrderMark = bytes.starts(with: Self.byteOrderMark)
    let body = (hasByteOrderMark ? Self.byteOrderMark.count : 0)..<bytes.count
    if let bad = UTF8Validation.firstInvalidOffset(in: bytes, range: body) {
      let line = lineFeedCount(bytes[..<bad]) + 1
      throw NotebookFormatError(.invalidUTF8(byte: bytes[bad]), line: line)
    }
    var parser = NotebookParser(bytes: bytes, lines: SourceLine.split(bytes, in: body))
    try parser.parse()
    self.items = parser.items
    self.hasByteOrderMark = hasByteOrderMark
    self.defaultLineEnding =
      parser.lines.first(where: \.isTerminated).map {
        Array($0.ending(of: bytes))
      } ?? Array("\n".utf8)
    renumber()
  }

  /// Reads a notebook from the text of a `.nnb` file; see ``init(parsing:)-([UInt8])``.
  public init(parsing text: String) throws(NotebookFormatError) {
    try self.init(parsing: Array(text.utf8))
  }

  /// Sets every item's line numbers and every cell's number from the raw text before it.
  mutating func renumber() {
    var line = 1
    var cellNumber = 0
    for position in items.indices {
      switch items[position] {
      case .prose(var prose):
        prose.line = line
        line += lineFeedCount(prose.text.utf8)
        items[position] = .prose(prose)
      case .code(var cell):
        cellNumber += 1
        cell.number = cellNumber
        cell.line = line
        cell.sourceLine = line + 1
        line += lineFeedCount(cell.rawCell) + lineFeedCount(cell.rawGap)
        cell.outputLine = cell.rawOutput.isEmpty ? nil : line
        line += lineFeedCount(cell.rawOutput)
        items[position] = .code(cell)
      }
    }
  }
}

/// Splits a file's lines into prose and code cells, attaching each output block to its cell.
///
/// One pass over the lines: a line that opens a fence is matched with its closing line, and the
/// block goes to a cell, to the cell before it as output, or to the prose. Every step moves past at
/// least one line, so the scan ends.
private struct NotebookParser {
  /// What an `output` block found at the current line would belong to.
  enum Attachment {
    /// Nothing: no code cell comes before it with only blank lines between.
    case none
    /// The last cell, which has no output yet.
    case cell
    /// The last cell, which already has an output block starting on that line.
    case cellWithOutput(line: Int)
  }

  let bytes: [UInt8]
  let lines: [SourceLine]
  var items: [NotebookItem] = []
  /// The index of the first line not yet given to an item.
  var unclaimed = 0
  var attachment = Attachment.none

  init(bytes: [UInt8], lines: [SourceLine]) {
    self.bytes = bytes
    self.lines = lines
  }

  mutating func parse() throws(NotebookFormatError) {
    var index = 0
    while index < lines.count {
      let line = lines[index]
      guard let fence = Fence.opening(line.content(of: bytes)) else {
        if !line.isBlank(in: bytes) { attachment = .none }
        index += 1
        continue
      }
      let closing = try closingLine(of: fence, openedAt: index)
      try take(fence, lines: index...closing)
      index = closing + 1
    }
    claimProse(upTo: lines.count)
  }

  /// The index of the line that closes `fence`, opened on line `opening`.
  func closingLine(of fence: Fence, openedAt opening: Int) throws(NotebookFormatError) -> Int {
    var index = opening + 1
    while index < lines.count {
      if fence.isClosed(by: lines[index].content(of: bytes)) { return index }
      index += 1
    }
    let block = Self.kind(of: fence)
    throw NotebookFormatError(
      .unclosedFence(block, fence: fence.closingText), line: opening + 1)
  }

  /// Files the fenced block on `range` as a cell, an output or prose.
  mutating func take(_ fence: Fence, lines range: ClosedRange<Int>) throws(NotebookFormatError) {
    switch Self.kind(of: fence) {
    case .codeCell:
      claimProse(upTo: range.lowerBound)
      items.append(.code(makeCell(fence, lines: range)))
      unclaimed = range.upperBound + 1
      attachment = .cell
    case .output:
      try attachOutput(fence, lines: range)
    case .prose:
      attachment = .none
    }
  }

  /// Gives `range` to the last cell as its output block, with the blank lines before it.
  mutating func attachOutput(_ fence: Fence, lines range: ClosedRange<Int>)
    throws(NotebookFormatError)
  {
    let line = range.lowerBound + 1
    switch attachment {
    case .none:
      throw NotebookFormatError(.outputWithoutCell, line: line)
    case .cellWithOutput(let firstOutputLine):
      let cell = items.reduce(0) { count, item in
        if case .code = item { count + 1 } else { count }
      }
      throw NotebookFormatError(
        .duplicateOutput(cell: cell, firstOutputLine: firstOutputLine), line: line)
    case .cell:
      guard case .code(var cell) = items.last else { return }
      cell.rawGap = raw(unclaimed..<range.lowerBound)
      cell.rawOutput = raw(range.lowerBound..<range.upperBound + 1)
      cell.output = content(inside: fence, lines: range)
      items[items.count - 1] = .code(cell)
      unclaimed = range.upperBound + 1
      attachment = .cellWithOutput(line: line)
    }
  }

  /// A code cell from its fenced block; numbers and lines are set by `renumber()`.
  func makeCell(_ fence: Fence, lines range: ClosedRange<Int>) -> CodeCell {
    let name = fence.remainder
    return CodeCell(
      number: 0, name: name.isEmpty ? nil : String(decoding: name, as: UTF8.self),
      source: content(inside: fence, lines: range), line: 0, sourceLine: 0, output: nil,
      outputLine: nil, rawCell: raw(range.lowerBound..<range.upperBound + 1), rawGap: [],
      rawOutput: [])
  }

  /// Adds the unclaimed lines before `end` to the prose.
  mutating func claimProse(upTo end: Int) {
    guard unclaimed < end else { return }
    let text = String(decoding: raw(unclaimed..<end), as: UTF8.self)
    items.append(.prose(ProseBlock(text: text, line: 0)))
    unclaimed = end
  }

  /// The lines strictly between the fences on `range`, each without the fence's indentation, joined
  /// with `\n`.
  func content(inside fence: Fence, lines range: ClosedRange<Int>) -> String {
    let inner = lines[range.lowerBound + 1..<range.upperBound].map { line in
      String(
        decoding: Self.removingIndentation(fence.indentation, from: line.content(of: bytes)),
        as: UTF8.self)
    }
    return inner.joined(separator: "\n")
  }

  /// The bytes of the lines in `range`, with their line endings.
  func raw(_ range: Range<Int>) -> [UInt8] {
    guard let first = range.first, let last = range.last else { return [] }
    return Array(bytes[lines[first].start..<lines[last].end])
  }

  static func kind(of fence: Fence) -> NotebookFormatError.FencedBlock {
    if fence.language.elementsEqual("nnb".utf8) { return .codeCell }
    if fence.language.elementsEqual("output".utf8) { return .output }
    return .prose
  }

  /// `line` with up to `count` leading spaces removed.
  static func removingIndentation(_ count: Int, from line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.dropFirst(min(count, line.prefix(while: { $0 == UInt8(ascii: " ") }).count))
  }
}
