/// An error raised while a cell runs; the evaluator turns it into a located ``Diagnostic``.
public struct RuntimeError: Error, Equatable, Sendable {
  /// What went wrong, lowercase.
  public var message: String
  /// How to fix it, if something useful can be said.
  public var hint: String?
  /// The argument label the error is about, so the diagnostic can point at that argument.
  public var argument: String?

  /// Creates an error, optionally about the argument labelled `argument`.
  public init(_ message: String, hint: String? = nil, argument: String? = nil) {
    self.message = message
    self.hint = hint
    self.argument = argument
  }
}
