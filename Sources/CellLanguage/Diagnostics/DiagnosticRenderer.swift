import _TerminalText

/// Renders diagnostics the way compilers do:
///
/// ```
/// circles.nnb:14:22: error: unknown function `mooons`
///     data = mooons(n: 200)
///            ^~~~~~
/// hint: did you mean `moons`?
/// ```
///
/// The excerpt needs the text of the marked line; without it only the first and last lines are shown.
public struct DiagnosticRenderer: Sendable {
  /// The file name shown before the location.
  public var path: String

  /// Creates a renderer for diagnostics of the file at `path`.
  public init(path: String) {
    self.path = path
  }

  /// The diagnostic as text, with `sourceLine` (the file's line at the diagnostic) as excerpt.
  public func render(_ diagnostic: Diagnostic, sourceLine: String?) -> String {
    var lines = ["\(path):\(diagnostic.description)"]
    if let sourceLine {
      let text = Array(sourceLine.replacing("\t", with: " "))
      let column = max(1, min(diagnostic.range.start.column, text.count + 1))
      let available = max(1, text.count + 1 - column)
      let marked = max(1, min(diagnostic.range.length, available))
      // The caret goes under its character by the columns a terminal gives the text before it
      // (two for `名`), and the tildes span the marked text's columns.
      let before = String(text[..<(column - 1)]).terminalColumns
      let underlined = String(text[(column - 1)..<min(text.count, column - 1 + marked)])
      let markerWidth = max(1, underlined.terminalColumns)
      lines.append("    " + String(text).escapingControlCharacters)
      let marker = "^" + String(repeating: "~", count: markerWidth - 1)
      lines.append("    " + String(repeating: " ", count: before) + marker)
    }
    if let hint = diagnostic.hint {
      lines.append("hint: " + hint)
    }
    return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
  }
}

extension String {
  /// The string without spaces at its end.
  func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
