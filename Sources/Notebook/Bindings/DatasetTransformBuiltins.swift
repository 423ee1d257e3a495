import CellLanguage
import NeuralNet

extension NotebookBuiltins {
  static var datasetTransformBuiltins: [Builtin] { [augment, features] }

  /// The most values (examples × terms) `features` may produce: 400 MB of doubles.
  static let maximumFeatureValues = 50_000_000

  static var augment: Builtin {
    Builtin(
      "augment",
      summary: "The examples followed by copies of them with Gaussian noise on every feature.",
      parameters: [
        Parameter("data", positional: true, required: true), Parameter("copies"),
        Parameter("noise"), Parameter("seed"),
      ]
    ) { arguments, _ in
      let data = try arguments.dataset("data")
      let copies = try arguments.integer("copies", default: 1, in: 1...maximumExamples)
      let noise = try arguments.number("noise", default: 0.05, in: 0...1_000)
      let seed = try arguments.seed()
      let augmented = try library { () throws(NeuralNetError) in
        try data.augmented(copies: copies, noise: noise, seed: seed)
      }
      return .object(DatasetObject(augmented))
    }
  }

  static var features: Builtin {
    Builtin(
      "features",
      summary:
        "A dataset of derived features: x1, x1^2, x1*x2, sin(x1), cos(x1), as in TF Playground.",
      parameters: [
        Parameter("data", positional: true, required: true),
        Parameter("terms", positional: true, required: true),
      ]
    ) { arguments, _ in
      let data = try arguments.dataset("data")
      let items = try arguments.list("terms")
      guard !items.isEmpty, items.count <= maximumWidth else {
        throw RuntimeError(
          "`terms` must list 1 to \(maximumWidth) feature terms, got \(items.count)",
          hint: "for example [\"x1\", \"x2\", \"x1^2\", \"x1*x2\"]", argument: "terms")
      }
      guard data.count * items.count <= maximumFeatureValues else {
        throw RuntimeError(
          "\(data.count) examples with \(items.count) terms would hold "
            + "\(data.count * items.count) values; at most \(maximumFeatureValues) fit",
          hint: "use fewer terms or fewer examples", argument: "terms")
      }
      var terms: [FeatureExpression] = []
      for item in items {
        guard case .string(let text) = item else {
          throw RuntimeError(
            "expected feature terms as strings in `terms`, got \(item.typeDescription)",
            hint: "write each term in quotes: [\"x1\", \"x1^2\"]", argument: "terms")
        }
        terms.append(try featureTerm(text, featureCount: data.featureCount))
      }
      let expanded = try library(["feature term": "terms"]) { () throws(NeuralNetError) in
        try data.expanded(with: terms)
      }
      return .object(DatasetObject(expanded))
    }
  }

  /// `text` as a feature term of data with `featureCount` features, or an error naming the term.
  private static func featureTerm(_ text: String, featureCount: Int) throws(RuntimeError)
    -> FeatureExpression
  {
    let available =
      featureCount == 1
      ? "only 1 feature (x1)" : "only \(featureCount) features (x1 to x\(featureCount))"
    let term: FeatureExpression
    do {
      term = try FeatureExpression(parsing: text)
    } catch {
      throw RuntimeError(
        "unknown feature term \"\(text)\"",
        hint: "terms are " + FeatureExpression.accepted + ", e.g. \"x1^2\" or \"x1*x2\"",
        argument: "terms")
    }
    if let column = term.columns.first(where: { $0 >= featureCount }) {
      throw RuntimeError(
        "feature term \"\(text)\" reads x\(column + 1), but the data has " + available,
        argument: "terms")
    }
    return term
  }
}
