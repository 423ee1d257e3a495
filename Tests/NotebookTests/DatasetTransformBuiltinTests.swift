import CellLanguage
import Testing

@testable import Notebook

/// `split(…, val:)`, `augment` and `features` as a notebook calls them.
@Suite struct DatasetTransformBuiltinTests {
  @Test func splitWithValReturnsTrainValAndTest() {
    #expect(
      BuiltinTests.output(
        "train, val, test = split(moons(n: 100), val: 0.15, test: 0.2, seed: 1)\n[train.n, val.n, test.n]"
      ) == "[64, 16, 20]")
    #expect(
      BuiltinTests.output("split(moons(n: 100), val: 0.1)[1].name")
        == "moons(n: 100, noise: 0, seed: 0) val")
  }

  @Test func splitWithoutValStillReturnsTrainAndTest() {
    #expect(BuiltinTests.output("len(split(moons(n: 100), test: 0.3, seed: 2))") == "2")
  }

  @Test func splitRejectsFractionsThatLeaveNoTraining() {
    #expect(
      BuiltinTests.error("split(moons(n: 100), val: 0.5, test: 0.5)")
        == "1:27: error: `val` must be a fraction that leaves examples for training (val + test < 1; test is 0.5), got 0.5"
    )
    #expect(
      BuiltinTests.error("split(moons(n: 10), val: 0.01)")?.hasPrefix(
        "1:26: error: `val` must be a fraction that leaves examples in each of train, validation and test"
      ) == true)
  }

  @Test func standardizePointsAtTheArgumentThatIsNoDataset() {
    #expect(
      BuiltinTests.error("d = moons(n: 10)\nstandardize(d, d, 5)")
        == "2:19: error: expected a dataset for argument 3 of `standardize`, got a number")
    #expect(
      BuiltinTests.error("standardize(5)")
        == "1:13: error: expected a dataset for `data`, got a number")
  }

  @Test func augmentAppendsJitteredCopies() {
    #expect(
      BuiltinTests.output("augment(moons(n: 10), copies: 2, noise: 0.1, seed: 4)")
        == "moons(n: 10, noise: 0, seed: 0) augmented x3: 30 points, 2 features, 2 classes (0: 15, 1: 15)"
    )
    #expect(BuiltinTests.output("augment(xor(n: 8)).n") == "16")
    #expect(
      BuiltinTests.output(
        "d = moons(n: 4)\na = augment(d, noise: 0)\na.labels == d.labels + d.labels")
        == "true")
  }

  @Test func augmentRejectsBadCopiesAndNoise() {
    #expect(
      BuiltinTests.error("augment(moons(n: 10), copies: 0)")
        == "1:31: error: `copies` must be in 1...1000000, got 0")
    #expect(
      BuiltinTests.error("augment(moons(n: 10), copies: 100000)")
        == "1:31: error: `copies` must be in 1...99999 (at most 1000000 examples in all), got 100000"
    )
    #expect(
      BuiltinTests.error("augment(moons(n: 10), noise: -1)")
        == "1:30: error: `noise` must be in 0...1000, got -1")
  }

  @Test func featuresExpandsTheDatasetByTerm() {
    let setup =
      "d = features(moons(n: 6), [\"x1\", \"x2\", \"x1^2\", \"x1*x2\", \"sin(x1)\", \"cos(x2)\"])\n"
    #expect(BuiltinTests.output(setup + "d.features") == "6")
    #expect(
      BuiltinTests.output(setup + "d.name")
        == "moons(n: 6, noise: 0, seed: 0) features [x1, x2, x1^2, x1*x2, sin(x1), cos(x2)]")
    #expect(BuiltinTests.output(setup + "d.labels == moons(n: 6).labels") == "true")
  }

  @Test func featuresNamesTheBadTerm() {
    #expect(
      BuiltinTests.error("features(moons(), [\"x1\", \"x1^^2\"])")
        == "1:19: error: unknown feature term \"x1^^2\" | terms are xN, xN^k (k in 2...9), xI*xJ, sin(xN) or cos(xN), e.g. \"x1^2\" or \"x1*x2\""
    )
    #expect(
      BuiltinTests.error("features(moons(), [\"x1*x3\"])")
        == "1:19: error: feature term \"x1*x3\" reads x3, but the data has only 2 features (x1 to x2)"
    )
    #expect(
      BuiltinTests.error("features(moons(), [])")?.hasPrefix(
        "1:19: error: `terms` must list 1 to 4096 feature terms, got 0") == true)
    #expect(
      BuiltinTests.error("features(moons(), [2])")
        == "1:19: error: expected feature terms as strings in `terms`, got a number | write each term in quotes: [\"x1\", \"x1^2\"]"
    )
  }
}
