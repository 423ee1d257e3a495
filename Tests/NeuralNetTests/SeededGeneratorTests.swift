import Testing

@testable import NeuralNet

/// The generator must reproduce NumPy's legacy `RandomState` bit for bit.
@Suite struct SeededGeneratorTests {
  static let seeds: [UInt32] = [0, 1, 42, 4_294_967_295]

  @Test(arguments: seeds)
  func randomSampleEqualsNumPy(seed: UInt32) throws {
    var generator = SeededGenerator(seed: seed)
    let expected = try ReferenceFiles.numpyDraws(seed: seed, method: "random_sample")
    for text in expected {
      #expect(generator.nextDouble().bitPattern == Double(String(text))!.bitPattern)
    }
  }

  @Test(arguments: seeds)
  func standardNormalEqualsNumPyIncludingCachedSecondValue(seed: UInt32) throws {
    var generator = SeededGenerator(seed: seed)
    let expected = try ReferenceFiles.numpyDraws(seed: seed, method: "standard_normal")
    #expect(expected.count == 7)
    for text in expected {
      #expect(generator.standardNormal().bitPattern == Double(String(text))!.bitPattern)
    }
  }

  @Test(arguments: seeds)
  func boundedIntegersEqualNumPyRandint(seed: UInt32) throws {
    var generator = SeededGenerator(seed: seed)
    let expected = try ReferenceFiles.numpyDraws(seed: seed, method: "randint_0_to_9").map {
      Int(String($0))!
    }
    let drawn = expected.map { _ in generator.integer(in: 0..<10) }
    #expect(drawn == expected)
  }

  @Test(arguments: seeds)
  func shuffleEqualsNumPy(seed: UInt32) throws {
    var generator = SeededGenerator(seed: seed)
    let expected = try ReferenceFiles.numpyDraws(seed: seed, method: "shuffle_arange10").map {
      Int(String($0))!
    }
    var values = Array(0..<10)
    generator.shuffle(&values)
    #expect(values == expected)
  }

  @Test func randnMatrixIsDrawnInRowMajorOrder() throws {
    var generator = SeededGenerator(seed: 3)
    let expected = try ReferenceFiles.numpyDraws(seed: 3, method: "randn_3x2_rowmajor")
    for text in expected {
      #expect(generator.standardNormal().bitPattern == Double(String(text))!.bitPattern)
    }
  }

  @Test func sameSeedGivesSameStreamAndCopiesFork() {
    var first = SeededGenerator(seed: 7)
    var second = SeededGenerator(seed: 7)
    _ = first.standardNormal()
    var fork = first
    #expect(first.standardNormal() == fork.standardNormal())
    _ = second.standardNormal()
    #expect(second.nextUInt32() == first.nextUInt32())
  }

  @Test func differentSeedsGiveDifferentStreams() {
    var first = SeededGenerator(seed: 1)
    var second = SeededGenerator(seed: 2)
    #expect((0..<4).map { _ in first.nextUInt32() } != (0..<4).map { _ in second.nextUInt32() })
  }

  @Test func defaultSeedIsFixed() {
    var implicit = SeededGenerator()
    var explicit = SeededGenerator(seed: 0)
    #expect(implicit.nextDouble() == explicit.nextDouble())
  }

  @Test func wideRangesEqualNumPyRandintOnSixtyFourBitDraws() throws {
    var generator = SeededGenerator(seed: 5)
    let expected = try ReferenceFiles.lines("numpy-randint-wide-seed5.txt")[0]
      .split(separator: " ").map { Int(String($0))! }
    let drawn = expected.map { _ in generator.integer(in: 0..<(1 << 40) + 1) }
    #expect(drawn == expected)
  }
}

@Suite struct BulkUniformTests {
  /// Filling a buffer draws exactly the doubles `nextDouble()` would, whatever the generator's
  /// position (pairs straddling a refill included).
  @Test(arguments: [0, 1, 2, 623, 624, 1247])
  func fillingABufferDrawsTheSameStreamAsOneAtATime(skipped: Int) {
    var bulk = SeededGenerator(seed: 42)
    var single = SeededGenerator(seed: 42)
    for _ in 0..<skipped {
      _ = bulk.nextUInt32()
      _ = single.nextUInt32()
    }
    var buffer = [Double](repeating: -1, count: 1000)
    buffer.withUnsafeMutableBufferPointer { bulk.fillUniform($0) }
    let expected = (0..<1000).map { _ in single.nextDouble() }
    #expect(buffer.map(\.bitPattern) == expected.map(\.bitPattern))
    #expect(bulk.nextUInt32() == single.nextUInt32())
  }

  /// Buffers of every length up to 40 (the vector loop's eight pairs at a time, and the pairs
  /// left over), from the start of a refill and from 19 words before its end.
  @Test(arguments: [0, 605])
  func fillingShortBuffersDrawsTheSameStream(skipped: Int) {
    for count in 1...40 {
      var bulk = SeededGenerator(seed: 7)
      var single = SeededGenerator(seed: 7)
      for _ in 0..<skipped {
        _ = bulk.nextUInt32()
        _ = single.nextUInt32()
      }
      var buffer = [Double](repeating: -1, count: count)
      buffer.withUnsafeMutableBufferPointer { bulk.fillUniform($0) }
      let expected = (0..<count).map { _ in single.nextDouble() }
      #expect(buffer.map(\.bitPattern) == expected.map(\.bitPattern), "\(count) doubles")
      #expect(bulk.nextUInt32() == single.nextUInt32(), "after \(count) doubles")
    }
  }
}
