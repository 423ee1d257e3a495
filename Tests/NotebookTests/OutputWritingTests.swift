import Notebook
import Testing

/// Writing outputs changes output blocks and nothing else.
@Suite struct OutputWritingTests {
  /// `text` with its outputs set by `change`, serialised as text; the result must parse again with
  /// the same cells.
  static func rewriting(
    _ text: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ change: (inout NotebookDocument) -> Void
  ) throws -> String {
    var document = try NotebookDocument(parsing: text)
    change(&document)
    let written = document.serializedText()
    let reread = try NotebookDocument(parsing: written)
    #expect(reread == document, sourceLocation: sourceLocation)
    return written
  }

  @Test func replacingAnOutputKeepsEverythingElse() throws {
    let text = "# T\n\n```nnb\nx\n```\n\n```output\nold\nlines\n```\n\nend\n"
    let written = try Self.rewriting(text) { $0.setOutput("new", forCell: 1) }
    #expect(written == "# T\n\n```nnb\nx\n```\n\n```output\nnew\n```\n\nend\n")
  }

  @Test func insertingAnOutputAddsABlockAfterOneBlankLine() throws {
    let text = "```nnb\nx\n```\nnext paragraph\n\n```nnb\ny\n```\n"
    let written = try Self.rewriting(text) {
      $0.setOutput("1\n", forCell: 1)
      $0.setOutput("two\nlines", forCell: 2)
    }
    #expect(
      written
        == "```nnb\nx\n```\n\n```output\n1\n```\nnext paragraph\n\n```nnb\ny\n```\n\n```output\n"
        + "two\nlines\n```\n")
  }

  @Test func insertingUpdatesLineNumbersOfLaterItems() throws {
    var document = try NotebookDocument(parsing: "```nnb\nx\n```\n```nnb\ny\n```\n")
    document.setOutput("a\nb", forCell: 1)
    #expect(document.cells[0].outputLine == 5)
    #expect(document.cells[1].line == 9)
    #expect(document.cells[1].sourceLine == 10)
    #expect(document.cells.map(\.number) == [1, 2])
  }

  @Test func removingAnOutputRemovesTheBlankLinesBeforeIt() throws {
    let text = "```nnb\nx\n```\n\n\n```output\n1\n```\n\nend\n"
    let written = try Self.rewriting(text) { $0.setOutput(nil, forCell: 1) }
    #expect(written == "```nnb\nx\n```\n\nend\n")
  }

  @Test func removingTheLastOutputOfAFileWithoutFinalNewlineKeepsItWithout() throws {
    let text = "```nnb\nx\n```\n\n```output\n1\n```"
    let written = try Self.rewriting(text) { $0.setOutput(nil, forCell: 1) }
    #expect(written == "```nnb\nx\n```")
  }

  @Test func insertingAfterALastCellWithoutFinalNewlineKeepsItWithout() throws {
    let written = try Self.rewriting("```nnb\nx\n```") { $0.setOutput("1", forCell: 1) }
    #expect(written == "```nnb\nx\n```\n\n```output\n1\n```")
    let removed = try Self.rewriting(written) { $0.setOutput(nil, forCell: 1) }
    #expect(removed == "```nnb\nx\n```")
  }

  @Test func backticksInOutputGetALongerFence() throws {
    let written = try Self.rewriting("```nnb\nx\n```\n") {
      $0.setOutput("a\n```\n  `````x\nin ```````` the middle", forCell: 1)
    }
    #expect(
      written
        == "```nnb\nx\n```\n\n``````output\na\n```\n  `````x\nin ```````` the middle\n``````\n")
  }

  @Test func replacingWithBackticksLengthensTheExistingFence() throws {
    let text = "```nnb\nx\n```\n```output   \nold\n```\n"
    let written = try Self.rewriting(text) { $0.setOutput("````", forCell: 1) }
    #expect(written == "```nnb\nx\n```\n`````output   \n````\n`````\n")
  }

  @Test func replacingKeepsATildeFenceAndItsClosingLine() throws {
    let text = "```nnb\nx\n```\n~~~output\nold\n~~~~~  \n"
    #expect(
      try Self.rewriting(text) { $0.setOutput("```", forCell: 1) }
        == "```nnb\nx\n```\n~~~output\n```\n~~~~~  \n")
    #expect(
      try Self.rewriting(text) { $0.setOutput("~~~", forCell: 1) }
        == "```nnb\nx\n```\n~~~~output\n~~~\n~~~~\n")
  }

  @Test func crlfFilesGetCRLFOutputLines() throws {
    let text = "# T\r\n```nnb\r\nx\r\n```\r\n\r\nend\r\n"
    let written = try Self.rewriting(text) { $0.setOutput("a\nb\r\nc\n", forCell: 1) }
    #expect(
      written == "# T\r\n```nnb\r\nx\r\n```\r\n\r\n```output\r\na\r\nb\r\nc\r\n```\r\n\r\nend\r\n")
    let replaced = try Self.rewriting(written) { $0.setOutput("z", forCell: 1) }
    #expect(replaced == "# T\r\n```nnb\r\nx\r\n```\r\n\r\n```output\r\nz\r\n```\r\n\r\nend\r\n")
  }

  @Test func crlfFileWithoutFinalNewlineUsesItsFirstLineEnding() throws {
    let written = try Self.rewriting("# T\r\n```nnb\r\nx\r\n```") { $0.setOutput("1", forCell: 1) }
    #expect(written == "# T\r\n```nnb\r\nx\r\n```\r\n\r\n```output\r\n1\r\n```")
  }

  @Test func indentedCellsGetIndentedOutput() throws {
    let written = try Self.rewriting("- item\n\n  ```nnb\n  x\n  ```\n") {
      $0.setOutput("1\n  2", forCell: 1)
    }
    #expect(written == "- item\n\n  ```nnb\n  x\n  ```\n\n  ```output\n  1\n    2\n  ```\n")
  }

  @Test func emptyOutputIsAnEmptyBlock() throws {
    var document = try NotebookDocument(parsing: "```nnb\nx\n```\n")
    document.setOutput("", forCell: 1)
    #expect(document.serializedText() == "```nnb\nx\n```\n\n```output\n```\n")
    #expect(document.cells[0].output == "")
  }

  @Test func writingTheOutputsAFileHasIsTheIdentity() throws {
    let files = [
      FormatRoundTripTests.sample,
      "```nnb\n```\n```output\n\n```\n\r\n```nnb a\r\nx\r\n```\r\n  ```output\r\n  1\r\n  ```",
      "~~~nnb\n~~~\n\n\n````output\n```\nx\r\r\n````\n\n```nnb\n```\n",
    ]
    for file in files {
      var document = try NotebookDocument(parsing: file)
      for cell in document.cells {
        document.setOutput(cell.output, forCell: cell.number)
        document.setOutput(cell.output.map { $0 + "\n" }, forCell: cell.number)
      }
      #expect(document.serializedText() == file)
    }
  }

  @Test func outputIsNormalisedWithoutFinalNewline() throws {
    var document = try NotebookDocument(parsing: "```nnb\nx\n```\n")
    document.setOutput("a\r\nb\r\n", forCell: 1)
    #expect(document.cells[0].output == "a\nb")
    document.setOutput("a\nb", forCell: 1)
    #expect(document.serializedText() == "```nnb\nx\n```\n\n```output\na\nb\n```\n")
  }

  @Test func outputsSurviveARoundTripThroughTheFile() throws {
    let outputs: [String?] = ["plain", nil, "", "```\n~~~\n````", "é 🧠\n\n\nblank lines", "\n\nx"]
    var document = try NotebookDocument(parsing: "```nnb\n```\n```nnb\n```\n")
    for output in outputs {
      for number in [1, 2] {
        document.setOutput(output, forCell: number)
        let reread = try NotebookDocument(parsing: document.serialized())
        #expect(reread.cells[number - 1].output == output)
        #expect(reread == document)
      }
    }
  }
}
