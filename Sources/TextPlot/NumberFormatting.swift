/// Locale-independent, deterministic number formatting for charts and tables.
///
/// Numbers are rounded on their shortest decimal representation (the digits Swift prints for a
/// `Double`), half away from zero, so `fixed(1.005, decimals: 2)` is `"1.01"` as a reader expects,
/// and the same value gives the same text on every machine. Non-finite values read `nan`, `inf`
/// and `-inf`; zero never carries a minus sign.
public enum NumberFormat {
  /// `value` with exactly `decimals` digits after the point: `fixed(0.9375, decimals: 3)` is
  /// `"0.938"`, `fixed(2, decimals: 0)` is `"2"`.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard let number = DecimalNumber(value) else { return nonFinite(value) }
    return number.rounded(decimals: max(0, decimals)).fixed(decimals: max(0, decimals))
  }

  /// `value` with `significantDigits` significant digits and no trailing zeros, switching to
  /// scientific notation (`1.23e6`, `4.5e-5`) outside 0.001 ..< 100000, where plain digits would
  /// be long. Integer digits are never rounded away in plain notation: `compact(12345.6)` is
  /// `"12346"`.
  ///
  /// ```
  /// compact(0.021) == "0.021"   compact(0.69314) == "0.693"   compact(2.5e-6) == "2.5e-6"
  /// ```
  public static func compact(_ value: Double, significantDigits: Int = 3) -> String {
    guard let number = DecimalNumber(value) else { return nonFinite(value) }
    guard !number.isZero else { return "0" }
    let digits = max(1, significantDigits)
    let exponent = number.rounded(decimals: digits - number.pointPosition).pointPosition - 1
    if exponent >= 5 || exponent < -3 {
      return number.rounded(decimals: digits - 1 - exponent).scientific()
    }
    let decimals = max(0, digits - 1 - exponent)
    return number.rounded(decimals: decimals).fixed(decimals: decimals).trimmingFraction()
  }

  /// `fraction` as a percentage with `decimals` digits: `percent(0.96)` is `"96.0%"`.
  public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
    fixed(fraction * 100, decimals: decimals) + "%"
  }

  static func nonFinite(_ value: Double) -> String {
    value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
  }
}

/// A finite number as decimal digits: `0.d₁d₂d₃… × 10^pointPosition`, with a sign.
struct DecimalNumber: Equatable {
  /// Significant digits without leading or trailing zeros; empty for zero.
  var digits: [UInt8]
  /// Where the decimal point sits relative to the first digit.
  var pointPosition: Int
  var isNegative: Bool

  var isZero: Bool { digits.isEmpty }

  /// The digits of a `Double` as Swift prints it (shortest round-trip form); `nil` if not finite.
  init?(_ value: Double) {
    guard value.isFinite else { return nil }
    let text = "\(value.magnitude)"
    let parts = text.split(separator: "e")
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    let mantissa = parts[0]
    let integerDigits = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0].count
    let all = mantissa.compactMap { $0.wholeNumberValue }.map { UInt8($0) }
    self.init(digits: all, pointPosition: integerDigits + exponent, isNegative: value < 0)
  }

  /// `multiple × 10^exponent`, exactly.
  init(multiple: Int, exponent: Int) {
    let all = "\(multiple.magnitude)".compactMap { $0.wholeNumberValue }.map { UInt8($0) }
    self.init(digits: all, pointPosition: all.count + exponent, isNegative: multiple < 0)
  }

  init(digits: [UInt8], pointPosition: Int, isNegative: Bool) {
    var digits = digits
    var pointPosition = pointPosition
    while digits.first == 0 {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.last == 0 { digits.removeLast() }
    self.digits = digits
    self.pointPosition = digits.isEmpty ? 0 : pointPosition
    self.isNegative = digits.isEmpty ? false : isNegative
  }

  /// Rounded half away from zero to `decimals` digits after the point (negative: to tens, …).
  func rounded(decimals: Int) -> DecimalNumber {
    let kept = pointPosition + decimals
    guard kept < digits.count else { return self }
    guard kept >= 0 else { return DecimalNumber(digits: [], pointPosition: 0, isNegative: false) }
    var prefix = Array(digits[..<kept])
    var position = pointPosition
    if digits[kept] >= 5 {
      var index = prefix.count - 1
      while index >= 0 && prefix[index] == 9 {
        prefix[index] = 0
        index -= 1
      }
      if index >= 0 {
        prefix[index] += 1
      } else {
        prefix.insert(1, at: 0)
        position += 1
      }
    }
    return DecimalNumber(digits: prefix, pointPosition: position, isNegative: isNegative)
  }

  /// The digit at `place` (0 = units, 1 = tens, -1 = tenths), 0 outside the significant digits.
  private func digit(atPlace place: Int) -> Character {
    let index = pointPosition - 1 - place
    guard index >= 0 && index < digits.count else { return "0" }
    return Character(String(digits[index]))
  }

  /// Plain notation with exactly `decimals` digits after the point (no rounding: round first).
  func fixed(decimals: Int) -> String {
    var text = isNegative ? "-" : ""
    for place in stride(from: max(pointPosition - 1, 0), through: 0, by: -1) {
      text.append(digit(atPlace: place))
    }
    if decimals > 0 {
      text += "."
      for place in stride(from: -1, through: -decimals, by: -1) {
        text.append(digit(atPlace: place))
      }
    }
    return text
  }

  /// Scientific notation with every significant digit: `1.5e-6`, `2e5`.
  func scientific() -> String {
    guard !isZero else { return "0" }
    var text = isNegative ? "-" : ""
    text += String(digits[0])
    if digits.count > 1 {
      text += "." + digits.dropFirst().map(String.init).joined()
    }
    return text + "e\(pointPosition - 1)"
  }
}

extension String {
  /// Removes trailing zeros after a decimal point, and the point if nothing follows it.
  func trimmingFraction() -> String {
    guard contains(".") else { return self }
    var text = self
    while text.last == "0" { text.removeLast() }
    if text.last == "." { text.removeLast() }
    return text
  }
}
