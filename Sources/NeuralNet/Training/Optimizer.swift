#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a gradient turns into a step of the weights and biases.
///
/// With `g` the gradient of the objective, `η` the learning rate of the epoch and `t` the number
/// of steps taken so far, counting this one (from 1):
///
/// ```
/// gradientDescent   θ ← θ − η·g
/// momentum          v ← μ·v + g                 θ ← θ − η·v
/// nesterov          v ← μ·v + g                 θ ← θ − η·(g + μ·v)
/// rmsProp           s ← ρ·s + (1 − ρ)·g²        θ ← θ − η·g / (√s + ε)
/// adam              m ← β₁·m + (1 − β₁)·g       v ← β₂·v + (1 − β₂)·g²
///                   θ ← θ − η·m̂ / (√v̂ + ε)     m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
/// ```
///
/// The velocity and moment buffers start at zero. These are PyTorch's formulations (momentum as
/// `torch.optim.SGD`, RMSProp without centring); with a constant learning rate, the momentum forms
/// equal Keras's too.
public enum Optimizer: Equatable, Sendable {
  /// Plain (stochastic) gradient descent.
  case gradientDescent
  /// Heavy-ball momentum with coefficient `μ` in `[0, 1)`.
  case momentum(Double)
  /// Nesterov's accelerated momentum with coefficient `μ` in `[0, 1)`.
  case nesterov(Double)
  /// RMSProp: steps scaled by a running root mean square of the gradient.
  case rmsProp(decay: Double, epsilon: Double)
  /// Adam: bias-corrected running first and second moments.
  case adam(beta1: Double, beta2: Double, epsilon: Double)

  /// RMSProp with ρ = 0.9 and ε = 1e-8.
  public static let defaultRMSProp = Optimizer.rmsProp(decay: 0.9, epsilon: 1e-8)
  /// Adam with β₁ = 0.9, β₂ = 0.999 and ε = 1e-8, as proposed by Kingma and Ba.
  public static let defaultAdam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

  /// Throws unless every coefficient is in range.
  func validate() throws(NeuralNetError) {
    switch self {
    case .gradientDescent:
      break
    case .momentum(let coefficient), .nesterov(let coefficient):
      try require(coefficient >= 0 && coefficient < 1, "momentum", coefficient, "in [0, 1)")
    case .rmsProp(let decay, let epsilon):
      try require(decay >= 0 && decay < 1, "rho", decay, "in [0, 1)")
      try require(epsilon > 0 && epsilon.isFinite, "eps", epsilon, "a finite number > 0")
    case .adam(let beta1, let beta2, let epsilon):
      try require(beta1 >= 0 && beta1 < 1, "beta1", beta1, "in [0, 1)")
      try require(beta2 >= 0 && beta2 < 1, "beta2", beta2, "in [0, 1)")
      try require(epsilon > 0 && epsilon.isFinite, "eps", epsilon, "a finite number > 0")
    }
  }

  /// The number of running buffers per parameter: 0 for plain descent, 1 or 2 otherwise.
  var bufferCount: Int {
    switch self {
    case .gradientDescent: 0
    case .momentum, .nesterov, .rmsProp: 1
    case .adam: 2
    }
  }
}

/// An optimiser's running buffers for one model: allocated once, updated in place every step.
struct OptimizerState {
  let optimizer: Optimizer
  /// `v` (momentum, Nesterov), `s` (RMSProp) or `m` (Adam) of every parameter, in one contiguous
  /// buffer: layer after layer, each layer's weights then its biases.
  private var first: [Double]
  /// Adam's `v`, laid out like ``first``.
  private var second: [Double]
  /// Where each layer's weights (`2·layer`) and biases (`2·layer + 1`) start in the buffers.
  private let offsets: [Int]
  /// Steps taken so far.
  private(set) var stepCount = 0

  init(_ optimizer: Optimizer, for layers: [DenseLayer]) {
    self.optimizer = optimizer
    var offsets: [Int] = []
    var total = 0
    for layer in layers {
      offsets.append(total)
      total += layer.weights.count
      offsets.append(total)
      total += layer.biases.count
    }
    self.offsets = offsets
    first = [Double](repeating: 0, count: optimizer.bufferCount >= 1 ? total : 0)
    second = [Double](repeating: 0, count: optimizer.bufferCount >= 2 ? total : 0)
  }

  /// Moves every parameter of `layers` one step against `gradients`.
  mutating func step(
    _ layers: inout [DenseLayer], gradients: [LayerGradient], learningRate: Double
  ) {
    stepCount += 1
    for index in layers.indices {
      layers[index].weights.withUnsafeMutableElements { weights in
        gradients[index].weights.withUnsafeElements { gradient in
          update(weights, gradient: gradient, buffer: 2 * index, learningRate: learningRate)
        }
      }
      layers[index].biases.withUnsafeMutableBufferPointer { biases in
        gradients[index].biases.withUnsafeBufferPointer { gradient in
          update(biases, gradient: gradient, buffer: 2 * index + 1, learningRate: learningRate)
        }
      }
    }
  }

  private mutating func update(
    _ parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
    buffer: Int, learningRate rate: Double
  ) {
    let offset = offsets[buffer]
    switch optimizer {
    case .gradientDescent:
      for i in parameters.indices { parameters[i] += -rate * gradient[i] }
    case .momentum(let mu):
      first.withUnsafeMutableBufferPointer { velocity in
        let v = UnsafeMutableBufferPointer(rebasing: velocity[offset..<offset + parameters.count])
        for i in parameters.indices {
          v[i] = mu * v[i] + gradient[i]
          parameters[i] -= rate * v[i]
        }
      }
    case .nesterov(let mu):
      first.withUnsafeMutableBufferPointer { velocity in
        let v = UnsafeMutableBufferPointer(rebasing: velocity[offset..<offset + parameters.count])
        for i in parameters.indices {
          v[i] = mu * v[i] + gradient[i]
          parameters[i] -= rate * (gradient[i] + mu * v[i])
        }
      }
    case .rmsProp(let rho, let epsilon):
      first.withUnsafeMutableBufferPointer { squares in
        let s = UnsafeMutableBufferPointer(rebasing: squares[offset..<offset + parameters.count])
        for i in parameters.indices {
          let g = gradient[i]
          s[i] = rho * s[i] + (1 - rho) * g * g
          parameters[i] -= rate * g / (s[i].squareRoot() + epsilon)
        }
      }
    case .adam(let beta1, let beta2, let epsilon):
      let t = Double(stepCount)
      let firstCorrection = 1 - pow(beta1, t)
      let secondCorrection = 1 - pow(beta2, t)
      first.withUnsafeMutableBufferPointer { firstMoments in
        second.withUnsafeMutableBufferPointer { secondMoments in
          let range = offset..<offset + parameters.count
          let m = UnsafeMutableBufferPointer(rebasing: firstMoments[range])
          let v = UnsafeMutableBufferPointer(rebasing: secondMoments[range])
          for i in parameters.indices {
            let g = gradient[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            let mHat = m[i] / firstCorrection
            let vHat = v[i] / secondCorrection
            parameters[i] -= rate * mHat / (vHat.squareRoot() + epsilon)
          }
        }
      }
    }
  }
}
