import VectorIntrinsics
import WideKernels

/// The forward and backward passes of a narrow network, with examples as the lanes of `SIMD8`
/// vectors.
///
/// The layer path (``MultilayerPerceptron/evaluateByLayers(_:targets:scale:workspace:computingGradients:)``)
/// keeps examples as rows, which suits wide layers. A network whose layers are all narrow (two
/// inputs, 16 or 32 hidden units, two classes: the seed networks) leaves those products only a few
/// columns wide, and its pass is mostly set-up, edges and stores. A sweep instead takes
/// ``chunk`` examples at a time, transposed so that each unit's values for them are contiguous,
/// and runs every layer, the head and the backward pass on them while they sit in cache (a layer
/// holds 1 KiB per unit, its activations and deltas, so a network of one 32-unit hidden layer
/// stays in L1): each weight is broadcast once per 8 examples, and no product has an edge
/// narrower than 8.
///
/// Every example's activations, loss and deltas are the same bits as on the layer path: the same
/// fused multiply-add chains in the same order, the same head. (The pre-activations `z` are not
/// stored: every derivative reads `a`.) The sums over examples are ordered differently: each
/// weight and bias gradient is summed per lane (example `i` into lane `i mod 8`, examples in
/// order), the loss per lane within each chunk and then chunk by chunk, and the 8 lanes are then
/// added in a fixed tree. A result still does not depend on the block size, the number of
/// threads, the vector width (``LaneKernels``) or the build; it differs from the layer path's in
/// its low bits. A sweep runs on one thread.
///
/// A sweep is scratch space for one workspace: a class, so that copying a workspace does not copy
/// it, and never shared between threads.
final class LaneSweep {
  /// Examples per vector.
  static let lanes = LaneKernels.lanes
  /// Examples per chunk: 8 vectors, so that a layer of 64 units holds 32 KiB.
  static let chunk = LaneKernels.chunk
  /// The widest layer (inputs included) a sweep takes; wider networks keep the layer path, whose
  /// register blocks are then full.
  static let maximumWidth = 64

  /// Whether a sweep can evaluate `model`: every layer at most ``maximumWidth`` wide, and a linear
  /// output layer, whose `z` the head reads as its logits (a model built from layers may give its
  /// output layer another activation; the layer path applies it). Dropout is the caller's to
  /// rule out.
  static func handles(_ model: MultilayerPerceptron) -> Bool {
    model.layers.last?.activation == .linear
      && model.layers.allSatisfy {
        $0.inputCount <= maximumWidth && $0.outputCount <= maximumWidth
      }
  }

  /// One layer's shape, non-linearity and buffers.
  private struct Layer {
    let inputs: Int
    let units: Int
    let activation: Activation
    /// Copies of the model's weights (`inputs × units`, row-major) and biases, taken at the start
    /// of every pass.
    let weights: UnsafeMutablePointer<Double>
    let biases: UnsafeMutablePointer<Double>
    /// `units × chunk` each: `a = f(z)` and `∂L/∂z`. `z` itself is not kept: the derivatives
    /// read `a` (``LaneKernels/forward(source:weights:biases:into:inputs:units:vectors:function:scalar:)``),
    /// and the output layer's `a` is its `z`, the logits.
    let a: UnsafeMutablePointer<Double>
    let delta: UnsafeMutablePointer<Double>
    /// The lane sums of each weight's gradient (`inputs·units × 8`, row-major like the weights)
    /// and of each bias's (`units × 8`).
    let weightLanes: UnsafeMutablePointer<Double>
    let biasLanes: UnsafeMutablePointer<Double>
  }

  private let buffer: UnsafeMutablePointer<Double>
  /// A chunk's inputs (`inputs × chunk`) followed by its targets (`outputs × chunk`), transposed.
  private let chunkData: UnsafeMutablePointer<Double>
  private let inputCount: Int
  /// Every chunk's data, one after another, when the caller passes the same features and targets
  /// every time (``evaluate(_:features:targets:scale:predicted:gradients:reusingData:)``): made
  /// on the first pass, then read as it is.
  private var allChunks: UnsafeMutablePointer<Double>?
  /// What ``allChunks`` holds: the row count and the features' and targets' storage.
  private var allChunksSource: (rows: Int, features: ObjectIdentifier, targets: ObjectIdentifier)?
  private let layers: UnsafeMutableBufferPointer<Layer>

  init(for model: MultilayerPerceptron) {
    let (chunk, lanes) = (Self.chunk, Self.lanes)
    // Whole vectors, so that every buffer starts on a cache line.
    func rounded(_ count: Int) -> Int { (count + lanes - 1) / lanes * lanes }
    var count = (model.inputCount + model.outputCount) * chunk
    for layer in model.layers {
      let units = layer.outputCount
      count += rounded(layer.inputCount * units) + rounded(units)
      count += units * chunk * 2
      count += (layer.inputCount * units + units) * lanes
    }
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
    buffer = raw.initializeMemory(as: Double.self, repeating: 0, count: count)
    var next = buffer
    func take(_ count: Int) -> UnsafeMutablePointer<Double> {
      defer { next += rounded(count) }
      return next
    }
    chunkData = take((model.inputCount + model.outputCount) * chunk)
    inputCount = model.inputCount
    layers = .allocate(capacity: model.layers.count)
    for (index, layer) in model.layers.enumerated() {
      let (inputs, units) = (layer.inputCount, layer.outputCount)
      (layers.baseAddress! + index).initialize(
        to: Layer(
          inputs: inputs, units: units, activation: layer.activation,
          weights: take(inputs * units), biases: take(units), a: take(units * chunk),
          delta: take(units * chunk),
          weightLanes: take(inputs * units * lanes), biasLanes: take(units * lanes)))
    }
  }

  deinit {
    layers.deallocate()
    buffer.deallocate()
    allChunks?.deallocate()
  }

  /// The data loss summed over `features`' rows (each example's loss from `model.head`), writing
  /// each example's predicted class into `predicted` (a classifier's) and, when `gradients` is
  /// given, the gradient of `scale ·` that sum into it.
  ///
  /// With `reusingData`, the caller promises the same features and targets on every call (a
  /// full-batch fit, a validation set): the sweep then transposes them once, on the first call,
  /// and keeps them (and transposes afresh if given other matrices).
  func evaluate(
    _ model: MultilayerPerceptron, features: Matrix, targets: Matrix, scale: Double,
    predicted: UnsafeMutableBufferPointer<Int>,
    gradients: UnsafeMutableBufferPointer<LayerGradient>?, reusingData: Bool = false
  ) -> Double {
    precondition(model.layers.count == layers.count, "a sweep for another model")
    for (layer, source) in zip(layers, model.layers) {
      source.weights.withUnsafeElements {
        layer.weights.update(from: $0.baseAddress!, count: $0.count)
      }
      source.biases.withUnsafeBufferPointer {
        layer.biases.update(from: $0.baseAddress!, count: $0.count)
      }
      if gradients != nil {
        layer.weightLanes.update(repeating: 0, count: layer.inputs * layer.units * Self.lanes)
        layer.biasLanes.update(repeating: 0, count: layer.units * Self.lanes)
      }
    }
    let wide = WideVectors.isEnabled
    var losses = SIMD8<Double>()
    let rows = features.rows
    let chunkSize = (inputCount + model.outputCount) * Self.chunk
    let source = (rows: rows, features: features.storageIdentity, targets: targets.storageIdentity)
    let isKept = allChunksSource.map { $0 == source } ?? false
    if reusingData && !isKept {
      allChunks?.deallocate()
      let chunks = (rows + Self.chunk - 1) / Self.chunk
      allChunks = UnsafeMutableRawPointer.allocate(
        byteCount: chunks * chunkSize * MemoryLayout<Double>.stride, alignment: 64
      ).bindMemory(to: Double.self, capacity: chunks * chunkSize)
      allChunksSource = source
      for chunk in 0..<chunks {
        let start = chunk * Self.chunk
        load(
          features, targets, rows: start..<min(rows, start + Self.chunk),
          into: allChunks! + chunk * chunkSize)
      }
    }
    var start = 0
    while start < rows {
      let count = min(Self.chunk, rows - start)
      let data: UnsafeMutablePointer<Double>
      if reusingData {
        data = allChunks! + start / Self.chunk * chunkSize
      } else {
        data = chunkData
        load(features, targets, rows: start..<start + count, into: data)
      }
      let chunkTargets = data + inputCount * Self.chunk
      forward(count: count, input: data, wide: wide)
      losses += head(
        model.head, outputs: model.outputCount, count: count, targets: chunkTargets,
        scale: gradients == nil ? 1 : scale, wide: wide, predicted: predicted, firstRow: start)
      if gradients != nil { backward(count: count, input: data, wide: wide) }
      start += count
    }
    if let gradients { write(into: gradients) }
    return Self.sum(losses)
  }

  // MARK: One chunk

  /// Copies rows `rows` of the features and targets into a chunk's data at `data`, transposed; the
  /// lanes past the last row up to a whole vector are 0.
  private func load(
    _ features: Matrix, _ targets: Matrix, rows: Range<Int>, into data: UnsafeMutablePointer<Double>
  ) {
    let padded = (rows.count + Self.lanes - 1) / Self.lanes * Self.lanes
    func transpose(_ matrix: Matrix, into chunk: UnsafeMutablePointer<Double>) {
      let columns = matrix.columns
      matrix.withUnsafeElements { values in
        for column in 0..<columns {
          let target = chunk + column &* Self.chunk
          var source = rows.lowerBound &* columns &+ column
          for example in 0..<rows.count {
            target[example] = values[source]
            source &+= columns
          }
          for example in rows.count..<padded { target[example] = 0 }
        }
      }
    }
    transpose(features, into: data)
    transpose(targets, into: data + inputCount * Self.chunk)
  }

  /// Every layer's `a = f(x·W + b)` for the chunk's `count` examples, the layer path's sums
  /// (see ``LaneKernels/forward(source:weights:biases:into:inputs:units:vectors:function:scalar:)``);
  /// lanes past `count` are set to 0.
  private func forward(count: Int, input: UnsafeMutablePointer<Double>, wide: Bool) {
    let vectors = (count + Self.lanes - 1) / Self.lanes
    var source = UnsafePointer(input)
    for layer in layers {
      let scalar = Self.scalar(layer.activation)
      if wide {
        WideKernels.LaneKernels.forward(
          source: source, weights: layer.weights, biases: layer.biases, into: layer.a,
          inputs: layer.inputs, units: layer.units, vectors: vectors,
          function: Self.wideFunction(layer.activation), scalar: scalar)
      } else {
        LaneKernels.forward(
          source: source, weights: layer.weights, biases: layer.biases, into: layer.a,
          inputs: layer.inputs, units: layer.units, vectors: vectors,
          function: Self.function(layer.activation), scalar: scalar)
      }
      if let padding = Self.padding(count) {
        let last = (vectors - 1) * Self.lanes
        for unit in 0..<layer.units {
          let offset = unit * Self.chunk + last
          Self.store(
            Self.load(layer.a + offset).replacing(with: 0, where: padding), layer.a + offset)
        }
      }
      source = UnsafePointer(layer.a)
    }
  }

  /// The head's loss for each of the chunk's `count` examples, summed per lane, and the last
  /// layer's deltas (times `scale`; 0 past `count`); writes the predicted classes of a classifier.
  private func head(
    _ head: OutputHead, outputs: Int, count: Int, targets: UnsafeMutablePointer<Double>,
    scale: Double, wide: Bool, predicted: UnsafeMutableBufferPointer<Int>, firstRow: Int
  ) -> SIMD8<Double> {
    let last = layers[layers.count - 1]
    let classes = head.isClassifier ? predicted.baseAddress! + firstRow : nil
    if wide {
      return WideKernels.LaneHeads.chunk(
        head.wideKind, logits: last.a, targets: targets, deltas: last.delta, stride: Self.chunk,
        columns: outputs, count: count, scale: scale, classes: classes)
    }
    return LaneHeads.chunk(
      head.laneKind, logits: last.a, targets: targets, deltas: last.delta, stride: Self.chunk,
      columns: outputs, count: count, scale: scale, classes: classes)
  }

  /// Backpropagates the chunk's deltas from the last layer down: each layer's weight and bias
  /// gradients go on in their lanes, and each layer but the first sends `δ·Wᵀ` back, times the
  /// derivative of the layer below (as on the layer path, one chain over the units in order).
  private func backward(count: Int, input: UnsafeMutablePointer<Double>, wide: Bool) {
    let vectors = (count + Self.lanes - 1) / Self.lanes
    for index in layers.indices.reversed() {
      let layer = layers[index]
      let source = UnsafePointer(index == 0 ? input : layers[index - 1].a)
      if wide {
        WideKernels.LaneKernels.accumulate(
          inputs: source, deltas: layer.delta, inputCount: layer.inputs, units: layer.units,
          vectors: vectors, weightLanes: layer.weightLanes, biasLanes: layer.biasLanes)
      } else {
        LaneKernels.accumulate(
          inputs: source, deltas: layer.delta, inputCount: layer.inputs, units: layer.units,
          vectors: vectors, weightLanes: layer.weightLanes, biasLanes: layer.biasLanes)
      }
      guard index > 0 else { break }
      let below = layers[index - 1]
      if wide {
        WideKernels.LaneKernels.sendBack(
          deltas: layer.delta, weights: layer.weights, terms: layer.units, units: layer.inputs,
          a: below.a, into: below.delta, vectors: vectors,
          function: Self.wideFunction(below.activation))
      } else {
        LaneKernels.sendBack(
          deltas: layer.delta, weights: layer.weights, terms: layer.units, units: layer.inputs,
          a: below.a, into: below.delta, vectors: vectors,
          function: Self.function(below.activation))
      }
    }
  }

  /// Adds up each gradient's lanes into `gradients`.
  private func write(into gradients: UnsafeMutableBufferPointer<LayerGradient>) {
    for index in layers.indices {
      let layer = layers[index]
      gradients[index].weights.withUnsafeMutableElements { target in
        Self.addLanes(layer.weightLanes, count: target.count, into: target.baseAddress!)
      }
      gradients[index].biases.withUnsafeMutableBufferPointer { target in
        Self.addLanes(layer.biasLanes, count: target.count, into: target.baseAddress!)
      }
    }
  }

  // MARK: Helpers

  private static func function(_ activation: Activation) -> LaneKernels.Function {
    switch activation {
    case .relu: .relu
    case .leakyReLU: .leakyReLU(slope: Activation.leakySlope)
    case .linear: .linear
    case .tanh: .tanh
    case .sigmoid: .sigmoid
    }
  }

  private static func wideFunction(_ activation: Activation) -> WideKernels.LaneKernels.Function {
    switch activation {
    case .relu: .relu
    case .leakyReLU: .leakyReLU(slope: Activation.leakySlope)
    case .linear: .linear
    case .tanh: .tanh
    case .sigmoid: .sigmoid
    }
  }

  /// The activation of one value, for the lanes of `tanh` and `sigmoid`.
  private static func scalar(_ activation: Activation) -> @convention(c) (Double) -> Double {
    switch activation {
    case .tanh: { Activation.tanh($0) }
    case .sigmoid: { Activation.sigmoid($0) }
    case .relu, .leakyReLU, .linear: { $0 }
    }
  }

  /// The lanes at and past `count`'s place in its last vector, or `nil` when that vector is full.
  private static func padding(_ count: Int) -> SIMDMask<SIMD8<Int64>>? {
    let used = count % lanes
    guard used != 0 else { return nil }
    return SIMD8<Int64>(0, 1, 2, 3, 4, 5, 6, 7) .>= SIMD8(repeating: Int64(used))
  }

  /// The lanes' sum in a fixed order: halves, then quarters, then the last pair.
  @inline(__always)
  static func sum(_ lanes: SIMD8<Double>) -> Double {
    let quarters = lanes.lowHalf + lanes.highHalf
    let pair = quarters.lowHalf + quarters.highHalf
    return pair[0] + pair[1]
  }

  /// Writes the ``sum(_:)`` of each of `count` groups of 8 lanes at `lanes` into `target`, four
  /// groups at a time.
  static func addLanes(
    _ lanes: UnsafeMutablePointer<Double>, count: Int, into target: UnsafeMutablePointer<Double>
  ) {
    var group = 0
    while group &+ 4 <= count {
      let first = lanes + group &* Self.lanes
      let sums = lanes_sums(
        load(first), load(first + Self.lanes), load(first + 2 &* Self.lanes),
        load(first + 3 &* Self.lanes))
      UnsafeMutableRawPointer(target + group).storeBytes(of: sums, as: SIMD4<Double>.self)
      group &+= 4
    }
    while group < count {
      target[group] = sum(load(lanes + group &* Self.lanes))
      group &+= 1
    }
  }

  @inline(__always)
  private static func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(pointer).load(as: SIMD8<Double>.self)
  }

  @inline(__always)
  private static func store(_ value: SIMD8<Double>, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Double>.self)
  }
}
