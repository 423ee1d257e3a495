import Notebook
import Testing

/// Malformed files are rejected with the line of the problem and a message saying what was expected.
@Suite struct MalformedNotebookTests {
  /// The error that parsing `bytes` throws, or `nil` (recorded as a failure) when it parses.
  static func error(
    parsing bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
  ) -> NotebookFormatError? {
    do {
      _ = try NotebookDocument(parsing: bytes)
      Issue.record("expected a format error", sourceLocation: sourceLocation)
      return nil
    } catch {
      return error
    }
  }

  static func error(
    parsing text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> NotebookFormatError? {
    error(parsing: Array(text.utf8), sourceLocation: sourceLocation)
  }

  @Test func unclosedCodeCellPointsAtItsOpeningFence() throws {
    let error = try #require(Self.error(parsing: "# Title\n\n```nnb train\nx = 1\n"))
    #expect(error == NotebookFormatError(.unclosedFence(.codeCell, fence: "```"), line: 3))
    #expect(
      error.rendered(path: "nb.nnb")
        == "nb.nnb:3: error: code cell is never closed: expected a closing ``` before the end of "
        + "the file")
  }

  @Test func unclosedProseFencePointsAtItsOpeningFence() throws {
    let error = try #require(Self.error(parsing: "text\n````python\n```\n```nnb\nx\n```\n"))
    #expect(error == NotebookFormatError(.unclosedFence(.prose, fence: "````"), line: 2))
    #expect(
      error.message
        == "fenced block is never closed: expected a closing ```` before the end of the file")
  }

  @Test func unclosedOutputPointsAtItsOpeningFence() throws {
    let error = try #require(Self.error(parsing: "```nnb\nx\n```\n\n~~~output\n1\n```\n"))
    #expect(error == NotebookFormatError(.unclosedFence(.output, fence: "~~~"), line: 5))
    #expect(
      error.message
        == "output block is never closed: expected a closing ~~~ before the end of the file")
  }

  @Test func fenceClosedByAShorterOrDifferentFenceIsUnclosed() throws {
    let shorter = try #require(Self.error(parsing: "````nnb\nx\n```\n"))
    #expect(shorter.line == 1)
    let different = try #require(Self.error(parsing: "\n```nnb\nx\n~~~\n"))
    #expect(different.line == 2)
    let withText = try #require(Self.error(parsing: "```nnb\nx\n``` not a close\n"))
    #expect(withText.line == 1)
  }

  @Test func outputAtTheStartOfTheFileHasNoCell() throws {
    let error = try #require(Self.error(parsing: "```output\n1\n```\n"))
    #expect(error == NotebookFormatError(.outputWithoutCell, line: 1))
    #expect(
      error.rendered(path: "a.nnb")
        == "a.nnb:1: error: output block without a code cell: an output block must follow a "
        + "```nnb cell, with only blank lines between")
  }

  @Test func outputAfterProseHasNoCell() throws {
    let error = try #require(Self.error(parsing: "```nnb\nx\n```\ntext\n```output\n1\n```\n"))
    #expect(error == NotebookFormatError(.outputWithoutCell, line: 5))
  }

  @Test func outputAfterAnotherLanguageHasNoCell() throws {
    let error = try #require(
      Self.error(parsing: "```nnb\nx\n```\n```python\n```\n```output\n```\n"))
    #expect(error == NotebookFormatError(.outputWithoutCell, line: 6))
  }

  @Test func secondOutputBlockForACellIsAnError() throws {
    let text = "```nnb\na\n```\n```nnb\nb\n```\n\n```output\n1\n```\n\n```output\n2\n```\n"
    let error = try #require(Self.error(parsing: text))
    #expect(error == NotebookFormatError(.duplicateOutput(cell: 2, firstOutputLine: 8), line: 12))
    #expect(
      error.rendered(path: "nb.nnb")
        == "nb.nnb:12: error: second output block for code cell [2], which already has one on "
        + "line 8")
  }

  @Test func invalidUTF8ReportsTheLineOfTheFirstBadByte() throws {
    let bytes =
      Array("ok\r\nstill ok é\n```nnb\nx = \"".utf8) + [0xC3, 0x28] + Array("\"\n```\n".utf8)
    let error = try #require(Self.error(parsing: bytes))
    #expect(error == NotebookFormatError(.invalidUTF8(byte: 0xC3), line: 4))
    #expect(
      error.rendered(path: "nb.nnb")
        == "nb.nnb:4: error: invalid UTF-8 (byte 0xC3): a notebook must be UTF-8 text")
  }

  @Test func invalidUTF8CatchesOverlongsSurrogatesAndTruncation() throws {
    let cases: [([UInt8], UInt8, Int)] = [
      ([0xFF], 0xFF, 1),
      (Array("a\n".utf8) + [0xC0, 0xAF], 0xC0, 2),  // overlong "/"
      (Array("a\nb\n".utf8) + [0xED, 0xA0, 0x80], 0xED, 3),  // surrogate U+D800
      ([0xF4, 0x90, 0x80, 0x80], 0xF4, 1),  // past U+10FFFF
      (Array("a\n".utf8) + [0xE2, 0x82], 0xE2, 2),  // truncated at the end
      ([0xE2, 0x0A, 0x82], 0xE2, 1),  // truncated by a line feed
      ([0xEF, 0xBB, 0xBF, 0x80], 0x80, 1),  // stray continuation after the BOM
    ]
    for (bytes, byte, line) in cases {
      let error = try #require(Self.error(parsing: bytes))
      #expect(error == NotebookFormatError(.invalidUTF8(byte: byte), line: line), "\(bytes)")
    }
  }

  @Test func invalidUTF8IsReportedBeforeStructuralErrors() throws {
    let error = try #require(Self.error(parsing: Array("```nnb\nx\n".utf8) + [0xFE]))
    #expect(error.kind == .invalidUTF8(byte: 0xFE))
    #expect(error.line == 3)
  }

  @Test func descriptionHasTheLineButNoPath() {
    let error = NotebookFormatError(.outputWithoutCell, line: 7)
    #expect(error.description.hasPrefix("line 7: error: output block without a code cell"))
  }
}
