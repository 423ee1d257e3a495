import CellLanguage
import Foundation
import Testing

@testable import Notebook

/// One test per notebook built-in: each runs a small cell through the interpreter and checks what a
/// user sees.
@Suite struct BuiltinTests {
  static func run(_ source: String) -> CellResult {
    var interpreter = Interpreter(builtins: NotebookBuiltins.registry)
    return interpreter.run(source)
  }

  static func output(_ source: String) -> String {
    let result = run(source)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return result.output.map(\.plain).joined(separator: "\n")
  }

  static func error(_ source: String) -> String? {
    run(source).diagnostics.first.map { "\($0.description)" + ($0.hint.map { " | \($0)" } ?? "") }
  }

  @Test func circlesShowsASummaryLine() {
    #expect(
      Self.output("circles(n: 10, noise: 0.1, factor: 0.5, seed: 42)")
        == "circles(n: 10, noise: 0.1, factor: 0.5, seed: 42): 10 points, 2 features, 2 classes (0: 5, 1: 5)"
    )
  }

  @Test func moonsXorSpiralAndBlobsMakeDatasets() {
    #expect(Self.output("moons(n: 7).n") == "7")
    #expect(Self.output("xor(n: 8, seed: 1).classes") == "[\"0\", \"1\"]")
    #expect(Self.output("len(spiral(n: 30, arms: 3).labels)") == "30")
    #expect(Self.output("blobs(n: 12, centers: 4).classes") == "[\"0\", \"1\", \"2\", \"3\"]")
  }

  @Test func impossibleSizesAreClearErrors() {
    #expect(
      Self.error("circles(n: 1e15)")
        == "1:12: error: `n` must be in 1...1000000, got 1000000000000000")
    #expect(Self.error("moons(n: 1.5)") == "1:10: error: expected a whole number for `n`, got 1.5")
    #expect(
      Self.error("circles(n: 10, factor: 2)") == "1:24: error: `factor` must be in [0, 1), got 2")
  }

  @Test func splitReturnsTrainAndTestKeepingClassShares() {
    #expect(
      Self.output("train, test = split(moons(n: 100), test: 0.2, seed: 1)\n[train.n, test.n]")
        == "[80, 20]")
  }

  @Test func standardizeScalesEveryDatasetByTheFirst() {
    let text = Self.output(
      "a, b = split(blobs(n: 40), test: 0.5)\nx, y = standardize(a, b)\nprint(x.n, y.n)\nstandardize(a).n"
    )
    #expect(text == "19 21\n19")
    #expect(
      Self.error("standardize(moons(), 3)")?.contains("expected a dataset for argument 2") == true)
  }

  @Test func mlpShowsASummaryTable() {
    #expect(
      Self.output("mlp(inputs: 2, hidden: [16], outputs: 1, seed: 42)") == """
        layer     shape    activation  parameters
        --------  -------  ----------  ----------
        hidden 1  2 -> 16  relu                48
        output    16 -> 1  sigmoid             17
        total 65 parameters, he init, seed 42
        """)
    #expect(
      Self.error("mlp(inputs: 2, outputs: 2, activation: \"rel\")")
        == "1:40: error: `activation` must be one of \"relu\", \"leaky_relu\", \"tanh\", \"sigmoid\", \"linear\", got \"rel\" | did you mean `relu`?"
    )
    #expect(
      Self.error("mlp(inputs: 2, outputs: 2, output: \"sigmoid\")")
        == "1:25: error: `outputs` must be 1 for a sigmoid head (use softmax for more), got 2")
  }

  @Test func fitLogsTheLossAndReturnsTheHistory() throws {
    let text = Self.output(
      """
      data = circles(n: 100, noise: 0.1, factor: 0.5, seed: 42)
      model = mlp(inputs: 2, hidden: [16], outputs: 1, seed: 42)
      history = fit(model, data, epochs: 201, lr: 0.5)
      history
      """)
    let lines = text.split(separator: "\n")
    try #require(lines.count == 4)
    #expect(lines[0].hasPrefix("epoch 0  loss 0."))
    #expect(lines[2].hasPrefix("epoch 200  loss"))
    #expect(lines[3].hasPrefix("history: 201 epochs, final loss"))
    #expect(lines[3].hasSuffix(", completed"))
  }

  @Test func fitReportsDivergenceInTheLog() {
    let text = Self.output(
      """
      data = moons(n: 200, noise: 0.2)
      model = mlp(inputs: 2, hidden: [32], outputs: 2, seed: 1)
      h = fit(model, data, lr: 1000, reduction: "sum", log_every: 0)
      print(h.stop, h.diverged)
      """)
    #expect(text.hasPrefix("diverged at epoch"))
    #expect(text.hasSuffix(" true"))
  }

  @Test func fitStopsOnTheToleranceCriterion() {
    let text = Self.output(
      """
      data = moons(n: 100, noise: 0.2)
      model = mlp(inputs: 2, hidden: [8], outputs: 2)
      fit(model, data, epochs: 5000, lr: 0.5, tol: 0.01, check_every: 20, log_every: 0).stop
      """)
    #expect(text.hasPrefix("converged at epoch"))
  }

  @Test func fitRejectsBadSettingsWithTheArgumentsName() {
    let setup = "m = mlp(inputs: 2, outputs: 2)\nd = moons()\n"
    #expect(
      Self.error(setup + "fit(m, d, lr: -1)")
        == "3:15: error: `lr` must be in 1e-12...1000000000000, got -1")
    #expect(
      Self.error(setup + "fit(m, d, epoch: 5)")
        == "3:11: error: `fit` has no argument `epoch` | did you mean `epochs`? `fit` takes: model, data, epochs, lr, l2, l1, log_every, tol, check_every, reduction, optimizer, momentum, beta1, beta2, eps, rho, batch, schedule, lr_decay, lr_every, lr_min, lr_patience, patience, dropout, seed, val"
    )
    #expect(
      Self.error(setup + "fit(d, m)") == "3:5: error: expected a model for `model`, got a dataset")
    #expect(
      Self.error("m = mlp(inputs: 3, outputs: 2)\nfit(m, moons())")?.hasPrefix(
        "2:8: error: the model takes 3 features but `data` has 2") == true)
  }

  @Test func classCountMismatchesNameTheArgument() {
    let setup = "m = mlp(inputs: 2, outputs: 2)\n"
    #expect(
      Self.error(setup + "fit(m, moons(), val: blobs(n: 10, centers: 3))")
        == "2:22: error: `val` has 3 classes but the model tells 2 apart | make the model with outputs: 3 (softmax)"
    )
    let spiral = "s = spiral(n: 30, arms: 3)\n"
    for (call, column) in [
      ("accuracy(m, s)", 13), ("evaluate(m, s)", 13), ("gradcheck(m, s)", 14),
      ("plot_boundary(m, s)", 18), ("plot_boundary(m, moons(), test: s)", 33),
    ] {
      #expect(
        Self.error(setup + spiral + call)
          == "3:\(column): error: `\(column == 33 ? "test" : "data")` has 3 classes but the model "
          + "tells 2 apart | make the model with outputs: 3 (softmax)")
    }
    #expect(
      Self.error("mlp(inputs: 4096, hidden: [4096, 4096], outputs: 2)")?.hasPrefix(
        "1:27: error: this model would have 33570818 parameters; at most 10000000 fit") == true)
  }

  @Test func evaluateShowsConfusionMatrixAndMetrics() {
    let text = Self.output(
      """
      data = blobs(n: 30, centers: 3, std: 0.5, seed: 3)
      model = mlp(inputs: 2, hidden: [8], outputs: 3, seed: 1)
      fit(model, data, epochs: 300, lr: 0.1, log_every: 0)
      evaluate(model, data)
      """)
    #expect(text.contains("accuracy 100.0% (30/30 correct)"))
    #expect(text.contains("actual \\ predicted"))
    #expect(text.contains("class  precision  recall     f1  support"))
  }

  @Test func accuracyPredictAndProbaAcceptDatasetsAndPoints() {
    let setup = "d = xor(n: 8)\nm = mlp(inputs: 2, hidden: [4], outputs: 2)\n"
    #expect(Double(Self.output(setup + "accuracy(m, d)")).map { $0 >= 0 && $0 <= 1 } == true)
    #expect(Self.output(setup + "len(predict(m, d))") == "8")
    #expect(Self.output(setup + "len(predict(m, [[0.5, 0.5], [-1, 2]]))") == "2")
    #expect(Self.output(setup + "p = proba(m, [[0.5, 0.5]])\nround(sum(p[0]), 6)") == "1")
    #expect(
      Self.error(setup + "predict(m, [[1, 2, 3]])")
        == "3:12: error: each point must be a list of 2 numbers, like [0.5, -0.2]")
    #expect(
      Self.error(setup + "predict(m, [[\"a\", 1]])")
        == "3:12: error: points must hold numbers, got a string")
  }

  @Test func gradcheckPassesOnTheLibrarysBackpropagation() {
    let text = Self.output(
      "gradcheck(mlp(inputs: 2, hidden: [5], outputs: 3, activation: \"tanh\"), spiral(n: 60, arms: 3))"
    )
    #expect(text.hasPrefix("gradient check on 50 examples: max relative error"))
    #expect(text.hasSuffix("over 33 parameters (ok: below 1e-7)"))
  }

  /// The default ReLU network passes: parameters whose finite differences would cross a ReLU kink
  /// are left out, not reported as a failure of backpropagation.
  @Test func gradcheckPassesOnAReLUNetwork() {
    let text = Self.output("gradcheck(mlp(inputs: 2, hidden: [40], outputs: 2), moons(n: 50))")
    #expect(text.hasPrefix("gradient check on 50 examples: max relative error"))
    #expect(text.hasSuffix(" left out at kinks) (ok: below 1e-7)"), "\(text)")
  }

  /// A model of more than 500 parameters is checked on an even sample of them, so that the check
  /// stays quick.
  @Test func gradcheckSamplesTheParametersOfALargeModel() {
    let text = Self.output(
      "gradcheck(mlp(inputs: 2, hidden: [200], outputs: 2, activation: \"tanh\"), moons(n: 4))")
    #expect(text.hasPrefix("gradient check on 4 examples: max relative error"))
    #expect(text.hasSuffix("over 336 of 1002 parameters (one in 3) (ok: below 1e-7)"))
  }
}

@Suite struct PlotBuiltinTests {
  static func output(_ source: String) -> String {
    BuiltinTests.output(source)
  }

  @Test func plotDataDrawsEachClassWithItsLetter() {
    let text = Self.output("plot_data(moons(n: 40, noise: 0.1), width: 40, height: 12)")
    #expect(text.contains("o"))
    #expect(text.contains("x"))
    #expect(text.contains("20 train"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 40 })
  }

  @Test func plotBoundaryShowsRegionsKeyAndCounts() {
    let text = Self.output(
      """
      train, test = split(xor(n: 80, seed: 2), test: 0.25, seed: 1)
      model = mlp(inputs: 2, hidden: [8], outputs: 2, activation: "tanh", seed: 1)
      fit(model, train, epochs: 200, lr: 0.5, log_every: 0)
      plot_boundary(model, train, test: test, width: 50, height: 16)
      """)
    #expect(text.contains(". :  0"))
    #expect(text.contains("- =  1"))
    #expect(text.contains("train "))
    #expect(text.contains("/60 correct, test "))
    #expect(text.hasSuffix("/20 correct"))
  }

  @Test func aLinearOutputModelIsRefusedWhereClassesAreNeeded() {
    let model =
      "m = mlp(inputs: 2, hidden: [3], outputs: 2, output: \"linear\")\nd = moons(n: 20)\n"
    for call in [
      "fit(m, d)", "accuracy(m, d)", "evaluate(m, d)", "predict(m, d)", "gradcheck(m, d)",
    ] {
      let name = call.prefix { $0 != "(" }
      #expect(
        BuiltinTests.error(model + call)
          == "3:\(name.count + 2): error: `\(name)` needs a classifier, but `model` has a linear "
          + "output (numbers, not classes) | make the model with output: \"softmax\" (or "
          + "\"sigmoid\" for one output), or leave `output` out")
    }
    #expect(BuiltinTests.output(model + "len(proba(m, [[0, 0]])[0])") == "2")
  }

  @Test func plotBoundaryRefusesRegressionModelsAndWideData() {
    #expect(
      BuiltinTests.error("plot_boundary(mlp(inputs: 2, outputs: 1, output: \"linear\"), moons())")?
        .hasPrefix(
          "1:15: error: `plot_boundary` needs a classifier, but `model` has a linear output")
        == true)
    #expect(
      BuiltinTests.error("plot_boundary(mlp(inputs: 3, outputs: 2), moons())")
        == "1:15: error: plot_boundary draws models of 2 inputs, this one takes 3")
  }

  @Test func plotLossLabelsRunsByWhatDiffers() {
    let text = Self.output(
      """
      data = moons(n: 50, noise: 0.2)
      runs = []
      for lr in [0.05, 0.5] {
        runs = runs + [fit(mlp(inputs: 2, hidden: [8], outputs: 2), data, epochs: 30, lr: lr, log_every: 0)]
      }
      plot_loss(runs, title: "learning rates")
      """)
    #expect(text.contains("* lr 0.05"))
    #expect(text.contains("+ lr 0.5"))
    #expect(text.contains("learning rates"))
  }

  @Test func plotLossMarksDivergence() {
    let text = Self.output(
      """
      data = moons(n: 200, noise: 0.2)
      h = fit(mlp(inputs: 2, hidden: [32], outputs: 2, seed: 1), data, lr: 1000, reduction: "sum", log_every: 0)
      plot_loss(h, labels: ["lr 1000"])
      """)
    #expect(text.contains("diverged @"))
    #expect(text.contains("!"))
  }

  @Test func plotSizesAreChecked() {
    #expect(
      BuiltinTests.error(
        "h = fit(mlp(inputs: 2, outputs: 2), moons(n: 10), epochs: 2, log_every: 0)\n"
          + "plot_loss(h, val: \"both\")")
        == "2:19: error: `val` must be true, false or \"only\", got \"both\"")
    #expect(
      BuiltinTests.error("plot_data(moons(), width: 5)")
        == "1:27: error: `width` must be in 20...400, got 5")
  }
}

@Suite struct LanguageReferenceTests {
  @Test func everyBuiltinIsDocumentedInTheLanguageReference() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Docs/Language.md")
    let reference = try String(contentsOf: url, encoding: .utf8)
    let interpreter = Interpreter(builtins: NotebookBuiltins.registry)
    for name in interpreter.builtins.names {
      #expect(reference.contains("`\(name)("), "\(name) is missing from Docs/Language.md")
    }
  }
}
