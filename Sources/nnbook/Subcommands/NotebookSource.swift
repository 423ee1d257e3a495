import Notebook

/// Reading a notebook named on the command line, with the exit status of each way it can fail.
enum NotebookSource {
  struct Failure: Error, Sendable {
    var message: String
    var status: Int32
  }

  /// The resolved path and parsed document, or a message with status 66 (no such file) or 65
  /// (malformed notebook).
  static func load(_ argument: String) -> Result<(String, NotebookDocument), Failure> {
    if NotebookLocator.isDirectory(argument) {
      return .failure(
        Failure(message: "error: '\(argument)' is a folder, not a notebook", status: 66))
    }
    guard let path = NotebookLocator.resolve(argument) else {
      let name = argument.hasSuffix(".nnb") ? argument : argument + ".nnb"
      let lookedIn = argument.contains("/") ? "" : " (nor Notebooks/\(name))"
      return .failure(
        Failure(message: "error: no notebook at '\(argument)'\(lookedIn)", status: 66))
    }
    let bytes: [UInt8]
    do {
      bytes = try NotebookDocument.read(contentsOf: path)
    } catch {
      return .failure(Failure(message: "\(error)", status: 66))
    }
    let document: NotebookDocument
    do {
      document = try NotebookDocument(parsing: bytes)
    } catch {
      return .failure(Failure(message: error.rendered(path: path), status: 65))
    }
    // Any text parses as prose; a file that is neither named nor shaped like a notebook (a CSV,
    // a model file) is a mistake, which `test` would otherwise count as passing.
    if !path.hasSuffix(".nnb") && document.cells.isEmpty {
      return .failure(
        Failure(
          message: "error: '\(argument)' is not a notebook: no .nnb name and no ```nnb cells",
          status: 65))
    }
    return .success((path, document))
  }

  /// The notebook at `path` read again for the REPL (`:reload`, `:write`): the very file the
  /// session opened, missing only when the system says there is no such file.
  static func reread(_ path: String) -> Result<NotebookDocument, ReplSession.ReplError> {
    let bytes: [UInt8]
    do throws(NotebookFileError) {
      bytes = try NotebookDocument.read(contentsOf: path)
    } catch {
      return .failure(ReplSession.ReplError("\(error)", isFileMissing: error.isFileNotFound))
    }
    do throws(NotebookFormatError) {
      return .success(try NotebookDocument(parsing: bytes))
    } catch {
      return .failure(ReplSession.ReplError(error.rendered(path: path)))
    }
  }
}
