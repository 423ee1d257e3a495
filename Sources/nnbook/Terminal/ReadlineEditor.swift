import CReadline

#if canImport(Glibc)
  import Glibc
#endif

/// GNU readline behind ``LineEditor``: line editing, persistent history and tab completion.
///
/// Readline runs through its callback interface with a `select` loop, so Ctrl-C at the prompt can
/// clear the line (a signal handler alone cannot abort a blocking `readline()`).
struct ReadlineEditor: LineEditor {
  /// The most lines the history file keeps.
  static let historyLimit: Int32 = 1000

  private let historyPath: String?

  /// Sets up readline with completions from `complete`, and loads the history.
  init(historyPath: String?, complete: @escaping (String) -> [String]) {
    self.historyPath = historyPath
    ReadlineState.complete = complete
    nnbook_readline_configure { text, _, _ in
      nnbook_readline_matches(text) { text, state in
        ReadlineState.nextCompletion(text: text, state: state)
      }
    }
    using_history()
    stifle_history(Self.historyLimit)
    if let historyPath { read_history(historyPath) }
  }

  mutating func readLine(prompt: String) -> LineInput {
    ReadlineState.result = nil
    Interrupts.reset()
    rl_callback_handler_install(prompt) { line in
      if let line {
        ReadlineState.result = .line(String(cString: line))
        free(line)
      } else {
        ReadlineState.result = .end
      }
      rl_callback_handler_remove()
    }
    while ReadlineState.result == nil {
      let ready = nnbook_wait_for_input(0)
      if Interrupts.isRequested {
        Interrupts.reset()
        nnbook_readline_cancel_line()
        return .interrupted
      }
      if ready < 0 {
        rl_callback_handler_remove()
        return .end
      }
      if ready > 0 { rl_callback_read_char() }
    }
    return ReadlineState.result ?? .end
  }

  mutating func remember(_ line: String) {
    guard !line.isEmpty else { return }
    add_history(line)
  }

  func save() {
    if let historyPath { write_history(historyPath) }
  }
}

/// The state readline's C callbacks reach, which cannot capture context.
private enum ReadlineState {
  nonisolated(unsafe) static var result: LineInput?
  nonisolated(unsafe) static var complete: ((String) -> [String])?
  nonisolated(unsafe) static var matches: [String] = []

  static func nextCompletion(
    text: UnsafePointer<CChar>?, state: Int32
  ) -> UnsafeMutablePointer<CChar>? {
    if state == 0 {
      let line = nnbook_readline_buffer().map { String(cString: $0) } ?? ""
      let upToCursor = String(
        decoding: line.utf8.prefix(Int(nnbook_readline_point())), as: UTF8.self)
      matches = complete?(upToCursor) ?? []
    }
    guard Int(state) < matches.count else { return nil }
    return strdup(matches[Int(state)])
  }
}
