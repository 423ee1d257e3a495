import Foundation

/// A fresh empty folder for one test, named by the test and the process (no randomness), removed
/// when the test is done.
struct TemporaryFolder {
  /// The folder's absolute path.
  let path: String

  /// Creates `nnbook-tests-PID-NAME` in the system's temporary folder, replacing any leftover.
  init(_ name: String) throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("nnbook-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
      .path
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `text` to `name` inside the folder, creating folders on the way.
  func write(_ text: String, to name: String) throws {
    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// The text of `name` inside the folder.
  func read(_ name: String) throws -> String {
    try String(contentsOfFile: path + "/" + name, encoding: .utf8)
  }

  /// Creates a symbolic link at `name` inside the folder pointing at `destination`.
  func link(_ name: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: path + "/" + name, withDestinationPath: destination)
  }

  /// Removes the folder and everything in it.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
