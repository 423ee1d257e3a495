import Foundation
import Notebook
import Testing

/// Files are replaced through a temporary file and a rename.
@Suite struct AtomicWriteTests {
  /// A fresh empty folder, removed after `body`.
  static func withTemporaryFolder(_ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("nnbook-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  static func contents(of folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  static func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func writesANewFileAndLeavesNoTemporaryFile() throws {
    try Self.withTemporaryFolder { folder in
      let path = folder + "/new.nnb"
      let bytes = Array("```nnb\nx\n```\n".utf8) + [0xEF, 0xBB, 0xBF]
      try NotebookDocument.write(bytes, to: path)
      #expect(try NotebookDocument.read(contentsOf: path) == bytes)
      #expect(try Self.contents(of: folder) == ["new.nnb"])
    }
  }

  @Test func replacesAnExistingFileKeepingItsPermissions() throws {
    try Self.withTemporaryFolder { folder in
      let path = folder + "/nb.nnb"
      try NotebookDocument.write(Array("old, longer contents\n".utf8), to: path)
      try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
      var document = try NotebookDocument(parsing: "```nnb\nx\n```\n")
      document.setOutput("1", forCell: 1)
      try document.write(to: path)
      #expect(
        try NotebookDocument.read(contentsOf: path)
          == Array("```nnb\nx\n```\n\n```output\n1\n```\n".utf8))
      #expect(try Self.permissions(of: path) == 0o640)
      #expect(try Self.contents(of: folder) == ["nb.nnb"])
    }
  }

  @Test func writingThroughASymbolicLinkReplacesItsTarget() throws {
    try Self.withTemporaryFolder { folder in
      let target = folder + "/target.nnb"
      let link = folder + "/link.nnb"
      try NotebookDocument.write(Array("old\n".utf8), to: target)
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
      try NotebookDocument.write(Array("new\n".utf8), to: link)
      #expect(try NotebookDocument.read(contentsOf: target) == Array("new\n".utf8))
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
      #expect(try Self.contents(of: folder) == ["link.nnb", "target.nnb"])
    }
  }

  /// A read-only notebook stays as it is (the rename would replace it, even as root).
  @Test func aReadOnlyFileIsNotReplaced() throws {
    try Self.withTemporaryFolder { folder in
      let path = folder + "/nb.nnb"
      try NotebookDocument.write(Array("old\n".utf8), to: path)
      try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
      let error = try #require(throws: NotebookFileError.self) {
        try NotebookDocument.write(Array("new\n".utf8), to: path)
      }
      #expect(
        error.description
          == "\(path): error: cannot write a read-only file; make it writable (chmod u+w) first")
      #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
      #expect(try Self.permissions(of: path) == 0o444)
      #expect(try Self.contents(of: folder) == ["nb.nnb"])
    }
  }

  @Test func writingIntoAMissingFolderFailsWithTheSystemReason() throws {
    try Self.withTemporaryFolder { folder in
      let path = folder + "/missing/nb.nnb"
      let error = try #require(throws: NotebookFileError.self) {
        try NotebookDocument.write([], to: path)
      }
      #expect(error.path == path)
      #expect(error.isFileNotFound)
      #expect(error.description.hasPrefix("\(path): error: cannot create a temporary file in "))
      #expect(try Self.contents(of: folder).isEmpty)
    }
  }

  /// What nnbook would refuse to read back, it refuses to write.
  @Test func writingStopsAtTheLargestNotebook() throws {
    try Self.withTemporaryFolder { folder in
      let path = folder + "/nb.nnb"
      let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: NotebookDocument.largestFile + 1)
      let error = try #require(throws: NotebookFileError.self) {
        try NotebookDocument.write(bytes, to: path)
      }
      #expect(
        error.description
          == "\(path): error: cannot write 64 MiB: a notebook holds at most 64 MiB (nnbook would "
          + "not read it back); print less in its cells")
      #expect(try Self.contents(of: folder).isEmpty)
    }
  }

  /// A path that never ends, or a file far too large, stops reading with an error.
  @Test func readingStopsAtTheLargestNotebook() throws {
    let error = try #require(throws: NotebookFileError.self) {
      try NotebookDocument.read(contentsOf: "/dev/zero")
    }
    #expect(error.description == "/dev/zero: error: larger than 64 MiB, too large to be a notebook")
  }

  @Test func readingAMissingFileSaysSo() throws {
    let error = try #require(throws: NotebookFileError.self) {
      try NotebookDocument.read(contentsOf: "/nonexistent-nnbook/x.nnb")
    }
    #expect(error.isFileNotFound)
    #expect(
      error.description
        == "/nonexistent-nnbook/x.nnb: error: cannot open for reading: No such file or directory")
  }
}
