import ArgumentParser
import Foundation

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
    refuseMissingCommand(Array(CommandLine.arguments.dropFirst()))
    main(nil)
  }

  /// Exits with a usage error (64) when no command is given, or `help` is asked about one that
  /// does not exist: the argument parser would print the help and exit 0 for both.
  static func refuseMissingCommand(_ arguments: [String]) {
    let commands = configuration.subcommands.map { $0._commandName }
    if arguments.isEmpty {
      FileHandle.standardError.write(Data((helpMessage() + "\n").utf8))
      Foundation.exit(64)
    }
    if arguments.first == "help", arguments.count > 1, !commands.contains(arguments[1]),
      arguments[1] != "help", !arguments[1].hasPrefix("-")
    {
      let message =
        "error: no command '\(arguments[1])'\n"
        + "hint: the commands are \(commands.joined(separator: ", ")); see 'nnbook --help'\n"
      FileHandle.standardError.write(Data(message.utf8))
      Foundation.exit(64)
    }
  }
}
