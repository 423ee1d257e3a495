/// Number formatting for notebook output: deterministic, locale-free, the same bytes everywhere.
enum NumberText {
  /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
  static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return value.description }
    var digits = String(Int64(scaled))
    if decimals > 0 {
      if digits.count <= decimals {
        digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (value < 0 && scaled != 0 ? "-" : "") + digits
  }

  /// `value` to `digits` significant digits: `0.4213`, `12.35`, `1.234e-05`.
  static func significant(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return fixed(value, decimals: 0) }
    guard value != 0 else { return "0" }
    var exponent = Int((log10Magnitude(abs(value))).rounded(.down))
    if exponent >= -4 {
      return fixed(value, decimals: max(0, digits - 1 - exponent))
    }
    var mantissa = value
    for _ in 0..<(-exponent) { mantissa *= 10 }
    if abs(mantissa) >= 9.9995 {
      mantissa /= 10
      exponent += 1
    }
    let power = String(-exponent)
    return fixed(mantissa, decimals: digits - 1) + "e-" + (power.count < 2 ? "0" : "") + power
  }

  /// A percentage with one decimal: `97.3%`.
  static func percent(_ fraction: Double) -> String {
    fixed(fraction * 100, decimals: 1) + "%"
  }

  /// ⌊log10(x)⌋ for positive finite x, computed by comparison so it is exact at powers of ten.
  private static func log10Magnitude(_ x: Double) -> Double {
    var exponent = 0.0
    var scaled = x
    while scaled >= 10 {
      scaled /= 10
      exponent += 1
    }
    while scaled < 1 {
      scaled *= 10
      exponent -= 1
    }
    return exponent
  }
}
