import Foundation
import NeuralNet
import Testing

@testable import Notebook

/// The JSON model files of `save` and `load`: bit-exact round trips, and every malformed file
/// refused with a message that says what is wrong.
@Suite struct ModelFileTests {
  /// A trained 2-4-3 model whose weights include awkward doubles.
  static func model() throws -> MultilayerPerceptron {
    var model = try MultilayerPerceptron(
      inputs: 2, hidden: [4], outputs: 3, activation: .tanh, head: .softmax, seed: 3)
    let data = try Dataset.blobs(count: 30, centers: 3, standardDeviation: 1, seed: 1)
    _ = try model.fit(data, options: TrainingOptions(epochs: 20, learningRate: 0.1))
    var weights = model.layers[1].weights
    weights[0, 0] = 5e-324
    weights[1, 1] = -0.0
    weights[2, 2] = 1.7976931348623157e308
    weights[3, 0] = 123456789.123456789
    try model.setParameters(ofLayer: 1, weights: weights, biases: [0.1, 1e-300, -0.0])
    return model
  }

  static var validText: String {
    get throws {
      try ModelFile(model: try model(), initialization: .xavier, seed: 3).json()
    }
  }

  static func error(_ text: String) -> String? {
    do {
      _ = try ModelFile(json: Array(text.utf8))
      return nil
    } catch {
      return error.message
    }
  }

  /// The valid file with `old` replaced by `new` (exactly once).
  static func edited(_ old: String, _ new: String) throws -> String {
    let text = try validText
    let parts = text.split(separator: old, omittingEmptySubsequences: false)
    #expect(parts.count == 2, "`\(old)` should occur once in the file")
    return parts.joined(separator: new)
  }

  @Test func aSavedModelLoadsBackBitForBit() throws {
    let original = try Self.model()
    let file = try ModelFile(json: Array(try Self.validText.utf8))
    #expect(file.model == original)
    #expect(file.initialization == .xavier)
    #expect(file.seed == 3)
    for (loaded, saved) in zip(file.model.layers, original.layers) {
      #expect(loaded.weights.elements.map(\.bitPattern) == saved.weights.elements.map(\.bitPattern))
      #expect(loaded.biases.map(\.bitPattern) == saved.biases.map(\.bitPattern))
      #expect(loaded.activation == saved.activation)
    }
  }

  @Test func theFileStartsWithFormatVersionAndArchitecture() throws {
    #expect(
      try Self.validText.hasPrefix(
        """
        {
          "format": "nnbook-model",
          "version": 1,
          "architecture": {
            "inputs": 2,
            "hidden": [4],
            "outputs": 3,
            "activation": "tanh",
            "head": "softmax",
            "initialization": "xavier",
            "seed": 3
          },
          "layers": [
            {
              "weights": [

        """))
  }

  @Test func aModelWithoutHiddenLayersHasNoActivation() throws {
    let model = try MultilayerPerceptron(inputs: 3, outputs: 1, head: .sigmoid, seed: 1)
    let text = try ModelFile(model: model, initialization: .he, seed: 1).json()
    #expect(text.contains("\"activation\": null,"))
    #expect(try ModelFile(json: Array(text.utf8)).model == model)
  }

  @Test func truncatedJSONIsRefused() throws {
    let text = try Self.validText
    let cut = String(text.prefix(text.count / 2))
    let message = try #require(Self.error(cut))
    #expect(message.hasPrefix("the file is not valid JSON: line "))
    #expect(message.contains("unexpected end of the file"))
    #expect(Self.error("")?.hasSuffix("unexpected end of the file; a value is missing") == true)
  }

  @Test func otherJSONIsNotAModel() {
    #expect(Self.error("[1, 2]") == "the file holds an array, not an nnbook model (a JSON object)")
    #expect(Self.error("{}") == "the file has no `format` field, so it is not an nnbook model")
    #expect(
      Self.error("{\"format\": \"keras\", \"version\": 1}")
        == "the file's format is \"keras\", not \"nnbook-model\"")
  }

  @Test func aNewerVersionNamesTheNewerNNBook() throws {
    #expect(
      Self.error(try Self.edited("\"version\": 1", "\"version\": 2"))
        == "the file was written by a newer nnbook (model format version 2; this nnbook reads version 1)"
    )
    #expect(
      Self.error(try Self.edited("\"version\": 1", "\"version\": 1e23"))
        == "the file was written by a newer nnbook (model format version 1e+23; this nnbook reads version 1)"
    )
    #expect(
      Self.error(try Self.edited("\"version\": 1", "\"version\": 0"))
        == "the file's `version` is 0; versions start at 1")
    #expect(
      Self.error(try Self.edited("\"version\": 1", "\"version\": \"1\""))
        == "`version` must be a whole number, got a string")
  }

  /// A whole number too large for any count is out of range, not "not a whole number".
  @Test func hugeCountsAreOutOfRange() throws {
    #expect(
      Self.error(try Self.edited("\"outputs\": 3", "\"outputs\": 9223372036854775808"))?
        .hasPrefix("`architecture.outputs` must be in 1...") == true)
    #expect(
      Self.error(try Self.edited("\"outputs\": 3", "\"outputs\": 2.5"))
        == "`architecture.outputs` must be a whole number, got 2.5")
  }

  @Test func shapeMismatchesSayWhatTheArchitectureExpects() throws {
    #expect(
      Self.error(try Self.edited("\"outputs\": 3", "\"outputs\": 2"))
        == "layer 2: weights are 4x3 but the architecture says 4x2")
    #expect(
      Self.error(try Self.edited("\"hidden\": [4]", "\"hidden\": [4, 4]"))
        == "`layers` holds 2 layers but the architecture has 3 (2 hidden and the output)")
    #expect(
      Self.error(try Self.edited("\"biases\": [0.1, 1e-300, -0.0]", "\"biases\": [0.1, 1e-300]"))
        == "layer 2: 2 biases but the architecture says 3")
  }

  @Test func raggedWeightRowsAreRefused() throws {
    let text = try Self.validText
    let firstRow = try #require(text.split(separator: "\n").first { $0.contains("        [") })
    let shortened = firstRow.prefix { $0 != "," } + "],"
    let ragged = text.replacingFirst(String(firstRow), with: String(shortened))
    #expect(Self.error(ragged) == "layer 1: row 2 of the weights has 4 values, row 1 has 1")
  }

  @Test func unknownNamesAreRefusedWithASuggestion() throws {
    #expect(
      Self.error(try Self.edited("\"activation\": \"tanh\"", "\"activation\": \"tahn\""))
        == "`architecture.activation` is \"tahn\", which is none of \"relu\", \"leaky_relu\", "
        + "\"tanh\", \"sigmoid\", \"linear\"")
    #expect(
      Self.error(try Self.edited("\"head\": \"softmax\"", "\"head\": \"logits\""))
        == "`architecture.head` is \"logits\", which is none of \"softmax\", \"sigmoid\", \"linear\""
    )
  }

  @Test func missingFieldsAreNamed() throws {
    #expect(
      Self.error(try Self.edited("    \"seed\": 3\n", "    \"extra\": 3\n"))
        == "`architecture` has no `seed` field")
    #expect(
      Self.error(
        try Self.edited("\"biases\": [0.1, 1e-300, -0.0]", "\"bias\": [0.1, 1e-300, -0.0]"))
        == "layer 2 has no `biases` field")
  }

  @Test func nonFiniteNumbersAreRefused() throws {
    #expect(
      Self.error(try Self.edited("5e-324", "1e999"))
        == "layer 2: the weight in row 1, column 1 is not a finite number")
    #expect(Self.error(try Self.edited("5e-324", "NaN"))?.contains("unexpected `N`") == true)
    #expect(
      Self.error(try Self.edited("5e-324", "null"))
        == "layer 2: the weight in row 1, column 1 is null, not a number")
  }

  @Test func aHeadThatDoesNotFitTheOutputsIsRefused() throws {
    #expect(
      Self.error(try Self.edited("\"head\": \"softmax\"", "\"head\": \"sigmoid\""))
        == "architecture: outputs must be 1 for a sigmoid head (use softmax for more), got 3")
  }

  @Test func nonFiniteWeightsCannotBeSaved() throws {
    var model = try Self.model()
    try model.setParameters(
      ofLayer: 1, weights: Matrix(rows: 4, columns: 3, repeating: .nan), biases: [0, 0, 0])
    #expect(throws: ModelFileError.self) {
      try ModelFile(model: model, initialization: .he, seed: 0).json()
    }
  }
}

/// The JSON reader itself.
@Suite struct JSONParserTests {
  @Test func readsEveryKindOfValue() throws {
    let value = try JSONParser.parse(
      Array(#"{"a": [1, -2.5e3, true, false, null], "b": "x\n\u00e9\ud83d\ude00\"", "c": {}}"#.utf8)
    )
    #expect(
      value
        == .object([
          "a": .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]),
          "b": .string("x\né😀\""), "c": .object([:]),
        ]))
  }

  @Test func errorsHaveLineAndColumn() {
    #expect(
      throws: JSONSyntaxError(
        line: 2, column: 8, message: "expected `,` or `]` after an item of an array, found `2`")
    ) {
      try JSONParser.parse(Array("[\n  1, 2 2]".utf8))
    }
  }

  @Test func duplicateKeysLeadingZerosAndDeepNestingAreRefused() {
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(#"{"a": 1, "a": 2}"#.utf8)) }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("[01]".utf8)) }
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(deep.utf8)) }
  }

  @Test func shortestRoundTripDoublesReadBackExactly() throws {
    let values: [Double] = [0.1, 1e-300, 5e-324, -0.0, 1.7976931348623157e308, 123456789.123456789]
    let text = "[" + values.map(\.description).joined(separator: ", ") + "]"
    guard case .array(let items) = try JSONParser.parse(Array(text.utf8)) else {
      Issue.record("expected an array")
      return
    }
    let read = items.compactMap { item -> Double? in
      if case .number(let number) = item { return number }
      return nil
    }
    #expect(read.map(\.bitPattern) == values.map(\.bitPattern))
  }
}

extension String {
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
