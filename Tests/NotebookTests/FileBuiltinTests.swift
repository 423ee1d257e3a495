import CellLanguage
import Foundation
import Testing

@testable import Notebook

/// `csv`, `write_csv`, `save` and `load` as cells call them: results, and errors located at the
/// argument they are about.
@Suite struct FileBuiltinTests {
  /// Runs `source` in a fresh interpreter whose files live in `folder` (none when nil).
  static func run(_ source: String, folder: String?) -> CellResult {
    var interpreter = Interpreter(builtins: NotebookBuiltins.registry)
    return interpreter.run(source, context: ExecutionContext(baseDirectory: folder))
  }

  static func output(_ source: String, folder: String) -> String {
    let result = run(source, folder: folder)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return result.output.map(\.plain).joined(separator: "\n")
  }

  static func error(_ source: String, folder: String?) -> String? {
    run(source, folder: folder).diagnostics.first.map {
      "\($0.description)" + ($0.hint.map { " | \($0)" } ?? "")
    }
  }

  @Test func csvLoadsADatasetNamedForItsFile() throws {
    let folder = try TemporaryFolder("builtin-csv")
    defer { folder.remove() }
    try folder.write("a,b,kind\n1,2,x\n3,4,y\n5,6,x\n", to: "data/small.csv")
    #expect(
      Self.output("d = csv(\"data/small.csv\")\nprint(d.feature_names)\nd", folder: folder.path)
        == "[\"a\", \"b\"]\nsmall.csv: 3 points, 2 features, 2 classes (x: 2, y: 1)")
  }

  @Test func csvErrorsNameTheFileAndLine() throws {
    let folder = try TemporaryFolder("builtin-csv-errors")
    defer { folder.remove() }
    try folder.write("a,b,kind\n1,2,x\n3,x\n", to: "bad.csv")
    #expect(
      Self.error("csv(\"bad.csv\")", folder: folder.path)
        == "1:5: error: bad.csv: line 3 has 2 fields, the header has 3")
    #expect(
      Self.error("csv(\"bad.csv\", label: \"knd\")", folder: folder.path)
        == "1:23: error: bad.csv: no column `knd` in the header (line 1); the columns are `a`, `b`, "
        + "`kind` | did you mean `kind`?")
  }

  @Test func writeCSVThenCSVGivesTheSameDataset() throws {
    let folder = try TemporaryFolder("builtin-write-csv")
    defer { folder.remove() }
    let text = Self.output(
      """
      data = moons(n: 40, noise: 0.3, seed: 2)
      print(write_csv(data, "moons.csv"))
      copy = csv("moons.csv")
      print(copy.labels == data.labels, copy.classes == data.classes)
      """, folder: folder.path)
    #expect(text == "wrote 40 rows to moons.csv\ntrue true")
    #expect(try folder.read("moons.csv").hasPrefix("x1,x2,label\n"))
  }

  @Test func saveThenLoadGivesAModelThatPredictsTheSame() throws {
    let folder = try TemporaryFolder("builtin-save-load")
    defer { folder.remove() }
    let text = Self.output(
      """
      data = blobs(n: 60, centers: 3, seed: 4)
      model = mlp(inputs: 2, hidden: [6], outputs: 3, activation: "tanh", init: "xavier", seed: 5)
      h = fit(model, data, epochs: 30, lr: 0.5, log_every: 0)
      print(save(model, "model.json"))
      copy = load("model.json")
      print(proba(copy, data) == proba(model, data), accuracy(copy, data) == accuracy(model, data))
      copy
      """, folder: folder.path)
    #expect(
      text == """
        saved the model (39 parameters) to model.json
        true true
        layer     shape   activation  parameters
        --------  ------  ----------  ----------
        hidden 1  2 -> 6  tanh                18
        output    6 -> 3  softmax             21
        total 39 parameters, weights from a file (made with xavier init, seed 5)
        """)
  }

  @Test func crossValidatingALoadedModelStartsFromItsWeights() throws {
    let folder = try TemporaryFolder("builtin-load-cross-validate")
    defer { folder.remove() }
    let text = Self.output(
      """
      data = moons(n: 40, noise: 0.2, seed: 0)
      trained = mlp(inputs: 2, hidden: [4], outputs: 2, seed: 7)
      h = fit(trained, data, epochs: 300, lr: 0.5, log_every: 0)
      s = save(trained, "trained.json")
      loaded = cross_validate(load("trained.json"), data, k: 3, epochs: 1)
      fresh = cross_validate(mlp(inputs: 2, hidden: [4], outputs: 2, seed: 7), data, k: 3, epochs: 1)
      [loaded.mean > 0.7, fresh.mean < 0.6]
      """, folder: folder.path)
    #expect(text == "[true, true]")
  }

  @Test func loadExplainsABadFile() throws {
    let folder = try TemporaryFolder("builtin-load-errors")
    defer { folder.remove() }
    try folder.write("{\"format\": \"nnbook-model\", \"version\": 9}", to: "new.json")
    #expect(
      Self.error("m = load(\"new.json\")", folder: folder.path)
        == "1:10: error: new.json: the file was written by a newer nnbook (model format version 9; "
        + "this nnbook reads version 1) | update nnbook to load it")
  }

  @Test func pathsOutsideTheFolderAreCellErrors() throws {
    let folder = try TemporaryFolder("builtin-outside")
    defer { folder.remove() }
    #expect(
      Self.error("write_csv(moons(), \"../x.csv\")", folder: folder.path)
        == "1:20: error: `../x.csv` is outside the notebook's folder | notebooks read and write "
        + "files only in their own folder and the folders below it")
  }

  @Test func withoutAFolderFileBuiltinsFail() {
    #expect(
      Self.error("csv(\"iris.csv\")", folder: nil)
        == "1:1: error: `csv` cannot use files here: no notebook folder is set | files are read "
        + "and written in a notebook's folder, when nnbook run, test or repl runs it")
    #expect(Self.error("save(mlp(inputs: 2, outputs: 2), \"m.json\")", folder: nil) != nil)
  }
}

/// The runner and the REPL give cells the notebook's folder.
@Suite struct NotebookFolderWiringTests {
  @Test func theRunnerReadsFilesFromTheNotebooksFolder() throws {
    let folder = try TemporaryFolder("wiring-runner")
    defer { folder.remove() }
    try folder.write("a,y\n1,0\n2,1\n", to: "data/two.csv")
    let document = try NotebookDocument(parsing: "```nnb\ncsv(\"data/two.csv\").n\n```\n")
    var runner = NotebookRunner(document: document, folder: folder.path)
    let run = runner.run()
    #expect(run.succeeded)
    #expect(run.cells.first?.storedOutput == "2")
    var bare = NotebookRunner(document: document)
    #expect(
      bare.run().cells.first?.diagnostics.first?.message.contains("no notebook folder") == true)
  }

  @Test func theReplReadsFilesFromTheNotebooksFolder() throws {
    let folder = try TemporaryFolder("wiring-repl")
    defer { folder.remove() }
    try folder.write("a,y\n1,0\n2,1\n3,1\n", to: "three.csv")
    let path = folder.path + "/book.nnb"
    let document = try NotebookDocument(parsing: "```nnb\nx = 1\n```\n")
    var session = ReplSession(
      document: document, path: path, read: { _ in .success(document) },
      write: { _, _ in .success(()) })
    #expect(session.handle("csv(\"three.csv\").n").text == "3")
  }
}
