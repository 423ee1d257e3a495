import NeuralNet
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `FeatureExpression` terms and `Dataset.expanded(with:)`, TensorFlow Playground's feature choices.
@Suite struct FeatureExpressionTests {
  static let data = try! Dataset(
    name: "pair", features: Matrix(rows: 2, columns: 2, elements: [2, -3, 0.5, 4]),
    labels: [0, 1])

  static func terms(_ texts: [String]) throws -> [FeatureExpression] {
    try texts.map { (text) throws(NeuralNetError) in try FeatureExpression(parsing: text) }
  }

  @Test func termsParseToTheirCases() throws {
    #expect(try FeatureExpression(parsing: "x1") == .feature(0))
    #expect(try FeatureExpression(parsing: "x12") == .feature(11))
    #expect(try FeatureExpression(parsing: "x2^2") == .power(1, exponent: 2))
    #expect(try FeatureExpression(parsing: "x1^9") == .power(0, exponent: 9))
    #expect(try FeatureExpression(parsing: "x1*x2") == .product(0, 1))
    #expect(try FeatureExpression(parsing: " x2 * x2 ") == .product(1, 1))
    #expect(try FeatureExpression(parsing: "sin(x1)") == .sine(0))
    #expect(try FeatureExpression(parsing: "cos( x3 )") == .cosine(2))
  }

  @Test func termsPrintInTheirWrittenForm() throws {
    let written = ["x1", "x2^3", "x1*x2", "sin(x2)", "cos(x1)"]
    #expect(try Self.terms(written).map(\.description) == written)
    #expect(try FeatureExpression(parsing: "x1 * x2").description == "x1*x2")
  }

  @Test func expandedComputesEachTermPerExample() throws {
    let terms = try Self.terms(["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"])
    let expanded = try Self.data.expanded(with: terms)
    #expect(expanded.featureCount == 7)
    #expect(expanded.labels == [0, 1])
    #expect(expanded.classNames == ["0", "1"])
    #expect(Array(expanded.features.row(0)) == [2, -3, 4, 9, -6, sin(2), sin(-3)])
    #expect(Array(expanded.features.row(1)) == [0.5, 4, 0.25, 16, 2, sin(0.5), sin(4)])
    #expect(expanded.name == "pair features [x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)]")
  }

  @Test func powersAndCosinesAreExact() throws {
    let expanded = try Self.data.expanded(with: try Self.terms(["x2^3", "x1^5", "cos(x1)"]))
    #expect(Array(expanded.features.row(0)) == [-27, 32, cos(2)])
    #expect(Array(expanded.features.row(1)) == [64, 0.03125, cos(0.5)])
  }

  @Test func unknownTermsNameTheTermAndListTheAcceptedForms() {
    for text in [
      "x0", "y1", "x1^^2", "x1^10", "x1^1", "x1**2", "x1*x2*x3", "tan(x1)", "sin(x1", "", "x01",
      "x-1",
    ] {
      #expect(
        throws: NeuralNetError.invalidArgument(
          name: "feature term", value: "\"\(text)\"",
          expected: "one of xN, xN^k (k in 2...9), xI*xJ, sin(xN) or cos(xN)")
      ) { try FeatureExpression(parsing: text) }
    }
  }

  @Test func termsBeyondTheDatasetsFeaturesAreRejectedByName() throws {
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "feature term", value: "\"x1*x3\"",
        expected: "about x1...x2 (the data has 2 features)")
    ) { try Self.data.expanded(with: [.feature(0), .product(0, 2)]) }
    #expect(throws: NeuralNetError.self) { try Self.data.expanded(with: []) }
  }

  @Test func overflowingTermsAreRejected() throws {
    let huge = try Dataset(name: "huge", features: Matrix(row: [1e40]), labels: [0])
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "feature term", value: "inf for example 1", expected: "finite, but x1^9 overflows")
    ) { try huge.expanded(with: [.feature(0), .power(0, exponent: 9)]) }
  }
}

/// Derived datasets keep the names of their columns.
@Suite struct DerivedDatasetNameTests {
  @Test func augmentKeepsAndFeaturesRenameTheColumns() throws {
    let data = try Dataset(
      name: "named", features: Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4]),
      labels: [0, 1], featureNames: ["a", "b"], labelName: "kind")
    let augmented = try data.augmented(copies: 1, noise: 0, seed: 0)
    #expect(augmented.featureNames == ["a", "b"] && augmented.labelName == "kind")
    let expanded = try data.expanded(with: [.feature(0), .power(1, exponent: 2)])
    #expect(expanded.featureNames == ["x1", "x2^2"] && expanded.labelName == "kind")
  }
}
