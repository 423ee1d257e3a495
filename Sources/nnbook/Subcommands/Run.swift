import ArgumentParser
import CellLanguage
import Notebook

/// `nnbook run FILE…`: prints each notebook like a rendered Jupyter notebook, each code cell
/// followed by its fresh output.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run notebooks and print them with fresh outputs.",
    discussion: """
      FILE is a path, or a bare name looked up in Notebooks/ (nnbook run circles). Cells run in \
      order in one environment; the first failing cell stops the notebook with exit status 1. \
      The file is changed only with --write, and then atomically.
      """)

  @ArgumentParser.Argument(help: "The notebooks to run (.nnb files, or names in Notebooks/).")
  var files: [String]

  @Flag(help: "Store the fresh outputs in the files (only when every cell succeeds).")
  var write = false

  @Option(help: "Colour the output: auto (on a terminal unless NO_COLOR is set), always or never.")
  var color: ColorChoice = .auto

  @Option(help: "The width of charts on screen (stored outputs always use the cell's own size).")
  var width: Int?

  func validate() throws {
    if let width, !(20...400).contains(width) {
      throw ValidationError("--width must be between 20 and 400, got \(width)")
    }
    try ThreadLimit.applyEnvironment()
  }

  func run() throws {
    Interrupts.install()
    var status: Int32 = 0
    for (index, file) in files.enumerated() {
      if files.count > 1 { Terminal.write((index > 0 ? "\n" : "") + "==> \(file) <==\n") }
      let code = runNotebook(file)
      if code == 130 { throw ExitCode(130) }
      if status == 0 { status = code }
    }
    if status != 0 { throw ExitCode(status) }
  }

  /// Runs one notebook and returns its exit status.
  private func runNotebook(_ argument: String) -> Int32 {
    let document: NotebookDocument
    let path: String
    switch NotebookSource.load(argument) {
    case .success(let loaded): (path, document) = loaded
    case .failure(let failure):
      Terminal.writeError(failure.message + "\n")
      return failure.status
    }
    let isColored = color.isEnabled
    let printer = NotebookPrinter(path: path, document: document, isColored: isColored)
    let progress = Terminal.isTerminal(2) ? ProgressLine() : nil
    let context = ExecutionContext(
      display: DisplayContext(isColored: isColored, screenWidth: width),
      isInterrupted: { Interrupts.isRequested },
      progress: progress.map { line in { line.update($0) } })
    var runner = NotebookRunner(
      document: document, folder: NotebookFolder.containing(notebook: path))
    var runs: [CellRun] = []
    for item in document.items {
      switch item {
      case .prose(let block):
        Terminal.write(printer.prose(block) + (block.text.hasSuffix("\n") ? "" : "\n"))
      case .code(let cell):
        // The code before it runs, so a long cell shows what it is running (and its progress
        // line comes after it); then its output.
        Terminal.write(printer.code(cell) + "\n")
        let run = runner.run(cell, context: context)
        progress?.clear()
        runs.append(run)
        let result = printer.cellResult(run)
        if !result.isEmpty { Terminal.write(result + "\n") }
        if Interrupts.isRequested {
          Terminal.writeError("\(path): interrupted during cell [\(cell.number)]\n")
          return finish(runs, document: document, path: path, failed: cell.number)
        }
        if !run.succeeded {
          return finish(runs, document: document, path: path, failed: cell.number)
        }
      }
    }
    return finish(runs, document: document, path: path, failed: nil)
  }

  private func finish(
    _ runs: [CellRun], document: NotebookDocument, path: String, failed: Int?
  ) -> Int32 {
    if Interrupts.isRequested {
      Terminal.writeError("interrupted; \(path) was not changed\n")
      return 130
    }
    if let failed {
      if write { Terminal.writeError("\(path): not written, because cell [\(failed)] failed\n") }
      return 1
    }
    guard write else { return 0 }
    let updated = document.updatingOutputs(with: runs)
    guard updated != document else { return 0 }
    do {
      try updated.write(to: path)
      Terminal.writeError("wrote outputs to \(path)\n")
      return 0
    } catch {
      Terminal.writeError("\(error)\n")
      return 74
    }
  }
}
