import CellLanguage

/// A rendered chart: it shows itself, in colour on a colour terminal.
final class PlotObject: HostObject {
  let text: DisplayText

  init(_ text: DisplayText) {
    self.text = text
  }

  var typeName: String { "plot" }
  var summary: String { "plot (\(text.plain.split(separator: "\n").count) lines)" }
  var memberNames: [String] { [] }
  func member(_ name: String) -> Value? { nil }
  func display(_ context: DisplayContext) -> DisplayText { text }
}
