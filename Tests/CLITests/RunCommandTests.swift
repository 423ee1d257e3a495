import Foundation
import Testing

/// `nnbook run` through the built binary: output, exit codes, --write.
@Suite(.serialized) struct RunCommandTests {
  static let notebook = """
    # Tiny

    ```nnb data
    data = moons(n: 20, noise: 0.1, seed: 3)
    data
    ```

    ```nnb
    model = mlp(inputs: 2, hidden: [4], outputs: 2, seed: 1)
    h = fit(model, data, epochs: 3, lr: 0.1, log_every: 1)
    ```

    """

  static func write(_ text: String, named name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func helpDocumentsEveryOptionAndTheExitCodes() throws {
    let result = try CommandLine.run(["run", "--help"])
    #expect(result.status == 0)
    for option in ["--write", "--color", "--width", "Notebooks/"] {
      #expect(result.output.contains(option), "\(option)")
    }
    let root = try CommandLine.run(["--help"])
    #expect(root.output.contains("66 file not found"))
    #expect(try CommandLine.run(["--version"]).output == "0.1.0\n")
  }

  @Test func runPrintsCellsWithOutputsAndLeavesTheFileAlone() throws {
    let folder = try CommandLine.temporaryFolder()
    let url = try Self.write(Self.notebook, named: "tiny.nnb", in: folder)
    let result = try CommandLine.run(["run", "tiny.nnb"], in: folder)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("Tiny\n====\n\nIn [1] data:\n    data = moons("))
    #expect(result.output.contains("Out[1]:\n    moons(n: 20, noise: 0.1, seed: 3): 20 points"))
    #expect(result.output.contains("Out[2]:\n    epoch 0  loss"))
    #expect(!result.output.contains("\u{1B}["), "no colour in a pipe")
    #expect(try String(contentsOf: url, encoding: .utf8) == Self.notebook)
  }

  /// `NNBOOK_THREADS` limits the threads and changes no byte (of a network wide enough for its
  /// products to be split across threads); a bad value is a usage error, and `--help` still works.
  @Test func threadLimitFromTheEnvironment() throws {
    let folder = try CommandLine.temporaryFolder()
    let wide = """
      ```nnb
      data = moons(n: 600, noise: 0.2, seed: 1)
      model = mlp(inputs: 2, hidden: [128, 128], outputs: 2, seed: 1)
      fit(model, data, epochs: 3, lr: 0.1, log_every: 1)
      ```

      """
    _ = try Self.write(wide, named: "wide.nnb", in: folder)
    let plain = try CommandLine.run(["run", "wide.nnb"], in: folder)
    #expect(plain.status == 0)
    for threads in ["1", "2", ""] {
      let limited = try CommandLine.run(
        ["run", "wide.nnb"], in: folder, environment: ["NNBOOK_THREADS": threads])
      #expect(limited.status == 0)
      #expect(limited.output == plain.output)
    }
    for bad in ["0", "65", "two", " 2"] {
      let refused = try CommandLine.run(
        ["run", "wide.nnb"], in: folder, environment: ["NNBOOK_THREADS": bad])
      #expect(refused.status == 64)
      #expect(
        refused.error.contains(
          "NNBOOK_THREADS must be a whole number of threads in 1...64, got '\(bad)'"))
    }
    let help = try CommandLine.run(["--help"], environment: ["NNBOOK_THREADS": "0"])
    #expect(help.status == 0)
  }

  /// `--width` changes only what the screen shows: a chart that cannot be drawn that narrow is
  /// drawn as narrow as it can be, and the cell still succeeds.
  @Test func aNarrowScreenNeverFailsACell() throws {
    let folder = try CommandLine.temporaryFolder()
    let text = """
      ```nnb
      h = fit(mlp(inputs: 2, outputs: 2), moons(n: 10), epochs: 3, lr: 1e-9, log_every: 0)
      plot_loss(h)
      ```

      """
    _ = try Self.write(text, named: "narrow.nnb", in: folder)
    let result = try CommandLine.run(["run", "--width", "20", "narrow.nnb"], in: folder)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("* loss"))
  }

  @Test func writeStoresOutputsAndRunningAgainIsIdempotent() throws {
    let folder = try CommandLine.temporaryFolder()
    let url = try Self.write(Self.notebook, named: "tiny.nnb", in: folder)
    #expect(try CommandLine.run(["run", "--write", "tiny.nnb"], in: folder).status == 0)
    let written = try String(contentsOf: url, encoding: .utf8)
    #expect(written.contains("```output\nmoons(n: 20, noise: 0.1, seed: 3): 20 points"))
    #expect(try CommandLine.run(["run", "--write", "tiny.nnb"], in: folder).status == 0)
    #expect(try String(contentsOf: url, encoding: .utf8) == written)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(files == ["tiny.nnb"], "no temporary files left behind")
  }

  @Test func failingCellExitsOneWithADiagnosticAndWritesNothing() throws {
    let folder = try CommandLine.temporaryFolder()
    let text = Self.notebook + "```nnb\nx = mooons(n: 2)\n```\n"
    let url = try Self.write(text, named: "bad.nnb", in: folder)
    let result = try CommandLine.run(["run", "--write", "bad.nnb"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.output.contains(
        "bad.nnb:13:5: error: unknown function `mooons`\n    x = mooons(n: 2)\n        ^~~~~~\n"
          + "hint: did you mean `moons`?"))
    #expect(result.error.contains("not written, because cell [3] failed"))
    #expect(try String(contentsOf: url, encoding: .utf8) == text)
  }

  @Test func malformedNotebookExitsSixtyFive() throws {
    let folder = try CommandLine.temporaryFolder()
    _ = try Self.write("# x\n\n```nnb\nx = 1\n", named: "open.nnb", in: folder)
    let result = try CommandLine.run(["run", "open.nnb"], in: folder)
    #expect(result.status == 65)
    #expect(result.error.hasPrefix("open.nnb:3: error: code cell is never closed"))
  }

  @Test func missingFileExitsSixtySixAndUsageErrorsSixtyFour() throws {
    let folder = try CommandLine.temporaryFolder()
    let missing = try CommandLine.run(["run", "nothing"], in: folder)
    #expect(missing.status == 66)
    #expect(missing.error == "error: no notebook at 'nothing' (nor Notebooks/nothing.nnb)\n")
    #expect(try CommandLine.run(["run"], in: folder).status == 64)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("dir.nnb"), withIntermediateDirectories: true)
    let directory = try CommandLine.run(["run", "dir.nnb"], in: folder)
    #expect(directory.status == 66)
    #expect(directory.error == "error: 'dir.nnb' is a folder, not a notebook\n")
    #expect(try CommandLine.run(["run", "--color", "pink", "x"], in: folder).status == 64)
    #expect(try CommandLine.run(["frobnicate"], in: folder).status == 64)
    let bare = try CommandLine.run([], in: folder)
    #expect(bare.status == 64)
    #expect(bare.error.contains("SUBCOMMANDS") && bare.output.isEmpty)
    let unknownHelp = try CommandLine.run(["help", "bogus"], in: folder)
    #expect(unknownHelp.status == 64)
    #expect(unknownHelp.error.hasPrefix("error: no command 'bogus'\nhint: the commands are run,"))
    let help = try CommandLine.run(["help", "run"], in: folder)
    #expect(help.status == 0 && help.output.contains("--write"))
  }

  @Test func bareNamesAndMiscasedPathsResolveInNotebooks() throws {
    let folder = try CommandLine.temporaryFolder()
    let notebooks = folder.appendingPathComponent("Notebooks")
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    _ = try Self.write(Self.notebook, named: "tiny.nnb", in: notebooks)
    #expect(try CommandLine.run(["run", "tiny"], in: folder).status == 0)
    #expect(try CommandLine.run(["run", "notebooks/TINY.nnb"], in: folder).status == 0)
  }

  @Test func colorAlwaysAddsCodesThatStripToThePlainOutput() throws {
    let folder = try CommandLine.temporaryFolder()
    _ = try Self.write(Self.notebook, named: "tiny.nnb", in: folder)
    let plain = try CommandLine.run(["run", "tiny.nnb"], in: folder).output
    let colored = try CommandLine.run(["run", "--color", "always", "tiny.nnb"], in: folder).output
    #expect(colored.contains("\u{1B}["))
    #expect(colored.replacing(/\u{1B}\[[0-9;]*m/, with: "") == plain)
  }
}
