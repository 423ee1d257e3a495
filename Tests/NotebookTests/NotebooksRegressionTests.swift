import Foundation
import Notebook
import Testing

/// The notebooks in `Notebooks/` are regression tests: every code cell's fresh output must equal
/// its stored output, as `nnbook test` checks. This runs them inside `swift test`.
@Suite struct NotebooksRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Notebooks")

  static var notebooks: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".nnb") }.sorted()
  }

  @Test func theNotebooksFolderHasTheWalkthroughs() {
    #expect(Self.notebooks.contains("circles.nnb"))
  }

  @Test(arguments: notebooks)
  func storedOutputsMatchFreshOnes(name: String) throws {
    let path = Self.folder.appendingPathComponent(name).path
    let document = try NotebookDocument(parsing: try NotebookDocument.read(contentsOf: path))
    var runner = NotebookRunner(document: document, folder: Self.folder.path)
    let check = RegressionCheck(runner.run())
    #expect(check.passed, "\(check.report(path: "Notebooks/\(name)"))")
  }
}

/// The example notebook of `Docs/NotebookFormat.md` is a notebook whose stored output is true.
@Suite struct FormatDocumentExampleTests {
  @Test func documentedExampleMatchesItsStoredOutput() throws {
    let page = try String(
      contentsOf: NotebooksRegressionTests.folder.deletingLastPathComponent()
        .appendingPathComponent("Docs/NotebookFormat.md"), encoding: .utf8)
    let opening = try #require(page.range(of: "````markdown\n"))
    let closing = try #require(
      page.range(of: "\n````\n", range: opening.upperBound..<page.endIndex))
    let document = try NotebookDocument(
      parsing: String(page[opening.upperBound..<closing.lowerBound]))
    #expect(document.cells.count == 2)
    var runner = NotebookRunner(document: document, folder: NotebooksRegressionTests.folder.path)
    let check = RegressionCheck(runner.run())
    // Cell [1] holds its true output; cell [2] has none yet, which `run --write` would add.
    #expect(check.verdicts.count == 2)
    #expect(check.verdicts.first?.failure == nil, "\(check.report(path: "Docs/NotebookFormat.md"))")
    guard case .missingOutput = check.verdicts.last?.failure else {
      Issue.record("cell [2] should print something and have no stored output")
      return
    }
  }
}
