import ArgumentParser

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  /// Colour when standard output is a terminal, `NO_COLOR` is unset and `TERM` is not `dumb`.
  case auto
  case always
  case never

  /// Whether to colour standard output.
  var isEnabled: Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = Terminal.environment("NO_COLOR"), !noColor.isEmpty { return false }
      if Terminal.environment("TERM") == "dumb" { return false }
      return Terminal.isTerminal(1)
    }
  }
}
