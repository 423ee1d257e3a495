import CellLanguage
import NeuralNet

extension NotebookBuiltins {
  static var fileBuiltins: [Builtin] { [csv, writeCSV, save, load] }

  static var csv: Builtin {
    Builtin(
      "csv",
      summary:
        "Reads a dataset from a CSV file: a header, numeric feature columns, a label column.",
      parameters: [
        Parameter("path", positional: true, required: true), Parameter("label"),
        Parameter("classes"),
      ]
    ) { arguments, context in
      let path = try arguments.string("path")
      let label = arguments.has("label") ? try arguments.string("label") : nil
      let classes = arguments.has("classes") ? try classNames(arguments) : nil
      let bytes = try files(context, "csv") { (folder) throws(FileAccessError) in
        try folder.read(path, maximumBytes: NotebookFolder.maximumCSVBytes)
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw RuntimeError("`\(path)` is not UTF-8 text", argument: "path")
      }
      do throws(CSVError) {
        let table = try CSVTable(parsing: text, maximumRecords: maximumExamples + 1)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let dataset = try Dataset(csv: table, name: name, labelColumn: label, classes: classes)
        return .object(DatasetObject(dataset))
      } catch {
        throw RuntimeError(
          "\(path): \(error.message)", hint: error.hint, argument: error.argument ?? "path")
      }
    }
  }

  static var writeCSV: Builtin {
    Builtin(
      "write_csv",
      summary:
        "Writes a dataset as a CSV file that csv reads back to the same numbers, bit for bit.",
      parameters: [
        Parameter("data", positional: true, required: true),
        Parameter("path", positional: true, required: true),
      ]
    ) { arguments, context in
      let data = try arguments.dataset("data")
      let path = try arguments.string("path")
      let bytes = Array(data.csvText.utf8)
      try files(context, "write_csv") { (folder) throws(FileAccessError) in
        try folder.write(bytes, to: path)
      }
      return .string("wrote \(data.count) row\(data.count == 1 ? "" : "s") to \(path)")
    }
  }

  static var save: Builtin {
    Builtin(
      "save",
      summary: "Saves a model's architecture and weights as a JSON file (Docs/ModelFormat.md).",
      parameters: [
        Parameter("model", positional: true, required: true),
        Parameter("path", positional: true, required: true),
      ]
    ) { arguments, context in
      let model = try arguments.model("model")
      let path = try arguments.string("path")
      let file = ModelFile(
        model: model.model, initialization: model.initialization, seed: model.seed)
      let text: String
      do throws(ModelFileError) {
        text = try file.json()
      } catch {
        throw RuntimeError(error.message, hint: error.hint, argument: "model")
      }
      try files(context, "save") { (folder) throws(FileAccessError) in
        try folder.write(Array(text.utf8), to: path)
      }
      return .string("saved the model (\(model.model.parameterCount) parameters) to \(path)")
    }
  }

  static var load: Builtin {
    Builtin(
      "load",
      summary: "Loads a model saved by save, checking its format, version, shapes and numbers.",
      parameters: [Parameter("path", positional: true, required: true)]
    ) { arguments, context in
      let path = try arguments.string("path")
      let bytes = try files(context, "load") { (folder) throws(FileAccessError) in
        try folder.read(path, maximumBytes: NotebookFolder.maximumModelBytes)
      }
      do throws(ModelFileError) {
        let file = try ModelFile(json: bytes)
        return .object(
          ModelObject(
            file.model, initialization: file.initialization, seed: file.seed, isLoaded: true))
      } catch {
        throw RuntimeError("\(path): \(error.message)", hint: error.hint, argument: "path")
      }
    }
  }

  // MARK: - Helpers

  /// Runs `body` on the notebook's folder, turning refusals into cell errors about `path`; throws
  /// when no folder is set (a bare interpreter), rather than using the working directory.
  private static func files<T>(
    _ context: ExecutionContext, _ function: String,
    _ body: (NotebookFolder) throws(FileAccessError) -> T
  ) throws(RuntimeError) -> T {
    guard let base = context.baseDirectory else {
      throw RuntimeError(
        "`\(function)` cannot use files here: no notebook folder is set",
        hint: "files are read and written in a notebook's folder, when nnbook run, test or repl "
          + "runs it")
    }
    do {
      return try body(NotebookFolder(base))
    } catch {
      throw RuntimeError(error.message, hint: error.hint, argument: "path")
    }
  }

  /// The `classes` argument: distinct, non-empty names (whole numbers are taken as their digits).
  private static func classNames(_ arguments: Arguments) throws(RuntimeError) -> [String] {
    var names: [String] = []
    for value in try arguments.list("classes") {
      switch value {
      case .string(let name) where !name.isEmpty: names.append(name)
      case .number(let number) where number == number.rounded() && abs(number) < 1e15:
        names.append(Value.format(number))
      default:
        throw RuntimeError(
          "`classes` must list class names, like [\"setosa\", \"versicolor\"], got "
            + value.typeDescription, argument: "classes")
      }
    }
    guard !names.isEmpty else {
      throw RuntimeError("`classes` must name at least one class", argument: "classes")
    }
    if let repeated = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
      throw RuntimeError("`classes` lists \"\(names[repeated])\" twice", argument: "classes")
    }
    return names
  }
}
