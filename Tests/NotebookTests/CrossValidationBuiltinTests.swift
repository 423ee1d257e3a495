import CellLanguage
import NeuralNet
import Testing

@testable import Notebook

/// `cross_validate` as a notebook calls it: a table of folds, fresh models, the original untouched.
@Suite struct CrossValidationBuiltinTests {
  static let setup = """
    data = moons(n: 60, noise: 0.2, seed: 0)
    model = mlp(inputs: 2, hidden: [6], outputs: 2, seed: 3)

    """

  @Test func showsATableOfFoldsAndTheMeanAndSampleStd() throws {
    let text = BuiltinTests.output(
      Self.setup + "cross_validate(model, data, k: 3, seed: 1, epochs: 50, lr: 0.5)")
    let lines = text.split(separator: "\n")
    try #require(lines.count == 6)
    #expect(lines[0] == "fold  train n  val n  final loss  val accuracy")
    #expect(lines[1] == "----  -------  -----  ----------  ------------")
    #expect(lines[2].hasPrefix("   1       40     20      "))
    #expect(lines[4].hasPrefix("   3       40     20      "))
    #expect(lines[5].hasPrefix("val accuracy "))
    #expect(lines[5].hasSuffix("(mean +/- sample std over 3 folds)"))
  }

  @Test func membersGiveAccuraciesMeanAndStd() {
    let text = BuiltinTests.output(
      Self.setup
        + """
        cv = cross_validate(model, data, k: 4, epochs: 30, lr: 0.5)
        a = cv.accuracies
        m = sum(a) / len(a)
        s = 0
        for x in a { s = s + (x - m) * (x - m) }
        print(len(a), cv.k, len(cv.losses))
        print(round(cv.mean - m, 12), round(cv.std * cv.std - s / 3, 12))
        """)
    #expect(text == "4 4 4\n0 0")
  }

  @Test func printsNoTrainingLogAndLeavesTheModelUnchanged() {
    let text = BuiltinTests.output(
      Self.setup
        + """
        before = proba(model, data)
        cv = cross_validate(model, data, k: 3, epochs: 40, lr: 0.5, log_every: 10)
        proba(model, data) == before
        """)
    #expect(text == "true")
  }

  @Test func everyFoldStartsFromTheModelsInitialWeights() {
    let text = BuiltinTests.output(
      Self.setup
        + """
        fresh = cross_validate(model, data, k: 3, epochs: 40, lr: 0.5)
        fit(model, data, epochs: 100, lr: 0.5, log_every: 0)
        trained = cross_validate(model, data, k: 3, epochs: 40, lr: 0.5)
        fresh.accuracies == trained.accuracies and fresh.losses == trained.losses
        """)
    #expect(text == "true")
  }

  @Test func aModelWithoutARecordedSeedStartsFromItsCurrentWeights() throws {
    var model = try MultilayerPerceptron(
      inputs: 2, hidden: [4, 3], outputs: 2, activation: .tanh, initialization: .xavier, seed: 9)
    let rebuilt = try NotebookBuiltins.freshModel(like: model, initialization: .xavier, seed: 9)
    #expect(rebuilt == model)
    try model.fit(try Dataset.moons(count: 20), options: TrainingOptions(epochs: 5))
    #expect(
      try NotebookBuiltins.freshModel(like: model, initialization: .xavier, seed: 9) == rebuilt)
    #expect(try NotebookBuiltins.freshModel(like: model, initialization: nil, seed: nil) == model)
  }

  @Test func theSameSeedGivesTheSameFolds() {
    let text = BuiltinTests.output(
      Self.setup
        + """
        a = cross_validate(model, data, k: 3, seed: 4, epochs: 20)
        b = cross_validate(model, data, k: 3, seed: 4, epochs: 20)
        a.losses == b.losses
        """)
    #expect(text == "true")
  }

  @Test func badKAndMismatchedModelsAreClearErrors() {
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(model, data, k: 1)")
        == "3:32: error: `k` must be in 2...100, got 1")
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(model, moons(n: 4), k: 5)")
        == "3:39: error: `k` must be at most the number of examples (4), got 5")
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(model, data, k: 2.5)")
        == "3:32: error: expected a whole number for `k`, got 2.5")
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(model, data, val: data)")?.hasPrefix(
        "3:29: error: `cross_validate` has no argument `val`") == true)
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(model, blobs(n: 30, centers: 3))")
        == "3:23: error: `data` has 3 classes but the model tells 2 apart | make the model with outputs: 3 (softmax)"
    )
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(mlp(inputs: 3, outputs: 2), data)")
        == "3:44: error: the model takes 3 features but `data` has 2")
    #expect(
      BuiltinTests.error(
        Self.setup + "cross_validate(mlp(inputs: 2, outputs: 1, output: \"linear\"), data)")?
        .hasPrefix("3:16: error: `cross_validate` needs a classifier, but `model` has a linear")
        == true)
    #expect(
      BuiltinTests.error(Self.setup + "cross_validate(model, data, lr: -1)")
        == "3:33: error: `lr` must be in 1e-12...1000000000000, got -1")
  }

  @Test func acceptsEveryTrainingOptionOfFit() {
    let builtin = NotebookBuiltins.registry["cross_validate"]
    let labels = Set(builtin?.parameters.map(\.label) ?? [])
    #expect(labels.isSuperset(of: NotebookBuiltins.trainingOptionNames))
  }

  @Test func stopsBetweenEpochsWhenInterruptedAndReportsProgress() {
    final class Counter {
      var calls = 0
      var details: [String] = []
    }
    let counter = Counter()
    let context = ExecutionContext(
      isInterrupted: {
        counter.calls += 1
        return counter.calls > 60
      },
      progress: { counter.details.append($0.detail) })
    var interpreter = Interpreter(builtins: NotebookBuiltins.registry)
    _ = interpreter.run(Self.setup, context: context)
    let result = interpreter.run(
      "cross_validate(model, data, k: 3, epochs: 40, lr: 0.5)", context: context)
    #expect(result.diagnostics.first?.message.hasPrefix("interrupted at epoch") == true)
    #expect(result.diagnostics.first?.message.hasSuffix("of fold 2 of 3") == true)
    #expect(counter.details.first?.hasPrefix("fold 1/3, loss ") == true)
    #expect(counter.details.contains { $0.hasPrefix("fold 2/3, loss ") })
  }
}
