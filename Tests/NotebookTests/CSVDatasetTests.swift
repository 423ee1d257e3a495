import NeuralNet
import Notebook
import Testing

/// Reading datasets from CSV tables (every error with its line and column) and writing them back
/// bit for bit.
@Suite struct CSVDatasetTests {
  static func dataset(
    _ text: String, label: String? = nil, classes: [String]? = nil
  ) throws -> Dataset {
    try Dataset(
      csv: try CSVTable(parsing: text), name: "test.csv", labelColumn: label, classes: classes)
  }

  static func error(_ text: String, label: String? = nil, classes: [String]? = nil) -> CSVError? {
    do {
      _ = try dataset(text, label: label, classes: classes)
      return nil
    } catch let error as CSVError {
      return error
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test func readsFeaturesLabelsAndNames() throws {
    let data = try Self.dataset("a,b,kind\n1,2,cat\n3.5,-4e-2,dog\n5,6,cat\n")
    #expect(data.name == "test.csv")
    #expect(data.features == Matrix(rows: 3, columns: 2, elements: [1, 2, 3.5, -0.04, 5, 6]))
    #expect(data.labels == [0, 1, 0])
    #expect(data.classNames == ["cat", "dog"])
    #expect(data.featureNames == ["a", "b"])
    #expect(data.labelName == "kind")
  }

  @Test func theLabelColumnDefaultsToTheLastAndMayBeAnyOther() throws {
    let data = try Self.dataset("y,x1,x2\n1,0.5,0.25\n0,1,2\n", label: "y")
    #expect(data.featureNames == ["x1", "x2"])
    #expect(data.labels == [1, 0])
    #expect(try Self.dataset("y,x1,x2\n1,0.5,0.25\n0,1,2\n").labelName == "x2")
  }

  @Test func integerLabelsAreClassesInNumericOrder() throws {
    let data = try Self.dataset("x,y\n0,10\n1,2\n2,-1\n3,2\n")
    #expect(data.classNames == ["-1", "2", "10"])
    #expect(data.labels == [2, 1, 0, 1])
  }

  @Test func stringLabelsAreClassesInOrderOfFirstAppearance() throws {
    let data = try Self.dataset("x,y\n0,virginica\n1,setosa\n2,virginica\n3,versicolor\n")
    #expect(data.classNames == ["virginica", "setosa", "versicolor"])
    #expect(data.labels == [0, 1, 0, 2])
  }

  @Test func givenClassesFixTheOrderAndMayBeAbsent() throws {
    let data = try Self.dataset("x,y\n0,b\n1,b\n", classes: ["a", "b", "c"])
    #expect(data.classNames == ["a", "b", "c"])
    #expect(data.labels == [1, 1])
    let error = Self.error("x,y\n0,b\n1,d\n", classes: ["a", "b", "c"])
    #expect(error?.message == "line 3, column `y`: `d` is not one of the classes `a`, `b`, `c`")
    #expect(error?.argument == "classes")
  }

  @Test func anEmptyFileIsAnError() {
    #expect(Self.error("")?.message == "the file is empty")
    #expect(Self.error("\u{FEFF}\r\n\r\n")?.message == "the file is empty")
  }

  @Test func aHeaderWithoutRowsIsAnError() {
    #expect(Self.error("a,b,label\n\n")?.message == "the file has a header (line 1) but no rows")
  }

  @Test func raggedRowsNameTheirLine() {
    let text = "a,b,c,d,label\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,4,x\n1,2,3,x\n"
    let error = Self.error(text)
    #expect(error?.message == "line 7 has 4 fields, the header has 5")
    #expect(error?.line == 7)
  }

  @Test func nonNumericCellsNameTheirLineAndColumn() {
    let rows = String(repeating: "5.1,3.5,setosa\n", count: 10)
    let error = Self.error("sepal_length,sepal_width,species\n" + rows + "abc,3.0,setosa\n")
    #expect(error?.message == "line 12, column `sepal_length`: `abc` is not a number")
    #expect(error?.line == 12)
    #expect(Self.error("a,y\n0x1p3,1\n")?.message == "line 2, column `a`: `0x1p3` is not a number")
    #expect(Self.error("a,y\n1_000,1\n")?.message == "line 2, column `a`: `1_000` is not a number")
  }

  @Test func nanAndInfinityAreRefused() {
    #expect(
      Self.error("a,y\nNaN,1\n")?.message == "line 2, column `a`: `NaN` is not a finite number")
    #expect(
      Self.error("a,y\n-inf,1\n")?.message == "line 2, column `a`: `-inf` is not a finite number")
    #expect(
      Self.error("a,y\n1e999,1\n")?.message == "line 2, column `a`: `1e999` is not a finite number")
  }

  @Test func emptyCellsAreNamed() {
    #expect(Self.error("a,b,y\n1,,0\n")?.message == "line 2, column `b` is empty")
    #expect(Self.error("a,b,y\n1,2,\n")?.message == "line 2, column `y` is empty")
  }

  @Test func anUnknownLabelColumnListsTheColumnsAndSuggestsOne() {
    let error = Self.error("sepal_length,species\n1,setosa\n", label: "specie")
    #expect(
      error?.message
        == "no column `specie` in the header (line 1); the columns are `sepal_length`, `species`")
    #expect(error?.hint == "did you mean `species`?")
    #expect(error?.argument == "label")
  }

  @Test func duplicateAndMissingColumnNamesAreRefused() {
    #expect(
      Self.error("x,y,x,label\n1,2,3,a\n")?.message == "line 1: columns 1 and 3 are both named `x`")
    #expect(
      Self.error("x,,label\n1,2,a\n")?.message == "line 1: column 2 of the header has no name")
  }

  @Test func aLabelColumnAloneIsNotADataset() {
    #expect(
      Self.error("label\na\n")?.message
        == "line 1: the only column is the label `label`; a dataset needs at least one feature column"
    )
  }

  @Test func quotedFieldsCRLFAndAByteOrderMarkRead() throws {
    let data = try Self.dataset(
      "\u{FEFF}\"width, cm\",\"kind\"\r\n\"1.5\",\"a, b\"\r\n 2 ,\"say \"\"c\"\"\"\r\n\r\n")
    #expect(data.featureNames == ["width, cm"])
    #expect(data.classNames == ["a, b", "say \"c\""])
    #expect(data.features.elements == [1.5, 2])
  }

  @Test func writingThenReadingGivesTheSameDatasetBitForBit() throws {
    let awkward: [Double] = [
      0.1, 1e-300, 5e-324, -0.0, 1.7976931348623157e308, 123456789.123456789, -2.5e-8, 1e16,
      2.2250738585072014e-308, -1.7976931348623157e308, 0.30000000000000004, 1e22, 0, 42,
    ]
    let original = try Dataset(
      name: "awkward", features: Matrix(rows: 7, columns: 2, elements: awkward),
      labels: [0, 1, 2, 1, 0, 2, 1], classNames: ["a, b", "\"quoted\"", " spaced "],
      featureNames: ["first", "second, too"], labelName: "kind")
    let text = original.csvText
    let copy = try Dataset(csv: try CSVTable(parsing: text), name: "awkward")
    #expect(copy == original)
    #expect(
      copy.features.elements.map(\.bitPattern) == original.features.elements.map(\.bitPattern))
    #expect(text.hasPrefix("first,\"second, too\",kind\n0.1,1e-300,\"a, b\"\n5e-324,-0.0,"))
  }

  @Test func generatedDataIsWrittenWithPlainColumnNames() throws {
    let data = try Dataset(
      name: "g", features: Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4]), labels: [0, 1])
    #expect(data.csvText == "x1,x2,label\n1.0,2.0,0\n3.0,4.0,1\n")
    let copy = try Dataset(csv: try CSVTable(parsing: data.csvText), name: "g")
    #expect(copy.features == data.features)
    #expect(copy.labels == data.labels)
    #expect(copy.classNames == data.classNames)
  }
}
