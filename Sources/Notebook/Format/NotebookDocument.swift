/// A `.nnb` notebook: Markdown prose and fenced code cells, each with an optional stored output.
///
/// A document remembers every byte of the file it was read from, so ``serialized()`` gives the
/// file back byte for byte (line endings, BOM, missing final newline and all) until outputs are
/// changed with ``setOutput(_:forCell:)``, which rewrites output blocks and nothing else.
///
/// ```swift
/// var document = try NotebookDocument(parsing: bytes)
/// for cell in document.cells {
///   document.setOutput(run(cell.source), forCell: cell.number)
/// }
/// try NotebookDocument.write(document.serialized(), to: path)
/// ```
///
/// The format is described in `Docs/NotebookFormat.md`.
public struct NotebookDocument: Equatable, Sendable {
  /// The prose blocks and code cells in file order.
  public internal(set) var items: [NotebookItem]
  /// Whether the file starts with a UTF-8 byte order mark, which is kept when writing.
  public internal(set) var hasByteOrderMark: Bool
  /// The line ending for lines the writer adds where the cell gives no hint: the file's first line
  /// ending, or `\n` for a file without any.
  var defaultLineEnding: [UInt8]

  /// The code cells in file order; `cells[i].number == i + 1`. O(n) in the number of items.
  public var cells: [CodeCell] {
    items.compactMap { item in
      if case .code(let cell) = item { cell } else { nil }
    }
  }

  /// The prose blocks in file order. O(n) in the number of items.
  public var proseBlocks: [ProseBlock] {
    items.compactMap { item in
      if case .prose(let prose) = item { prose } else { nil }
    }
  }
}

/// One block of a notebook, in file order: prose or a code cell.
public enum NotebookItem: Equatable, Sendable {
  /// Everything that is not a code cell or its output: headings, paragraphs, blank lines and
  /// fenced blocks of other languages.
  case prose(ProseBlock)
  /// A code cell with its stored output, if any.
  case code(CodeCell)
}

/// A run of prose lines between code cells, kept exactly as written.
public struct ProseBlock: Equatable, Sendable {
  /// The prose with its line endings, byte for byte as in the file (without the BOM).
  public internal(set) var text: String
  /// The 1-based file line of the block's first line.
  public internal(set) var line: Int
}

/// A code cell (```` ```nnb name ````) and its stored output block, if it has one.
public struct CodeCell: Equatable, Sendable {
  /// The cell's 1-based position among the code cells, as displayed (`[1]`, `[2]`, …).
  public internal(set) var number: Int
  /// The name after `nnb` in the info string (```` ```nnb train ```` is named `train`), if any.
  public internal(set) var name: String?
  /// The code between the fences, lines joined with `\n`, without a final newline; the fence's
  /// indentation is removed from each line, as CommonMark does.
  public internal(set) var source: String
  /// The 1-based file line of the opening fence.
  public internal(set) var line: Int
  /// The 1-based file line of the first code line (the line after the opening fence, even for an
  /// empty cell), so that line `n` of ``source`` is file line `sourceLine + n - 1`.
  public internal(set) var sourceLine: Int
  /// The stored output, lines joined with `\n`, without a final newline; `nil` when the cell has no
  /// output block.
  public internal(set) var output: String?
  /// The 1-based file line of the output block's opening fence, if there is one.
  public internal(set) var outputLine: Int?

  /// The cell from its opening fence to its closing fence, with the closing fence's line ending.
  var rawCell: [UInt8]
  /// The blank lines between the closing fence and the output block; empty without an output.
  var rawGap: [UInt8]
  /// The output block from its opening to its closing fence; empty without an output.
  var rawOutput: [UInt8]

  /// The file line of line `sourceLine` (1-based) of ``source``, for diagnostics that point into
  /// the file.
  public func fileLine(ofSourceLine sourceLineNumber: Int) -> Int {
    sourceLine + sourceLineNumber - 1
  }
}
