import Foundation
import Testing

@testable import nnbook

/// What the REPL's `:write` counts as a deleted notebook (written whole again) and what as one it
/// must leave alone.
@Suite struct NotebookSourceTests {
  @Test func onlyAMissingFileCountsAsMissing() throws {
    let folder = try CommandLine.temporaryFolder()
    let path = folder.appendingPathComponent("nb.nnb").path
    guard case .failure(let missing) = NotebookSource.reread(path) else {
      Issue.record("read a file that is not there")
      return
    }
    #expect(missing.isFileMissing)
    try "```nnb\nunclosed\n".write(toFile: path, atomically: true, encoding: .utf8)
    guard case .failure(let malformed) = NotebookSource.reread(path) else {
      Issue.record("parsed a malformed notebook")
      return
    }
    #expect(!malformed.isFileMissing)
    #expect(malformed.message.hasPrefix(path + ":"))
    let unreadable = folder.appendingPathComponent("folder.nnb")
    try FileManager.default.createDirectory(at: unreadable, withIntermediateDirectories: false)
    guard case .failure(let folderError) = NotebookSource.reread(unreadable.path) else {
      Issue.record("read a folder")
      return
    }
    #expect(!folderError.isFileMissing)
  }
}
