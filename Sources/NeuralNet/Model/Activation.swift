/// The element-wise non-linearity of a hidden layer.
public enum Activation: String, CaseIterable, Sendable {
  /// `max(0, z)`
  case relu
  /// `z` for `z > 0`, else `0.01 · z`: keeps a small gradient where ReLU has none.
  case leakyReLU = "leaky_relu"
  /// `tanh(z)`
  case tanh
  /// `1 / (1 + e⁻ᶻ)`
  case sigmoid
  /// `z`: no non-linearity.
  case linear

  /// The slope of ``leakyReLU`` for negative inputs.
  public static let leakySlope = 0.01

  /// The activation of a single pre-activation value.
  public func callAsFunction(_ z: Double) -> Double {
    switch self {
    case .relu: z > 0 ? z : 0
    case .leakyReLU: z > 0 ? z : Self.leakySlope * z
    case .tanh: LaneMath.tanh(SIMD8(repeating: z))[0]
    case .sigmoid: LaneMath.logistic(SIMD8(repeating: z))[0]
    case .linear: z
    }
  }

  /// `tanh` or the sigmoid of every element of `values`, in place, eight at a time through
  /// ``LaneMath``, as the lane sweep computes them (a lane's result depends on its argument
  /// alone, so the last vector's padding changes nothing).
  private func applyInLanes(to values: UnsafeMutableBufferPointer<Double>) {
    switch self {
    case .tanh: Self.map(values, LaneMath.tanh(_:))
    case .sigmoid: Self.map(values, LaneMath.logistic(_:))
    case .relu, .leakyReLU, .linear: preconditionFailure("\(self) is not computed in lanes")
    }
  }

  @inline(__always)
  private static func map(
    _ values: UnsafeMutableBufferPointer<Double>, _ function: (SIMD8<Double>) -> SIMD8<Double>
  ) {
    guard let base = values.baseAddress else { return }
    let raw = UnsafeMutableRawPointer(base)
    var start = 0
    while start + 8 <= values.count {
      let offset = start * MemoryLayout<Double>.stride
      raw.storeBytes(
        of: function(raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)),
        toByteOffset: offset, as: SIMD8<Double>.self)
      start += 8
    }
    guard start < values.count else { return }
    var last = SIMD8<Double>()
    for lane in 0..<values.count - start { last[lane] = values[start + lane] }
    let results = function(last)
    for lane in 0..<values.count - start { values[start + lane] = results[lane] }
  }

  /// Writes `f(z)` for every pre-activation into `activations` (same count).
  func apply(_ preActivations: Matrix, into activations: inout Matrix) {
    preActivations.withUnsafeElements { z in
      activations.withUnsafeMutableElements { a in
        switch self {
        case .relu: for i in z.indices { a[i] = z[i] > 0 ? z[i] : 0 }
        case .leakyReLU: for i in z.indices { a[i] = z[i] > 0 ? z[i] : Self.leakySlope * z[i] }
        case .tanh, .sigmoid:
          for i in z.indices { a[i] = z[i] }
          applyInLanes(to: a)
        case .linear: for i in z.indices { a[i] = z[i] }
        }
      }
    }
  }

  /// Adds `biases` to every row of `preActivations`, in place, and writes `f(z)` of the sums into
  /// `activations` (same shape): ``Matrix/addRowVector(_:)`` then ``apply(_:into:)`` in one pass.
  func apply(biases: [Double], to preActivations: inout Matrix, into activations: inout Matrix) {
    let columns = preActivations.columns
    precondition(
      biases.count == columns && activations.count == preActivations.count,
      "cannot add \(biases.count) biases to \(preActivations.rows)×\(columns) pre-activations")
    biases.withUnsafeBufferPointer { b in
      preActivations.withUnsafeMutableElements { z in
        activations.withUnsafeMutableElements { a in
          let rows = columns == 0 ? 0 : z.count / columns
          switch self {
          case .relu:
            for row in 0..<rows {
              let offset = row * columns
              var c = 0
              while c + 4 <= columns {
                let sum = load4(z, offset + c) + load4(b, c)
                store4(sum, z, offset + c)
                store4(sum.replacing(with: 0, where: .!(sum .> 0)), a, offset + c)
                c += 4
              }
              while c < columns {
                let sum = z[offset + c] + b[c]
                z[offset + c] = sum
                a[offset + c] = sum > 0 ? sum : 0
                c += 1
              }
            }
          case .leakyReLU:
            var i = 0
            for _ in 0..<rows {
              for c in 0..<columns {
                let sum = z[i] + b[c]
                z[i] = sum
                a[i] = self(sum)
                i += 1
              }
            }
          case .linear, .tanh, .sigmoid:
            var i = 0
            for _ in 0..<rows {
              for c in 0..<columns {
                let sum = z[i] + b[c]
                z[i] = sum
                a[i] = sum
                i += 1
              }
            }
            if self != .linear { applyInLanes(to: a) }
          }
        }
      }
    }
  }

  /// Multiplies `gradient` (∂L/∂a) element-wise by `f′(z)`, turning it into ∂L/∂z.
  ///
  /// `tanh` and `sigmoid` use their outputs (`1 − a²`, `a(1 − a)`); the ReLU family uses the sign of
  /// `z`, taking the derivative at the kink `z = 0` as that of the left side. ReLU keeps the
  /// gradient only where `z > 0`, where its output is positive: not where `z` is NaN, whose output
  /// is 0 (so the derivative can be read from either `z` or `a`).
  func backpropagate(
    preActivations: Matrix, activations: Matrix, gradient: inout Matrix
  ) {
    preActivations.withUnsafeElements { z in
      activations.withUnsafeElements { a in
        gradient.withUnsafeMutableElements { g in
          switch self {
          case .relu:
            var i = 0
            while i + 4 <= g.count {
              store4(load4(g, i).replacing(with: 0, where: .!(load4(z, i) .> 0)), g, i)
              i += 4
            }
            while i < g.count {
              g[i] = z[i] > 0 ? g[i] : 0
              i += 1
            }
          case .leakyReLU: for i in g.indices { g[i] = z[i] <= 0 ? g[i] * Self.leakySlope : g[i] }
          case .tanh: for i in g.indices { g[i] *= 1 - a[i] * a[i] }
          case .sigmoid: for i in g.indices { g[i] *= a[i] * (1 - a[i]) }
          case .linear: break
          }
        }
      }
    }
  }

  /// Whether the derivative jumps at `z = 0`, so finite differences there are meaningless.
  public var hasKink: Bool {
    self == .relu || self == .leakyReLU
  }
}

/// Four consecutive elements from `offset`, unaligned.
@inline(__always)
private func load4(_ buffer: UnsafeBufferPointer<Double>, _ offset: Int) -> SIMD4<Double> {
  precondition(offset >= 0 && offset + 4 <= buffer.count)
  return UnsafeRawPointer(buffer.baseAddress! + offset).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always)
private func load4(_ buffer: UnsafeMutableBufferPointer<Double>, _ offset: Int) -> SIMD4<Double> {
  load4(UnsafeBufferPointer(buffer), offset)
}

/// Stores four consecutive elements from `offset`, unaligned.
@inline(__always)
private func store4(
  _ value: SIMD4<Double>, _ buffer: UnsafeMutableBufferPointer<Double>, _ offset: Int
) {
  precondition(offset >= 0 && offset + 4 <= buffer.count)
  UnsafeMutableRawPointer(buffer.baseAddress! + offset).storeBytes(
    of: value, as: SIMD4<Double>.self)
}
