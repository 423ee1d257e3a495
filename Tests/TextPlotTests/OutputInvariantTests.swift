import Testing

@testable import TextPlot

/// What every chart promises about its bytes, in both styles.
@Suite struct OutputInvariantTests {
  /// `text` without its ANSI SGR escape sequences (`ESC [ … m`).
  static func strippingEscapes(_ text: String) -> String {
    var output = ""
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      if scalar == "\u{1B}" {
        while let next = scalars.next(), next != "m" {}
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  @Test(arguments: Fixtures.all.map(\.name))
  func plainOutputIsPrintableAsciiWithoutTrailingSpaces(name: String) throws {
    let fixture = try #require(Fixtures.all.first { $0.name == name })
    let text = try fixture.render(.plain)
    #expect(text.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      #expect(line.last != " ", "trailing space in \(line)")
    }
    #expect(!text.hasSuffix("\n"))
  }

  @Test(arguments: Fixtures.all.map(\.name))
  func colourOutputWithoutEscapesEqualsPlainOutput(name: String) throws {
    let fixture = try #require(Fixtures.all.first { $0.name == name })
    let coloured = try fixture.render(.ansi)
    #expect(Self.strippingEscapes(coloured) == (try fixture.render(.plain)))
  }

  @Test func chartsUseColourInAnsiStyle() throws {
    for name in ["line-three-series", "map-two-classes", "scatter-three-classes", "bar-folds"] {
      let fixture = try #require(Fixtures.all.first { $0.name == name })
      #expect(try fixture.render(.ansi).contains("\u{1B}["), "\(name) has no colour")
    }
  }

  @Test func renderingTwiceGivesTheSameBytes() throws {
    for fixture in Fixtures.all {
      #expect(try fixture.render(.plain) == (try fixture.render(.plain)))
    }
  }

  @Test func userTextPassesThroughUnchanged() throws {
    let chart = LineChart([.init(label: "taux η=0.1", values: [3, 2, 1])], title: "pérte")
    let text = try chart.render()
    #expect(text.contains("taux η=0.1"))
    #expect(text.contains("pérte"))
  }
}
