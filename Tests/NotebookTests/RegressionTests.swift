import CellLanguage
import Testing

@testable import Notebook

@Suite struct LineDiffTests {
  @Test func identicalTextsHaveNoDiff() {
    #expect(LineDiff.unified(from: "a\nb", to: "a\nb") == "")
  }

  @Test func changedLineShowsWithContext() {
    let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
    let new = old.replacing("line 6", with: "line six")
    #expect(
      LineDiff.unified(from: old, to: new) == """
        @@ -3,7 +3,7 @@
         line 3
         line 4
         line 5
        -line 6
        +line six
         line 7
         line 8
         line 9
        """)
  }

  @Test func distantChangesMakeSeparateHunksAndAdditionsCount() {
    let old = (1...20).map { "l\($0)" }.joined(separator: "\n")
    let new = old.replacing("l2\n", with: "l2\nnew\n").replacing("l19", with: "L19")
    let diff = LineDiff.unified(from: old, to: new, context: 1)
    #expect(
      diff.split(separator: "\n").filter { $0.hasPrefix("@@") } == [
        "@@ -2,2 +2,3 @@", "@@ -18,3 +19,3 @@",
      ])
  }
}

@Suite struct NumericDriftTests {
  @Test func reportsLargestAbsoluteAndRelativeChange() throws {
    let drift = try #require(
      NumericDrift(from: "loss 0.4213 acc 97.0%", to: "loss 0.4214 acc 97.5%"))
    #expect(abs(drift.absolute - 0.5) < 1e-12)
    #expect(abs(drift.relative - 0.5 / 97.5) < 1e-12)
    #expect(drift.description == "max |diff| 0.5 (rel 0.51%)")
  }

  @Test func textChangesAreNotNumericDrift() {
    #expect(NumericDrift(from: "loss 0.1 completed", to: "loss 0.1 diverged") == nil)
    #expect(NumericDrift(from: "same 1", to: "same 1") == nil)
    #expect(NumericDrift(from: "a 1 2", to: "a 1") == nil)
  }
}

@Suite struct RegressionCheckTests {
  static func check(_ text: String) throws -> RegressionCheck {
    var runner = NotebookRunner(document: try NotebookDocument(parsing: text))
    return RegressionCheck(runner.run())
  }

  @Test func identicalOutputsPass() throws {
    let check = try Self.check(
      "```nnb\nprint(1 + 1)\n```\n\n```output\n2\n```\n\n```nnb\nx = 1\n```\n")
    #expect(check.passed)
    #expect(check.report(path: "n.nnb") == "")
  }

  @Test func changedLineFailsWithItsDiff() throws {
    let check = try Self.check("# t\n\n```nnb calc\nprint(1 + 1)\n```\n\n```output\n3\n```\n")
    #expect(!check.passed)
    #expect(
      check.report(path: "n.nnb") == """
        n.nnb:3: cell [1] (calc) output differs
        max |diff| 1 (rel 33%)
        --- stored
        +++ fresh
        @@ -1 +1 @@
        -3
        +2
        """)
  }

  @Test func missingOutputSaysHowToRecordIt() throws {
    let check = try Self.check("```nnb\nprint(\"hi\")\n```\n")
    #expect(
      check.report(path: "n.nnb")
        == "n.nnb:1: cell [1] has no stored output; record it with `nnbook test --update n.nnb`\n+hi"
    )
    #expect(check.changedCells.map(\.cell.number) == [1])
  }

  /// An output ending in a blank line or a carriage return matches what recording it stores, so
  /// `--update` is not followed by a failure for ever.
  @Test func recordedOutputsEndingInABlankLineMatch() throws {
    for code in ["print(\"a\")\nprint(\"\")", "print(\"a\\n\")", "print(\"a\u{0D}\")"] {
      let text = "```nnb\n\(code)\n```\n"
      var runner = NotebookRunner(document: try NotebookDocument(parsing: text))
      let recorded = runner.run().document.updatingOutputs(with: runner.run().cells)
      var rerun = NotebookRunner(document: try NotebookDocument(parsing: recorded.serializedText()))
      let check = RegressionCheck(rerun.run())
      #expect(check.passed, "\(code): \(check.report(path: "n.nnb"))")
    }
  }

  @Test func extraStoredOutputForASilentCellIsADifference() throws {
    let check = try Self.check("```nnb\nx = 1\n```\n\n```output\nold\nlines\n```\n")
    #expect(!check.passed)
    #expect(check.changedCells.count == 1)
    #expect(
      check.report(path: "n.nnb")
        == "n.nnb:1: cell [1] prints nothing now; its stored output was:\n-old\n-lines")
  }

  @Test func errorCellFailsAndLaterCellsDoNotRun() throws {
    let check = try Self.check(
      "```nnb\nexpect(1 > 2, \"one is big\")\n```\n\n```nnb\nprint(1)\n```\n")
    #expect(
      check.report(path: "n.nnb") == """
        n.nnb:1: cell [1] failed
        n.nnb:2:1: error: expectation failed: one is big
            expect(1 > 2, "one is big")
            ^~~~~~

        n.nnb: cell [2] did not run: a notebook stops at its first failing cell
        """)
    #expect(check.verdicts.count == 2)
  }
}

@Suite struct DeterminismTests {
  @Test func runningANotebookTwiceGivesIdenticalBytes() throws {
    let text = """
      ```nnb
      data = spiral(n: 60, arms: 3, noise: 0.05, seed: 4)
      model = mlp(inputs: 2, hidden: [8], outputs: 3, activation: "tanh", init: "xavier", seed: 9)
      fit(model, data, epochs: 50, lr: 0.3, log_every: 10)
      plot_boundary(model, data, width: 40, height: 12)
      ```

      """
    let document = try NotebookDocument(parsing: text)
    var first = NotebookRunner(document: document)
    var second = NotebookRunner(document: document)
    let once = first.run().updatedDocument.serialized()
    let twice = second.run().updatedDocument.serialized()
    #expect(once == twice)
    #expect(once != document.serialized())
  }
}
