import Notebook
import Testing

/// The pure CSV parsing step: text in, records with their lines out.
@Suite struct CSVTableTests {
  static func fields(_ text: String) throws -> [[String]] {
    try CSVTable(parsing: text).records.map(\.fields)
  }

  static func error(_ text: String, maximumRecords: Int = .max) -> CSVError? {
    do {
      _ = try CSVTable(parsing: text, maximumRecords: maximumRecords)
      return nil
    } catch {
      return error
    }
  }

  @Test func splitsRecordsAtNewlinesAndFieldsAtCommas() throws {
    #expect(try Self.fields("a,b\n1,2\n3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
  }

  @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
    let table = try CSVTable(
      parsing: "name,note\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,y\n")
    #expect(
      table.records.map(\.fields) == [
        ["name", "note"], ["a,b", "say \"hi\""], ["two\nlines", "x"], ["last", "y"],
      ])
    #expect(table.records.map(\.line) == [1, 2, 3, 5])
  }

  @Test func crlfLineEndingsAreLineEnds() throws {
    #expect(try Self.fields("a,b\r\n1,2\r\n3,4\r\n") == [["a", "b"], ["1", "2"], ["3", "4"]])
  }

  @Test func aByteOrderMarkAtTheStartIsSkipped() throws {
    #expect(try Self.fields("\u{FEFF}a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
  }

  @Test func trailingNewlineAndBlankLinesAreSkippedButLinesStillCount() throws {
    let table = try CSVTable(parsing: "a,b\n\n1,2\n  \n3,4\n\n\n")
    #expect(table.records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    #expect(table.records.map(\.line) == [1, 3, 5])
  }

  @Test func spacesAroundUnquotedFieldsAndQuotesAreDropped() throws {
    #expect(try Self.fields(" 1.5 ,\t2,  \" padded \" \n") == [["1.5", "2", " padded "]])
  }

  @Test func anEmptyQuotedFieldIsNotABlankLine() throws {
    #expect(try Self.fields("a\n\"\"\n") == [["a"], [""]])
  }

  @Test func anUnclosedQuoteNamesTheLineItOpensOn() {
    let error = Self.error("a,b\n1,\"2\n3,4\n")
    #expect(error?.message == "line 2: a quoted field is not closed")
    #expect(error?.line == 2)
  }

  @Test func textAfterAClosingQuoteIsAnError() {
    #expect(
      Self.error("a,b\n\"1\"x,2\n")?.message
        == "line 2: unexpected `x` after the closing quote of a field")
  }

  @Test func tooManyRecordsStopEarly() {
    let error = Self.error("a\n1\n2\n3\n", maximumRecords: 3)
    #expect(error?.message == "line 4: the file has more than a header and 2 rows")
    #expect(error?.hint == "csv reads at most that many; split or sample the file")
  }

  @Test func anEmptyTextHasNoRecords() throws {
    #expect(try Self.fields("") == [])
    #expect(try Self.fields("\u{FEFF}\n\n") == [])
  }
}
