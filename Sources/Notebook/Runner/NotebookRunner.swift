import CellLanguage

/// Runs a notebook's code cells in order in one environment, as `nnbook run` and `nnbook test` do.
///
/// Cells run with the notebook built-ins; a cell that fails (syntax error, runtime error, failed
/// `expect`) stops the run, and the cells after it do not run.
public struct NotebookRunner {
  /// The notebook being run.
  public let document: NotebookDocument
  /// The interpreter holding the notebook's variables.
  public private(set) var interpreter: Interpreter
  /// The folder the notebook's cells read and write files in (see ``NotebookFolder``), used when
  /// the context of a run names none; without either, file built-ins fail.
  public var folder: String?

  /// Prepares a fresh environment for `document`, whose files live in `folder` (the notebook
  /// file's folder: ``NotebookFolder/containing(notebook:)``).
  public init(document: NotebookDocument, folder: String? = nil) {
    self.document = document
    self.interpreter = Interpreter(builtins: NotebookBuiltins.registry)
    self.folder = folder
  }

  /// Runs every cell, handing each result to `onCell` as soon as it is known, and stops at the
  /// first failure.
  public mutating func run(
    context: ExecutionContext = ExecutionContext(), onCell: (CellRun) -> Void = { _ in }
  ) -> NotebookRun {
    var runs: [CellRun] = []
    for cell in document.cells {
      let run = self.run(cell, context: context)
      runs.append(run)
      onCell(run)
      if !run.succeeded { break }
    }
    return NotebookRun(document: document, cells: runs)
  }

  /// Runs one cell in the notebook's environment.
  public mutating func run(_ cell: CodeCell, context: ExecutionContext = ExecutionContext())
    -> CellRun
  {
    if context.baseDirectory == nil { context.baseDirectory = folder }
    let result = interpreter.run(cell.source, firstLine: cell.sourceLine, context: context)
    return CellRun(cell: cell, output: result.output, diagnostics: result.diagnostics)
  }
}

/// One cell's fresh result.
public struct CellRun: Sendable {
  /// The cell as read from the file (with its stored output).
  public let cell: CodeCell
  /// What it printed and showed.
  public let output: [DisplayText]
  /// Why it failed, if it did.
  public let diagnostics: [Diagnostic]

  /// Whether the cell ran to the end.
  public var succeeded: Bool { diagnostics.isEmpty }

  /// The output as stored in the file: plain text, pieces joined by newlines; `nil` when there is
  /// none, so cells without output get no output block.
  public var storedOutput: String? {
    let text = output.map(\.plain).joined(separator: "\n")
    return text.isEmpty ? nil : text
  }
}

/// The result of running a notebook.
public struct NotebookRun: Sendable {
  /// The notebook as read.
  public let document: NotebookDocument
  /// The cells that ran, in order; the last one failed if the run failed.
  public let cells: [CellRun]

  /// Whether every cell ran and succeeded.
  public var succeeded: Bool {
    cells.count == document.cells.count && cells.allSatisfy(\.succeeded)
  }

  /// The document with every cell's stored output replaced by its fresh one.
  public var updatedDocument: NotebookDocument {
    document.updatingOutputs(with: cells)
  }
}

extension NotebookDocument {
  /// A copy with the stored output of every cell in `runs` replaced by its fresh output.
  public func updatingOutputs(with runs: [CellRun]) -> NotebookDocument {
    var updated = self
    for run in runs { updated.setOutput(run.storedOutput, forCell: run.cell.number) }
    return updated
  }
}
