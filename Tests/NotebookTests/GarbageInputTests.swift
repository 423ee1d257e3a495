import Notebook
import Testing

/// Any bytes give a document or an error: never a trap, never a hang.
@Suite struct GarbageInputTests {
  /// SplitMix64: a fixed, repeatable sequence, so a failure reproduces.
  struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Pieces that exercise the parser far more often than uniform bytes would.
  static let pieces: [[UInt8]] =
    [
      "```", "~~~", "````", "nnb", "output", " ", "\n", "\r\n", "\r", "`", "~", "x", "é", "   ",
      "```nnb\n", "```output\n", "```\n", "\n\n", "    ",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xEF, 0xBB, 0xBF], [0x00], [0xED, 0xA0, 0x80]]

  static func garbage(_ generator: inout SplitMix64) -> [UInt8] {
    let count = Int(generator.next() % 60)
    var bytes: [UInt8] = []
    for _ in 0..<count {
      if generator.next() % 3 == 0 {
        bytes.append(UInt8(truncatingIfNeeded: generator.next()))
      } else {
        bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
      }
    }
    return bytes
  }

  @Test func randomBytesParseOrFailCleanlyAndRoundTrip() throws {
    var generator = SplitMix64(state: 20_240_601)
    var parsed = 0
    for _ in 0..<5_000 {
      let bytes = Self.garbage(&generator)
      guard var document = try? NotebookDocument(parsing: bytes) else { continue }
      parsed += 1
      #expect(document.serialized() == bytes)
      for cell in document.cells {
        document.setOutput(cell.output, forCell: cell.number)
      }
      #expect(document.serialized() == bytes)
      for cell in document.cells {
        let output =
          generator.next() % 2 == 0
          ? nil : String(decoding: Self.garbage(&generator), as: UTF8.self)
        document.setOutput(output, forCell: cell.number)
        let reread = try NotebookDocument(parsing: document.serialized())
        #expect(reread == document, "\(bytes)")
      }
    }
    #expect(parsed > 200)
  }

  @Test func longInputsParseInLinearTime() throws {
    let cell = Array("```nnb\nx = 1\n```\n\n```output\n1\n```\n\n".utf8)
    let bytes = Array([[UInt8]](repeating: cell, count: 5_000).joined())
    let document = try NotebookDocument(parsing: bytes)
    #expect(document.cells.count == 5_000)
    #expect(document.serialized() == bytes)
    let shorterFences = [[UInt8]](repeating: Array("```\n".utf8), count: 50_000).joined()
    let unclosed = Array("````nnb\n".utf8) + Array(shorterFences)
    #expect(throws: NotebookFormatError(.unclosedFence(.codeCell, fence: "````"), line: 1)) {
      try NotebookDocument(parsing: unclosed)
    }
  }
}
