import CellLanguage
import TextPlot

/// The engine of `nnbook repl`: steps through a notebook cell by cell like a Jupyter kernel, and
/// runs the user's own code in the same environment. It knows nothing of terminals: it takes lines
/// and returns text, so it can be driven by readline, by a pipe, or by a test.
public struct ReplSession {
  /// Where a notebook cell stands.
  public enum CellStatus: String, Sendable {
    case notRun = "not run"
    case ran
    case failed
    /// It ran, but a cell it depends on changed since.
    case stale
  }

  /// What handling a line produced.
  public struct Response: Equatable {
    /// Text to show (may be empty).
    public var text: String
    /// Whether the user asked to quit.
    public var shouldQuit: Bool = false
    /// Whether an empty `text` is still a line to show: code that printed `""`.
    public var isEmptyLine: Bool = false

    /// Whether there is anything to show.
    public var isVisible: Bool { !text.isEmpty || isEmptyLine }
  }

  /// The notebook being stepped through, if any.
  public private(set) var document: NotebookDocument?
  /// Its path, for diagnostics and `:write`.
  public let path: String?
  /// The status of each cell, by cell number - 1.
  public private(set) var statuses: [CellStatus] = []
  /// The number of the cell shown next (1-based); past the end when all have been shown.
  public private(set) var current = 1
  private var interpreter = Interpreter(builtins: NotebookBuiltins.registry)
  private var runs: [Int: CellRun] = [:]
  private var pending: [String] = []
  private var isColored: Bool
  private let readNotebook: (String) -> Result<NotebookDocument, ReplError>
  private let writeNotebook: (NotebookDocument, String) -> Result<Void, ReplError>

  /// Why reading or writing the notebook failed.
  public struct ReplError: Error {
    /// The message to show.
    public var message: String
    /// Whether reading failed because no file is there (any more).
    public var isFileMissing: Bool
    /// Creates an error.
    public init(_ message: String, isFileMissing: Bool = false) {
      self.message = message
      self.isFileMissing = isFileMissing
    }
  }

  /// A session over `document` read from `path` (or an empty session when both are nil).
  ///
  /// `read` and `write` do the file work of `:reload` and `:write`, so the engine stays free of
  /// I/O.
  public init(
    document: NotebookDocument?, path: String?, isColored: Bool = false,
    read: @escaping (String) -> Result<NotebookDocument, ReplError>,
    write: @escaping (NotebookDocument, String) -> Result<Void, ReplError>
  ) {
    self.document = document
    self.path = path
    self.isColored = isColored
    self.readNotebook = read
    self.writeNotebook = write
    self.statuses = Array(repeating: .notRun, count: document?.cells.count ?? 0)
  }

  /// The prompt for the next line: `nnb> `, or `...> ` inside an unfinished block.
  public var prompt: String {
    pending.isEmpty ? "nnb> " : "...> "
  }

  private var cells: [CodeCell] { document?.cells ?? [] }

  /// The greeting, and the first cell when a notebook is open.
  public func start() -> String {
    guard let document, let path else {
      return "nnbook repl: type code to run it, :help for commands, Ctrl-D to quit."
    }
    let count = document.cells.count
    return "nnbook repl: \(path), \(count) cell\(count == 1 ? "" : "s"). "
      + "Enter runs the cell shown; :help lists commands.\n\n" + show(current, withProse: true)
  }

  /// Handles one line of input.
  public mutating func handle(_ line: String, context: ExecutionContext = ExecutionContext())
    -> Response
  {
    context.display.isColored = isColored
    if context.baseDirectory == nil { context.baseDirectory = path.map(NotebookFolder.containing) }
    if pending.isEmpty {
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty { return next(context) }
      if trimmed.hasPrefix(":") { return command(trimmed, context) }
    }
    pending.append(line)
    let source = pending.joined(separator: "\n")
    let (_, diagnostics) = Parser.parse(source: source)
    if !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncomplete) {
      return Response(text: "")
    }
    pending = []
    return run(source, context)
  }

  /// At the end of input, the errors of a half-typed block (which would otherwise vanish without
  /// a word); an empty response when nothing is pending.
  public mutating func finishPendingInput(context: ExecutionContext = ExecutionContext())
    -> Response
  {
    guard !pending.isEmpty else { return Response(text: "") }
    let source = pending.joined(separator: "\n")
    pending = []
    return run(source, context)
  }

  /// Runs typed code: its output, then its diagnostics with their lines.
  private mutating func run(_ source: String, _ context: ExecutionContext) -> Response {
    let result = interpreter.run(source, context: context)
    var lines = result.output.map(\.styled)
    let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
    for diagnostic in result.diagnostics {
      let index = diagnostic.location.line - 1
      let text = sourceLines.indices.contains(index) ? String(sourceLines[index]) : nil
      lines.append(DiagnosticRenderer(path: "<repl>").render(diagnostic, sourceLine: text))
    }
    return Response(text: lines.joined(separator: "\n"), isEmptyLine: lines == [""])
  }

  /// Drops a half-typed block (Ctrl-C at a continuation prompt).
  public mutating func cancelPendingInput() {
    pending = []
  }

  // MARK: - Commands

  /// The commands and what they do, for `:help` and completion.
  public static let commands: [(name: String, help: String)] = [
    (":next", "run the cell shown (also Enter on an empty line)"),
    (":run", ":run N runs every cell up to and including N that has not run"),
    (":all", "run the rest of the notebook"),
    (":goto", ":goto N shows cell N next"),
    (":list", "the cells with their status (not run / ran / failed / stale)"),
    (":show", ":show N shows cell N and its output"),
    (":vars", "the variables with their type and a summary"),
    (":reset", "forget every variable and start over"),
    (":reload", "re-read the file; changed cells and those using them become stale"),
    (":write", "store the outputs of the cells run so far into the file"),
    (":help", "this list"),
    (":quit", "leave (also Ctrl-D)"),
  ]

  private mutating func command(_ line: String, _ context: ExecutionContext) -> Response {
    let words = line.split(separator: " ").map(String.init)
    let name = words[0]
    let argument = words.count > 1 ? Int(words[1]) : nil
    let takesNumber = [":run", ":r", ":goto", ":g", ":show", ":s"].contains(name)
    let shortNames = [":n", ":r", ":a", ":g", ":l", ":s", ":v", ":w", ":h", ":?", ":q", ":exit"]
    let isKnown = shortNames.contains(name) || Self.commands.contains { $0.name == name }
    if isKnown && words.count > (takesNumber ? 2 : 1) {
      return Response(
        text: "usage: \(name) \(takesNumber ? "N, one number" : "alone"), got \(line)")
    }
    switch name {
    case ":next", ":n": return next(context)
    case ":run", ":r":
      guard let number = argument, cells.indices.contains(number - 1) else {
        return Response(text: usage(":run N", count: cells.count))
      }
      return runUpTo(number, context)
    case ":all", ":a":
      guard !cells.isEmpty else { return Response(text: noCells) }
      return runUpTo(cells.count, context)
    case ":goto", ":g":
      guard let number = argument, cells.indices.contains(number - 1) else {
        return Response(text: usage(":goto N", count: cells.count))
      }
      current = number
      return Response(text: show(number, withProse: true))
    case ":list", ":l": return Response(text: list())
    case ":show", ":s":
      guard let number = argument, cells.indices.contains(number - 1) else {
        return Response(text: usage(":show N", count: cells.count))
      }
      return Response(text: show(number, withProse: false, withOutput: true))
    case ":vars", ":v": return Response(text: variables())
    case ":reset":
      interpreter.reset()
      statuses = Array(repeating: .notRun, count: cells.count)
      runs = [:]
      current = 1
      return Response(
        text: cells.isEmpty ? "environment reset" : "environment reset; the next cell is [1]")
    case ":reload": return Response(text: reload())
    case ":write", ":w": return Response(text: write())
    case ":help", ":h", ":?": return Response(text: help())
    case ":quit", ":q", ":exit": return Response(text: "", shouldQuit: true)
    default:
      let names = Self.commands.map(\.name)
      let suggestion = Suggestions.closest(to: name, among: names).map { "; did you mean \($0)?" }
      return Response(text: "unknown command \(name)\(suggestion ?? "") (:help lists them)")
    }
  }

  private func usage(_ form: String, count: Int) -> String {
    count == 0 ? noCells : "usage: \(form), with N from 1 to \(count)"
  }

  /// Why a command about cells has none to work on.
  private var noCells: String {
    document == nil ? "no notebook is open" : "the notebook has no code cells"
  }

  private func help() -> String {
    let width = Self.commands.map(\.name.count).max() ?? 0
    let lines = Self.commands.map {
      $0.name + String(repeating: " ", count: width - $0.name.count + 2) + $0.help
    }
    return (lines + ["Any other line is code, run in the notebook's environment."])
      .joined(separator: "\n")
  }

  // MARK: - Running cells

  private mutating func next(_ context: ExecutionContext) -> Response {
    guard !cells.isEmpty else { return Response(text: "") }
    guard current <= cells.count else {
      return Response(text: "end of the notebook (:goto N to go back, :quit to leave)")
    }
    let number = current
    let result = runWithDependencies(number, context)
    current = number + 1
    let upcoming = current <= cells.count ? show(current, withProse: true) : "end of the notebook"
    return Response(text: [result, upcoming].filter { !$0.isEmpty }.joined(separator: "\n\n"))
  }

  private mutating func runUpTo(_ number: Int, _ context: ExecutionContext) -> Response {
    var texts: [String] = []
    var ran: [Int] = []
    for cell in 1...max(1, number) where statuses[cell - 1] != .ran {
      texts.append(runCell(cell, context))
      ran.append(cell)
      if statuses[cell - 1] == .failed || context.isInterrupted() { break }
    }
    current = min(number + 1, cells.count + 1)
    if ran.isEmpty { return Response(text: "cells up to [\(number)] have already run") }
    let shown = texts.filter { !$0.isEmpty }
    if shown.isEmpty {
      return Response(text: "ran " + ran.map { "[\($0)]" }.joined(separator: ", "))
    }
    return Response(text: shown.joined(separator: "\n\n"))
  }

  /// Runs cell `number`, first re-running the stale cells it depends on.
  private mutating func runWithDependencies(_ number: Int, _ context: ExecutionContext) -> String {
    var needed = Set(freeNames(of: number))
    var reruns: [Int] = []
    for earlier in stride(from: number - 1, through: 1, by: -1)
    where statuses[earlier - 1] == .stale && !needed.isDisjoint(with: definedNames(of: earlier)) {
      reruns.insert(earlier, at: 0)
      needed.formUnion(freeNames(of: earlier))
    }
    var texts: [String] = []
    for earlier in reruns {
      texts.append(runCell(earlier, context))
      if statuses[earlier - 1] == .failed { return texts.joined(separator: "\n\n") }
    }
    texts.append(runCell(number, context))
    return texts.filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  private mutating func runCell(_ number: Int, _ context: ExecutionContext) -> String {
    let cell = cells[number - 1]
    let result = interpreter.run(cell.source, firstLine: cell.sourceLine, context: context)
    let run = CellRun(cell: cell, output: result.output, diagnostics: result.diagnostics)
    runs[number] = run
    statuses[number - 1] = run.succeeded ? .ran : .failed
    return printer.cellResult(run)
  }

  private var printer: NotebookPrinter {
    NotebookPrinter(
      path: path ?? "<repl>", document: document ?? (try! NotebookDocument(parsing: "")),
      isColored: isColored)
  }

  // MARK: - Showing

  private func show(_ number: Int, withProse: Bool, withOutput: Bool = false) -> String {
    guard let document, cells.indices.contains(number - 1) else { return "" }
    var parts: [String] = []
    if withProse, let prose = prose(before: number, in: document) {
      let text = printer.prose(prose).trimmingBlankLines()
      if !text.isEmpty { parts.append(text + "\n") }
    }
    let cell = cells[number - 1]
    let status = statuses[number - 1]
    var code = printer.code(cell)
    if status != .notRun {
      // On the heading line ("In [2]:   (ran)"), not after the cell's last line of code.
      let heading = code.firstIndex(of: "\n") ?? code.endIndex
      code.insert(contentsOf: "   (\(status.rawValue))", at: heading)
    }
    parts.append(code)
    if withOutput, let run = runs[number] { parts.append(printer.cellResult(run)) }
    return parts.joined(separator: "\n")
  }

  /// The prose block right before cell `number`, without surrounding blank lines.
  private func prose(before number: Int, in document: NotebookDocument) -> ProseBlock? {
    var previous: ProseBlock?
    for item in document.items {
      switch item {
      case .prose(let block): previous = block
      case .code(let cell):
        if cell.number == number { return previous }
        previous = nil
      }
    }
    return nil
  }

  private func list() -> String {
    guard !cells.isEmpty else { return noCells }
    let rows = cells.map { cell -> [String] in
      let firstLine = cell.source.split(separator: "\n").first.map(String.init) ?? ""
      let preview = firstLine.count > 48 ? String(firstLine.prefix(45)) + "..." : firstLine
      return [
        (cell.number == current ? "> " : "  ") + "[\(cell.number)]", cell.name ?? "",
        statuses[cell.number - 1].rawValue, preview,
      ]
    }
    return TextTable.render(header: ["  cell", "name", "status", "code"], rows: rows)
  }

  private func variables() -> String {
    let names = interpreter.variableOrder
    guard !names.isEmpty else { return "no variables yet" }
    let rows = names.map { name -> [String] in
      let value = interpreter.variables[name] ?? .none
      var summary = value.summary.split(separator: "\n").first.map(String.init) ?? ""
      if summary.count > 60 { summary = String(summary.prefix(57)) + "..." }
      return [name, typeName(value), summary]
    }
    return TextTable.render(header: ["name", "type", "value"], rows: rows)
  }

  private func typeName(_ value: Value) -> String {
    switch value {
    case .object(let object): object.typeName
    default: String(value.typeDescription.split(separator: " ").last ?? "")
    }
  }

  // MARK: - Files

  private mutating func reload() -> String {
    guard let path, let old = document else { return "no notebook is open" }
    let new: NotebookDocument
    switch readNotebook(path) {
    case .success(let document): new = document
    case .failure(let error): return error.message
    }
    let oldCells = old.cells
    let newCells = new.cells
    var newStatuses = [CellStatus](repeating: .notRun, count: newCells.count)
    var changedNames: Set<String> = []
    var changed: [Int] = []
    for cell in newCells {
      let index = cell.number - 1
      let previous = oldCells.indices.contains(index) ? statuses[index] : .notRun
      let isChanged = !oldCells.indices.contains(index) || oldCells[index].source != cell.source
      if isChanged {
        changed.append(cell.number)
        newStatuses[index] = previous == .notRun ? .notRun : .stale
        changedNames.formUnion(Self.program(cell).definedNames)
      } else if previous != .notRun
        && !changedNames.isDisjoint(with: Self.program(cell).freeNames)
      {
        newStatuses[index] = .stale
        changedNames.formUnion(Self.program(cell).definedNames)
      } else {
        newStatuses[index] = previous
      }
    }
    document = new
    statuses = newStatuses
    runs = runs.filter {
      newStatuses.indices.contains($0.key - 1) && newStatuses[$0.key - 1] == .ran
    }
    current = min(current, newCells.count + 1)
    let stale = newStatuses.indices.filter { newStatuses[$0] == .stale }.map { "[\($0 + 1)]" }
    var text = "reloaded \(path): \(newCells.count) cells"
    text +=
      changed.isEmpty
      ? ", none changed" : "; changed \(changed.map { "[\($0)]" }.joined(separator: ", "))"
    if !stale.isEmpty { text += "; stale \(stale.joined(separator: ", "))" }
    return text
  }

  private mutating func write() -> String {
    guard let path, let document else { return "no notebook is open" }
    let finished = runs.values.filter { statuses[$0.cell.number - 1] == .ran }
      .sorted { $0.cell.number < $1.cell.number }
    guard !finished.isEmpty else { return "no cells have run yet; nothing to write" }
    // A file deleted since it was read is written whole again; one that cannot be read (made
    // unreadable, or edited into something malformed) is left alone.
    var isMissing = false
    switch readNotebook(path) {
    case .success(let onDisk) where onDisk != document:
      return
        "\(path) changed since it was read; :reload it first, then :write (nothing was written)"
    case .success:
      break
    case .failure(let error) where error.isFileMissing:
      isMissing = true
    case .failure(let error):
      return "\(path) cannot be read, so nothing was written:\n\(error.message)"
    }
    let changed = finished.filter {
      !NotebookDocument.sameOutput($0.storedOutput, document.cells[$0.cell.number - 1].output)
    }
    let updated = document.updatingOutputs(with: changed)
    guard updated != document || isMissing else { return "\(path) is up to date" }
    switch writeNotebook(updated, path) {
    case .success:
      self.document = updated
      if isMissing { return "wrote \(path) again, whole: the file was gone" }
      return
        "wrote the outputs of \(changed.count) cell\(changed.count == 1 ? "" : "s") to \(path)"
    case .failure(let error):
      return error.message
    }
  }

  // MARK: - Dependencies

  private func freeNames(of number: Int) -> [String] {
    Self.program(cells[number - 1]).freeNames
  }

  private func definedNames(of number: Int) -> Set<String> {
    Set(Self.program(cells[number - 1]).definedNames)
  }

  private static func program(_ cell: CodeCell) -> Program {
    Parser.parse(source: cell.source, firstLine: cell.sourceLine).0
  }

  // MARK: - Completion

  /// Completions for the word ending at the end of `line`: commands after `:`, the labels of the
  /// built-in whose call is open, then built-in and variable names.
  public func completions(for line: String) -> [String] {
    let word = String(
      line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }.reversed())
    if word.hasPrefix(":") {
      return Self.commands.map(\.name).filter { $0.hasPrefix(word) }
    }
    var candidates: [String] = []
    if let function = openCall(in: String(line.dropLast(word.count))),
      let builtin = interpreter.builtins[function]
    {
      candidates += builtin.parameters.filter { !$0.isPositional }.map { $0.label + ":" }
    }
    candidates += interpreter.builtins.names + interpreter.variableOrder
    var seen: Set<String> = []
    return candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
  }

  /// The name of the innermost call still open at the end of `text`, as in `fit(model, ep`.
  private func openCall(in text: String) -> String? {
    var depth = 0
    let characters = Array(text)
    var index = characters.count - 1
    while index >= 0 {
      switch characters[index] {
      case ")", "]": depth += 1
      case "[": depth -= 1
      case "(":
        if depth == 0 {
          var start = index
          while start > 0, characters[start - 1].isLetter || characters[start - 1] == "_" {
            start -= 1
          }
          return start < index ? String(characters[start..<index]) : nil
        }
        depth -= 1
      default: break
      }
      index -= 1
    }
    return nil
  }
}

extension String {
  /// The text without blank lines at its start and end.
  fileprivate func trimmingBlankLines() -> String {
    var lines = split(separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\r" }) {
      lines.removeFirst()
    }
    while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\r" }) { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  fileprivate func trimmingSpaces() -> String {
    var text = Substring(self)
    while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
    while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
    return String(text)
  }
}
