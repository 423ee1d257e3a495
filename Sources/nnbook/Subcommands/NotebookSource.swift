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
    guard let path = NotebookLocator.resolve(argument) else {
      let lookedIn = argument.contains("/") ? "" : " (nor Notebooks/\(argument).nnb)"
      return .failure(
        Failure(message: "error: no notebook at '\(argument)'\(lookedIn)", status: 66))
    }
    let bytes: [UInt8]
    do {
      bytes = try NotebookDocument.read(contentsOf: path)
    } catch {
      return .failure(Failure(message: "\(error)", status: 66))
    }
    do {
      return .success((path, try NotebookDocument(parsing: bytes)))
    } catch {
      return .failure(Failure(message: error.rendered(path: path), status: 65))
    }
  }
}
