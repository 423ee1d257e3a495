/// A one-line live progress display on standard error, redrawn at most every 0.1 s and erased when
/// the work is done. Used only when standard error is a terminal; never part of stored output.
final class ProgressLine {
  private let clock = ContinuousClock()
  private var lastDrawn: ContinuousClock.Instant?
  private var isShown = false

  /// Shows `text` if enough time has passed since the last redraw.
  func update(_ text: String) {
    let now = clock.now
    if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
    lastDrawn = now
    Terminal.writeError("\r\u{1B}[K" + text)
    isShown = true
  }

  /// Erases the line.
  func clear() {
    guard isShown else { return }
    Terminal.writeError("\r\u{1B}[K")
    isShown = false
    lastDrawn = nil
  }
}
