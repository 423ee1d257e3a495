/// Why the library refused a request. Every user-facing entry point validates its input and throws one
/// of these instead of trapping, with a message that names the offending value.
public enum NeuralNetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An argument outside its allowed range: `name` (as the caller spelled it), the value given, and
  /// what was expected.
  case invalidArgument(name: String, value: String, expected: String)
  /// Two things that must agree in shape do not.
  case shapeMismatch(String)
  /// A label outside `0..<classCount`.
  case labelOutOfRange(label: Int, row: Int, classCount: Int)
  /// A feature that is NaN or infinite.
  case nonFiniteFeature(row: Int, column: Int)
  /// An operation that needs at least one example got none.
  case emptyDataset(String)
  /// The model's outputs for an example are NaN: its weights are so large that its sums
  /// overflowed.
  case nonFiniteOutput(row: Int)

  public var description: String {
    switch self {
    case .invalidArgument(let name, let value, let expected):
      "\(name) must be \(expected), got \(value)"
    case .shapeMismatch(let message):
      message
    case .labelOutOfRange(let label, let row, let classCount):
      "label \(label) in row \(row) is out of range: expected 0...\(classCount - 1)"
    case .nonFiniteFeature(let row, let column):
      "feature \(column) of row \(row) is not a finite number"
    case .emptyDataset(let what):
      "\(what) has no examples"
    case .nonFiniteOutput(let row):
      "the model's output for row \(row) is not a number: its weights are so large that its sums "
        + "overflow"
    }
  }
}

/// Throws ``NeuralNetError/invalidArgument(name:value:expected:)`` unless `condition` holds.
func require(
  _ condition: Bool, _ name: String, _ value: @autoclosure () -> Any, _ expected: String
) throws(NeuralNetError) {
  if !condition {
    let value = value()
    throw .invalidArgument(
      name: name, value: (value as? Double)?.plainDescription ?? "\(value)", expected: expected)
  }
}
