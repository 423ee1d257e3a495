/// What a running cell shares with the built-ins it calls: where output goes, how it is shown, and
/// whether the user asked to stop.
public final class ExecutionContext {
  /// The output so far, in order.
  public private(set) var output: [DisplayText] = []
  /// Plain or coloured display.
  public var display: DisplayContext
  /// Answers whether the user asked to stop (Ctrl-C); long built-ins poll it between steps.
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

  /// Appends a piece of output.
  public func emit(_ text: DisplayText) {
    output.append(text)
  }

  /// Appends plain text.
  public func emit(_ text: String) {
    output.append(DisplayText(text))
  }

  /// Takes the output so far, leaving none.
  public func takeOutput() -> [DisplayText] {
    defer { output = [] }
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
