/// A value of the cell language.
public enum Value {
  case none
  case bool(Bool)
  case number(Double)
  case string(String)
  /// A list; ``ValueList`` knows how deeply it nests.
  case list(ValueList)
  /// A thing from the host's world (a dataset, a model …), provided by built-ins.
  case object(any HostObject)

  /// The longest string any operation builds, in UTF-8 bytes (characters, for ASCII text), so a
  /// loop such as `s = s + s` stops with an error long before it exhausts memory. Bytes, since
  /// Swift counts them in constant time and characters only by walking the string.
  public static let maximumStringLength = 100_000_000

  /// The type's name as messages say it: "a number", "a list", "a model".
  public var typeDescription: String {
    switch self {
    case .none: "none"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .list: "a list"
    case .object(let object): object.typeName.articled
    }
  }

  /// The one-line form used by `str`, by `print`, and inside lists.
  public var summary: String {
    switch self {
    case .none: "none"
    case .bool(let value): value ? "true" : "false"
    case .number(let value): Value.format(value)
    case .string(let value): value
    case .list(let list): list.text
    case .object(let object): object.summary
    }
  }

  /// What a cell shows for its last expression: the object's full display, or the summary.
  public func display(_ context: DisplayContext) -> DisplayText {
    if case .object(let object) = self { return object.display(context) }
    return DisplayText(summary)
  }

  /// Numbers print as integers when they are whole (and not huge), else in Swift's shortest form
  /// that reads back to the same double, so printed numbers never depend on the platform.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e16 {
      return value == 0 ? "0" : String(Int64(value))
    }
    return value.description
  }
}

extension Value: Equatable {
  /// Structural equality for plain values; objects are equal only to themselves.
  public static func == (lhs: Value, rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.none, .none): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.list(let a), .list(let b)): a == b
    case (.object(let a), .object(let b)): a === b
    default: false
    }
  }
}

/// A value owned by the host (the notebook's built-ins): the language can show it, read its
/// fields and pass it to built-ins, but knows nothing else of it.
public protocol HostObject: AnyObject {
  /// The type's name in messages and `:vars`: "dataset", "model".
  var typeName: String { get }
  /// One line describing it.
  var summary: String { get }
  /// The fields `object.name` can read, for messages and completion.
  var memberNames: [String] { get }
  /// The field `name`, or `nil` when there is none.
  func member(_ name: String) -> Value?
  /// What a cell shows when the object is its last expression.
  func display(_ context: DisplayContext) -> DisplayText
}

/// How output is being shown: plain (stored outputs, pipes) or with ANSI colour on a terminal.
public struct DisplayContext: Sendable {
  /// Whether the styled form of output will be shown.
  public var isColored: Bool
  /// The chart width for the screen (`--width`); stored outputs never use it.
  public var screenWidth: Int?

  /// Creates a display context.
  public init(isColored: Bool = false, screenWidth: Int? = nil) {
    self.isColored = isColored
    self.screenWidth = screenWidth
  }
}

/// A piece of cell output in two forms: plain text (what is stored and compared) and the form shown
/// on screen, with ANSI colour codes when colour is on and charts at `--width` when one is given.
/// Without `--width`, stripping the codes from `styled` gives `plain` exactly.
public struct DisplayText: Equatable, Sendable {
  /// The text without colour.
  public var plain: String
  /// The text as shown on screen.
  public var styled: String

  /// Output with separate plain and styled forms.
  public init(plain: String, styled: String) {
    self.plain = plain
    self.styled = styled
  }

  /// Output without colour.
  public init(_ text: String) {
    self.plain = text
    self.styled = text
  }
}

extension String {
  /// "a model", "an accuracy".
  var articled: String {
    guard let first = first else { return self }
    return ("aeiou".contains(first) ? "an " : "a ") + self
  }
}
