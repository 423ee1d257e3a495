#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the learning rate changes from epoch to epoch. With `η₀` the base rate, `e` the epoch
/// (from 0) and `E` the planned number of epochs, the rate used by epoch `e`'s updates is:
///
/// ```
/// constant                    η₀
/// step(every: k, factor: f)   η₀ · f^⌊e / k⌋
/// exponential(factor: f)      η₀ · fᵉ
/// cosine(minimum: m)          m + (η₀ − m) · (1 + cos(π · e / E)) / 2
/// plateau(factor: f, patience: p, minimum: m)
///     starts at η₀; when the watched loss (validation loss when there is validation data,
///     else training loss) has not gone below its best for p epochs, the rate becomes
///     max(m, rate · f) from the next epoch on, and the count starts again
/// ```
public enum LearningRateSchedule: Equatable, Sendable {
  case constant
  case step(every: Int, factor: Double)
  case exponential(factor: Double)
  case cosine(minimum: Double)
  case plateau(factor: Double, patience: Int, minimum: Double)

  /// Throws unless every setting is in range (`baseRate` is the training's learning rate).
  func validate(baseRate: Double) throws(NeuralNetError) {
    switch self {
    case .constant:
      break
    case .step(let every, let factor):
      try require(every >= 1, "decay interval", every, "at least 1")
      try require(factor > 0 && factor <= 1, "decay factor", factor, "in (0, 1]")
    case .exponential(let factor):
      try require(factor > 0 && factor <= 1, "decay factor", factor, "in (0, 1]")
    case .cosine(let minimum):
      try require(
        minimum >= 0 && minimum <= baseRate, "minimum learning rate", minimum,
        "in [0, lr] (lr is \(baseRate))")
    case .plateau(let factor, let patience, let minimum):
      try require(factor > 0 && factor < 1, "decay factor", factor, "in (0, 1)")
      try require(patience >= 1, "plateau patience", patience, "at least 1")
      try require(
        minimum >= 0 && minimum <= baseRate, "minimum learning rate", minimum,
        "in [0, lr] (lr is \(baseRate))")
    }
  }

  /// The rate of epoch `epoch` for the schedules that depend on the epoch alone; `nil` for
  /// ``plateau(factor:patience:minimum:)``, which depends on the losses.
  public func rate(atEpoch epoch: Int, baseRate: Double, epochs: Int) -> Double? {
    switch self {
    case .constant:
      baseRate
    case .step(let every, let factor):
      baseRate * pow(factor, Double(epoch / every))
    case .exponential(let factor):
      baseRate * pow(factor, Double(epoch))
    case .cosine(let minimum):
      minimum + (baseRate - minimum) * (1 + cos(Double.pi * Double(epoch) / Double(epochs))) / 2
    case .plateau:
      nil
    }
  }
}

/// The learning rate as training goes: the schedule's formula, or the plateau rule's running state.
struct LearningRateTracker {
  let schedule: LearningRateSchedule
  let baseRate: Double
  let epochs: Int
  private var plateauRate: Double
  private var bestLoss = Double.infinity
  private var epochsWithoutImprovement = 0

  init(_ schedule: LearningRateSchedule, baseRate: Double, epochs: Int) {
    self.schedule = schedule
    self.baseRate = baseRate
    self.epochs = epochs
    self.plateauRate = baseRate
  }

  /// The rate for epoch `epoch`'s updates.
  func rate(atEpoch epoch: Int) -> Double {
    schedule.rate(atEpoch: epoch, baseRate: baseRate, epochs: epochs) ?? plateauRate
  }

  /// Takes note of the watched loss of an epoch; the plateau rule may lower the next epochs' rate.
  mutating func observe(_ loss: Double) {
    guard case .plateau(let factor, let patience, let minimum) = schedule else { return }
    if loss < bestLoss {
      bestLoss = loss
      epochsWithoutImprovement = 0
      return
    }
    epochsWithoutImprovement += 1
    if epochsWithoutImprovement >= patience {
      plateauRate = max(minimum, plateauRate * factor)
      epochsWithoutImprovement = 0
    }
  }
}
