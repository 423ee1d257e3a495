import CellLanguage
import Foundation
import Testing

/// Runs every script in `Scripts/` and checks its inline expectations: `# expect: text` is one line
/// of output (in order), `# error @COL: message` the diagnostic reported on that line.
@Suite struct ScriptCorpusTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Scripts")

  static var scripts: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".nnbs") }.sorted()
  }

  @Test(arguments: scripts)
  func scriptBehavesAsItsCommentsSay(name: String) throws {
    let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    var expectedOutput: [String] = []
    var expectedErrors: [String] = []
    for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      if let range = line.range(of: "# expect: ") {
        expectedOutput.append(String(line[range.upperBound...]))
      }
      if let range = line.range(of: "# error @") {
        let rest = line[range.upperBound...]
        let column = rest.prefix { $0.isNumber }
        let message = rest.dropFirst(column.count + 2)
        expectedErrors.append("\(offset + 1):\(column): error: \(message)")
      }
    }
    var interpreter = Interpreter()
    let result = interpreter.run(source)
    let output = result.output.map(\.plain).joined(separator: "\n")
    #expect(output == expectedOutput.joined(separator: "\n"))
    #expect(result.diagnostics.map(\.description) == expectedErrors)
  }
}
