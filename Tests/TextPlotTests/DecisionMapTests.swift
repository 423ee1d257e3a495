import Testing

@testable import TextPlot

/// The map's geometry, batching and overlay rules.
@Suite struct DecisionMapTests {
  @Test func cellCentresRunRowByRowFromTheTopAndSpanTheRange() throws {
    let map = try DecisionMap(
      classNames: ["a", "b"], xRange: 0...4, yRange: 0...2, width: 30, height: 9)
    let centres = map.cellCentres()
    #expect(centres.count == map.columns * map.rows)
    #expect(centres.first?.x == 0 && centres.first?.y == 2)
    #expect(centres.last?.x == 4 && centres.last?.y == 0)
    #expect(centres[1].y == 2 && centres[1].x > 0)
  }

  @Test func cellsSpanTwiceTheUnitsDownAsAcross() throws {
    let map = try DecisionMap(classNames: ["a"], xRange: -2...2, yRange: -2...2)
    let across = 4 / Double(map.columns - 1)
    let down = 4 / Double(map.rows - 1)
    #expect(down == 2 * across)
  }

  @Test func modelIsCalledOnceWithEveryCell() throws {
    let map = try Fixtures.twoClassMap()
    var calls = 0
    _ = try map.render { centres in
      calls += 1
      #expect(centres.count == map.columns * map.rows)
      return Fixtures.ringModel(centres)
    }
    #expect(calls == 1)
  }

  @Test func unsureCellsAreBlankAndConfidentOnesDense() throws {
    let map = try DecisionMap(
      classNames: ["a", "b"], xRange: 0...1, yRange: 0...1, width: 20, height: 5)
    let count = map.columns * map.rows
    let text = try map.render(
      predictions: (0..<count).map {
        ClassPrediction(classIndex: $0 % 2, confidence: $0 < count / 2 ? 0.55 : 0.95)
      })
    let rows = text.split(separator: "\n")
    #expect(rows[0].hasSuffix("+"))
    #expect(rows[map.rows - 1].contains(":") || rows[map.rows - 1].contains("="))
  }

  @Test func misclassifiedBeatsTestBeatsTrainInOneCell() throws {
    let points = [
      LabelledPoint(x: 0.5, y: 0.5, classIndex: 0),
      LabelledPoint(x: 0.5, y: 0.5, classIndex: 1, isTest: true, isCorrect: false),
      LabelledPoint(x: 0.5, y: 0.5, classIndex: 1, isTest: true),
    ]
    let map = try DecisionMap(
      classNames: ["a", "b"], points: points, xRange: 0...1, yRange: 0...1, width: 20, height: 5)
    let text = try map.render { $0.map { _ in ClassPrediction(classIndex: 0, confidence: 0.1) } }
    let grid = text.split(separator: "\n").prefix(map.rows).joined()
    #expect(grid.contains("#") && !grid.contains("X") && !grid.contains("o"))
    #expect(text.contains("train 1/1 correct, test 1/2 correct"))
  }

  @Test func pointsOutsideAGivenRangeAreCountedNotDrawn() throws {
    let map = try DecisionMap(
      classNames: ["a"], points: [LabelledPoint(x: 5, y: 5, classIndex: 0)], xRange: 0...1,
      yRange: 0...1, width: 20, height: 5)
    let text = try map.render { $0.map { _ in ClassPrediction(classIndex: 0, confidence: 1) } }
    #expect(text.contains("1 outside the plotted range"))
  }
}
