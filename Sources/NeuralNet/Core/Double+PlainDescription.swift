extension Double {
  /// The value as a person writes it in a call or a message: `2` for 2.0 (as the notebook
  /// language prints whole numbers), Swift's shortest round-trip digits otherwise (`0.05`,
  /// `1e-05`).
  var plainDescription: String {
    guard rounded() == self, magnitude < 1e15 else { return description }
    return Int(self).description
  }
}
