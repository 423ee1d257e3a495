import Notebook

/// An answer in `nnbook test --review`.
enum ReviewDecision: Equatable {
  case accept, reject, skip, acceptAll, rejectAll
}

/// Asks, on the terminal, whether to accept one changed cell output.
enum Reviewer {
  static func ask(about change: CellRun, path: String) -> ReviewDecision {
    let cell = change.cell
    Terminal.write("\n\(path):\(cell.line): cell [\(cell.number)]\n")
    Terminal.write(LineDiff.unified(from: cell.output ?? "", to: change.storedOutput ?? "") + "\n")
    while true {
      Terminal.write("accept this output? [a]ccept, [r]eject, [s]kip, [A]ccept all, [R]eject all: ")
      guard let answer = readLine() else { return .rejectAll }
      switch answer.trimmingSpaces() {
      case "a": return .accept
      case "r": return .reject
      case "s", "": return .skip
      case "A": return .acceptAll
      case "R": return .rejectAll
      case let other: Terminal.write("'\(other)' is none of a, r, s, A and R\n")
      }
    }
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
