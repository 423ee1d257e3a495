/// What a running cell shares with the built-ins it calls: where output goes, how it is shown, and
/// whether the user asked to stop.
public final class ExecutionContext {
  /// The most text a cell may print, in bytes: far beyond any table, plot or training log, and a
  /// stop for a loop that prints without end before it fills the memory.
  public static let maximumOutputBytes = 16 << 20

  /// The output so far, in order.
  public private(set) var output: [DisplayText] = []
  /// The bytes of plain text in ``output``.
  private var outputBytes = 0
  /// Whether output beyond ``maximumOutputBytes`` was dropped; the interpreter then stops the
  /// cell.
  public private(set) var isOutputFull = false
  /// Plain or coloured display.
  public var display: DisplayContext
  /// Answers whether the user asked to stop (Ctrl-C); long built-ins poll ``shouldStop()``, which
  /// asks it, between steps.
  public var isInterrupted: () -> Bool
  /// Receives progress of long steps (a terminal shows and erases it; never stored).
  public var progress: ((ProgressReport) -> Void)?
  /// The folder files named in a cell are resolved against, if any.
  public var baseDirectory: String?

  /// Creates a context.
  public init(
    display: DisplayContext = DisplayContext(), isInterrupted: @escaping () -> Bool = { false },
    progress: ((ProgressReport) -> Void)? = nil, baseDirectory: String? = nil
  ) {
    self.display = display
    self.isInterrupted = isInterrupted
    self.progress = progress
    self.baseDirectory = baseDirectory
  }

  /// Appends a piece of output, unless the cell has printed ``maximumOutputBytes`` already.
  public func emit(_ text: DisplayText) {
    guard !isOutputFull else { return }
    outputBytes += text.plain.utf8.count
    if outputBytes > Self.maximumOutputBytes {
      isOutputFull = true
      return
    }
    output.append(text)
  }

  /// Appends plain text.
  public func emit(_ text: String) {
    emit(DisplayText(text))
  }

  /// The bytes the cell may still print, for a built-in that would rather refuse up front than
  /// work for minutes and then have its output dropped.
  public var remainingOutputBytes: Int { max(0, Self.maximumOutputBytes - outputBytes) }

  /// Whether a long built-in should stop between its steps: the user asked (Ctrl-C), or the cell
  /// has printed all it may.
  public func shouldStop() -> Bool {
    isOutputFull || isInterrupted()
  }

  /// Takes the output so far, leaving none.
  public func takeOutput() -> [DisplayText] {
    defer { (output, outputBytes, isOutputFull) = ([], 0, false) }
    return output
  }
}

/// How far a long step (such as training) has come, for a live progress display.
public struct ProgressReport: Sendable {
  /// The unit being counted: "epoch".
  public var unit: String
  /// How many units are done.
  public var completed: Int
  /// How many there will be at most.
  public var total: Int
  /// The latest state in a few words: "loss 0.4213".
  public var detail: String

  /// Creates a report.
  public init(unit: String, completed: Int, total: Int, detail: String) {
    self.unit = unit
    self.completed = completed
    self.total = total
    self.detail = detail
  }
}
