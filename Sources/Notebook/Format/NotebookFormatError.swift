/// Why a `.nnb` file could not be read as a notebook: what is wrong, and the 1-based line of the file
/// where it is.
///
/// The value is rendered in one place, ``rendered(path:)``, as the grep-able
/// `notebook.nnb:12: error: message` line that compilers print.
public struct NotebookFormatError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong with the file.
  public enum Kind: Equatable, Sendable {
    /// A byte sequence that is not UTF-8; `byte` is the first byte of the bad sequence.
    case invalidUTF8(byte: UInt8)
    /// A fenced block whose closing fence never comes; `fence` is the closing fence expected
    /// (e.g. ```` ``` ```` or `~~~~`).
    case unclosedFence(FencedBlock, fence: String)
    /// An `output` block that does not directly follow a code cell.
    case outputWithoutCell
    /// A second `output` block after a code cell that already has one, on `firstOutputLine`.
    case duplicateOutput(cell: Int, firstOutputLine: Int)
  }

  /// The kinds of fenced block, as named in messages.
  public enum FencedBlock: Equatable, Sendable {
    /// A code cell (```` ```nnb ````).
    case codeCell
    /// A cell's stored output (```` ```output ````).
    case output
    /// Any other fenced block, which is prose.
    case prose
  }

  /// What is wrong.
  public var kind: Kind
  /// The 1-based line of the file the error points at: the opening fence of an unclosed block, the
  /// offending `output` fence, or the line holding the first invalid byte.
  public var line: Int

  /// Creates an error of `kind` at `line` (1-based).
  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }

  /// The message alone: lowercase, no full stop, saying what was expected.
  public var message: String {
    switch kind {
    case .invalidUTF8(let byte):
      "invalid UTF-8 (byte 0x\(Self.hex(byte))): a notebook must be UTF-8 text"
    case .unclosedFence(let block, let fence):
      "\(Self.name(of: block)) is never closed: expected a closing \(fence) before the end of the file"
    case .outputWithoutCell:
      "output block without a code cell: an output block must follow a ```nnb cell, "
        + "with only blank lines between"
    case .duplicateOutput(let cell, let firstOutputLine):
      "second output block for code cell [\(cell)], which already has one on line \(firstOutputLine)"
    }
  }

  /// The error as `path:line: error: message`, the form editors and terminals link to the line.
  public func rendered(path: String) -> String {
    "\(path):\(line): error: \(message)"
  }

  /// The error as `line N: error: message`, for contexts that have no file name.
  public var description: String {
    "line \(line): error: \(message)"
  }

  private static func name(of block: FencedBlock) -> String {
    switch block {
    case .codeCell: "code cell"
    case .output: "output block"
    case .prose: "fenced block"
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }
}
