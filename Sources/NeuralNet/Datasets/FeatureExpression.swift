#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One derived feature, as TensorFlow Playground offers them: a feature itself, its power, the
/// product of two features, or the sine or cosine of one.
///
/// Written as text, features are numbered from 1 (`x1` is column 0):
///
/// ```
/// x2        the feature itself               .feature(1)
/// x1^2      a power, exponent 2...9          .power(0, exponent: 2)
/// x1*x2     a product of two features        .product(0, 1)
/// sin(x1)   sine (radians)                   .sine(0)
/// cos(x2)   cosine (radians)                 .cosine(1)
/// ```
///
/// Spaces are ignored (`x1 * x2`). Powers are computed by repeated multiplication from the left
/// (`x^3 = (x·x)·x`), so `x1^2` equals `x1*x1` bit for bit.
public enum FeatureExpression: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Column `index` unchanged.
  case feature(Int)
  /// Column `index` raised to `exponent` (2...9).
  case power(Int, exponent: Int)
  /// The product of two columns (possibly the same one).
  case product(Int, Int)
  /// The sine of a column.
  case sine(Int)
  /// The cosine of a column.
  case cosine(Int)

  /// The exponents a power may have.
  public static let exponents = 2...9

  /// The forms a term may take, for messages.
  public static let accepted = "xN, xN^k (k in 2...9), xI*xJ, sin(xN) or cos(xN)"

  /// Parses a term such as `x1^2`, `x1*x2` or `sin(x1)` (see the type's documentation).
  ///
  /// - Throws: naming the term and listing the accepted forms when it is not one of them. Feature
  ///   numbers are checked against a dataset by ``Dataset/expanded(with:)``, not here.
  public init(parsing text: String) throws(NeuralNetError) {
    let term = String(text.unicodeScalars.filter { $0 != " " && $0 != "\t" })
    let unknown = NeuralNetError.invalidArgument(
      name: "feature term", value: "\"\(text)\"", expected: "one of " + Self.accepted)
    if let inner = Self.argument(of: "sin", in: term) {
      guard let column = Self.column(inner) else { throw unknown }
      self = .sine(column)
    } else if let inner = Self.argument(of: "cos", in: term) {
      guard let column = Self.column(inner) else { throw unknown }
      self = .cosine(column)
    } else if term.contains("*") {
      let factors = term.split(separator: "*", omittingEmptySubsequences: false)
      guard factors.count == 2, let first = Self.column(factors[0]),
        let second = Self.column(factors[1])
      else { throw unknown }
      self = .product(first, second)
    } else if term.contains("^") {
      let parts = term.split(separator: "^", omittingEmptySubsequences: false)
      guard parts.count == 2, let column = Self.column(parts[0]),
        parts[1].count == 1, let exponent = Int(parts[1]), Self.exponents.contains(exponent)
      else { throw unknown }
      self = .power(column, exponent: exponent)
    } else {
      guard let column = Self.column(Substring(term)) else { throw unknown }
      self = .feature(column)
    }
  }

  /// The term in its written form: `x1^2`, `x1*x2`, `sin(x1)`.
  public var description: String {
    switch self {
    case .feature(let column): "x\(column + 1)"
    case .power(let column, let exponent): "x\(column + 1)^\(exponent)"
    case .product(let first, let second): "x\(first + 1)*x\(second + 1)"
    case .sine(let column): "sin(x\(column + 1))"
    case .cosine(let column): "cos(x\(column + 1))"
    }
  }

  /// The columns the term reads.
  public var columns: [Int] {
    switch self {
    case .feature(let column), .power(let column, _), .sine(let column), .cosine(let column):
      [column]
    case .product(let first, let second): [first, second]
    }
  }

  /// The term's value for one example, whose features start at `offset` in `elements`.
  @inline(__always)
  func value(_ elements: UnsafeBufferPointer<Double>, offset: Int) -> Double {
    switch self {
    case .feature(let column):
      return elements[offset + column]
    case .power(let column, let exponent):
      let x = elements[offset + column]
      var result = x
      for _ in 1..<exponent { result *= x }
      return result
    case .product(let first, let second):
      return elements[offset + first] * elements[offset + second]
    case .sine(let column):
      return sin(elements[offset + column])
    case .cosine(let column):
      return cos(elements[offset + column])
    }
  }

  /// `inner` when `term` is `name(inner)`.
  private static func argument(of name: String, in term: String) -> Substring? {
    guard term.hasPrefix(name + "("), term.hasSuffix(")"), term.count > name.count + 1 else {
      return nil
    }
    return term.dropFirst(name.count + 1).dropLast()
  }

  /// The zero-based column of `xN` (N from 1, at most 9 digits, no sign or leading zero).
  private static func column(_ text: Substring) -> Int? {
    guard text.first == "x" else { return nil }
    let digits = text.dropFirst()
    guard (1...9).contains(digits.count), digits.first != "0",
      digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits)
    else { return nil }
    return number - 1
  }
}
