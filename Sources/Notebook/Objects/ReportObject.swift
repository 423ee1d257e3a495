import CellLanguage
import NeuralNet
import TextPlot

/// What `evaluate` returns: loss, accuracy, the confusion matrix and per-class metrics.
final class ReportObject: HostObject {
  let datasetName: String
  let loss: Double
  let confusion: ConfusionMatrix
  let classNames: [String]

  init(datasetName: String, loss: Double, confusion: ConfusionMatrix, classNames: [String]) {
    self.datasetName = datasetName
    self.loss = loss
    self.confusion = confusion
    self.classNames = classNames
  }

  var typeName: String { "report" }

  var summary: String {
    "\(datasetName): loss \(NumberFormat.compact(loss, significantDigits: 4)), accuracy "
      + "\(NumberFormat.percent(confusion.accuracy)) (\(correct)/\(confusion.total) correct)"
  }

  private var correct: Int {
    (0..<confusion.classCount).reduce(0) { $0 + confusion[$1, $1] }
  }

  var memberNames: [String] { ["loss", "accuracy", "confusion", "precision", "recall", "f1"] }

  func member(_ name: String) -> Value? {
    let metrics = confusion.classMetrics
    switch name {
    case "loss": return .number(loss)
    case "accuracy": return .number(confusion.accuracy)
    case "confusion":
      return .list(
        (0..<confusion.classCount).map { row in
          .list((0..<confusion.classCount).map { .number(Double(confusion[row, $0])) })
        })
    case "precision": return .list(metrics.map { .number($0.precision) })
    case "recall": return .list(metrics.map { .number($0.recall) })
    case "f1": return .list(metrics.map { .number($0.f1) })
    default: return nil
    }
  }

  func display(_ context: DisplayContext) -> DisplayText {
    let names = classNames
    let confusionRows = names.indices.map { row -> [String] in
      let total = (0..<confusion.classCount).reduce(0) { $0 + confusion[row, $1] }
      return [names[row]]
        + names.indices.map { column in
          let count = confusion[row, column]
          let share = total == 0 ? "" : " (\(NumberFormat.percent(Double(count) / Double(total))))"
          return "\(count)\(share)"
        } + [String(total)]
    }
    let confusionTable = TextTable.render(
      header: ["actual \\ predicted"] + names + ["total"], rows: confusionRows,
      rightAligned: Set(1...(names.count + 1)))
    let metricRows = confusion.classMetrics.map { metric in
      [
        names[metric.label], NumberFormat.fixed(metric.precision, decimals: 3),
        NumberFormat.fixed(metric.recall, decimals: 3), NumberFormat.fixed(metric.f1, decimals: 3),
        String(metric.support),
      ]
    }
    let metricTable = TextTable.render(
      header: ["class", "precision", "recall", "f1", "support"], rows: metricRows,
      rightAligned: [1, 2, 3, 4])
    return DisplayText([summary, "", confusionTable, "", metricTable].joined(separator: "\n"))
  }
}
