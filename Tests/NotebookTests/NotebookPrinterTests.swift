import Notebook
import Testing

/// What `nnbook run` prints does not depend on the file's line endings.
@Suite struct NotebookPrinterTests {
  /// The printed run of a notebook: its prose blocks and cells, in order.
  static func printed(_ text: String) throws -> String {
    let document = try NotebookDocument(parsing: text)
    var runner = NotebookRunner(document: document)
    let run = runner.run()
    let printer = NotebookPrinter(path: "n.nnb", document: document, isColored: false)
    var blocks: [String] = []
    var cells = run.cells.makeIterator()
    for item in document.items {
      switch item {
      case .prose(let prose): blocks.append(printer.prose(prose))
      case .code: if let cell = cells.next() { blocks.append(printer.cell(cell)) }
      }
    }
    return blocks.joined(separator: "\n")
  }

  @Test func crlfNotebooksPrintLikeLFOnes() throws {
    let text = "# Title\n\nSome *prose*.\n## Part\n\n```nnb\nx = 1\nx = x +\n```\n"
    let lf = try Self.printed(text)
    #expect(lf.contains("Title\n=====\n"))
    #expect(lf.contains("n.nnb:8:8: error: expected an expression, found the end of the line\n"))
    #expect(lf.contains("    x = x +\n           ^"))
    #expect(try Self.printed(text.replacing("\n", with: "\r\n")) == lf)
  }
}
