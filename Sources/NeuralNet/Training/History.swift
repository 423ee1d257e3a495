/// What happened during training: the loss and accuracy of every epoch and why training ended.
///
/// The values recorded for epoch `k` are those of epoch `k`'s forward pass, before its update, as both
/// seed projects print them. When training diverges the last recorded loss is the non-finite one,
/// so plots can mark where it happened.
public struct History: Equatable, Sendable {
  /// The loss per example of each epoch (see ``MultilayerPerceptron/loss(on:l2:l1:reduction:)``).
  public internal(set) var loss: [Double] = []
  /// The training accuracy of each epoch; empty for regression.
  public internal(set) var accuracy: [Double] = []
  /// The validation loss of each epoch (the data loss, without L1/L2 penalties); empty without
  /// validation data.
  public internal(set) var validationLoss: [Double] = []
  /// The validation accuracy of each epoch; empty without validation data or for regression.
  public internal(set) var validationAccuracy: [Double] = []
  /// The learning rate of each epoch's updates (see ``LearningRateSchedule``).
  public internal(set) var learningRates: [Double] = []
  /// Why training ended.
  public internal(set) var stopReason: StopReason = .completed
  /// With early stopping, the epoch whose starting weights (those with the lowest validation loss)
  /// the model was given back at the end; `nil` when the model keeps its last weights.
  public internal(set) var restoredEpoch: Int?
  /// The interval of ``loggedEpochs``.
  public let logInterval: Int

  /// Creates an empty history that will log every `logInterval` epochs.
  public init(logInterval: Int) {
    self.logInterval = logInterval
  }

  /// The number of epochs evaluated.
  public var epochsRun: Int { loss.count }

  /// Reserves room for `epochs` records (at most 65,536; beyond, the arrays grow geometrically), so
  /// that training does not grow the arrays epoch by epoch.
  mutating func reserveCapacity(epochs: Int, validating: Bool) {
    let epochs = min(epochs, 1 << 16)
    loss.reserveCapacity(epochs)
    accuracy.reserveCapacity(epochs)
    learningRates.reserveCapacity(epochs)
    if validating {
      validationLoss.reserveCapacity(epochs)
      validationAccuracy.reserveCapacity(epochs)
    }
  }

  /// How many epochs ``loggedEpochs`` lists for a run of `epochs` epochs logged every
  /// `interval`, counted without listing them: for a log that has not run yet.
  public static func loggedEpochCount(epochs: Int, interval: Int) -> Int {
    guard epochs > 0 else { return 0 }
    return (epochs - 1) / interval + 1 + ((epochs - 1) % interval == 0 ? 0 : 1)
  }

  /// The epochs worth printing: every ``logInterval``-th one from 0, and the last one.
  public var loggedEpochs: [Int] {
    guard epochsRun > 0 else { return [] }
    var epochs = Array(stride(from: 0, to: epochsRun, by: logInterval))
    if epochs.last != epochsRun - 1 { epochs.append(epochsRun - 1) }
    return epochs
  }

  /// The lowest finite loss and the epoch it came at (the first such epoch on ties).
  public var bestLoss: (epoch: Int, value: Double)? {
    var best: (epoch: Int, value: Double)?
    for (epoch, value) in loss.enumerated() where value.isFinite {
      if value < best?.value ?? .infinity { best = (epoch, value) }
    }
    return best
  }

  /// The last finite loss.
  public var finalLoss: Double? {
    loss.last { $0.isFinite }
  }
}

/// Why training ended.
public enum StopReason: Equatable, Sendable, CustomStringConvertible {
  /// Every planned epoch ran.
  case completed
  /// The stopping criterion was met after evaluating this epoch.
  case converged(epoch: Int)
  /// The loss of this epoch was NaN or infinite; the model kept the weights of the epoch before.
  case diverged(epoch: Int)
  /// The caller asked to stop after this epoch.
  case interrupted(epoch: Int)
  /// The validation loss had not improved on that of `bestEpoch` for the patience's number of
  /// epochs when this epoch was evaluated; the model was given back `bestEpoch`'s weights.
  case stoppedEarly(epoch: Int, bestEpoch: Int)

  public var description: String {
    switch self {
    case .completed: "completed"
    case .converged(let epoch): "converged at epoch \(epoch)"
    case .diverged(let epoch): "diverged at epoch \(epoch)"
    case .interrupted(let epoch): "interrupted at epoch \(epoch)"
    case .stoppedEarly(let epoch, _): "stopped early at epoch \(epoch)"
    }
  }
}
