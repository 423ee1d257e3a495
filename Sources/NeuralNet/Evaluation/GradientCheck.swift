/// Compares analytic gradients with finite differences of a model's loss.
///
/// ```
/// numeric = (J(θ − 2h) − 8·J(θ − h) + 8·J(θ + h) − J(θ + 2h)) / 12h      (five-point stencil)
/// error   = |analytic − numeric| / max(|analytic| + |numeric|, floor)
/// ```
///
/// The five-point stencil's error shrinks as h⁴, so with the default `h = 1e-3` the numeric gradient
/// is good to about 1e-12 absolute, far below what a wrong backward pass gets wrong. The floor
/// (default 1e-4) keeps parameters whose true gradient is nearly zero from dividing rounding noise
/// by nothing: the loss itself is only exact to about 1e-16 of its value, which the stencil turns
/// into noise of about 1e-13 in the numeric gradient. Below the floor the error is therefore
/// absolute: an error under 1e-7 then means agreement to 1e-11. A correct backward pass gives
/// errors below 1e-7; a wrong one, errors near 1. For ReLU-family layers the check is only meaningful when no
/// pre-activation lies within reach of the kink at 0 under a change of `2h`, and with an L1 penalty
/// only when no weight does.
public struct GradientCheck: Sendable {
  /// The largest error over all parameters.
  public let maximumError: Double
  /// Where it occurred: the layer, and whether it is a weight (with its row and column) or a bias.
  public let worstParameter: String
  /// The number of parameters compared.
  public let parameterCount: Int
  /// Every how many parameters of each weight matrix and bias vector one was compared, from its
  /// first: 1 for all of them.
  public let samplingInterval: Int
  /// Whether `isInterrupted` stopped the check before its last parameter.
  public let wasInterrupted: Bool
  /// Parameters left out because a step of the stencil moved a pre-activation of a kinked unit
  /// (ReLU, leaky ReLU) across 0, or, with an L1 penalty, the weight itself across 0: there the
  /// loss has a kink, and no finite difference measures a derivative.
  public let skippedAtKinks: Int

  /// Checks the model's own backpropagation on `features` and `targets`.
  ///
  /// Each parameter compared costs four evaluations of the loss, so a large model can be checked
  /// on every `n`th parameter only (about `maximumParameters`: every weight matrix and bias
  /// vector from its first parameter, so that none is left out), and
  /// `isInterrupted` is asked before each one. With `skippingKinks`, parameters whose stencil
  /// crosses a kink of the loss are left out (``skippedAtKinks``), at the cost of one more
  /// forward pass per evaluation.
  public init(
    model: MultilayerPerceptron, features: Matrix, targets: Matrix, l2: Double = 0,
    l1: Double = 0, reduction: LossReduction = .mean, step: Double = 1e-3, floor: Double = 1e-4,
    maximumParameters: Int = .max, skippingKinks: Bool = false,
    isInterrupted: () -> Bool = { false }
  ) throws(NeuralNetError) {
    let analytic = try model.gradients(
      features: features, targets: targets, l2: l2, l1: l1, reduction: reduction
    ).gradients
    try self.init(
      analytic: analytic, model: model, features: features, targets: targets, l2: l2, l1: l1,
      reduction: reduction, step: step, floor: floor, maximumParameters: maximumParameters,
      skippingKinks: skippingKinks, isInterrupted: isInterrupted)
  }

  /// Checks given gradients (shaped like the model's layers) against the model's loss.
  public init(
    analytic: [LayerGradient], model: MultilayerPerceptron, features: Matrix, targets: Matrix,
    l2: Double = 0, l1: Double = 0, reduction: LossReduction = .mean, step: Double = 1e-3,
    floor: Double = 1e-4, maximumParameters: Int = .max, skippingKinks: Bool = false,
    isInterrupted: () -> Bool = { false }
  ) throws(NeuralNetError) {
    try require(maximumParameters > 0, "maximumParameters", maximumParameters, "at least 1")
    try require(step > 0 && step.isFinite, "step", step, "a finite number > 0")
    guard
      analytic.count == model.layers.count,
      zip(analytic, model.layers).allSatisfy({
        $0.weights.rows == $1.inputCount && $0.weights.columns == $1.outputCount
          && $0.biases.count == $1.outputCount
      })
    else {
      throw .shapeMismatch("the gradients must have the shapes of the model's layers")
    }
    // J itself, not the per-example loss reported for .sum, so it matches the analytic gradient.
    let objectiveScale = reduction == .sum ? Double(features.rows) : 1
    var probe = model
    var worst = (error: 0.0, place: "none")
    var compared = 0
    let total = model.parameterCount
    let interval =
      total <= maximumParameters ? 1 : (total + maximumParameters - 1) / maximumParameters
    var interrupted = false
    /// Whether parameter `index` of its weight matrix or bias vector is one to compare; false for
    /// all once interrupted.
    func isChosen(_ index: Int) -> Bool {
      guard index % interval == 0, !interrupted else { return false }
      interrupted = isInterrupted()
      return !interrupted
    }

    // The sides of the kink each kinked unit's pre-activation is on, for every example.
    let kinkedLayers = model.layers.indices.filter { model.layers[$0].activation.hasKink }
    let sides = skippingKinks ? try Self.kinkSides(of: model, features, kinkedLayers) : []
    var skipped = 0

    /// The five-point stencil of `parameter` (of layer `layer`), or nil when a step of it crosses
    /// a kink: the parameter's own, with `isL1Penalised`, or a kinked unit's in a later layer.
    func numericDerivative(
      _ parameter: WritableKeyPath<MultilayerPerceptron, Double>, layer: Int, isL1Penalised: Bool
    ) throws(NeuralNetError) -> Double? {
      let original = probe[keyPath: parameter]
      defer { probe[keyPath: parameter] = original }
      var values: [Double] = []
      for offset in [-2.0, -1, 1, 2] {
        let moved = original + offset * step
        if skippingKinks && isL1Penalised && (moved < 0) != (original < 0) { return nil }
        probe[keyPath: parameter] = moved
        if skippingKinks, kinkedLayers.contains(where: { $0 >= layer }),
          try Self.kinkSides(of: probe, features, kinkedLayers) != sides
        {
          return nil
        }
        values.append(
          try probe.loss(
            features: features, targets: targets, l2: l2, l1: l1, reduction: reduction)
            * objectiveScale)
      }
      return (values[0] - 8 * values[1] + 8 * values[2] - values[3]) / (12 * step)
    }

    for layer in model.layers.indices {
      let columns = model.layers[layer].outputCount
      for weight in 0..<model.layers[layer].weights.count where isChosen(weight) {
        let (row, column) = (weight / columns, weight % columns)
        guard
          let numeric = try numericDerivative(
            \.layers[layer].weights[row, column], layer: layer, isL1Penalised: l1 != 0)
        else {
          skipped += 1
          continue
        }
        let error = Self.error(analytic[layer].weights[row, column], numeric, floor: floor)
        if error >= worst.error {
          worst = (error, "layer \(layer) weight (\(row), \(column))")
        }
        compared += 1
      }
      for unit in 0..<columns where isChosen(unit) {
        guard
          let numeric = try numericDerivative(
            \.layers[layer].biases[unit], layer: layer, isL1Penalised: false)
        else {
          skipped += 1
          continue
        }
        let error = Self.error(analytic[layer].biases[unit], numeric, floor: floor)
        if error >= worst.error { worst = (error, "layer \(layer) bias \(unit)") }
        compared += 1
      }
    }
    maximumError = worst.error
    worstParameter = worst.place
    parameterCount = compared
    samplingInterval = interval
    wasInterrupted = interrupted
    skippedAtKinks = skipped
  }

  /// For each layer of `layers`, whether each pre-activation is above 0, example by example.
  private static func kinkSides(
    of model: MultilayerPerceptron, _ features: Matrix, _ layers: [Int]
  ) throws(NeuralNetError) -> [[Bool]] {
    guard !layers.isEmpty else { return [] }
    let preActivations = try model.preActivations(for: features)
    return layers.map { layer in preActivations[layer].withUnsafeElements { $0.map { $0 > 0 } } }
  }

  private static func error(_ analytic: Double, _ numeric: Double, floor: Double) -> Double {
    abs(analytic - numeric) / max(abs(analytic) + abs(numeric), floor)
  }
}
