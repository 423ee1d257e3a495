import TextPlot

/// How far apart two texts are when they differ only in their numbers: the largest absolute and
/// relative change, e.g. `max |diff| 3.1e-05 (rel 0.0074%)`.
public struct NumericDrift: Equatable, Sendable {
  /// The largest absolute difference between corresponding numbers.
  public var absolute: Double
  /// The largest relative difference, `|a − b| / max(|a|, |b|)`.
  public var relative: Double

  /// The drift between `old` and `new`, or `nil` when they differ in anything but numbers (or not
  /// at all).
  public init?(from old: String, to new: String) {
    let (oldText, oldNumbers) = Self.split(old)
    let (newText, newNumbers) = Self.split(new)
    guard oldText == newText, oldNumbers.count == newNumbers.count, oldNumbers != newNumbers else {
      return nil
    }
    var absolute = 0.0
    var relative = 0.0
    for (a, b) in zip(oldNumbers, newNumbers) where a != b {
      let difference = abs(a - b)
      absolute = max(absolute, difference)
      relative = max(relative, difference / max(abs(a), abs(b)))
    }
    self.absolute = absolute
    self.relative = relative
  }

  /// `max |diff| 3.1e-05 (rel 0.0074%)`
  public var description: String {
    "max |diff| \(NumberFormat.compact(absolute, significantDigits: 2)) "
      + "(rel \(NumberFormat.compact(relative * 100, significantDigits: 2))%)"
  }

  /// The text with every number replaced by `#`, and the numbers in order.
  private static func split(_ text: String) -> (String, [Double]) {
    var skeleton = ""
    var numbers: [Double] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let startsNumber =
        character.isASCII && character.isNumber
        || (character == "-" || character == ".") && index + 1 < characters.count
          && characters[index + 1].isASCII && characters[index + 1].isNumber
      guard startsNumber else {
        skeleton.append(character)
        index += 1
        continue
      }
      var end = index + 1
      while end < characters.count,
        characters[end].isASCII
          && (characters[end].isNumber || characters[end] == "." || characters[end] == "e"
            || (characters[end] == "-" || characters[end] == "+") && characters[end - 1] == "e")
      {
        end += 1
      }
      if let value = Double(String(characters[index..<end])) {
        numbers.append(value)
        skeleton.append("#")
      } else {
        skeleton += String(characters[index..<end])
      }
      index = end
    }
    return (skeleton, numbers)
  }
}
