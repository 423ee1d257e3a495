extension NotebookDocument {
  /// The file's bytes: what was read, with the output blocks as they are now.
  public func serialized() -> [UInt8] {
    var bytes = hasByteOrderMark ? Self.byteOrderMark : []
    for item in items {
      switch item {
      case .prose(let prose):
        bytes.append(contentsOf: prose.text.utf8)
      case .code(let cell):
        bytes.append(contentsOf: cell.rawCell)
        bytes.append(contentsOf: cell.rawGap)
        bytes.append(contentsOf: cell.rawOutput)
      }
    }
    return bytes
  }

  /// The file's text (the BOM, if any, as U+FEFF); see ``serialized()``.
  public func serializedText() -> String {
    String(decoding: serialized(), as: UTF8.self)
  }

  /// Stores `text` as the output of the cell numbered `number` (1-based, as ``CodeCell/number``),
  /// or removes its output block when `text` is `nil`.
  ///
  /// Only that cell's output block changes:
  /// - Text equal to the stored output (after normalisation) changes nothing, so writing back the
  ///   outputs a file has gives the same bytes.
  /// - An existing block keeps its fence, made longer when a line of the new text would close it.
  /// - A new block follows the closing fence after one blank line, fenced with backticks
  ///   (```` ```output ````, longer when the text holds backtick runs), indented like the cell.
  /// - Removing a block also removes the blank lines before it.
  ///
  /// The text is normalised as the model stores it: `\r\n` becomes `\n`, carriage returns at
  /// line ends are dropped (a line ending would swallow them), and one final line break is
  /// dropped, so `print` output can be passed as is. Lines are written with the cell's closing
  /// fence's line ending (the file's first one for a cell on the last line), so CRLF files stay
  /// CRLF, and a file without a final newline still has none.
  ///
  /// - Precondition: `number` is between 1 and `cells.count`.
  public mutating func setOutput(_ text: String?, forCell number: Int) {
    guard let position = itemPosition(ofCell: number), case .code(var cell) = items[position]
    else {
      preconditionFailure("there is no code cell [\(number)]: the notebook has \(cells.count)")
    }
    guard !Self.sameOutput(text, cell.output) else { return }
    let normalized = text.map(Self.normalizedOutput)
    let lineEnding = lineEnding(for: cell)
    if let normalized {
      if cell.output == nil {
        cell.insertOutputBlock(normalized, lineEnding: lineEnding)
      } else {
        cell.replaceOutputBlock(normalized, lineEnding: lineEnding)
      }
    } else {
      cell.removeOutputBlock()
    }
    cell.output = normalized
    items[position] = .code(cell)
    renumber()
  }

  /// The index in ``items`` of the cell numbered `number`.
  private func itemPosition(ofCell number: Int) -> Int? {
    var count = 0
    for (position, item) in items.enumerated() {
      guard case .code = item else { continue }
      count += 1
      if count == number { return position }
    }
    return nil
  }

  /// The line ending of the cell's closing fence, or the file's default when it has none.
  private func lineEnding(for cell: CodeCell) -> [UInt8] {
    let ending = Self.trailingLineEnding(of: cell.rawCell)
    return ending.isEmpty ? defaultLineEnding : ending
  }

  /// `text` with line breaks as `\n` (carriage returns that end a line dropped) and one final line
  /// break dropped.
  static func normalizedOutput(_ text: String) -> String {
    var lines = Array(text.utf8).split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.count > 1 && lines[lines.count - 1].isEmpty { lines.removeLast() }
    let trimmed = lines.map { line in
      var line = line
      while line.last == UInt8(ascii: "\r") { line.removeLast() }
      return line
    }
    return String(decoding: Array(trimmed.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
  }

  /// Whether two outputs are the same once normalised, compared byte for byte (not by Unicode
  /// canonical equivalence, which `==` on strings uses).
  static func sameOutput(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): normalizedOutput(a).utf8.elementsEqual(normalizedOutput(b).utf8)
    default: false
    }
  }

  /// The `\n` or `\r\n` that ends `bytes`, or nothing.
  static func trailingLineEnding(of bytes: [UInt8]) -> [UInt8] {
    guard bytes.last == UInt8(ascii: "\n") else { return [] }
    return bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "\r")
      ? Array("\r\n".utf8) : Array("\n".utf8)
  }
}

extension CodeCell {
  /// Adds an output block after the closing fence, one blank line below it.
  mutating func insertOutputBlock(_ text: String, lineEnding: [UInt8]) {
    let lines = Self.lines(of: text)
    let firstLine = SourceLine.split(rawCell).first.map { $0.content(of: rawCell) } ?? []
    let indentation = Fence.opening(firstLine)?.indentation ?? 0
    let fence = OutputFence(
      character: Fence.backtick, length: Fence.safeLength(of: Fence.backtick, around: lines),
      indentation: indentation)
    // A cell on the file's last line gets a line ending, and the new block goes without one.
    var closingEnding = lineEnding
    if NotebookDocument.trailingLineEnding(of: rawCell).isEmpty {
      rawCell += lineEnding
      closingEnding = []
    }
    rawGap = lineEnding
    rawOutput =
      fence.line(info: Array("output".utf8), ending: lineEnding)
      + fence.body(lines, ending: lineEnding)
      + fence.line(info: [], ending: closingEnding)
  }

  /// Replaces the body of the output block, keeping its fence lines unless the text needs a longer
  /// fence.
  mutating func replaceOutputBlock(_ text: String, lineEnding: [UInt8]) {
    let lines = Self.lines(of: text)
    let blockLines = SourceLine.split(rawOutput)
    guard let first = blockLines.first, let last = blockLines.last, blockLines.count >= 2,
      let opening = Fence.opening(first.content(of: rawOutput))
    else {
      // Not reachable for a parsed block; rebuild it from scratch rather than trap.
      removeOutputBlock()
      insertOutputBlock(text, lineEnding: lineEnding)
      return
    }
    let needed = Fence.safeLength(of: opening.character, around: lines)
    let fence = OutputFence(
      character: opening.character, length: max(needed, opening.length),
      indentation: opening.indentation)
    var openingLine = Array(rawOutput[first.start..<first.end])
    var closingLine = Array(rawOutput[last.start..<last.end])
    if needed > opening.length {
      openingLine = fence.line(
        info: Array(rawOutput[opening.infoStart..<first.contentEnd]),
        ending: Array(first.ending(of: rawOutput)))
      closingLine = fence.line(info: [], ending: Array(last.ending(of: rawOutput)))
    }
    rawOutput = openingLine + fence.body(lines, ending: lineEnding) + closingLine
  }

  /// Removes the output block and the blank lines before it.
  mutating func removeOutputBlock() {
    // A block that ended the file without a line ending leaves the cell's fence without one.
    if NotebookDocument.trailingLineEnding(of: rawOutput).isEmpty {
      rawCell.removeLast(NotebookDocument.trailingLineEnding(of: rawCell).count)
    }
    rawGap = []
    rawOutput = []
  }

  /// The lines of normalised output text; none for empty text.
  static func lines(of text: String) -> [ArraySlice<UInt8>] {
    guard !text.isEmpty else { return [] }
    return Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
  }
}

/// The fence of an output block being written.
private struct OutputFence {
  var character: UInt8
  var length: Int
  var indentation: Int

  /// A fence line: indentation, the fence characters, `info`, `ending`.
  func line(info: [UInt8], ending: [UInt8]) -> [UInt8] {
    Array(repeating: UInt8(ascii: " "), count: indentation)
      + Array(repeating: character, count: length) + info + ending
  }

  /// The content lines, each indented like the fence and ended with `ending`.
  func body(_ lines: [ArraySlice<UInt8>], ending: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    for line in lines {
      bytes += Array(repeating: UInt8(ascii: " "), count: indentation)
      bytes += line
      bytes += ending
    }
    return bytes
  }
}
