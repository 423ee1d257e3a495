import CellLanguage
import NeuralNet

extension Dataset {
  /// The most classes a CSV label column may have: a softmax layer of the widest size.
  static let maximumCSVClasses = NotebookBuiltins.maximumWidth

  /// Reads a dataset from a parsed CSV table: a header row naming the columns, then one row per
  /// example of numbers, except the label column.
  ///
  /// - Parameters:
  ///   - name: the dataset's name (`iris.csv`).
  ///   - labelColumn: the label column's name; `nil` takes the last column.
  ///   - classes: the class names in order; every label must be one of them. When `nil`, integer
  ///     labels (all of them whole numbers) become classes in numeric order, and any other labels
  ///     classes in the order they first appear.
  public init(
    csv table: CSVTable, name: String, labelColumn: String? = nil, classes: [String]? = nil
  ) throws(CSVError) {
    guard let header = table.records.first else { throw CSVError("the file is empty", line: 1) }
    let columns = header.fields
    try Self.checkColumnNames(columns, line: header.line)
    let labelIndex = try Self.labelIndex(columns, labelColumn, line: header.line)
    guard columns.count >= 2 else {
      throw CSVError(
        "line \(header.line): the only column is the label `\(columns[labelIndex])`; a dataset "
          + "needs at least one feature column", line: header.line)
    }
    let rows = table.records.dropFirst()
    guard !rows.isEmpty else {
      throw CSVError(
        "the file has a header (line \(header.line)) but no rows", line: header.line)
    }
    var features: [Double] = []
    features.reserveCapacity(rows.count * (columns.count - 1))
    var labelTexts: [(text: String, line: Int)] = []
    for row in rows {
      guard row.fields.count == columns.count else {
        throw CSVError(
          "line \(row.line) has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), "
            + "the header has \(columns.count)", line: row.line)
      }
      for (index, field) in row.fields.enumerated() {
        if index == labelIndex {
          labelTexts.append(
            (try Self.label(field, column: columns[index], line: row.line), row.line))
        } else {
          features.append(try Self.number(field, column: columns[index], line: row.line))
        }
      }
    }
    let column = columns[labelIndex]
    let (labels, classNames) = try Self.classes(labelTexts, column: column, given: classes)
    var featureNames = columns
    featureNames.remove(at: labelIndex)
    do {
      try self.init(
        name: name,
        features: Matrix(rows: rows.count, columns: columns.count - 1, elements: features),
        labels: labels, classNames: classNames, featureNames: featureNames, labelName: column)
    } catch {
      throw CSVError(error.description)
    }
  }

  /// The dataset as CSV: a header of the feature names (`x1`, `x2`, … when it has none) and the
  /// label column's name (`label`), then one line per example with the features in Swift's
  /// shortest form that reads back to the same double, and the class name. ``init(csv:name:labelColumn:classes:)``
  /// reads it back to the same features, bit for bit.
  public var csvText: String {
    let names = featureNames ?? (0..<featureCount).map { "x\($0 + 1)" }
    var lines = [(names + [labelName ?? "label"]).map(Self.quoted).joined(separator: ",")]
    lines.reserveCapacity(count + 1)
    let quotedClasses = classNames.map(Self.quoted)
    for row in 0..<count {
      let values = features.row(row).map(\.description)
      lines.append((values + [quotedClasses[labels[row]]]).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Reading

  private static func checkColumnNames(_ columns: [String], line: Int) throws(CSVError) {
    var seen: [String: Int] = [:]
    for (index, column) in columns.enumerated() {
      guard !column.isEmpty else {
        throw CSVError(
          "line \(line): column \(index + 1) of the header has no name", line: line,
          hint: "the first line of the file must name every column")
      }
      if let first = seen[column] {
        throw CSVError(
          "line \(line): columns \(first + 1) and \(index + 1) are both named `\(column)`",
          line: line, hint: "give every column its own name")
      }
      seen[column] = index
    }
  }

  private static func labelIndex(
    _ columns: [String], _ label: String?, line: Int
  ) throws(CSVError) -> Int {
    guard let label else { return columns.count - 1 }
    if let index = columns.firstIndex(of: label) { return index }
    let list = columns.map { "`\($0)`" }.joined(separator: ", ")
    throw CSVError(
      "no column `\(label)` in the header (line \(line)); the columns are \(list)", line: line,
      hint: Suggestions.closest(to: label, among: columns).map { "did you mean `\($0)`?" },
      argument: "label")
  }

  /// A feature cell as a finite double; only plain decimal notation (`-1.5e-3`) is a number.
  private static func number(_ field: String, column: String, line: Int) throws(CSVError) -> Double
  {
    let text = field.trimmingSpaces()
    guard !text.isEmpty else {
      throw CSVError("line \(line), column `\(column)` is empty", line: line)
    }
    guard isDecimal(text), let value = Double(text) else {
      let lowered = text.lowercased()
      let special = ["nan", "inf", "infinity"].contains {
        lowered == $0 || lowered == "-" + $0 || lowered == "+" + $0
      }
      throw CSVError(
        "line \(line), column `\(column)`: `\(text)` is not "
          + (special ? "a finite number" : "a number"), line: line,
        hint: special ? "features must be finite numbers" : nil)
    }
    guard value.isFinite else {
      throw CSVError(
        "line \(line), column `\(column)`: `\(text)` is not a finite number", line: line,
        hint: "it is too large for a double")
    }
    return value
  }

  /// Whether `text` is `[+-]digits[.digits][(e|E)[+-]digits]`, with digits on at least one side
  /// of the point.
  private static func isDecimal(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    let whole = bytes.prefix(while: isDigit).count
    bytes = bytes.dropFirst(whole)
    var fraction = 0
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      fraction = bytes.prefix(while: isDigit).count
      bytes = bytes.dropFirst(fraction)
    }
    guard whole + fraction > 0 else { return false }
    if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      let exponent = bytes.prefix(while: isDigit).count
      guard exponent > 0 else { return false }
      bytes = bytes.dropFirst(exponent)
    }
    return bytes.isEmpty
  }

  /// A label cell as written (the parser already dropped spaces around unquoted fields; a quoted
  /// label keeps its spaces, so a written class name reads back the same).
  private static func label(_ field: String, column: String, line: Int) throws(CSVError) -> String {
    let text = field
    guard !text.isEmpty else {
      throw CSVError(
        "line \(line), column `\(column)` is empty", line: line,
        hint: "every row needs a label")
    }
    return text
  }

  /// The label of each row and the class names, by `given` or by the rule of
  /// ``init(csv:name:labelColumn:classes:)``.
  private static func classes(
    _ texts: [(text: String, line: Int)], column: String, given: [String]?
  ) throws(CSVError) -> ([Int], [String]) {
    if let given {
      let index = Dictionary(given.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      var labels: [Int] = []
      for (text, line) in texts {
        guard let label = index[text] else {
          let list = given.map { "`\($0)`" }.joined(separator: ", ")
          throw CSVError(
            "line \(line), column `\(column)`: `\(text)` is not one of the classes \(list)",
            line: line,
            hint: Suggestions.closest(to: text, among: given).map { "did you mean `\($0)`?" },
            argument: "classes")
        }
        labels.append(label)
      }
      return (labels, given)
    }
    let integers = texts.compactMap { isInteger($0.text) ? Int($0.text) : nil }
    let names: [String]
    let labelOf: (Int) -> String
    if integers.count == texts.count {
      names = Set(integers).sorted().map(String.init)
      labelOf = { String(integers[$0]) }
    } else {
      var seen: Set<String> = []
      names = texts.map(\.text).filter { seen.insert($0).inserted }
      labelOf = { texts[$0].text }
    }
    guard names.count <= maximumCSVClasses else {
      throw CSVError(
        "column `\(column)` has \(names.count) different labels; a model tells apart at most "
          + "\(maximumCSVClasses) classes",
        hint: "is `\(column)` the label column? name it with label:")
    }
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    return (texts.indices.map { index[labelOf($0)] ?? 0 }, names)
  }

  private static func isInteger(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  // MARK: - Writing

  /// A field, quoted when it holds a comma, quote, line break or surrounding spaces, or is empty.
  private static func quoted(_ field: String) -> String {
    let needsQuotes =
      field.isEmpty || field.contains(where: { ",\"\n\r".contains($0) })
      || field.first == " " || field.last == " " || field.first == "\t" || field.last == "\t"
    guard needsQuotes else { return field }
    return "\""
      + field.split(separator: "\"", omittingEmptySubsequences: false)
      .joined(separator: "\"\"") + "\""
  }
}

extension String {
  /// The string without spaces and tabs at either end.
  fileprivate func trimmingSpaces() -> String {
    var text = Substring(self)
    while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return String(text)
  }
}
