import Foundation

/// Runs the built `nnbook` binary, as a user would, and captures what it prints.
struct CommandLine {
  struct Result {
    var status: Int32
    var output: String
    var error: String
  }

  /// The `nnbook` binary beside this test bundle.
  static var binary: URL {
    var folder = Bundle(for: Marker.self).bundleURL
    if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
    return folder.appendingPathComponent("nnbook")
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nnbook-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `nnbook` with `arguments` in `folder`, with a fixed environment (no colour, no width).
  static func run(
    _ arguments: [String], in folder: URL? = nil, input: String? = nil,
    environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    process.environment = ["PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C"].merging(
      environment
    ) { $1 }
    let output = Pipe()
    let error = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData, as: UTF8.self))
  }

  private final class Marker {}
}
