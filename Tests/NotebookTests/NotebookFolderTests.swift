import Foundation
import Testing

@testable import Notebook

/// Files a notebook names resolve inside its folder and may not leave it, symbolic links included.
@Suite struct NotebookFolderTests {
  /// A notebook folder `book` with `data/a.csv` inside, and `outside.csv` next to it.
  static func withFolder(_ name: String, _ body: (TemporaryFolder, NotebookFolder) throws -> Void)
    throws
  {
    let temporary = try TemporaryFolder("folder-" + name)
    defer { temporary.remove() }
    try temporary.write("x,y\n1,a\n", to: "book/data/a.csv")
    try temporary.write("secret\n", to: "outside.csv")
    try body(temporary, NotebookFolder(temporary.path + "/book"))
  }

  static func readError(_ folder: NotebookFolder, _ name: String) -> FileAccessError? {
    do {
      _ = try folder.read(name, maximumBytes: 1_000)
      return nil
    } catch {
      return error
    }
  }

  static func writeError(_ folder: NotebookFolder, _ name: String) -> FileAccessError? {
    do {
      try folder.write(Array("new\n".utf8), to: name)
      return nil
    } catch {
      return error
    }
  }

  @Test func pathsResolveAgainstTheNotebooksFolder() throws {
    try Self.withFolder("relative") { (_, folder) throws in
      #expect(try folder.read("data/a.csv", maximumBytes: 1_000) == Array("x,y\n1,a\n".utf8))
      #expect(try folder.read("./data/../data/a.csv", maximumBytes: 1_000).count == 8)
    }
  }

  @Test func parentPathsAreRefused() throws {
    try Self.withFolder("parent") { (_, folder) throws in
      let error = Self.readError(folder, "../outside.csv")
      #expect(error?.message == "`../outside.csv` is outside the notebook's folder")
      #expect(
        error?.hint
          == "notebooks read and write files only in their own folder and the folders below it")
      #expect(Self.readError(folder, "data/../../outside.csv") != nil)
      #expect(
        Self.writeError(folder, "../x.csv")?.message
          == "`../x.csv` is outside the notebook's folder")
      #expect(
        Self.readError(folder, "missing/../../outside.csv")?.message
          == "`missing/../../outside.csv` is outside the notebook's folder")
    }
  }

  @Test func absolutePathsAreRefusedUnlessInside() throws {
    try Self.withFolder("absolute") { (temporary, folder) throws in
      let outside = temporary.path + "/outside.csv"
      #expect(
        Self.readError(folder, outside)?.message == "`\(outside)` is outside the notebook's folder")
      #expect(
        Self.readError(folder, "/etc/passwd")?.message
          == "`/etc/passwd` is outside the notebook's folder")
      #expect(try folder.read(temporary.path + "/book/data/a.csv", maximumBytes: 1_000).count == 8)
    }
  }

  @Test func aSymbolicLinkInsidePointingOutsideIsRefused() throws {
    try Self.withFolder("link-out") { (temporary, folder) throws in
      try temporary.link("book/escape.csv", to: temporary.path + "/outside.csv")
      try temporary.link("book/up", to: "..")
      #expect(
        Self.readError(folder, "escape.csv")?.message
          == "`escape.csv` leads outside the notebook's folder through a symbolic link")
      #expect(
        Self.readError(folder, "up/outside.csv")?.message
          == "`up/outside.csv` leads outside the notebook's folder through a symbolic link")
      #expect(Self.writeError(folder, "escape.csv") != nil)
      #expect(Self.writeError(folder, "up/new.csv") != nil)
      #expect(try temporary.read("outside.csv") == "secret\n")
      #expect(!FileManager.default.fileExists(atPath: temporary.path + "/new.csv"))
    }
  }

  @Test func aSymbolicLinkFromInsideToInsideIsFollowed() throws {
    try Self.withFolder("link-in") { (temporary, folder) throws in
      try temporary.link("book/alias.csv", to: "data/a.csv")
      #expect(try folder.read("alias.csv", maximumBytes: 1_000).count == 8)
      try folder.write(Array("1\n".utf8), to: "alias.csv")
      #expect(try temporary.read("book/data/a.csv") == "1\n")
    }
  }

  @Test func missingFilesSuggestANearName() throws {
    try Self.withFolder("missing") { (_, folder) throws in
      let error = Self.readError(folder, "data/b.csv")
      #expect(error?.message == "no file `data/b.csv` in the notebook's folder")
      #expect(error?.hint == "did you mean `data/a.csv`?")
      #expect(Self.readError(folder, "data")?.message == "`data` is a folder, not a file")
      #expect(Self.readError(folder, "")?.message == "the path is empty")
    }
  }

  @Test func filesOverTheLimitAreRefused() throws {
    try Self.withFolder("large") { (temporary, folder) throws in
      try temporary.write(String(repeating: "1,2\n", count: 1_000_000), to: "book/big.csv")
      #expect(
        Self.readError(folder, "big.csv")?.message
          == "`big.csv` is larger than 0 MB, the most a notebook reads")
    }
  }

  @Test func writingNeedsAnExistingFolderAndNeverWritesNotebooks() throws {
    try Self.withFolder("write") { (temporary, folder) throws in
      try folder.write(Array("a\n".utf8), to: "data/new.csv")
      #expect(try temporary.read("book/data/new.csv") == "a\n")
      #expect(
        Self.writeError(folder, "nope/new.csv")?.message
          == "cannot write `nope/new.csv`: there is no folder `nope` in the notebook's folder")
      #expect(
        Self.writeError(folder, "other.nnb")?.message
          == "cells may not write notebooks (`other.nnb`)")
      #expect(Self.writeError(folder, "data")?.message == "`data` is a folder, not a file")
    }
  }

  @Test func theFolderOfANotebookIsItsPathsFolderPart() {
    #expect(NotebookFolder.containing(notebook: "Notebooks/iris.nnb") == "Notebooks")
    #expect(NotebookFolder.containing(notebook: "iris.nnb") == ".")
    #expect(NotebookFolder.containing(notebook: "/iris.nnb") == "/")
  }
}
