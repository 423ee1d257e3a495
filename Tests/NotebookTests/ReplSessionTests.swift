import CellLanguage
import Testing

@testable import Notebook

/// The REPL engine driven by scripted input, as a user at the prompt would drive it.
@Suite struct ReplSessionTests {
  static let notebook = """
    # Steps

    Make some data.

    ```nnb data
    n = 3
    xs = range(n)
    ```

    ```nnb total
    total = sum(xs)
    print("total", total)
    ```

    ```nnb other
    print("independent")
    ```

    Trailing prose.

    """

  /// A session whose file lives in memory, so `:reload` and `:write` can be observed.
  final class MemoryFile {
    var text: String
    var writes = 0
    var isDeleted = false
    init(_ text: String) { self.text = text }
  }

  static func session(_ file: MemoryFile) throws -> ReplSession {
    ReplSession(
      document: try NotebookDocument(parsing: file.text), path: "steps.nnb",
      read: { _ in
        if file.isDeleted { return .failure(ReplSession.ReplError("gone", isFileMissing: true)) }
        do { return .success(try NotebookDocument(parsing: file.text)) } catch {
          return .failure(ReplSession.ReplError("\(error)"))
        }
      },
      write: { document, _ in
        file.text = document.serializedText()
        file.isDeleted = false
        file.writes += 1
        return .success(())
      })
  }

  @Test func startShowsTheFirstCellWithItsProse() throws {
    let session = try Self.session(MemoryFile(Self.notebook))
    let text = session.start()
    #expect(text.hasPrefix("nnbook repl: steps.nnb, 3 cells."))
    #expect(text.contains("Make some data.\n\nIn [1] data:\n    n = 3"))
  }

  @Test func enterRunsTheShownCellAndShowsTheNext() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    let first = session.handle("")
    #expect(first.text.hasPrefix("In [2] total:"), "cell 1 prints nothing; cell 2 is shown")
    let second = session.handle(":next")
    #expect(second.text.hasPrefix("Out[2]:\n    total 3\n\nIn [3] other:"))
    _ = session.handle("")
    #expect(session.handle("").text.hasPrefix("end of the notebook"))
    #expect(session.statuses == [.ran, .ran, .ran])
  }

  @Test func runAllGotoShowAndList() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    #expect(session.handle(":run 2").text == "Out[2]:\n    total 3")
    #expect(session.current == 3)
    #expect(session.handle(":all").text == "Out[3]:\n    independent")
    #expect(session.handle(":goto 2").text.hasPrefix("In [2] total:"))
    let shown = session.handle(":show 2").text
    #expect(shown.hasPrefix("In [2] total:   (ran)\n    total = sum(xs)\n"), "\(shown)")
    #expect(shown.hasSuffix("print(\"total\", total)\nOut[2]:\n    total 3"), "\(shown)")
    let list = session.handle(":list").text
    #expect(list.contains("> [2]   total  ran"))
    #expect(session.handle(":goto 9").text == "usage: :goto N, with N from 1 to 3")
  }

  @Test func codeLinesRunInTheNotebooksEnvironment() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    _ = session.handle(":run 1")
    #expect(session.handle("len(xs) * 10").text == "30")
    let vars = session.handle(":vars").text
    #expect(vars.contains("n     number  3"))
    #expect(vars.contains("xs    list    [0, 1, 2]"))
    #expect(session.handle(":reset").text == "environment reset; the next cell is [1]")
    #expect(session.handle(":vars").text == "no variables yet")

    var scratch = ReplSession(
      document: nil, path: nil, read: { _ in .failure(ReplSession.ReplError("none")) },
      write: { _, _ in .success(()) })
    #expect(!scratch.handle("x = 1").isVisible)
    #expect(
      scratch.handle("print(\"\")").isVisible, "an empty line printed is shown, as `run` shows it")
    #expect(scratch.handle(":reset").text == "environment reset")
  }

  @Test func multiLineBlocksWaitForTheirEnd() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    #expect(session.handle("for i in [1, 2] {").text == "")
    #expect(session.prompt == "...> ")
    #expect(session.handle("  print(i * 2)").text == "")
    #expect(session.handle("}").text == "2\n4")
    #expect(session.prompt == "nnb> ")
    #expect(session.handle("f(1,").text == "")
    session.cancelPendingInput()
    #expect(session.prompt == "nnb> ")
    // A call broken after a labelled argument, as in a notebook.
    #expect(session.handle("x = moons(n: 10,").text == "")
    #expect(session.handle("seed: 1)").text == "")
    #expect(session.handle("x.n").text == "10")
  }

  /// Input that ends inside a block says so instead of vanishing.
  @Test func theEndOfInputInsideABlockReportsIt() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    #expect(session.finishPendingInput().text == "")
    #expect(session.handle("for i in [1, 2] {").text == "")
    let text = session.finishPendingInput().text
    #expect(text.hasPrefix("<repl>:"))
    #expect(text.contains("error: "))
    #expect(session.prompt == "nnb> ")
  }

  @Test func errorsShowDiagnosticsAndTheSessionCarriesOn() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    #expect(
      session.handle("x = mooons()").text == """
        <repl>:1:5: error: unknown function `mooons`
            x = mooons()
                ^~~~~~
        hint: did you mean `moons`?
        """)
    #expect(session.handle("1 +* 2").text.hasPrefix("<repl>:1:4: error: expected an expression"))
    #expect(session.handle("print(\"still here\")").text == "still here")
    #expect(
      session.handle("}").text == """
        <repl>:1:1: error: unexpected `}`: no block to close
            }
            ^
        hint: remove it, or end the line that should open the block with `{`
        """)
    #expect(session.prompt == "nnb> ")
    #expect(
      session.handle(":nxt").text == "unknown command :nxt; did you mean :next? (:help lists them)")
  }

  @Test func reloadMarksChangedCellsAndTheirDependentsStale() throws {
    let file = MemoryFile(Self.notebook)
    var session = try Self.session(file)
    _ = session.handle(":all")
    file.text = file.text.replacing("n = 3", with: "n = 4")
    #expect(
      session.handle(":reload").text == "reloaded steps.nnb: 3 cells; changed [1]; stale [1], [2]")
    #expect(session.statuses == [.stale, .stale, .ran])
    #expect(session.handle(":goto 2").text.contains("(stale)"))
    let rerun = session.handle("")
    #expect(rerun.text.hasPrefix("Out[2]:\n    total 6"), "running [2] re-ran stale [1] first")
    #expect(session.statuses == [.ran, .ran, .ran])
  }

  @Test func writeStoresOutputsAndLeavesProseUntouched() throws {
    let file = MemoryFile(Self.notebook)
    var session = try Self.session(file)
    #expect(session.handle(":write").text == "no cells have run yet; nothing to write")
    _ = session.handle(":run 2")
    #expect(session.handle(":write").text == "wrote the outputs of 1 cell to steps.nnb")
    #expect(
      file.text
        == Self.notebook.replacing(
          "print(\"total\", total)\n```\n",
          with: "print(\"total\", total)\n```\n\n```output\ntotal 3\n```\n"))
    #expect(session.handle(":write").text == "steps.nnb is up to date")
    #expect(file.writes == 1)
  }

  /// A notebook deleted while the session ran is written whole again; one that no longer parses
  /// is left alone.
  @Test func writeRestoresADeletedFileAndSparesAMalformedOne() throws {
    let file = MemoryFile(Self.notebook)
    var session = try Self.session(file)
    _ = session.handle(":run 2")
    #expect(session.handle(":write").text == "wrote the outputs of 1 cell to steps.nnb")
    let written = file.text
    (file.text, file.isDeleted) = ("", true)
    #expect(session.handle(":write").text == "wrote steps.nnb again, whole: the file was gone")
    #expect(file.text == written)
    file.text = "```nnb\nunclosed\n"
    #expect(
      session.handle(":write").text.hasPrefix(
        "steps.nnb cannot be read, so nothing was written:\n"))
    #expect(file.text == "```nnb\nunclosed\n")
    #expect(file.writes == 2)
  }

  /// A notebook of prose only has no cells to run, list or show; extra words after a command
  /// are an error, not ignored.
  @Test func commandsOnANotebookWithoutCellsAndExtraWords() throws {
    var empty = try Self.session(MemoryFile("# Only prose\n\nNo code here.\n"))
    for command in [":all", ":list", ":run 1", ":goto 1", ":show 1"] {
      #expect(empty.handle(command).text == "the notebook has no code cells", "\(command)")
    }
    var session = try Self.session(MemoryFile(Self.notebook))
    #expect(session.handle(":reset now").text == "usage: :reset alone, got :reset now")
    #expect(session.handle(":show 1 2").text == "usage: :show N, one number, got :show 1 2")
    #expect(session.handle(":n 2").text == "usage: :n alone, got :n 2")
  }

  @Test func completionOffersCommandsBuiltinsVariablesAndLabels() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    _ = session.handle(":run 1")
    #expect(session.completions(for: ":re") == [":reset", ":reload"])
    #expect(session.completions(for: "moo") == ["moons"])
    #expect(session.completions(for: "x = x") == ["xor", "xs"])
    #expect(session.completions(for: "fit(model, data, ep") == ["epochs:", "eps:", "epochs_to"])
    #expect(session.completions(for: "fit(model, data, epo") == ["epochs:", "epochs_to"])
    #expect(session.completions(for: "circles(n: 10, f") == ["factor:", "features", "fit"])
  }

  @Test func writeRefusesAFileChangedOnDisk() throws {
    let file = MemoryFile(Self.notebook)
    var session = try Self.session(file)
    _ = session.handle(":run 2")
    file.text += "\nA line added in an editor.\n"
    #expect(session.handle(":write").text.contains("changed since it was read; :reload it first"))
    #expect(file.writes == 0)
    _ = session.handle(":reload")
    _ = session.handle(":run 2")
    #expect(session.handle(":write").text == "wrote the outputs of 1 cell to steps.nnb")
    #expect(file.text.hasSuffix("A line added in an editor.\n"))
  }

  @Test func quitEndsTheSession() throws {
    var session = try Self.session(MemoryFile(Self.notebook))
    #expect(session.handle(":quit").shouldQuit)
  }
}
