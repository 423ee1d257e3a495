import Dispatch
import Synchronization
import Testing

@testable import NeuralNet

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tests that set the process-wide ``Parallelism/maximumThreads``: serialized, so that none of
/// them runs while another has changed it (other suites never set it, and their results do not
/// depend on it).
@Suite(.serialized) struct ParallelismTests {
  @Test func largeProductsSplitAcrossThreadsEqualTheDefinitionBitForBit() {
    let a = MatrixTests.random(rows: 150, columns: 70, seed: 3)
    let b = MatrixTests.random(rows: 70, columns: 37, seed: 4)
    let expected = MatrixTests.definitionProduct(a, b)
    Product.kernelCheckers.add(1, ordering: .relaxed)
    defer { Product.kernelCheckers.subtract(1, ordering: .relaxed) }
    let saved = Parallelism.maximumThreads
    defer { Parallelism.maximumThreads = saved }
    for threads in [1, 2, 3] {
      Parallelism.maximumThreads = threads
      #expect(a.multiplied(by: b) == expected, "\(threads) threads")
      #expect(a.transposed.transposedMultiplied(by: b) == expected, "\(threads) threads")
      #expect(a.multiplied(byTransposeOf: b.transposed) == expected, "\(threads) threads")
    }
  }

  /// The worker pool serves one caller at a time; others, on other threads at the same moment,
  /// compute their bands themselves. Either way every product is exact.
  @Test func productsFromManyThreadsAtOnceAreAllExact() {
    let saved = Parallelism.maximumThreads
    defer { Parallelism.maximumThreads = saved }
    Parallelism.maximumThreads = 2
    let a = MatrixTests.random(rows: 96, columns: 64, seed: 7)
    let b = MatrixTests.random(rows: 64, columns: 48, seed: 8)
    let expected = MatrixTests.definitionProduct(a, b)
    Product.kernelCheckers.add(1, ordering: .relaxed)
    defer { Product.kernelCheckers.subtract(1, ordering: .relaxed) }
    let results = Mutex<[Matrix]>([])
    DispatchQueue.concurrentPerform(iterations: 6) { _ in
      var product = Matrix(rows: 96, columns: 48)
      for _ in 0..<20 { Matrix.multiply(a, b, into: &product) }
      results.withLock { $0.append(product) }
    }
    #expect(results.withLock { $0.count } == 6)
    #expect(results.withLock { $0.allSatisfy { $0 == expected } })
  }

  /// With two threads allowed, a lane pass cut into two parts hands one to a helper thread, for
  /// W2's network and for W3's (a pass of a few microseconds): the bit-identity tests below would
  /// pass just as well if every part ran on the caller.
  @Test func lanePartsReachAHelperThread() throws {
    let saved = Parallelism.maximumThreads
    defer { Parallelism.maximumThreads = saved }
    Parallelism.maximumThreads = 2
    let moons = try Dataset.moons(count: 601, noise: 0.2, seed: 5)
    let circles = try Dataset.circles(count: 1_000, noise: 0.1, factor: 0.5, seed: 5)
    let networks = [
      (moons, try MultilayerPerceptron(inputs: 2, hidden: [32, 32], outputs: 2, seed: 3), 1_152),
      (
        circles,
        try MultilayerPerceptron(
          inputs: 2, hidden: [16], outputs: 1, head: .sigmoid, initialization: .he, seed: 3),
        48
      ),
    ]
    for (data, model, weights) in networks {
      #expect(LaneSweep.partCount(rows: data.count, weights: weights) == 2)
      #expect(try helpersTakePart { _ = try model.gradients(on: data) }, "\(weights) weights")
    }
  }

  /// Helpers that have polled for work long enough go to sleep, and the next split pass wakes
  /// them: after a pause of 20 ms, a helper takes part again.
  @Test func sleepingHelpersWakeForTheNextPass() throws {
    let saved = Parallelism.maximumThreads
    defer { Parallelism.maximumThreads = saved }
    Parallelism.maximumThreads = 2
    let data = try Dataset.moons(count: 601, noise: 0.2, seed: 5)
    let model = try MultilayerPerceptron(inputs: 2, hidden: [32, 32], outputs: 2, seed: 3)
    #expect(try helpersTakePart { _ = try model.gradients(on: data) })
    for _ in 0..<3 {
      usleep(20_000)
      #expect(try helpersTakePart { _ = try model.gradients(on: data) })
    }
  }

  /// Whether a helper computes a band within 200 runs of `work`: the caller claims bands too,
  /// and may take every band while a helper wakes.
  private func helpersTakePart(_ work: () throws -> Void) rethrows -> Bool {
    let before = WorkerPool.shared.bandsComputedByHelpers.load(ordering: .relaxed)
    for _ in 0..<200 {
      try work()
      if WorkerPool.shared.bandsComputedByHelpers.load(ordering: .relaxed) > before { return true }
    }
    return false
  }

  /// A narrow network's pass of 2¹⁵ multiply-adds or more is cut into two fixed parts, which run
  /// on two threads when allowed: training, with a validation set, gives the same model, losses
  /// and accuracies on 1, 2 and 3 threads, and so do gradients of data the sweep does not keep.
  @Test func lanePartsOnOneOrTwoThreadsTrainBitIdenticalModels() throws {
    let saved = Parallelism.maximumThreads
    defer { Parallelism.maximumThreads = saved }
    let data = try Dataset.moons(count: 601, noise: 0.2, seed: 5)
    let validation = try Dataset.moons(count: 470, noise: 0.2, seed: 6)
    // 2·32 + 32·32 + 32·2 weights.
    #expect(LaneSweep.partCount(rows: data.count, weights: 1_152) == 2)
    #expect(LaneSweep.partCount(rows: validation.count, weights: 1_152) == 2)
    let options = TrainingOptions(epochs: 3, learningRate: 0.5, l2: 0.001)
    var results: [(MultilayerPerceptron, History)] = []
    for threads in [1, 2, 3] {
      Parallelism.maximumThreads = threads
      var model = try MultilayerPerceptron(inputs: 2, hidden: [32, 32], outputs: 2, seed: 1)
      #expect(LaneSweep.handles(model))
      let history = try model.fit(data, options: options, validation: validation)
      results.append((model, history))
    }
    // Gradients of data that is not kept: each part loads its own chunks.
    var gradients: [(loss: Double, gradients: [LayerGradient])] = []
    let model = try MultilayerPerceptron(inputs: 2, hidden: [32, 32], outputs: 2, seed: 2)
    for threads in [1, 2, 3] {
      Parallelism.maximumThreads = threads
      gradients.append(try model.gradients(on: data, l2: 0.01))
    }
    for result in gradients.dropFirst() {
      #expect(result.loss.bitPattern == gradients[0].loss.bitPattern)
      #expect(result.gradients == gradients[0].gradients)
    }
    // W1's network on data large enough to be cut and W3's shape on 1,000 rows (of moons), whose
    // first two layers' backward step is one kernel.
    for (hidden, outputs, rows) in [(32, 2, 4_100), (16, 1, 1_000)] {
      let small = try Dataset.moons(count: rows, noise: 0.2, seed: 7)
      var models: [MultilayerPerceptron] = []
      for threads in [1, 2] {
        Parallelism.maximumThreads = threads
        var model = try MultilayerPerceptron(
          inputs: 2, hidden: [hidden], outputs: outputs, head: outputs == 1 ? .sigmoid : .softmax,
          initialization: .he, seed: 4)
        #expect(LaneSweep.partCount(rows: rows, weights: 2 * hidden + hidden * outputs) == 2)
        _ = try model.fit(small, options: options)
        models.append(model)
      }
      #expect(models[0] == models[1], "hidden \(hidden), \(rows) rows")
    }
    for (model, history) in results.dropFirst() {
      #expect(model == results[0].0)
      #expect(history.loss.map(\.bitPattern) == results[0].1.loss.map(\.bitPattern))
      #expect(history.accuracy == results[0].1.accuracy)
      #expect(
        history.validationLoss.map(\.bitPattern) == results[0].1.validationLoss.map(\.bitPattern))
      #expect(history.validationAccuracy == results[0].1.validationAccuracy)
    }
  }

  /// On two threads the examples go through in larger blocks and large products are split into
  /// bands of rows, one per thread; every sum keeps its order, so nothing changes by a bit.
  @Test func oneAndTwoThreadsTrainBitIdenticalModels() throws {
    let saved = Parallelism.maximumThreads
    defer { Parallelism.maximumThreads = saved }
    let data = try Dataset.moons(count: 300, noise: 0.2, seed: 5)
    let options = TrainingOptions(epochs: 3, learningRate: 0.5, l2: 0.001)
    var results: [(MultilayerPerceptron, History)] = []
    for threads in [1, 2] {
      Parallelism.maximumThreads = threads
      var model = try MultilayerPerceptron(inputs: 2, hidden: [64, 64], outputs: 2, seed: 1)
      let history = try model.fit(data, options: options)
      results.append((model, history))
    }
    #expect(results[0].0 == results[1].0)
    #expect(results[0].1.loss.map(\.bitPattern) == results[1].1.loss.map(\.bitPattern))
  }
}
