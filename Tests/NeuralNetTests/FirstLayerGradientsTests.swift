import Testing
import WideKernels

@testable import NeuralNet

/// The backward pass of the first two layers in one kernel (the first layer's deltas added straight
/// into its gradient lanes, the second's `a·δ` into its own) gives the bits of the separate steps:
/// the second layer's gradients, sending its deltas back, the first layer's gradients; on both
/// vector widths' kernels. Under one unit, the first layer's sums are taken of `f′(z)·δ` and
/// times the unit's weight once: the separate steps with weights of 1, then that product; and for
/// ReLU, leaky ReLU and linear units the layer above's `Σ a·δ` is made from those sums and the
/// first layer's weights and biases (`a = f′(z)·z`).
@Suite struct FirstLayerGradientsTests {
  struct Shape: CustomStringConvertible {
    var inputs: Int
    var terms: Int
    var units: Int
    var vectors: Int
    var description: String {
      "\(inputs) inputs, \(terms) terms, \(units) units, \(vectors) vectors"
    }
  }

  static let shapes: [Shape] = [1, 2].flatMap { inputs in
    [1, 2, 3].flatMap { terms in
      [1, 3, 4, 5, 9, 32].flatMap { units in
        [1, 3, 8, 16].map { Shape(inputs: inputs, terms: terms, units: units, vectors: $0) }
      }
    }
  }

  /// The buffers of one chunk, filled from a seeded generator; activations include zeros and
  /// negative values, so every branch of each derivative is taken.
  struct Buffers {
    var deltas: [Double]
    var weights: [Double]
    var a: [Double]
    var inputs: [Double]
    /// The first layer's weights (`inputs × units`) and biases.
    var weightsBelow: [Double]
    var biasesBelow: [Double]
    var weightLanes: [Double]
    var biasLanes: [Double]
    /// The second layer's lanes.
    var weightLanesAbove: [Double]
    var biasLanesAbove: [Double]

    init(_ shape: Shape, seed: UInt32) {
      var generator = SeededGenerator(seed: seed)
      func draw(_ count: Int) -> [Double] { (0..<count).map { _ in generator.standardNormal() } }
      let chunk = NeuralNet.LaneKernels.chunk
      deltas = draw(shape.terms * chunk)
      weights = draw(shape.units * shape.terms)
      a = draw(shape.units * chunk).enumerated().map { $0 % 5 == 0 ? 0 : $1 }
      inputs = draw(shape.inputs * chunk)
      weightsBelow = draw(shape.inputs * shape.units)
      biasesBelow = draw(shape.units)
      weightLanes = draw(shape.inputs * shape.units * NeuralNet.LaneKernels.lanes)
      biasLanes = draw(shape.units * NeuralNet.LaneKernels.lanes)
      weightLanesAbove = draw(shape.units * shape.terms * NeuralNet.LaneKernels.lanes)
      biasLanesAbove = draw(shape.terms * NeuralNet.LaneKernels.lanes)
    }
  }

  static let functions: [(NeuralNet.LaneKernels.Function, WideKernels.LaneKernels.Function)] = [
    (.relu, .relu), (.leakyReLU(slope: 0.01), .leakyReLU(slope: 0.01)), (.linear, .linear),
    (.tanh, .tanh), (.sigmoid, .sigmoid),
  ]

  @Test(arguments: shapes)
  func fusedGradientsEqualTwoStepsBitForBit(_ shape: Shape) {
    for (index, (function, wideFunction)) in Self.functions.enumerated() {
      let start = Buffers(shape, seed: UInt32(index + 1))
      var twoSteps = start
      NeuralNet.LaneKernels.accumulate(
        inputs: start.a, deltas: start.deltas, inputCount: shape.units, units: shape.terms,
        vectors: shape.vectors, weightLanes: &twoSteps.weightLanesAbove,
        biasLanes: &twoSteps.biasLanesAbove)
      var deltasBelow = [Double](repeating: 0, count: shape.units * NeuralNet.LaneKernels.chunk)
      let factored = shape.terms == 1
      NeuralNet.LaneKernels.sendBack(
        deltas: start.deltas,
        weights: factored ? Array(repeating: 1, count: shape.units) : start.weights,
        terms: shape.terms, units: shape.units, a: start.a, into: &deltasBelow,
        vectors: shape.vectors, function: function)
      if factored {
        var sums = start
        sums.weightLanes = sums.weightLanes.map { _ in 0 }
        sums.biasLanes = sums.biasLanes.map { _ in 0 }
        NeuralNet.LaneKernels.accumulate(
          inputs: start.inputs, deltas: deltasBelow, inputCount: shape.inputs, units: shape.units,
          vectors: shape.vectors, weightLanes: &sums.weightLanes, biasLanes: &sums.biasLanes)
        let lanes = NeuralNet.LaneKernels.lanes
        for index in twoSteps.weightLanes.indices {
          let weight = start.weights[index / lanes % shape.units]
          twoSteps.weightLanes[index].addProduct(weight, sums.weightLanes[index])
        }
        for index in twoSteps.biasLanes.indices {
          twoSteps.biasLanes[index].addProduct(start.weights[index / lanes], sums.biasLanes[index])
        }
        // ReLU, leaky ReLU, linear: Σ a·δ = Σₖ Wₖ·Σ xₖ·f′(z)·δ + b·Σ f′(z)·δ.
        if index < 3 {
          for unit in 0..<shape.units {
            for lane in 0..<lanes {
              var sum = start.weightLanesAbove[unit * lanes + lane]
              for input in 0..<shape.inputs {
                sum.addProduct(
                  start.weightsBelow[input * shape.units + unit],
                  sums.weightLanes[(input * shape.units + unit) * lanes + lane])
              }
              sum.addProduct(start.biasesBelow[unit], sums.biasLanes[unit * lanes + lane])
              twoSteps.weightLanesAbove[unit * lanes + lane] = sum
            }
          }
        }
      } else {
        NeuralNet.LaneKernels.accumulate(
          inputs: start.inputs, deltas: deltasBelow, inputCount: shape.inputs, units: shape.units,
          vectors: shape.vectors, weightLanes: &twoSteps.weightLanes,
          biasLanes: &twoSteps.biasLanes)
      }

      var fused = start
      NeuralNet.LaneKernels.accumulateBiases(
        deltas: start.deltas, units: shape.terms, vectors: shape.vectors,
        biasLanes: &fused.biasLanesAbove)
      NeuralNet.LaneKernels.sendBackAndAccumulate(
        deltas: start.deltas, weights: start.weights, terms: shape.terms, units: shape.units,
        a: start.a, function: function, inputs: start.inputs, inputCount: shape.inputs,
        weightsBelow: start.weightsBelow, biasesBelow: start.biasesBelow, vectors: shape.vectors,
        weightLanes: &fused.weightLanes, biasLanes: &fused.biasLanes,
        weightLanesAbove: &fused.weightLanesAbove)
      var results = [fused]
      // The wide copy is built for AVX-512 in release builds: only where the CPU has it.
      if WideVectors.isSupported {
        var wide = start
        WideKernels.LaneKernels.accumulateBiases(
          deltas: start.deltas, units: shape.terms, vectors: shape.vectors,
          biasLanes: &wide.biasLanesAbove)
        WideKernels.LaneKernels.sendBackAndAccumulate(
          deltas: start.deltas, weights: start.weights, terms: shape.terms, units: shape.units,
          a: start.a, function: wideFunction, inputs: start.inputs, inputCount: shape.inputs,
          weightsBelow: start.weightsBelow, biasesBelow: start.biasesBelow,
          vectors: shape.vectors, weightLanes: &wide.weightLanes, biasLanes: &wide.biasLanes,
          weightLanesAbove: &wide.weightLanesAbove)
        results.append(wide)
      }

      for result in results {
        #expect(
          result.weightLanes.map(\.bitPattern) == twoSteps.weightLanes.map(\.bitPattern),
          "\(shape), function \(index)")
        #expect(
          result.biasLanes.map(\.bitPattern) == twoSteps.biasLanes.map(\.bitPattern),
          "\(shape), function \(index)")
        #expect(
          result.weightLanesAbove.map(\.bitPattern)
            == twoSteps.weightLanesAbove.map(\.bitPattern),
          "\(shape), function \(index)")
        #expect(
          result.biasLanesAbove.map(\.bitPattern) == twoSteps.biasLanesAbove.map(\.bitPattern),
          "\(shape), function \(index)")
      }
      #expect(fused.weightLanes != start.weightLanes, "the gradients moved")
      #expect(fused.weightLanesAbove != start.weightLanesAbove, "the gradients above moved")
    }
  }
}
