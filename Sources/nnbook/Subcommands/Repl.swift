import ArgumentParser
import CellLanguage
import Foundation
import Notebook

/// `nnbook repl [FILE]`: step through a notebook cell by cell, or type code into a fresh
/// environment, with readline on a terminal and plain lines from a pipe.
struct Repl: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Step through a notebook interactively, or try code in a fresh environment.",
    discussion: """
      With FILE, the REPL shows the next cell and runs it when you press Enter; any other line \
      is code run in the notebook's environment. :help lists the commands (:next, :run N, :all, \
      :goto N, :list, :show N, :vars, :reset, :reload, :write, :quit). Ctrl-C stops a running fit \
      at the end of its epoch; Ctrl-D quits. When standard input is not a terminal, lines are read \
      plainly without prompts, so the REPL can be scripted.
      """)

  @ArgumentParser.Argument(help: "The notebook to step through (a path or a name in Notebooks/).")
  var file: String?

  @Option(help: "Colour the output: auto (on a terminal unless NO_COLOR is set), always or never.")
  var color: ColorChoice = .auto

  func validate() throws {
    try ThreadLimit.applyEnvironment()
  }

  func run() throws {
    var document: NotebookDocument?
    var path: String?
    if let file {
      switch NotebookSource.load(file) {
      case .success(let loaded): (path, document) = loaded
      case .failure(let failure):
        Terminal.writeError(failure.message + "\n")
        throw ExitCode(failure.status)
      }
    }
    Interrupts.install()
    let isInteractive = Terminal.isTerminal(0)
    let box = SessionBox(
      ReplSession(
        document: document, path: path, isColored: color.isEnabled,
        read: NotebookSource.reread,
        write: { document, path in
          do {
            try document.write(to: path)
            return .success(())
          } catch {
            return .failure(ReplSession.ReplError("\(error)"))
          }
        }))
    let progress = Terminal.isTerminal(2) ? ProgressLine() : nil
    var editor: any LineEditor =
      isInteractive
      ? ReadlineEditor(
        historyPath: Self.historyPath, complete: { box.session.completions(for: $0) })
      : PlainLineEditor()
    Terminal.write(box.session.start() + "\n")
    while true {
      let input = editor.readLine(prompt: isInteractive ? box.session.prompt : "")
      switch input {
      case .end:
        if isInteractive { Terminal.write("\n") }
        let unfinished = box.session.finishPendingInput(
          context: ExecutionContext(display: DisplayContext(isColored: color.isEnabled)))
        if unfinished.isVisible { Terminal.write(unfinished.text + "\n") }
        editor.save()
        return
      case .interrupted:
        box.session.cancelPendingInput()
        continue
      case .line(let line):
        editor.remember(line)
        Interrupts.reset()
        let context = ExecutionContext(
          display: DisplayContext(isColored: color.isEnabled),
          isInterrupted: { Interrupts.isRequested },
          progress: progress.map { line in { line.update($0) } },
          baseDirectory: path.map(NotebookFolder.containing) ?? ".")
        let response = box.session.handle(line, context: context)
        progress?.clear()
        if response.isVisible { Terminal.write(response.text + "\n") }
        if response.shouldQuit {
          editor.save()
          return
        }
      }
    }
  }

  /// `$XDG_STATE_HOME/nnbook/history`, or `~/.local/state/nnbook/history`.
  static var historyPath: String? {
    let base: String
    if let state = Terminal.environment("XDG_STATE_HOME"), !state.isEmpty {
      base = state
    } else if let home = Terminal.environment("HOME"), !home.isEmpty {
      base = home + "/.local/state"
    } else {
      return nil
    }
    let folder = base + "/nnbook"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder + "/history"
  }
}

/// The session, shared with readline's completion callback.
private final class SessionBox {
  var session: ReplSession

  init(_ session: ReplSession) {
    self.session = session
  }
}
