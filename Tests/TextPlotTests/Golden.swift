import Foundation
import Testing

/// Golden files: the expected plain output of a chart, stored under `Golden/NAME.txt`.
///
/// Run with `TEXTPLOT_RECORD=1` to rewrite them from the current output, then review the diff.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["TEXTPLOT_RECORD"] == "1"
  }

  /// Expects `text` to equal the golden file `name`, or rewrites it when recording.
  static func expect(
    _ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let file = directory.appendingPathComponent(name + ".txt")
    if isRecording {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
      return
    }
    let stored = try String(contentsOf: file, encoding: .utf8)
    #expect(
      text + "\n" == stored, "differs from Golden/\(name).txt", sourceLocation: sourceLocation)
  }
}
