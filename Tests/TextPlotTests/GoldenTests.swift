import Testing

/// Every chart kind, with its edge cases, rendered in plain mode equals its golden file.
@Suite struct GoldenTests {
  @Test(arguments: Fixtures.all.map(\.name))
  func plainOutputMatchesGolden(name: String) throws {
    let fixture = try #require(Fixtures.all.first { $0.name == name })
    try Golden.expect(try fixture.render(.plain), matches: name)
  }
}
