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
