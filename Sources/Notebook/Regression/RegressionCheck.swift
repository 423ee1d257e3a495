import CellLanguage

/// The outcome of re-running one notebook and comparing each code cell's fresh output with the
/// output stored in the file, as `nnbook test` does.
public struct RegressionCheck: Sendable {
  /// What went wrong with one cell.
  public enum Failure: Sendable {
    /// The fresh output differs from the stored one.
    case differs(stored: String, fresh: String)
    /// The cell printed something but the file has no output for it.
    case missingOutput(fresh: String)
    /// The cell failed to run (syntax error, runtime error, failed `expect`).
    case failed([Diagnostic])
    /// An earlier cell failed, so this one did not run.
    case notRun
  }

  /// One cell's verdict.
  public struct CellVerdict: Sendable {
    /// The cell as stored.
    public var cell: CodeCell
    /// `nil` when the cell passed.
    public var failure: Failure?
  }

  /// The run the check is based on.
  public let run: NotebookRun
  /// Every cell's verdict, in order.
  public let verdicts: [CellVerdict]

  /// Compares the fresh outputs of `run` with the outputs stored in its document.
  public init(_ run: NotebookRun) {
    self.run = run
    var verdicts: [CellVerdict] = []
    for cell in run.document.cells {
      guard let fresh = run.cells.first(where: { $0.cell.number == cell.number }) else {
        verdicts.append(CellVerdict(cell: cell, failure: .notRun))
        continue
      }
      verdicts.append(CellVerdict(cell: cell, failure: Self.compare(cell, fresh)))
    }
    self.verdicts = verdicts
  }

  private static func compare(_ cell: CodeCell, _ fresh: CellRun) -> Failure? {
    if !fresh.succeeded { return .failed(fresh.diagnostics) }
    let freshText = fresh.storedOutput ?? ""
    guard let stored = cell.output else {
      return freshText.isEmpty ? nil : .missingOutput(fresh: freshText)
    }
    // Compared as they would be stored (a last blank line and trailing `\r`s dropped, byte for
    // byte): a fresh output that `--update` would store unchanged matches.
    return NotebookDocument.sameOutput(stored, freshText)
      ? nil : .differs(stored: stored, fresh: freshText)
  }

  /// Whether every cell ran and matched its stored output.
  public var passed: Bool {
    verdicts.allSatisfy { $0.failure == nil }
  }

  /// The report of every failing cell: location, what happened, and a diff or diagnostics;
  /// without the cells numbered in `recorded`, whose fresh output was just stored.
  public func report(path: String, leavingOut recorded: Set<Int> = []) -> String {
    let printer = NotebookPrinter(path: path, document: run.document, isColored: false)
    var blocks: [String] = []
    for verdict in verdicts where !recorded.contains(verdict.cell.number) {
      guard let failure = verdict.failure else { continue }
      let cell = verdict.cell
      let place =
        "\(path):\(cell.line): cell [\(cell.number)]" + (cell.name.map { " (\($0))" } ?? "")
      switch failure {
      case .differs(let stored, let fresh) where fresh.isEmpty:
        // Not a diff ending in a lone `+`, which reads as an empty line printed.
        blocks.append(
          (["\(place) prints nothing now; its stored output was:"]
            + stored.split(separator: "\n", omittingEmptySubsequences: false).map { "-" + $0 })
            .joined(separator: "\n"))
      case .differs(let stored, let fresh):
        var lines = ["\(place) output differs"]
        if let drift = NumericDrift(from: stored, to: fresh) { lines.append(drift.description) }
        lines.append("--- stored")
        lines.append("+++ fresh")
        lines.append(LineDiff.unified(from: stored, to: fresh))
        blocks.append(lines.joined(separator: "\n"))
      case .missingOutput(let fresh):
        blocks.append(
          "\(place) has no stored output; record it with `nnbook test --update \(path)`\n"
            + fresh.split(separator: "\n", omittingEmptySubsequences: false).map { "+" + $0 }
            .joined(separator: "\n"))
      case .failed(let diagnostics):
        blocks.append(
          (["\(place) failed"] + diagnostics.map(printer.diagnostic)).joined(separator: "\n"))
      case .notRun:
        continue
      }
    }
    let unrun = verdicts.compactMap { verdict -> String? in
      guard case .notRun = verdict.failure else { return nil }
      return "[\(verdict.cell.number)]"
    }
    if !unrun.isEmpty {
      blocks.append(
        "\(path): cell\(unrun.count == 1 ? "" : "s") \(unrun.joined(separator: ", ")) did not run: "
          + "a notebook stops at its first failing cell")
    }
    return blocks.joined(separator: "\n\n")
  }

  /// The cells whose fresh output differs from the stored one (or is missing), for `--update`.
  public var changedCells: [CellRun] {
    run.cells.filter { fresh in
      fresh.succeeded && !NotebookDocument.sameOutput(fresh.storedOutput, fresh.cell.output)
    }
  }
}
