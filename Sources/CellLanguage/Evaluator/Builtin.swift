/// A function the host plugs into the language, with the parameters it accepts.
///
/// The evaluator binds a call's arguments to the parameters before the body runs, so every built-in
/// gets the same checks and messages: unknown labels (with "did you mean" and the list of labels),
/// arguments given twice, and missing required ones.
public struct Builtin {
  /// The name a cell calls it by.
  public var name: String
  /// One sentence for the language reference and completion.
  public var summary: String
  /// The parameters, positional ones first.
  public var parameters: [Parameter]
  /// Whether extra positional arguments are accepted (as `print` does); they are in
  /// ``Arguments/rest``.
  public var isVariadic: Bool
  /// Runs the call; it throws ``RuntimeError`` for anything the user can fix.
  public var body: (Arguments, ExecutionContext) throws -> Value

  /// Creates a built-in.
  public init(
    _ name: String, summary: String, parameters: [Parameter] = [], isVariadic: Bool = false,
    body: @escaping (Arguments, ExecutionContext) throws -> Value
  ) {
    self.name = name
    self.summary = summary
    self.parameters = parameters
    self.isVariadic = isVariadic
    self.body = body
  }

  /// "`fit` takes: model, data, epochs, lr, …".
  public var signatureHint: String {
    guard !parameters.isEmpty else { return "`\(name)` takes no arguments" }
    return "`\(name)` takes: " + parameters.map(\.label).joined(separator: ", ")
  }

  /// The call form for documentation: `fit(model, data, epochs:, lr:)`.
  public var signature: String {
    let parts = parameters.map { $0.isPositional ? $0.label : "\($0.label):" }
    return "\(name)(" + (parts + (isVariadic ? ["..."] : [])).joined(separator: ", ") + ")"
  }
}

/// A parameter of a built-in.
public struct Parameter: Sendable {
  /// Its label, also its name in messages.
  public var label: String
  /// Whether it may be given without its label, in order.
  public var isPositional: Bool
  /// Whether a call must give it.
  public var isRequired: Bool

  /// Creates a parameter.
  public init(_ label: String, positional: Bool = false, required: Bool = false) {
    self.label = label
    self.isPositional = positional
    self.isRequired = required
  }
}

/// The built-ins a cell can call, registered by the host (as Lua's libraries register into its core).
public struct BuiltinRegistry {
  private(set) var builtins: [String: Builtin] = [:]

  /// An empty registry.
  public init() {}

  /// Adds or replaces a built-in.
  public mutating func register(_ builtin: Builtin) {
    builtins[builtin.name] = builtin
  }

  /// The built-in called `name`.
  public subscript(name: String) -> Builtin? {
    builtins[name]
  }

  /// Every built-in's name, sorted.
  public var names: [String] {
    builtins.keys.sorted()
  }

  /// Every built-in, sorted by name.
  public var all: [Builtin] {
    names.compactMap { builtins[$0] }
  }
}
