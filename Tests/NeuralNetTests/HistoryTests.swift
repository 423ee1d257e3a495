import Testing

@testable import NeuralNet

@Suite struct HistoryTests {
  /// The logged epochs counted before a run (to refuse a log too long to print) are as many as
  /// the run then lists: for run lengths and intervals of every remainder.
  @Test func loggedEpochCountMatchesTheListedEpochs() {
    for epochs in 0...40 {
      for interval in 1...12 {
        var history = History(logInterval: interval)
        history.loss = Array(repeating: 0.5, count: epochs)
        #expect(
          History.loggedEpochCount(epochs: epochs, interval: interval)
            == history.loggedEpochs.count,
          "\(epochs) epochs every \(interval)")
      }
    }
  }
}
