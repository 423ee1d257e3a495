import ArgumentParser

/// The `nnbook` command: run, test and explore neural-network notebooks in the terminal.
@main
struct NNBook: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "nnbook",
    abstract: "Run, test and explore neural-network notebooks in the terminal.",
    discussion: """
      A notebook (.nnb) is a Markdown file whose ```nnb code cells call a small neural-network \
      library. Exit codes: 0 success, 1 a cell failed, 64 usage error, 65 malformed notebook, \
      66 file not found, 69 this CPU lacks what the build needs, 74 a notebook could not be written, 130 interrupted. \
      NNBOOK_THREADS=N limits the threads training uses (default: every core); results are the \
      same bits whatever it is.
      """,
    version: version,
    subcommands: [Run.self, Test.self, Repl.self]
  )

  /// Checks the CPU before anything runs the library, then parses the command line and runs.
  static func main() {
    ProcessorSupport.exitUnlessSupported()
    main(nil)
  }
}
