import CellLanguage

/// A one-line live progress display on standard error: `120/1000 epochs  loss 0.4213  850 epoch/s
/// 1.0 s left`. It is redrawn at most every 0.1 s and erased when the work is done. Used only when
/// standard error is a terminal; never part of stored output.
final class ProgressLine {
  private let clock = ContinuousClock()
  private var start: ContinuousClock.Instant?
  private var lastDrawn: ContinuousClock.Instant?
  private var isShown = false

  /// Shows `report` if enough time has passed since the last redraw.
  func update(_ report: ProgressReport) {
    let now = clock.now
    if report.completed <= 1 || start == nil { start = now }
    if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
    lastDrawn = now
    var text = "\(report.completed)/\(report.total) \(report.unit)s  \(report.detail)"
    if let start, report.completed > 1 {
      let elapsed = Self.seconds(now - start)
      if elapsed > 0 {
        let rate = Double(report.completed - 1) / elapsed
        let left = Double(report.total - report.completed) / max(rate, 1e-9)
        text += "  \(Int(rate.rounded())) \(report.unit)/s  \(Self.duration(left)) left"
      }
    }
    Terminal.writeError("\r\u{1B}[K" + text)
    isShown = true
  }

  /// Erases the line.
  func clear() {
    guard isShown else { return }
    Terminal.writeError("\r\u{1B}[K")
    isShown = false
    lastDrawn = nil
    start = nil
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// `4.2 s`, `3 min`, `2.5 h`.
  private static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds < 360_000 else { return "100+ h" }
    if seconds < 60 {
      return "\(Int((seconds * 10).rounded()) / 10).\(Int((seconds * 10).rounded()) % 10) s"
    }
    if seconds < 3600 { return "\(Int((seconds / 60).rounded())) min" }
    return "\(Int((seconds / 360).rounded()) / 10).\(Int((seconds / 360).rounded()) % 10) h"
  }
}
