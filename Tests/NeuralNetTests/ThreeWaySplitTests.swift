import NeuralNet
import Testing

/// `Dataset.split(validationFraction:testFraction:seed:)`, and that adding it left the two-way split
/// exactly as it was.
@Suite struct ThreeWaySplitTests {
  static func numbered(labels: [Int]) throws -> Dataset {
    try Dataset(
      name: "numbered", features: Matrix(column: labels.indices.map(Double.init)), labels: labels)
  }

  static func rows(of dataset: Dataset) -> [Int] {
    dataset.features.column(0).map { Int($0) }
  }

  /// The two-way split as first written (before the three-way split shared its shuffling), kept
  /// here as the reference its results must keep matching bit for bit.
  static func originalTwoWaySplit(_ data: Dataset, testFraction: Double, seed: Int) -> [Int] {
    var generator = SeededGenerator(seed: UInt32(seed))
    var isTest = [Bool](repeating: false, count: data.count)
    for label in 0..<data.classCount {
      var members = data.labels.indices.filter { data.labels[$0] == label }
      guard !members.isEmpty else { continue }
      generator.shuffle(&members)
      let share = (Double(members.count) * testFraction).rounded(.toNearestOrAwayFromZero)
      let testCount = members.count == 1 ? Int(share) : min(Int(share), members.count - 1)
      for index in members.prefix(testCount) { isTest[index] = true }
    }
    return isTest.indices.filter { isTest[$0] }
  }

  @Test func twoWaySplitIsUnchanged() throws {
    let cases: [(Dataset, Double, Int)] = [
      (try Dataset.moons(count: 200, noise: 0.2, seed: 0), 0.2, 1),
      (try Dataset.spiral(count: 301, arms: 3, seed: 2), 0.25, 42),
      (try Dataset.blobs(count: 37, centers: 5, seed: 4), 0.5, 0),
      (try Self.numbered(labels: [0, 1, 1, 2, 2, 2, 0, 3]), 0.5, 9),
    ]
    for (data, fraction, seed) in cases {
      let (train, test) = try data.split(testFraction: fraction, seed: seed)
      let testRows = Self.originalTwoWaySplit(data, testFraction: fraction, seed: seed)
      let trainRows = (0..<data.count).filter { !testRows.contains($0) }
      #expect(test == data.subset(testRows, name: data.name + " test"))
      #expect(train == data.subset(trainRows, name: data.name + " train"))
    }
  }

  @Test func sizesFollowTheDocumentedRounding() throws {
    let data = try Dataset.spiral(count: 300, arms: 3, seed: 2)
    let (train, validation, test) = try data.split(
      validationFraction: 0.15, testFraction: 0.2, seed: 1)
    #expect(test.classCounts == [20, 20, 20])
    #expect(validation.classCounts == [15, 15, 15])
    #expect(train.classCounts == [65, 65, 65])
    // 33 examples: round(3.3) = 3 test, round(4.95) = 5 validation, 25 train.
    let odd = try Self.numbered(labels: Array(repeating: 0, count: 33))
    let parts = try odd.split(validationFraction: 0.15, testFraction: 0.1, seed: 0)
    #expect([parts.train.count, parts.validation.count, parts.test.count] == [25, 5, 3])
    // Halves round away from zero: 10 · 0.25 = 2.5 -> 3.
    let ten = try Self.numbered(labels: Array(repeating: 0, count: 10))
    let halves = try ten.split(validationFraction: 0.25, testFraction: 0.25, seed: 0)
    #expect([halves.train.count, halves.validation.count, halves.test.count] == [4, 3, 3])
  }

  @Test func setsAreDisjointCoverEverythingAndKeepRowOrder() throws {
    let labels = (0..<91).map { $0 % 4 == 0 ? 1 : 0 }
    let data = try Self.numbered(labels: labels)
    let (train, validation, test) = try data.split(
      validationFraction: 0.2, testFraction: 0.3, seed: 5)
    let all = [train, validation, test].map(Self.rows)
    #expect(all.flatMap { $0 }.sorted() == Array(0..<91))
    #expect(Set(all[0]).isDisjoint(with: all[1]) && Set(all[1]).isDisjoint(with: all[2]))
    #expect(all.allSatisfy { $0 == $0.sorted() })
    #expect(train.name == "numbered train")
    #expect(validation.name == "numbered val")
    #expect(test.name == "numbered test")
  }

  @Test func theTestSetIsTheTwoWaySplitsTestSet() throws {
    let data = try Dataset.moons(count: 150, noise: 0.1, seed: 3)
    let threeWay = try data.split(validationFraction: 0.2, testFraction: 0.2, seed: 8)
    let twoWay = try data.split(testFraction: 0.2, seed: 8)
    #expect(threeWay.test == twoWay.test)
    #expect(threeWay.validation.count == 30)
    #expect(threeWay.train.count == 90)
  }

  @Test func threeWaySplitIsSeeded() throws {
    let data = try Dataset.moons(count: 80, noise: 0.1, seed: 0)
    let first = try data.split(validationFraction: 0.25, testFraction: 0.25, seed: 2)
    let again = try data.split(validationFraction: 0.25, testFraction: 0.25, seed: 2)
    let other = try data.split(validationFraction: 0.25, testFraction: 0.25, seed: 3)
    #expect(first.validation == again.validation && first.test == again.test)
    #expect(first.validation.features != other.validation.features)
  }

  @Test func aClassOfTwoOrMoreAlwaysKeepsATrainingExample() throws {
    let data = try Self.numbered(labels: [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    let (train, validation, test) = try data.split(
      validationFraction: 0.4, testFraction: 0.5, seed: 0)
    #expect(train.classCounts == [1, 1])
    #expect(test.classCounts == [2, 5])
    #expect(validation.classCounts == [0, 3])
  }

  @Test func impossibleFractionsAndEmptySetsAreRejected() throws {
    let data = try Dataset.moons(count: 10)
    #expect(throws: NeuralNetError.self) {
      try data.split(validationFraction: 0, testFraction: 0.2)
    }
    #expect(throws: NeuralNetError.self) {
      try data.split(validationFraction: 0.2, testFraction: 1)
    }
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "val", value: "0.5",
        expected: "a fraction that leaves examples for training (val + test < 1; test is 0.5)")
    ) { try data.split(validationFraction: 0.5, testFraction: 0.5) }
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "val", value: "0.01",
        expected:
          "a fraction that leaves examples in each of train, validation and test (of 10 examples)")
    ) { try data.split(validationFraction: 0.01, testFraction: 0.2) }
  }
}
