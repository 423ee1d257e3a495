/// How a layer's initial weights are drawn. Biases always start at zero.
///
/// Every scheme draws a `(fanIn, fanOut)` matrix in row-major order, as
/// `np.random.randn(fan_in, fan_out)` (or `uniform`) does, so a model seeded with `s` starts from the
/// same weights as a NumPy network after `np.random.seed(s)`.
public enum WeightInitialization: String, CaseIterable, Sendable {
  /// `randn · sqrt(2 / fanIn)`: keeps ReLU activations' variance steady (He et al. 2015).
  case he
  /// `uniform(−a, a)` with `a = sqrt(6 / (fanIn + fanOut))` (Glorot and Bengio 2010): suits tanh and
  /// sigmoid.
  case xavier
  /// `randn / sqrt(fanIn)`: the first seed project's scheme (LeCun's normal initialisation).
  case lecun

  /// Draws a `fanIn × fanOut` weight matrix from `generator`.
  func weights(fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> Matrix {
    var weights = Matrix(rows: fanIn, columns: fanOut)
    let fanInScale = Double(fanIn).squareRoot()
    let limit = (6 / Double(fanIn + fanOut)).squareRoot()
    weights.withUnsafeMutableElements { values in
      for i in values.indices {
        switch self {
        case .he: values[i] = generator.standardNormal() * (2 / Double(fanIn)).squareRoot()
        case .lecun: values[i] = generator.standardNormal() / fanInScale
        case .xavier: values[i] = -limit + 2 * limit * generator.nextDouble()
        }
      }
    }
    return weights
  }
}
