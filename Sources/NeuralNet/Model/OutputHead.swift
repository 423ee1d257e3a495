#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The output layer's activation together with the loss it is trained with.
///
/// Each head pairs an output function with its matching loss, so the gradient of the loss with
/// respect to the logits `z` is simply `ŷ − y` (scaled for MSE), and both are computed from the
/// logits directly, which keeps them finite for any finite logits.
public enum OutputHead: String, CaseIterable, Sendable {
  /// Softmax over two or more outputs, trained with cross-entropy against the class.
  ///
  /// ```
  /// ℓ = logΣₖ e^zₖ − z_y
  /// ```
  case softmax
  /// One logistic output, the probability of class 1, trained with binary cross-entropy.
  ///
  /// ```
  /// ℓ = max(z, 0) − z·y + log(1 + e^−|z|)
  /// ```
  case sigmoid
  /// Identity outputs for regression, trained with the mean squared error over the outputs.
  ///
  /// ```
  /// ℓ = (1/K) Σₖ (zₖ − yₖ)²
  /// ```
  case linear

  /// Whether the head predicts classes (and so has an accuracy).
  public var isClassifier: Bool {
    self != .linear
  }

  /// Checks that a model with `outputs` units can use this head.
  func validate(outputs: Int) throws(NeuralNetError) {
    switch self {
    case .softmax:
      try require(outputs >= 2, "outputs", outputs, "at least 2 for a softmax head")
    case .sigmoid:
      try require(outputs == 1, "outputs", outputs, "1 for a sigmoid head (use softmax for more)")
    case .linear:
      try require(outputs >= 1, "outputs", outputs, "at least 1")
    }
  }

  /// The number of classes a model with `outputs` units tells apart (2 for a sigmoid head).
  func classCount(outputs: Int) -> Int {
    self == .sigmoid ? 2 : outputs
  }

  /// The target matrix for integer class labels: one-hot rows for softmax, a 0/1 column for sigmoid.
  func targets(for labels: [Int], outputs: Int) -> Matrix {
    var targets = Matrix(rows: labels.count, columns: outputs)
    for (row, label) in labels.enumerated() {
      if self == .sigmoid {
        targets[row, 0] = Double(label)
      } else {
        targets[row, label] = 1
      }
    }
    return targets
  }

  /// The sum over examples of the per-example loss, writing `∂ℓᵢ/∂zᵢ` for every example into `delta`.
  ///
  /// The sum goes on from `total` (the sum over earlier blocks of examples), one example at a time.
  func loss(
    logits: Matrix, targets: Matrix, delta: inout Matrix, startingFrom total: Double = 0
  ) -> Double {
    let columns = logits.columns
    return logits.elements.withUnsafeBufferPointer { z in
      targets.elements.withUnsafeBufferPointer { y in
        delta.withUnsafeMutableElements { d in
          var total = total
          for row in 0..<logits.rows {
            let range = row * columns..<(row + 1) * columns
            total += exampleLoss(z: z, y: y, delta: d, range: range)
          }
          return total
        }
      }
    }
  }

  private func exampleLoss(
    z: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
    delta: UnsafeMutableBufferPointer<Double>, range: Range<Int>
  ) -> Double {
    switch self {
    case .softmax:
      var largest = -Double.infinity
      for i in range { largest = max(largest, z[i]) }
      var sum = 0.0
      for i in range {
        let e = exp(z[i] - largest)
        delta[i] = e
        sum += e
      }
      let logSum = largest + log(sum)
      var loss = 0.0
      for i in range {
        delta[i] = delta[i] / sum - y[i]
        if y[i] != 0 { loss += y[i] * (logSum - z[i]) }
      }
      return loss
    case .sigmoid:
      let i = range.lowerBound
      let e = exp(-abs(z[i]))
      delta[i] = logistic(z[i], exponentialOfMinusMagnitude: e) - y[i]
      return max(z[i], 0) - z[i] * y[i] + log1p(e)
    case .linear:
      let scale = 1 / Double(range.count)
      var loss = 0.0
      for i in range {
        let error = z[i] - y[i]
        loss += error * error * scale
        delta[i] = 2 * error * scale
      }
      return loss
    }
  }

  /// The head's outputs for a matrix of logits: class probabilities, or the values themselves.
  func outputs(logits: Matrix) -> Matrix {
    switch self {
    case .linear:
      return logits
    case .sigmoid:
      return logits.map(logistic)
    case .softmax:
      var probabilities = logits
      let columns = logits.columns
      probabilities.withUnsafeMutableElements { p in
        for row in 0..<logits.rows {
          let range = row * columns..<(row + 1) * columns
          var largest = -Double.infinity
          for i in range { largest = max(largest, p[i]) }
          var sum = 0.0
          for i in range {
            p[i] = exp(p[i] - largest)
            sum += p[i]
          }
          for i in range { p[i] /= sum }
        }
      }
      return probabilities
    }
  }

  /// The predicted class of one row of logits: the largest logit (first on ties), or `z > 0`.
  func predictedClass(logits: UnsafeBufferPointer<Double>, range: Range<Int>) -> Int {
    if self == .sigmoid { return logits[range.lowerBound] > 0 ? 1 : 0 }
    var best = range.lowerBound
    for i in range where logits[i] > logits[best] { best = i }
    return best - range.lowerBound
  }
}

/// How per-example losses and gradients are combined over a batch.
public enum LossReduction: String, CaseIterable, Sendable {
  /// Average over examples: the step size does not depend on the number of examples.
  case mean
  /// Sum over examples, as the first seed project does; the effective step grows with the data.
  case sum
}
