import Testing

@testable import TextPlot

#if canImport(Glibc)
  import Glibc
#endif

@Test func scratch() throws {
  let a = (0..<200).map { 0.693 * exp(-Double($0) / 30) + 0.0137 }
  let b = (0..<150).map { 0.693 * exp(-Double($0) / 10) + 0.05 + 0.01 * sin(Double($0)) }
  var c = (0..<40).map { 0.5 + 0.002 * Double($0 * $0) }
  c[37] = .nan
  let chart = LineChart(
    [
      .init(label: "lr=0.01", values: a), .init(label: "lr=0.1", values: b),
      .init(label: "lr=1.0", values: c),
    ], title: "Training loss", xLabel: "epoch")
  print(try chart.render())
  print(try chart.render(style: .ansi))
  for v in [0.021, 0.69314, 2.5e-6, 12345.6, 1.005, 0.0, -0.0001234, 1e6, 999.96] {
    print(NumberFormat.compact(v), NumberFormat.fixed(v, decimals: 2))
  }
}
