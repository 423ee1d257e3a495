import ArgumentParser
import CellLanguage
import Dispatch
import Foundation
import NeuralNet
import Notebook
import Synchronization

/// `nnbook test [PATH…]`: re-runs notebooks and compares every code cell's fresh output with the
/// stored one, so notebooks serve as regression tests.
struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-run notebooks and compare fresh outputs with the stored ones.",
    discussion: """
      PATH is a notebook or a folder searched recursively for .nnb files (default: Notebooks/). \
      A cell whose output differs, that fails, or that has output but none stored fails its \
      notebook. Ends with 'N passed, N failed'; exits 0 when all pass, 1 when any fails, \
      65 when a notebook is malformed, 74 when --update or --review could not write one.
      """)

  @ArgumentParser.Argument(help: "Notebooks or folders to test (default: Notebooks/).")
  var paths: [String] = []

  @Flag(help: "Record fresh outputs into the files (atomically) and list what changed.")
  var update = false

  @Flag(help: "On a terminal, walk through each changed cell and accept, reject or skip it.")
  var review = false

  @Option(help: "How many notebooks to run at once (default: the number of cores).")
  var jobs: Int?

  func validate() throws {
    if let jobs, !(1...256).contains(jobs) {
      throw ValidationError("--jobs must be between 1 and 256, got \(jobs)")
    }
    if update && review {
      throw ValidationError("choose one of --update and --review")
    }
    if review && !(Terminal.isTerminal(0) && Terminal.isTerminal(1)) {
      throw ValidationError("--review needs a terminal; use --update to accept every change")
    }
    try ThreadLimit.applyEnvironment()
  }

  func run() throws {
    let files = try notebookFiles()
    Interrupts.install()
    let outcomes = runAll(files)
    if Interrupts.isRequested {
      Terminal.writeError("interrupted; no notebook was changed\n")
      throw ExitCode(130)
    }
    var passed = 0
    var failed = 0
    var malformed = false
    var unwritten = false
    for outcome in outcomes {
      switch outcome.result {
      case .failure(let failure):
        malformed = malformed || failure.status == 65
        failed += 1
        Terminal.write("FAIL \(outcome.path)\n\(failure.message)\n")
      case .success(let check):
        let seconds = NumberTextCLI.seconds(outcome.seconds)
        var isPassing = check.passed
        var recorded: Set<Int> = []
        if (update || review) && !check.changedCells.isEmpty {
          do {
            let (accepted, allAccepted) = try record(check, path: outcome.path)
            recorded = accepted
            isPassing = allAccepted && check.verdicts.allSatisfy(\.isOnlyOutputChange)
          } catch {
            Terminal.writeError("\(error)\n")
            (isPassing, unwritten) = (false, true)
          }
        }
        Terminal.write("\(isPassing ? "PASS" : "FAIL") \(outcome.path) (\(seconds))\n")
        if !isPassing {
          Terminal.write(check.report(path: outcome.path, leavingOut: recorded) + "\n")
        }
        if isPassing { passed += 1 } else { failed += 1 }
      }
    }
    Terminal.write("\(passed) passed, \(failed) failed\n")
    if malformed { throw ExitCode(65) }
    if unwritten { throw ExitCode(74) }
    if failed > 0 { throw ExitCode(1) }
  }

  /// The notebooks named by the arguments, folders expanded; a missing path exits 66.
  private func notebookFiles() throws -> [String] {
    var files: [String] = []
    for path in paths.isEmpty ? ["Notebooks"] : paths {
      if NotebookLocator.isDirectory(path) {
        files += NotebookLocator.notebooks(in: path)
      } else if let file = NotebookLocator.resolve(path) {
        files.append(file)
      } else {
        Terminal.writeError("error: no notebook or folder at '\(path)'\n")
        throw ExitCode(66)
      }
    }
    if files.isEmpty {
      Terminal.writeError(
        "error: no .nnb notebooks found in \(paths.isEmpty ? "Notebooks" : paths.joined(separator: ", "))\n"
      )
      throw ExitCode(66)
    }
    return files
  }

  private struct Outcome: Sendable {
    var path: String
    var result: Result<RegressionCheck, NotebookSource.Failure>
    var seconds: Double
  }

  /// Runs every notebook, `jobs` at a time; results come back in the order of `files`.
  ///
  /// Notebooks running side by side share the threads training may use, so that their products
  /// do not compete for the same cores.
  private func runAll(_ files: [String]) -> [Outcome] {
    let results = Mutex<[Outcome?]>(Array(repeating: nil, count: files.count))
    let next = Atomic<Int>(0)
    let workers = min(jobs ?? Self.coreCount, files.count)
    if workers > 1 { Parallelism.maximumThreads = max(1, Parallelism.maximumThreads / workers) }
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < files.count else { return }
        let outcome = Self.check(files[index])
        results.withLock { $0[index] = outcome }
      }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  private static func check(_ path: String) -> Outcome {
    let clock = ContinuousClock()
    let start = clock.now
    switch NotebookSource.load(path) {
    case .failure(let failure):
      return Outcome(path: path, result: .failure(failure), seconds: 0)
    case .success(let (resolved, document)):
      var runner = NotebookRunner(
        document: document, folder: NotebookFolder.containing(notebook: resolved))
      let context = ExecutionContext(isInterrupted: { Interrupts.isRequested })
      let check = RegressionCheck(runner.run(context: context))
      let elapsed = clock.now - start
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      return Outcome(path: resolved, result: .success(check), seconds: seconds)
    }
  }

  private static var coreCount: Int {
    max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Asks about (or, with `--update`, accepts) each changed cell and stores the accepted
  /// outputs; returns their numbers, and whether every change was accepted.
  private func record(
    _ check: RegressionCheck, path: String
  ) throws(NotebookFileError) -> (accepted: Set<Int>, all: Bool) {
    var accepted: [CellRun] = []
    var allAccepted = true
    var decision: ReviewDecision? = update ? .acceptAll : nil
    for change in check.changedCells {
      if decision != .acceptAll && decision != .rejectAll {
        decision = Reviewer.ask(about: change, path: path)
      }
      switch decision {
      case .accept, .acceptAll: accepted.append(change)
      default: allAccepted = false
      }
    }
    guard !accepted.isEmpty else { return ([], false) }
    try check.run.document.updatingOutputs(with: accepted).write(to: path)
    let numbers = accepted.map { "[\($0.cell.number)]" }.joined(separator: ", ")
    Terminal.write("updated \(path): cell\(accepted.count == 1 ? "" : "s") \(numbers)\n")
    return (Set(accepted.map(\.cell.number)), allAccepted)
  }
}

extension RegressionCheck.CellVerdict {
  /// Whether the cell passed or only its output changed (so recording it fixes the notebook).
  var isOnlyOutputChange: Bool {
    switch failure {
    case nil, .differs?, .missingOutput?: true
    case .failed?, .notRun?: false
    }
  }
}

/// Seconds for humans: `0.42 s`.
enum NumberTextCLI {
  static func seconds(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
  }
}
