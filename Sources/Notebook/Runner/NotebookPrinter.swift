import CellLanguage

/// Renders a notebook run as text, the way `nnbook run` shows it: prose lightly rendered, each code
/// cell with its number and code, then its fresh output (or its error).
///
/// ```
/// In [1] data:
///     data = circles(n: 1000, noise: 0.1, factor: 0.5, seed: 42)
///     data
/// Out[1]:
///     circles(n: 1000, …): 1000 points, 2 features, 2 classes (0: 500, 1: 500)
/// ```
public struct NotebookPrinter {
  /// The file name used in diagnostics.
  public var path: String
  /// Whether to add ANSI colour.
  public var isColored: Bool
  private let sourceLines: [Substring]

  /// A printer for the notebook `document` read from `path`.
  public init(path: String, document: NotebookDocument, isColored: Bool) {
    self.path = path
    self.isColored = isColored
    self.sourceLines = Self.lines(of: document.serializedText())
  }

  /// A prose block as shown: Markdown headings in bold (plain: as text), underlined at levels 1–2.
  public func prose(_ block: ProseBlock) -> String {
    var lines: [String] = []
    for line in Self.lines(of: block.text) {
      let text = String(line)
      if let heading = Self.heading(text) {
        lines.append(style(heading.title, code: "1"))
        let rule = heading.level == 1 ? "=" : "-"
        if heading.level <= 2 { lines.append(String(repeating: rule, count: heading.title.count)) }
      } else {
        lines.append(text)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// A code cell, its output, and its diagnostics.
  public func cell(_ run: CellRun) -> String {
    let result = cellResult(run)
    return result.isEmpty ? code(run.cell) : code(run.cell) + "\n" + result
  }

  /// A code cell's header and code, without output.
  public func code(_ cell: CodeCell) -> String {
    let title = "In [\(cell.number)]" + (cell.name.map { " \($0)" } ?? "") + ":"
    return
      ([style(title, code: "32")]
      + cell.source.split(separator: "\n", omittingEmptySubsequences: false).map {
        ("    " + $0).trimmingTrailingSpaces()
      }).joined(separator: "\n")
  }

  /// A cell's output and diagnostics, without its code.
  public func cellResult(_ run: CellRun) -> String {
    let cell = run.cell
    var lines: [String] = []
    let text = run.output.map(\.styled).joined(separator: "\n")
    if !text.isEmpty {
      lines.append(style("Out[\(cell.number)]:", code: "31"))
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).map {
        ("    " + $0).trimmingTrailingSpaces()
      }
    }
    for diagnostic in run.diagnostics {
      lines.append(self.diagnostic(diagnostic))
    }
    return lines.joined(separator: "\n")
  }

  /// A diagnostic with its source line and caret.
  public func diagnostic(_ diagnostic: Diagnostic) -> String {
    let line = diagnostic.location.line
    let source = sourceLines.indices.contains(line - 1) ? String(sourceLines[line - 1]) : nil
    let text = DiagnosticRenderer(path: path).render(diagnostic, sourceLine: source)
    return isColored ? text.replacing(": error: ", with: ": \u{1B}[1;31merror:\u{1B}[0m ") : text
  }

  /// The lines of a file's text without their endings, `\n` or `\r\n`. (A split at `"\n"` finds
  /// no `\r\n`: Swift reads it as one `Character`.)
  static func lines(of text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
  }

  private func style(_ text: String, code: String) -> String {
    isColored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// `## Title` as (2, "Title").
  static func heading(_ line: String) -> (level: Int, title: String)? {
    let hashes = line.prefix { $0 == "#" }.count
    guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
    return (hashes, line.dropFirst(hashes + 1).trimmingCharacters(in: " #"))
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var text = self
    while let last = text.last, set.contains(last) { text.removeLast() }
    while let first = text.first, set.contains(first) { text.removeFirst() }
    return String(text)
  }
}

extension String {
  /// The string without spaces at its end.
  fileprivate func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
