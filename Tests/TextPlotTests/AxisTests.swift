import Testing

@testable import TextPlot

/// Tick selection: round 1-2-5 values that cover the data, labelled in one notation.
@Suite struct AxisTests {
  @Test func lossRangeGetsRoundTenths() throws {
    let axis = try Axis(covering: 0.0137, 0.693, maximumTickCount: 8)
    #expect(axis.labels == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    #expect(axis.ticks == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    #expect(axis.lowerBound == 0 && axis.upperBound == 0.7)
  }

  @Test func lossRangeWithFewerTicksGetsFifthsOrTwoTenths() throws {
    let axis = try Axis(covering: 0.0137, 0.693, maximumTickCount: 5)
    #expect(axis.labels == ["0.0", "0.2", "0.4", "0.6", "0.8"])
  }

  @Test func unitRangeGetsFifths() throws {
    let axis = try Axis(covering: 0, 1, maximumTickCount: 6)
    #expect(axis.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  }

  @Test func negativeToPositiveRangeGetsEvenSteps() throws {
    let axis = try Axis(covering: -3.2, 7.9, maximumTickCount: 7)
    #expect(axis.ticks == [-4, -2, 0, 2, 4, 6, 8])
    #expect(axis.labels == ["-4", "-2", "0", "2", "4", "6", "8"])
  }

  @Test func spanningKeepsBoundsAndTicksInside() throws {
    let axis = try Axis(spanning: -3.2, 7.9, maximumTickCount: 7)
    #expect(axis.lowerBound == -3.2 && axis.upperBound == 7.9)
    #expect(axis.ticks == [-2, 0, 2, 4, 6])
  }

  @Test func logarithmicRangeOverFourDecadesGetsPowersOfTen() throws {
    let axis = try Axis(covering: 1e-4, 1, scale: .logarithmic, maximumTickCount: 6)
    #expect(axis.labels == ["0.0001", "0.001", "0.01", "0.1", "1"])
  }

  @Test func logarithmicRangeOverOneDecadeGetsOneTwoFive() throws {
    let axis = try Axis(covering: 0.0137, 0.693, scale: .logarithmic, maximumTickCount: 8)
    #expect(axis.labels == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
  }

  @Test func logarithmicRangeOverManyDecadesSkipsDecades() throws {
    let axis = try Axis(covering: 1e-9, 1e3, scale: .logarithmic, maximumTickCount: 5)
    #expect(axis.labels == ["1e-9", "1e-6", "1e-3", "1e0", "1e3"])
  }

  @Test func hugeAndTinyRangesUseScientificLabels() throws {
    #expect(
      try Axis(covering: 0, 1e6, maximumTickCount: 6).labels == [
        "0", "2e5", "4e5", "6e5", "8e5", "1e6",
      ])
    #expect(
      try Axis(covering: 0, 1e-6, maximumTickCount: 6).labels == [
        "0", "2e-7", "4e-7", "6e-7", "8e-7", "1e-6",
      ])
  }

  @Test func narrowRangeFarFromZeroKeepsPlainDigits() throws {
    // A flat loss curve: the step is 5e-12, but scientific labels would be wider.
    let axis = try Axis(covering: 0.939_994_006_507, 0.939_994_006_523, maximumTickCount: 6)
    #expect(
      axis.labels == [
        "0.939994006505", "0.939994006510", "0.939994006515", "0.939994006520", "0.939994006525",
      ])
    #expect(
      try Axis(covering: 1_234_567, 1_234_568, maximumTickCount: 3).labels == [
        "1234567.0", "1234567.5", "1234568.0",
      ])
  }

  @Test func emptyRangeIsWidenedAroundTheValue() throws {
    #expect(
      try Axis(covering: 0.25, 0.25, maximumTickCount: 6).labels == ["0.1", "0.2", "0.3", "0.4"])
    #expect(
      try Axis(covering: 0, 0, maximumTickCount: 5).labels == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
  }

  @Test func minimumStepKeepsIntegerTicks() throws {
    let axis = try Axis(covering: 0, 3, maximumTickCount: 20, minimumStep: 1)
    #expect(axis.labels == ["0", "1", "2", "3"])
  }
}

/// Numbers print the same everywhere: shortest digits, rounded half away from zero.
@Suite struct NumberFormatTests {
  @Test func compactKeepsThreeSignificantDigits() {
    #expect(NumberFormat.compact(0.021) == "0.021")
    #expect(NumberFormat.compact(0.019_34) == "0.0193")
    #expect(NumberFormat.compact(0.693_147) == "0.693")
    #expect(NumberFormat.compact(12_345.6) == "12346")
    #expect(NumberFormat.compact(999.96) == "1000")
    #expect(NumberFormat.compact(0) == "0")
    #expect(NumberFormat.compact(-0.0) == "0")
  }

  @Test func compactSwitchesToScientificForExtremes() {
    #expect(NumberFormat.compact(1_234_567) == "1.23e6")
    #expect(NumberFormat.compact(2.5e-6) == "2.5e-6")
    #expect(NumberFormat.compact(-0.000_123_4) == "-1.23e-4")
  }

  @Test func fixedRoundsTheDecimalDigitsHalfAwayFromZero() {
    #expect(NumberFormat.fixed(1.005, decimals: 2) == "1.01")
    #expect(NumberFormat.fixed(0.9375, decimals: 3) == "0.938")
    #expect(NumberFormat.fixed(-0.0004, decimals: 3) == "0.000")
    #expect(NumberFormat.fixed(2, decimals: 0) == "2")
    #expect(NumberFormat.fixed(9.995, decimals: 2) == "10.00")
    #expect(NumberFormat.fixed(1e6, decimals: 1) == "1000000.0")
  }

  @Test func nonFiniteValuesAreNamed() {
    #expect(NumberFormat.compact(.nan) == "nan")
    #expect(NumberFormat.fixed(.infinity, decimals: 2) == "inf")
    #expect(NumberFormat.compact(-.infinity) == "-inf")
  }

  @Test func percentShowsOneDecimal() {
    #expect(NumberFormat.percent(0.96) == "96.0%")
    #expect(NumberFormat.percent(1) == "100.0%")
  }
}
