import CellLanguage
import NeuralNet

extension ModelFile {
  /// Reads a model file, checking everything before building the model: that it is JSON, the
  /// format's name and version (a newer one is "written by a newer nnbook"), the architecture's
  /// fields and names, and every layer's shape and numbers. Errors say exactly what is wrong.
  init(json bytes: [UInt8]) throws(ModelFileError) {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw ModelFileError(
        "the file is not valid JSON: \(error)",
        hint: error.message.contains("end of the file")
          ? "the file seems cut short; save the model again" : nil)
    }
    guard case .object(let members) = root else {
      throw ModelFileError(
        "the file holds \(root.kindDescription), not an nnbook model (a JSON object)")
    }
    let file = Fields(members, owner: "the file", prefix: "")
    try Self.checkFormat(file)
    let architecture = try Architecture(try file.object("architecture"))
    let layers = try Self.layers(try file.array("layers"), architecture)
    do {
      model = try MultilayerPerceptron(layers: layers, head: architecture.head)
    } catch {
      throw ModelFileError("architecture: \(error.description)")
    }
    initialization = architecture.initialization
    seed = architecture.seed
  }

  private static func checkFormat(_ file: Fields) throws(ModelFileError) {
    guard file.has("format") else {
      throw ModelFileError(
        "the file has no `format` field, so it is not an nnbook model",
        hint: "load reads files written by save")
    }
    let format = try file.string("format")
    guard format == formatName else {
      throw ModelFileError(
        "the file's format is \"\(format)\", not \"\(formatName)\"",
        hint: "load reads files written by save")
    }
    // Any whole number above ours is a newer format, however large (1e23 is too large for an Int).
    if case .number(let number) = try file.value("version"), number == number.rounded(),
      number > Double(Self.version)
    {
      throw ModelFileError(
        "the file was written by a newer nnbook (model format version \(Value.format(number)); "
          + "this nnbook reads version \(Self.version))", hint: "update nnbook to load it")
    }
    let version = try file.integer("version", in: Int.min...Int.max)
    guard version >= 1 else {
      throw ModelFileError("the file's `version` is \(version); versions start at 1")
    }
  }

  private static func layers(
    _ values: [JSONValue], _ architecture: Architecture
  ) throws(ModelFileError) -> [DenseLayer] {
    let widths = architecture.widths
    guard values.count == widths.count - 1 else {
      throw ModelFileError(
        "`layers` holds \(values.count) layer\(values.count == 1 ? "" : "s") but the architecture "
          + "has \(widths.count - 1) (\(architecture.hidden.count) hidden and the output)")
    }
    var layers: [DenseLayer] = []
    for (index, value) in values.enumerated() {
      let name = "layer \(index + 1)"
      guard case .object(let members) = value else {
        throw ModelFileError(
          "\(name) is \(value.kindDescription), not an object with `weights` and `biases`")
      }
      let fields = Fields(members, owner: name, prefix: "\(name): ")
      let weights = try Self.weights(
        try fields.value("weights"), layer: name, shape: (widths[index], widths[index + 1]))
      let biases = try Self.biases(
        try fields.value("biases"), layer: name, count: widths[index + 1])
      let isOutput = index == values.count - 1
      do {
        layers.append(
          try DenseLayer(
            weights: weights, biases: biases,
            activation: isOutput ? .linear : architecture.activation))
      } catch {
        throw ModelFileError("\(name): \(error.description)")
      }
    }
    return layers
  }

  /// A `rows x columns` weight matrix from an array of rows, checked against `shape`.
  private static func weights(
    _ value: JSONValue, layer: String, shape: (rows: Int, columns: Int)
  ) throws(ModelFileError) -> Matrix {
    guard case .array(let rows) = value else {
      throw ModelFileError(
        "\(layer): `weights` must be an array of rows of numbers, got \(value.kindDescription)")
    }
    var rowItems: [[JSONValue]] = []
    for (index, row) in rows.enumerated() {
      guard case .array(let items) = row else {
        throw ModelFileError(
          "\(layer): row \(index + 1) of the weights is \(row.kindDescription), not an array")
      }
      if let first = rowItems.first, first.count != items.count {
        throw ModelFileError(
          "\(layer): row \(index + 1) of the weights has \(items.count) values, row 1 has "
            + "\(first.count)")
      }
      rowItems.append(items)
    }
    let columns = rowItems.first?.count ?? 0
    guard rows.count == shape.rows, columns == shape.columns else {
      throw ModelFileError(
        "\(layer): weights are \(rows.count)x\(columns) but the architecture says "
          + "\(shape.rows)x\(shape.columns)")
    }
    var elements: [Double] = []
    elements.reserveCapacity(shape.rows * shape.columns)
    for (row, items) in rowItems.enumerated() {
      for (column, item) in items.enumerated() {
        elements.append(
          try finite(item, "\(layer): the weight in row \(row + 1), column \(column + 1)"))
      }
    }
    return Matrix(rows: shape.rows, columns: shape.columns, elements: elements)
  }

  private static func biases(
    _ value: JSONValue, layer: String, count: Int
  ) throws(ModelFileError) -> [Double] {
    guard case .array(let items) = value else {
      throw ModelFileError(
        "\(layer): `biases` must be an array of numbers, got \(value.kindDescription)")
    }
    guard items.count == count else {
      throw ModelFileError(
        "\(layer): \(items.count) bias\(items.count == 1 ? "" : "es") but the architecture says "
          + "\(count)")
    }
    var biases: [Double] = []
    for (index, item) in items.enumerated() {
      biases.append(try finite(item, "\(layer): bias \(index + 1)"))
    }
    return biases
  }

  private static func finite(_ value: JSONValue, _ what: String) throws(ModelFileError) -> Double {
    guard case .number(let number) = value else {
      throw ModelFileError("\(what) is \(value.kindDescription), not a number")
    }
    guard number.isFinite else { throw ModelFileError("\(what) is not a finite number") }
    return number
  }
}

/// The `architecture` object of a model file, checked.
private struct Architecture {
  var inputs: Int
  var hidden: [Int]
  var outputs: Int
  var activation: Activation
  var head: OutputHead
  var initialization: WeightInitialization
  var seed: Int

  /// Inputs, hidden widths and outputs in order.
  var widths: [Int] { [inputs] + hidden + [outputs] }

  init(_ fields: Fields) throws(ModelFileError) {
    let widthRange = 1...NotebookBuiltins.maximumWidth
    inputs = try fields.integer("inputs", in: widthRange)
    let hiddenValues = try fields.array("hidden")
    guard hiddenValues.count <= NotebookBuiltins.maximumHiddenLayers else {
      throw ModelFileError(
        "`architecture.hidden` lists \(hiddenValues.count) layers; at most "
          + "\(NotebookBuiltins.maximumHiddenLayers) are allowed")
    }
    hidden = []
    for (index, value) in hiddenValues.enumerated() {
      hidden.append(
        try Fields.integer(
          value, in: widthRange, name: "item \(index + 1) of `architecture.hidden`"))
    }
    outputs = try fields.integer("outputs", in: widthRange)
    if hidden.isEmpty && (!fields.has("activation") || fields["activation"] == .null) {
      activation = .relu
    } else {
      activation = try fields.choice("activation", as: Activation.self)
    }
    head = try fields.choice("head", as: OutputHead.self)
    initialization = try fields.choice("initialization", as: WeightInitialization.self)
    seed = try fields.integer("seed", in: 0...4_294_967_295)
    let widths = [inputs] + hidden + [outputs]
    let parameters = (1..<widths.count).reduce(0) { $0 + (widths[$1 - 1] + 1) * widths[$1] }
    guard parameters <= NotebookBuiltins.maximumParameters else {
      throw ModelFileError(
        "the architecture has \(parameters) parameters; at most "
          + "\(NotebookBuiltins.maximumParameters) are allowed")
    }
  }
}

/// The members of a JSON object, with typed accessors whose errors name the field
/// ("`architecture.inputs` must be a whole number in 1...4096, got 2.5").
private struct Fields {
  private let members: [String: JSONValue]
  /// Who has the fields, for "… has no `x` field": "the file", "`architecture`", "layer 2".
  private let owner: String
  /// What goes before a field's name in messages: "architecture." or "layer 2: ".
  private let prefix: String

  init(_ members: [String: JSONValue], owner: String, prefix: String) {
    self.members = members
    self.owner = owner
    self.prefix = prefix
  }

  subscript(key: String) -> JSONValue? { members[key] }

  func has(_ key: String) -> Bool { members[key] != nil }

  /// The field `key`; throws when it is missing.
  func value(_ key: String) throws(ModelFileError) -> JSONValue {
    guard let value = members[key] else {
      throw ModelFileError(
        "\(owner) has no `\(key)` field",
        hint: "Docs/ModelFormat.md lists the fields of a model file")
    }
    return value
  }

  func object(_ key: String) throws(ModelFileError) -> Fields {
    let value = try value(key)
    guard case .object(let members) = value else {
      throw ModelFileError("\(name(key)) must be an object, got \(value.kindDescription)")
    }
    return Fields(members, owner: "`\(prefix)\(key)`", prefix: "\(prefix)\(key).")
  }

  func array(_ key: String) throws(ModelFileError) -> [JSONValue] {
    let value = try value(key)
    guard case .array(let items) = value else {
      throw ModelFileError("\(name(key)) must be an array, got \(value.kindDescription)")
    }
    return items
  }

  func string(_ key: String) throws(ModelFileError) -> String {
    let value = try value(key)
    guard case .string(let text) = value else {
      throw ModelFileError("\(name(key)) must be a string, got \(value.kindDescription)")
    }
    return text
  }

  func integer(_ key: String, in range: ClosedRange<Int>) throws(ModelFileError) -> Int {
    try Self.integer(try value(key), in: range, name: name(key))
  }

  /// One of the names of `type`'s cases, as the cell language spells them.
  func choice<T: RawRepresentable & CaseIterable>(
    _ key: String, as type: T.Type
  ) throws(ModelFileError) -> T where T.RawValue == String {
    let text = try string(key)
    let names = T.allCases.map(\.rawValue)
    guard let choice = T(rawValue: text) else {
      throw ModelFileError(
        "\(name(key)) is \"\(text)\", which is none of "
          + names.map { "\"\($0)\"" }.joined(separator: ", "),
        hint: Suggestions.closest(to: text, among: names).map { "did you mean \"\($0)\"?" })
    }
    return choice
  }

  /// `value` as a whole number within `range`, or an error naming it `name`.
  static func integer(
    _ value: JSONValue, in range: ClosedRange<Int>, name: String
  ) throws(ModelFileError) -> Int {
    guard case .number(let number) = value, number == number.rounded(), number.isFinite else {
      let found =
        if case .number(let number) = value { Value.format(number) } else {
          value.kindDescription
        }
      throw ModelFileError("\(name) must be a whole number, got \(found)")
    }
    // Whole numbers beyond any range (2⁶³ does not fit an Int) are out of range, not fractions.
    guard number >= -9e15, number <= 9e15, range.contains(Int(number)) else {
      throw ModelFileError(
        "\(name) must be in \(range.lowerBound)...\(range.upperBound), got \(Value.format(number))")
    }
    return Int(number)
  }

  /// "`architecture.inputs`" or "layer 2: `biases`".
  private func name(_ key: String) -> String {
    prefix.hasSuffix(": ") ? "\(prefix)`\(key)`" : "`\(prefix)\(key)`"
  }
}
