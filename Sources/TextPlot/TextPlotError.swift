/// Why a chart could not be drawn. Every renderer validates its input and throws one of these
/// instead of trapping or drawing a garbled picture; the message names the offending value.
public enum TextPlotError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The requested size leaves no room to draw: what was asked for and the smallest that works.
  case sizeTooSmall(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int)
  /// There is nothing to draw; the payload names what is empty.
  case emptyInput(String)
  /// An argument outside its allowed range: its name, the value given, and what was expected.
  case invalidArgument(name: String, value: String, expected: String)
  /// Two inputs that must agree in count do not.
  case countMismatch(String)

  public var description: String {
    switch self {
    case .sizeTooSmall(let width, let height, let minimumWidth, let minimumHeight):
      "size \(width)x\(height) is too small to draw: need at least \(minimumWidth)x\(minimumHeight)"
    case .emptyInput(let what):
      "\(what) is empty: nothing to draw"
    case .invalidArgument(let name, let value, let expected):
      "\(name) must be \(expected), got \(value)"
    case .countMismatch(let message):
      message
    }
  }
}

/// Throws ``TextPlotError/invalidArgument(name:value:expected:)`` unless `condition` holds.
func require(
  _ condition: Bool, _ name: String, _ value: @autoclosure () -> Any, _ expected: String
) throws(TextPlotError) {
  if !condition {
    throw .invalidArgument(name: name, value: "\(value())", expected: expected)
  }
}

/// Throws ``TextPlotError/sizeTooSmall(width:height:minimumWidth:minimumHeight:)`` unless the size
/// reaches the minimum in both directions.
func requireSize(
  width: Int, height: Int, minimumWidth: Int, minimumHeight: Int
) throws(TextPlotError) {
  if width < minimumWidth || height < minimumHeight {
    throw .sizeTooSmall(
      width: width, height: height, minimumWidth: minimumWidth, minimumHeight: minimumHeight)
  }
}
