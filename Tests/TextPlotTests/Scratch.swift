import Testing

@testable import TextPlot

#if canImport(Glibc)
  import Glibc
#endif

@Test func scratch() throws {
  var points: [LabelledPoint] = []
  for i in 0..<47 {
    let angle = Double(i) * 2.4
    let inner = i % 2 == 0
    let radius = (inner ? 0.5 : 1.0) + 0.15 * sin(Double(i) * 7.3)
    let x = radius * cos(angle)
    let y = radius * sin(angle)
    let predicted = radius > 0.75 ? 1 : 0
    points.append(
      LabelledPoint(
        x: x, y: y, classIndex: inner ? 0 : 1, isTest: i % 3 == 0,
        isCorrect: predicted == (inner ? 0 : 1)))
  }
  let map = try DecisionMap(
    classNames: ["inner", "outer"], points: points, title: "circles, 2-16-1 relu")
  print(
    try map.render { centres in
      centres.map { c in
        let r = (c.x * c.x + c.y * c.y).squareRoot()
        let p = 1 / (1 + exp(-12 * (r - 0.75)))
        return p > 0.5
          ? ClassPrediction(classIndex: 1, confidence: p)
          : ClassPrediction(classIndex: 0, confidence: 1 - p)
      }
    })
  print(try ScatterPlot(points: points, classNames: ["inner", "outer"], title: "circles").render())
}
