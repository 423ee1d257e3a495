import Foundation
import NeuralNet
import Testing

@testable import Notebook

/// `fit`'s optimisers, batches, schedules, early stopping and regularisers as a notebook sees them.
@Suite struct FitOptionsTests {
  static let setup = """
    data = moons(n: 120, noise: 0.25, seed: 0)
    train, test = split(data, test: 0.3, seed: 1)
    m = mlp(inputs: 2, hidden: [32, 32], outputs: 2, seed: 3)

    """

  static func output(_ source: String) -> String { BuiltinTests.output(setup + source) }
  static func error(_ source: String) -> String? { BuiltinTests.error(setup + source) }

  @Test func earlyStoppingSaysWhenItStoppedAndWhichWeightsItRestored() {
    let fit =
      "h = fit(m, train, epochs: 3000, lr: 0.5, optimizer: \"momentum\", val: test, "
      + "patience: 20, log_every: 0)\n"
    let text = Self.output(fit + "h")
    #expect(text.hasPrefix("history: "))
    #expect(text.contains(", stopped early at epoch "))
    #expect(text.contains(", restored epoch "))
    #expect(Self.output(fit + "h.best_epoch == h.epochs - 21") == "true")
    let log = Self.output(
      "h = fit(m, train, epochs: 3000, lr: 0.5, optimizer: \"momentum\", val: test, patience: 20, log_every: 1000)"
    )
    #expect(
      log.contains("the val loss has not improved for 20 epochs\nrestored the weights of epoch "))
  }

  @Test func theHistoryListsTheLearningRateOfEveryEpoch() {
    #expect(
      Self.output(
        "h = fit(m, train, epochs: 7, lr: 0.4, schedule: \"step\", lr_every: 3, lr_decay: 0.5, log_every: 0)\nh.lr"
      ) == "[0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.1]")
    #expect(
      Self.output(
        "h = fit(m, train, epochs: 3, lr: 0.1, schedule: \"exponential\", lr_decay: 0.5, log_every: 0)\nh.lr"
      ) == "[0.1, 0.05, 0.025]")
  }

  @Test func everyOptimizerRunsWithItsSettings() {
    for call in [
      "optimizer: \"sgd\"", "optimizer: \"momentum\", momentum: 0.8",
      "optimizer: \"nesterov\"", "optimizer: \"rmsprop\", rho: 0.95, eps: 1e-7",
      "optimizer: \"adam\", beta1: 0.8, beta2: 0.99, batch: 16, dropout: [0.2, 0.1], l1: 1e-4",
    ] {
      let text = Self.output("fit(m, train, epochs: 5, \(call), log_every: 0).epochs")
      #expect(text == "5", "\(call)")
    }
  }

  @Test func settingsOfAnotherOptimizerOrScheduleAreErrors() {
    #expect(
      Self.error("fit(m, train, beta1: 0.5)")
        == "4:22: error: `beta1` is a setting of optimizer \"adam\", not of \"sgd\" | add optimizer: \"adam\", or leave out `beta1`"
    )
    #expect(
      Self.error("fit(m, train, schedule: \"cosine\", lr_every: 5)")
        == "4:45: error: `lr_every` is a setting of schedule \"step\", not of \"cosine\" | add schedule: \"step\", or leave out `lr_every`"
    )
    #expect(Self.error("fit(m, train, optimizer: \"adamw\")")?.contains("adam") == true)
  }

  /// The interval a refused log suggests fits, and is the smallest that does.
  @Test func suggestedLogIntervalFitsAndIsTheSmallest() {
    for epochs in [1, 2, 3, 10, 99, 100, 101, 1000, 699_034, 10_000_000] {
      for mostLines in [0, 1, 2, 3, 7, 100, 349_517] {
        guard let interval = NotebookBuiltins.logInterval(epochs: epochs, mostLines: mostLines)
        else {
          #expect(History.loggedEpochCount(epochs: epochs, interval: epochs) > mostLines)
          continue
        }
        #expect(
          History.loggedEpochCount(epochs: epochs, interval: interval) <= mostLines,
          "\(epochs) epochs, \(mostLines) lines")
        if interval > 1 {
          #expect(
            History.loggedEpochCount(epochs: epochs, interval: interval - 1) > mostLines,
            "\(epochs) epochs, \(mostLines) lines")
        }
      }
    }
  }

  @Test func badValuesNameTheirArgument() {
    #expect(
      Self.error("fit(m, train, patience: 5)")
        == "4:25: error: `patience` must be used with validation data, whose loss it watches, got 5"
    )
    #expect(
      Self.error("fit(m, train, dropout: [0.1, 0.2, 0.3])")
        == "4:24: error: `dropout` must be one rate for all hidden layers or one per hidden layer (2), got 3 rates"
    )
    #expect(
      Self.error("fit(m, train, dropout: 1)") == "4:24: error: `dropout` must be in 0...0.99, got 1"
    )
    #expect(
      Self.error("fit(m, train, lr: 1e308 * 10)")
        == "4:19: error: `lr` must be a finite number, got inf")
    #expect(
      Self.error("fit(m, train, epochs: 1000000, log_every: 1)")
        == "4:43: error: a log of 1000000 lines is more than a cell may print | log every 3 epochs "
        + "or more, or log_every: 0")
    #expect(
      Self.error("fit(m, train, epochs: 699034, log_every: 1)")?.hasSuffix(
        "| log every 3 epochs or more, or log_every: 0") == true)
    // About 40 bytes a line: 20 MB, refused before training, not dropped after it.
    #expect(
      Self.error("fit(m, train, epochs: 500000, log_every: 1)")?.hasPrefix(
        "4:42: error: a log of 500000 lines is more than a cell may print") == true)
    #expect(
      Self.error(
        "s = \"x\"\nfor i in range(23) { s = s + s }\nprint(s)\n"
          + "fit(m, train, epochs: 300000, log_every: 1)")?.hasPrefix(
          "7:42: error: a log of 300000 lines is more than this cell may still print (8388608 bytes)"
        ) == true)
    #expect(
      Self.error("fit(m, train, dropout: [])")
        == "4:24: error: `dropout` needs a rate, or one rate per hidden layer, not an empty list"
        + " | leave `dropout` out for no dropout")
    #expect(
      Self.error("fit(m, train, batch: 0)") == "4:22: error: `batch` must be in 1...1000000, got 0")
    #expect(
      Self.error("fit(m, train, lr: 0.1, schedule: \"cosine\", lr_min: 0.5)")
        == "4:52: error: `lr_min` must be in 0...0.1, got 0.5")
  }

  @Test func epochsToCountsTheUpdatesBeforeTheLossFirstReachedATarget() {
    let fit = "h = fit(m, train, epochs: 50, lr: 0.3, val: test, log_every: 0)\n"
    #expect(Self.output(fit + "epochs_to(h, loss: h.loss[0])") == "0")
    #expect(
      Self.output(fit + "k = epochs_to(h, loss: h.loss[20])\n[h.loss[k] <= h.loss[20], k <= 20]")
        == "[true, true]")
    #expect(Self.output(fit + "epochs_to(h, val_loss: 0) == none") == "true")
    #expect(Self.error(fit + "epochs_to(h)")?.contains("needs one target") == true)
  }

  @Test func plotLossDrawsValidationCurvesBesideOrAlone() {
    let fit = "h = fit(m, train, epochs: 20, lr: 0.3, val: test, log_every: 0)\n"
    let both = Self.output(fit + "plot_loss(h)")
    #expect(both.contains("loss (val)") && both.components(separatedBy: " final ").count == 3)
    let only = Self.output(fit + "plot_loss(h, val: \"only\")")
    #expect(only.contains("loss (val)") && only.components(separatedBy: " final ").count == 2)
    #expect(!Self.output(fit + "plot_loss(h, val: false)").contains("(val)"))
    #expect(Self.error(fit + "plot_loss(h, val: \"some\")")?.contains("only") == true)
  }

  @Test func tableAlignsRowsAndRoundsNumbers() {
    #expect(
      BuiltinTests.output(
        "table([[\"plain\", 0.83456, 12], [\"l2\", 0.9, 3]], header: [\"run\", \"acc\", \"n\"])")
        == "run       acc   n\n-----  ------  --\nplain  0.8346  12\nl2        0.9   3")
    #expect(
      BuiltinTests.error("table([[1, 2], [3]])")
        == "1:7: error: row 2 has 1 cell but the first row has 2")
    #expect(BuiltinTests.output("table([[\"a\", 1], [\"bcd\", 22]])") == "a     1\nbcd  22")
    #expect(BuiltinTests.output("table([[1, 2]], header: [])") == "1  2")
    #expect(BuiltinTests.error("table([1])")?.contains("not a list") == true)
  }

  @Test func aDivergingMiniBatchRunKeepsWeightsWithAFiniteLoss() {
    let text = BuiltinTests.output(
      """
      data = moons(n: 40, noise: 0.2, seed: 0)
      m = mlp(inputs: 2, hidden: [8, 8, 8], outputs: 2, activation: "linear", seed: 1)
      h = fit(m, data, epochs: 50, lr: 10, batch: 39, seed: 1, log_every: 0)
      p = proba(m, [[0.5, 0.2]])[0]
      [h.diverged, p[0] + p[1] == 1]
      """)
    #expect(text == "[true, true]")
  }

  @Test func aDivergingRunWithPatienceEndsWithTheBestWeights() {
    let text = Self.output(
      """
      lin = mlp(inputs: 2, hidden: [64, 64], outputs: 2, activation: "linear")
      h = fit(lin, train, val: test, epochs: 50, lr: 1e6, patience: 30, log_every: 0)
      [h.diverged, h.best_epoch, evaluate(lin, test).loss == h.val_loss[h.best_epoch]]
      """)
    #expect(text == "[true, 0, true]")
  }

  @Test func smallFixesFromReview() {
    #expect(
      Self.output(
        "fit(mlp(inputs: 2, outputs: 2), train, dropout: 0, epochs: 3, log_every: 0).epochs") == "3"
    )
    #expect(
      Self.error("epochs_to(fit(m, train, epochs: 3, log_every: 0), val_loss: 1)")?
        .contains("no validation losses") == true)
    #expect(
      Self.output("cross_validate(m, train, k: 3, epochs: 30, lr: 0.5, patience: 2).k") == "3")
  }

  @Test func plotLossLabelsRunsByOptimizer() {
    let text = Self.output(
      """
      a = fit(m, train, epochs: 20, lr: 0.1, log_every: 0)
      b = fit(mlp(inputs: 2, hidden: [32, 32], outputs: 2, seed: 3), train, epochs: 20, lr: 0.1, optimizer: "adam", log_every: 0)
      plot_loss([a, b])
      """)
    #expect(text.contains("optimizer sgd"))
    #expect(text.contains("optimizer adam"))
  }
}
