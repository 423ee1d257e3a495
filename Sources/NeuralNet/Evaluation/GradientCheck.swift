/// Compares a model's analytic gradients with centred finite differences of its loss.
///
/// ```
/// numeric  = (J(θ + h) − J(θ − h)) / 2h
/// error    = |analytic − numeric| / max(|analytic| + |numeric|, floor)
/// ```
///
/// The floor (default 1e-6) keeps parameters whose true gradient is nearly zero from dividing
/// rounding noise by nothing: below it the error is absolute. A correct backward pass gives errors
/// around 1e-9 or smaller; a wrong one, errors near 1. For ReLU-family layers the check is only
/// meaningful when no pre-activation lies within `h` of the kink at 0.
public struct GradientCheck: Sendable {
  /// The largest error over all parameters.
  public let maximumError: Double
  /// Where it occurred: the layer, and whether it is a weight (with its row and column) or a bias.
  public let worstParameter: String
  /// The number of parameters compared.
  public let parameterCount: Int

  /// Checks every weight and bias of `model` on `features` and `targets`.
  public init(
    model: MultilayerPerceptron, features: Matrix, targets: Matrix, l2: Double = 0,
    reduction: LossReduction = .mean, step: Double = 1e-5, floor: Double = 1e-6
  ) throws(NeuralNetError) {
    try require(step > 0 && step.isFinite, "step", step, "a finite number > 0")
    let analytic = try model.gradients(
      features: features, targets: targets, l2: l2, reduction: reduction
    ).gradients
    let count = Double(features.rows)
    // J itself, not the per-example loss reported for .sum, so it matches the analytic gradient.
    let objectiveScale = reduction == .sum ? count : 1
    var probe = model
    var worst = (error: 0.0, place: "none")
    var compared = 0

    func objective(_ model: MultilayerPerceptron) throws(NeuralNetError) -> Double {
      try model.loss(features: features, targets: targets, l2: l2, reduction: reduction)
        * objectiveScale
    }

    for layer in model.layers.indices {
      let columns = model.layers[layer].outputCount
      for index in model.layers[layer].weights.elements.indices {
        let original = probe.layers[layer].weights.elements[index]
        probe.layers[layer].weights.elements[index] = original + step
        let above = try objective(probe)
        probe.layers[layer].weights.elements[index] = original - step
        let below = try objective(probe)
        probe.layers[layer].weights.elements[index] = original
        let error = Self.error(
          analytic[layer].weights.elements[index], (above - below) / (2 * step), floor: floor)
        if error >= worst.error {
          worst = (error, "layer \(layer) weight (\(index / columns), \(index % columns))")
        }
        compared += 1
      }
      for unit in 0..<columns {
        let original = probe.layers[layer].biases[unit]
        probe.layers[layer].biases[unit] = original + step
        let above = try objective(probe)
        probe.layers[layer].biases[unit] = original - step
        let below = try objective(probe)
        probe.layers[layer].biases[unit] = original
        let error = Self.error(
          analytic[layer].biases[unit], (above - below) / (2 * step), floor: floor)
        if error >= worst.error { worst = (error, "layer \(layer) bias \(unit)") }
        compared += 1
      }
    }
    maximumError = worst.error
    worstParameter = worst.place
    parameterCount = compared
  }

  private static func error(_ analytic: Double, _ numeric: Double, floor: Double) -> Double {
    abs(analytic - numeric) / max(abs(analytic) + abs(numeric), floor)
  }
}
