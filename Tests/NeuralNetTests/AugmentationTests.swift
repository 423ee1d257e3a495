import NeuralNet
import Testing

/// `Dataset.augmented(copies:noise:seed:)`: the originals, then jittered copies with the same labels.
@Suite struct AugmentationTests {
  static let data = try! Dataset(
    name: "tiny", features: Matrix(rows: 3, columns: 2, elements: [0, 1, 2, 3, 4, 5]),
    labels: [0, 1, 1])

  @Test func originalsComeFirstThenCopiesWithTheSameLabels() throws {
    let augmented = try Self.data.augmented(copies: 2, noise: 0.1, seed: 1)
    #expect(augmented.count == 9)
    #expect(augmented.featureCount == 2)
    #expect(augmented.labels == [0, 1, 1, 0, 1, 1, 0, 1, 1])
    #expect(Array(augmented.features.elements.prefix(6)) == [0, 1, 2, 3, 4, 5])
    #expect(augmented.classNames == Self.data.classNames)
    #expect(augmented.name == "tiny augmented x3")
  }

  @Test func noiseIsDrawnRowByRowFromTheSeededGenerator() throws {
    let augmented = try Self.data.augmented(copies: 2, noise: 0.5, seed: 42)
    var generator = SeededGenerator(seed: 42)
    let original = Self.data.features.elements
    let expected =
      original + (0..<2).flatMap { _ in original.map { $0 + 0.5 * generator.standardNormal() } }
    #expect(augmented.features.elements == expected)
  }

  @Test func noiseHasTheRequestedDeviation() throws {
    let zeros = try Dataset(
      name: "zeros", features: Matrix(rows: 100, columns: 2),
      labels: Array(repeating: 0, count: 100))
    let augmented = try zeros.augmented(copies: 100, noise: 0.3, seed: 5)
    let jitter = Array(augmented.features.elements.dropFirst(200))
    let mean = jitter.reduce(0, +) / Double(jitter.count)
    let variance = jitter.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(jitter.count)
    #expect(jitter.count == 20_000)
    #expect(abs(mean) < 0.01)
    #expect(abs(variance.squareRoot() - 0.3) < 0.006)
  }

  @Test func zeroNoiseGivesExactCopies() throws {
    let augmented = try Self.data.augmented(copies: 3, noise: 0, seed: 9)
    let original = Self.data.features.elements
    #expect(augmented.features.elements == original + original + original + original)
  }

  @Test func augmentationIsDeterminedByTheSeed() throws {
    let moons = try Dataset.moons(count: 40, noise: 0.1)
    #expect(
      try moons.augmented(copies: 1, noise: 0.1, seed: 3)
        == moons.augmented(copies: 1, noise: 0.1, seed: 3))
    #expect(
      try moons.augmented(copies: 1, noise: 0.1, seed: 3).features
        != moons.augmented(copies: 1, noise: 0.1, seed: 4).features)
  }

  @Test func badCopiesAndNoiseAreRejected() throws {
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "copies", value: "0", expected: "in 1...333332 (at most 1000000 examples in all)")
    ) { try Self.data.augmented(copies: 0, noise: 0.1) }
    #expect(throws: NeuralNetError.self) { try Self.data.augmented(copies: 333_333, noise: 0.1) }
    #expect(throws: NeuralNetError.self) { try Self.data.augmented(copies: 1, noise: -0.1) }
    #expect(throws: NeuralNetError.self) { try Self.data.augmented(copies: 1, noise: .infinity) }
    #expect(throws: NeuralNetError.self) {
      try Self.data.augmented(copies: 1, noise: 0.1, seed: -3)
    }
    let large = try Dataset.moons(count: 600_000)
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "data", value: "600000 examples",
        expected: "at most 500000 examples to augment (the result holds at most 1000000)")
    ) { try large.augmented(copies: 1, noise: 0.1) }
  }
}
