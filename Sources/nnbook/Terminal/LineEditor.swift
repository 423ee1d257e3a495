/// Where the REPL's lines come from: readline on a terminal, plain lines from a pipe.
protocol LineEditor {
  /// The next line, or `nil` at the end of input (Ctrl-D). An interrupted line (Ctrl-C at the
  /// prompt) comes back as ``LineInput/interrupted``.
  mutating func readLine(prompt: String) -> LineInput
  /// Remembers a line in the history.
  mutating func remember(_ line: String)
  /// Saves the history, if it keeps one.
  func save()
}

/// One read from a ``LineEditor``.
enum LineInput: Equatable {
  case line(String)
  case interrupted
  case end
}

/// Reads plain lines from standard input, without prompts or editing: for pipes and scripts.
struct PlainLineEditor: LineEditor {
  mutating func readLine(prompt: String) -> LineInput {
    guard let line = Swift.readLine(strippingNewline: true) else { return .end }
    return .line(line)
  }

  mutating func remember(_ line: String) {}
  func save() {}
}
