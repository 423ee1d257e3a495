import CellLanguage
import NeuralNet
import TextPlot

/// What `fit` returns: the losses and accuracies per epoch, why training stopped, and the settings
/// of the run (so loss plots can label runs by what differs between them).
final class HistoryObject: HostObject {
  let history: History
  /// The fit settings as written: `lr` -> `0.1` …, in a fixed order, for labels.
  let settings: [(name: String, value: String)]

  init(_ history: History, settings: [(name: String, value: String)]) {
    self.history = history
    self.settings = settings
  }

  var typeName: String { "history" }

  /// `1000 epochs, final loss 0.1005, accuracy 99.4%, completed`; with early stopping, the
  /// validation figures are those of the epoch whose weights the model was given back.
  var summary: String {
    var parts = ["\(history.epochsRun) epoch\(history.epochsRun == 1 ? "" : "s")"]
    if let final = history.finalLoss {
      parts.append("final loss \(NumberFormat.compact(final, significantDigits: 4))")
    }
    if let accuracy = lastFinite(history.accuracy) {
      parts.append("accuracy \(NumberFormat.percent(accuracy))")
    }
    let restored = history.restoredEpoch
    var validation: [String] = []
    if let loss = restored.map({ history.validationLoss[$0] }) ?? lastFinite(history.validationLoss)
    {
      validation.append("val loss \(NumberFormat.compact(loss, significantDigits: 4))")
    }
    let accuracies = history.validationAccuracy
    if let accuracy = restored.flatMap({ accuracies.indices.contains($0) ? accuracies[$0] : nil })
      ?? lastFinite(accuracies)
    {
      validation.append("val accuracy \(NumberFormat.percent(accuracy))")
    }
    if restored == nil { parts += validation }
    parts.append(history.stopReason.description)
    if let restored {
      parts.append("restored epoch \(restored) (" + validation.joined(separator: ", ") + ")")
    }
    return parts.joined(separator: ", ")
  }

  var memberNames: [String] {
    [
      "loss", "accuracy", "val_loss", "val_accuracy", "lr", "epochs", "stop", "final_loss",
      "diverged", "best_epoch",
    ]
  }

  func member(_ name: String) -> Value? {
    switch name {
    case "loss": numbers(history.loss)
    case "accuracy": numbers(history.accuracy)
    case "val_loss": numbers(history.validationLoss)
    case "val_accuracy": numbers(history.validationAccuracy)
    case "lr": numbers(history.learningRates)
    case "best_epoch": history.restoredEpoch.map { .number(Double($0)) } ?? Value.none
    case "epochs": .number(Double(history.epochsRun))
    case "stop": .string(history.stopReason.description)
    case "final_loss": history.finalLoss.map { .number($0) } ?? Value.none
    case "diverged":
      if case .diverged = history.stopReason { .bool(true) } else { .bool(false) }
    default: nil
    }
  }

  func display(_ context: DisplayContext) -> DisplayText {
    DisplayText("history: " + summary)
  }

  private func numbers(_ values: [Double]) -> Value {
    .list(values.map { .number($0) })
  }

  private func lastFinite(_ values: [Double]) -> Double? {
    values.last { $0.isFinite }
  }
}
