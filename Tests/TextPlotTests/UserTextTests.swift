import Testing

@testable import TextPlot

/// Text from the user lines up by the columns a terminal gives it, and cannot break a line.
@Suite struct UserTextTests {
  @Test func tableColumnsLineUpAroundWideText() throws {
    let table = Table(
      columns: ["x", "名前"], rows: [["1e308", "日本語"], ["2", "ab"], ["3", "😀x"]])
    #expect(
      try table.render() == """
            x  名前
        -----  ------
        1e308  日本語
            2  ab
            3  😀x
        """)
  }

  @Test func tableWithoutTitlesIsItsRowsAlone() throws {
    let table = Table(columns: ["", ""], rows: [["a", "1"], ["bcd", "22"]])
    #expect(
      try table.render() == """
        a     1
        bcd  22
        """)
  }

  @Test func tableCellsCannotBreakALine() throws {
    let table = Table(columns: ["name", "n"], rows: [["a\nb", "1"], ["\u{1B}[31mred", "2"]])
    #expect(
      try table.render() == """
        name           n
        -------------  -
        a\\nb           1
        \\u{1B}[31mred  2
        """)
  }

  @Test func legendsAndBarLabelsPadByColumns() throws {
    let bars = try BarChart(
      [.init(label: "猫", value: 1), .init(label: "dog", value: 2)], width: 30
    ).render()
    #expect(
      bars == """
        猫   |###########            1
        dog  |#####################  2
        """)
    let chart = try LineChart(
      [.init(label: "損失", values: [2, 1]), .init(label: "loss", values: [3, 1])], width: 30,
      height: 5
    ).render()
    #expect(
      chart.hasSuffix(
        """
        * 損失   final 1   best 1 @ 1
        + loss   final 1   best 1 @ 1
        """))
    let map = try DecisionMap(
      classNames: ["猫", "dog"],
      points: [
        LabelledPoint(x: 0, y: 0, classIndex: 0), LabelledPoint(x: 1, y: 1, classIndex: 1),
      ],
      width: 30, height: 5
    ).render { $0.map { _ in .init(classIndex: 0, confidence: 1) } }
    #expect(
      map.contains(
        """
              . :  猫    o train  O test  @ misclassified
              - =  dog   x train  X test  # misclassified
        """))
  }
}
