import Foundation
import Testing

/// `nnbook test` through the built binary.
@Suite(.serialized) struct TestCommandTests {
  static let notebook = """
    ```nnb
    data = moons(n: 30, noise: 0.1, seed: 2)
    model = mlp(inputs: 2, hidden: [6], outputs: 2, seed: 3)
    fit(model, data, epochs: 21, lr: 0.3, log_every: 10)
    ```

    ```nnb
    expect(accuracy(model, data) > 0.5, "better than chance")
    print("ok")
    ```

    """

  static func folderWithNotebooks(count: Int) throws -> URL {
    let folder = try CommandLine.temporaryFolder()
    let notebooks = folder.appendingPathComponent("Notebooks/sub")
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    for index in 0..<count {
      let text = Self.notebook.replacing("seed: 2", with: "seed: \(index)")
      try text.write(
        to: notebooks.appendingPathComponent("n\(index).nnb"), atomically: true, encoding: .utf8)
    }
    _ = try CommandLine.run(["test", "--update"], in: folder)
    return folder
  }

  @Test func editedOutputFailsWithDiffThenUpdatePasses() throws {
    let folder = try Self.folderWithNotebooks(count: 1)
    let file = folder.appendingPathComponent("Notebooks/sub/n0.nnb")
    #expect(try CommandLine.run(["test"], in: folder).output.hasSuffix("1 passed, 0 failed\n"))
    let stored = try String(contentsOf: file, encoding: .utf8)
    try stored.replacing("epoch 10  loss", with: "epoch 10  LOSS").write(
      to: file, atomically: true, encoding: .utf8)
    let failing = try CommandLine.run(["test"], in: folder)
    #expect(failing.status == 1)
    #expect(failing.output.contains("Notebooks/sub/n0.nnb:1: cell [1] output differs\n--- stored"))
    #expect(failing.output.contains("-epoch 10  LOSS"))
    #expect(failing.output.hasSuffix("0 passed, 1 failed\n"))
    let updating = try CommandLine.run(["test", "--update"], in: folder)
    #expect(updating.output.contains("updated Notebooks/sub/n0.nnb: cell [1]"))
    #expect(try String(contentsOf: file, encoding: .utf8) == stored)
    #expect(try CommandLine.run(["test"], in: folder).status == 0)
  }

  /// `--update` leaves a read-only notebook as it is, says why, and exits 74 as `run --write` does.
  @Test func updateLeavesAReadOnlyNotebookAloneAndExits74() throws {
    let folder = try Self.folderWithNotebooks(count: 1)
    let file = folder.appendingPathComponent("Notebooks/sub/n0.nnb")
    let stored = try String(contentsOf: file, encoding: .utf8)
    try stored.replacing("epoch 10  loss", with: "epoch 10  LOSS").write(
      to: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
    let updating = try CommandLine.run(["test", "--update"], in: folder)
    #expect(updating.status == 74)
    #expect(updating.error.contains("n0.nnb: error: cannot write a read-only file"))
    #expect(updating.output.hasSuffix("0 passed, 1 failed\n"))
    #expect(try String(contentsOf: file, encoding: .utf8).contains("epoch 10  LOSS"))
  }

  @Test func parallelRunsGiveTheSameOutputInTheSameOrder() throws {
    let folder = try Self.folderWithNotebooks(count: 4)
    let strip = { (text: String) in text.replacing(/\s\(\d+\.\d+ s\)/, with: "") }
    let serial = try CommandLine.run(["test", "--jobs", "1"], in: folder)
    let parallel = try CommandLine.run(["test", "--jobs", "2"], in: folder)
    #expect(serial.status == 0)
    #expect(strip(serial.output) == strip(parallel.output))
    #expect(serial.output.hasSuffix("4 passed, 0 failed\n"))
  }

  @Test func usageAndMissingPathsExitWithTheirCodes() throws {
    let folder = try CommandLine.temporaryFolder()
    #expect(try CommandLine.run(["test", "--jobs", "0"], in: folder).status == 64)
    #expect(try CommandLine.run(["test", "--review"], in: folder).status == 64)
    #expect(try CommandLine.run(["test", "missing.nnb"], in: folder).status == 66)
    try "a,b\n1,2\n".write(
      to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    let csv = try CommandLine.run(["test", "data.csv"], in: folder)
    #expect(csv.status == 65)
    #expect(csv.output.contains("'data.csv' is not a notebook: no .nnb name and no ```nnb cells"))
    #expect(try CommandLine.run(["run", "data.csv"], in: folder).status == 65)
  }
}
