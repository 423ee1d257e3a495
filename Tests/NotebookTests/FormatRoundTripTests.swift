import Notebook
import Testing

/// Reading then writing a notebook gives the file back byte for byte.
@Suite struct FormatRoundTripTests {
  /// Parses `bytes`, expects the same bytes back, and returns the document.
  @discardableResult
  static func expectRoundTrip(
    _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> NotebookDocument {
    let document = try NotebookDocument(parsing: bytes)
    #expect(document.serialized() == bytes, sourceLocation: sourceLocation)
    return document
  }

  @discardableResult
  static func expectRoundTrip(
    _ text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> NotebookDocument {
    try expectRoundTrip(Array(text.utf8), sourceLocation: sourceLocation)
  }

  static let sample = """
    # Circles

    Some *prose* first.

    ```nnb data
    data = circles(n: 200, seed: 1)
    data
    ```

    ```output
    circles: 200 points, 2 features
    ```

    More prose.

    ```nnb
    x = 1
    ```
    Trailing prose.

    """

  @Test func lineFeedFileRoundTripsAndHasTheCells() throws {
    let document = try Self.expectRoundTrip(Self.sample)
    let cells = document.cells
    #expect(cells.count == 2)
    #expect(cells[0].number == 1)
    #expect(cells[0].name == "data")
    #expect(cells[0].source == "data = circles(n: 200, seed: 1)\ndata")
    #expect(cells[0].line == 5)
    #expect(cells[0].sourceLine == 6)
    #expect(cells[0].output == "circles: 200 points, 2 features")
    #expect(cells[0].outputLine == 10)
    #expect(cells[1].number == 2)
    #expect(cells[1].name == nil)
    #expect(cells[1].source == "x = 1")
    #expect(cells[1].line == 16)
    #expect(cells[1].output == nil)
    #expect(cells[1].outputLine == nil)
  }

  @Test func itemsAlternateProseAndCellsInFileOrder() throws {
    let document = try NotebookDocument(parsing: Self.sample)
    let kinds = document.items.map { item -> String in
      switch item {
      case .prose(let prose): "prose@\(prose.line)"
      case .code(let cell): "cell\(cell.number)@\(cell.line)"
      }
    }
    #expect(kinds == ["prose@1", "cell1@5", "prose@13", "cell2@16", "prose@19"])
    #expect(document.proseBlocks[0].text == "# Circles\n\nSome *prose* first.\n\n")
    #expect(document.proseBlocks[2].text == "Trailing prose.\n")
  }

  @Test func crlfFileRoundTrips() throws {
    let crlf = Self.sample.split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "\r\n")
    let document = try Self.expectRoundTrip(crlf)
    #expect(document.cells[0].source == "data = circles(n: 200, seed: 1)\ndata")
    #expect(document.cells[0].output == "circles: 200 points, 2 features")
  }

  @Test func mixedLineEndingsRoundTrip() throws {
    let text = "intro\r\n```nnb\r\na = 1\nb = 2\r\n```\n\r\n```output\r\n1\n```\r\nend\n"
    let document = try Self.expectRoundTrip(text)
    #expect(document.cells[0].source == "a = 1\nb = 2")
    #expect(document.cells[0].output == "1")
  }

  @Test func missingFinalNewlineRoundTrips() throws {
    try Self.expectRoundTrip("# Title\n\n```nnb\nx = 1\n```")
    try Self.expectRoundTrip("```nnb\nx = 1\n```\n```output\n1\n```")
    try Self.expectRoundTrip("prose without newline")
  }

  @Test func byteOrderMarkIsKept() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("# Title\n```nnb\nx\n```\n".utf8)
    let document = try Self.expectRoundTrip(bytes)
    #expect(document.hasByteOrderMark)
    #expect(document.proseBlocks[0].text == "# Title\n")
    #expect(document.cells[0].line == 2)
  }

  @Test func emptyFileAndBlankFileRoundTrip() throws {
    #expect(try Self.expectRoundTrip("").items.isEmpty)
    #expect(try Self.expectRoundTrip("\n\n").cells.isEmpty)
    #expect(try Self.expectRoundTrip([0xEF, 0xBB, 0xBF]).items.isEmpty)
  }

  @Test func tildeAndLongerFencesAreCells() throws {
    let text = """
      ~~~nnb
      a = "```"
      ~~~
      ~~~~ output
      ```
      ~~~
      ~~~~~

      `````nnb long
      ````
      `````
      """
    let document = try Self.expectRoundTrip(text)
    #expect(document.cells.map(\.source) == ["a = \"```\"", "````"])
    #expect(document.cells[0].output == "```\n~~~")
    #expect(document.cells[1].name == "long")
  }

  @Test func nnbFenceInsideALongerProseFenceIsProse() throws {
    let text = """
      How to write a cell:

      ````markdown
      ```nnb
      x = 1
      ```

      ```output
      1
      ```
      ````

      ~~~
      ```nnb
      ~~~
      """
    let document = try Self.expectRoundTrip(text)
    #expect(document.cells.isEmpty)
    #expect(document.proseBlocks.count == 1)
  }

  @Test func otherLanguagesAndIndentedCodeAreProse() throws {
    let text = """
      ```python
      print(1)
      ```

          ```nnb
          indented four spaces: an indented code block

      ``nnb inline``
      ```nnb `with backtick` is not a fence
      """
    let document = try Self.expectRoundTrip(text)
    #expect(document.cells.isEmpty)
  }

  @Test func indentedFenceStripsItsIndentationFromTheSource() throws {
    let document = try Self.expectRoundTrip("  ```nnb\n  a = 1\n    b = 2\n c\n  ```\n")
    #expect(document.cells[0].source == "a = 1\n  b = 2\nc")
  }

  @Test func emptyCellsAndEmptyOutputs() throws {
    let document = try Self.expectRoundTrip("```nnb\n```\n```output\n```\n```nnb empty\n```\n")
    #expect(document.cells[0].source == "")
    #expect(document.cells[0].sourceLine == 2)
    #expect(document.cells[0].output == "")
    #expect(document.cells[0].outputLine == 3)
    #expect(document.cells[1].name == "empty")
    #expect(document.cells[1].output == nil)
  }

  @Test func blankLinesBetweenCellAndOutputAreAllowed() throws {
    let text = "```nnb\nx\n```\n\n  \n\t\n```output\nx\n```\n\nafter\n"
    let document = try Self.expectRoundTrip(text)
    #expect(document.cells[0].output == "x")
    #expect(document.cells[0].outputLine == 7)
    #expect(document.proseBlocks.map(\.text) == ["\nafter\n"])
    #expect(document.proseBlocks[0].line == 10)
  }

  @Test func closingFenceMayBeLongerAndEndInSpaces() throws {
    let document = try Self.expectRoundTrip("```nnb\nx\n`````   \n")
    #expect(document.cells[0].source == "x")
  }

  @Test func fileLineMapsCellLinesToTheFile() throws {
    let document = try NotebookDocument(parsing: Self.sample)
    #expect(document.cells[0].fileLine(ofSourceLine: 1) == 6)
    #expect(document.cells[0].fileLine(ofSourceLine: 2) == 7)
    #expect(document.cells[1].fileLine(ofSourceLine: 1) == 17)
  }

  @Test func nonASCIIProseAndCodePassThrough() throws {
    let document = try Self.expectRoundTrip("# Résumé 🧠\n```nnb 训练\nprint(\"é\")\n```\n")
    #expect(document.cells[0].name == "训练")
    #expect(document.cells[0].source == "print(\"é\")")
  }

  @Test func stringInitializerMatchesBytes() throws {
    let fromText = try NotebookDocument(parsing: Self.sample)
    let fromBytes = try NotebookDocument(parsing: Array(Self.sample.utf8))
    #expect(fromText == fromBytes)
    #expect(fromText.serializedText() == Self.sample)
  }
}
