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
/// holds 2 KiB per unit, its activations and deltas, so a 16-unit hidden layer fills a 32 KiB L1
/// and wider ones sit in L2): each weight is broadcast once per 8 examples, and no product has an
/// edge narrower than 8.
///
/// Every example's activations and deltas are the same bits as on the layer path: the same fused
/// multiply-add chains in the same order, the same head (but for a softmax over two classes, whose
/// two logits a sweep folds into one: ``foldedLayers``). (The pre-activations `z` are not stored:
/// every derivative reads `a`, or, in a pass that ``fusesOutputs``, a bit of `z > 0`.) The sums
/// over examples are ordered differently, and the head sums each ``lossGroup``'s logarithm terms as
/// the logarithm of their product (``LaneHeads``). A pass of ``partWork`` multiply-adds or more
/// over ``partRows`` rows or more (``partCount(rows:weights:)``) is cut into two parts at a whole
/// vector, the first the larger; within a part, each weight and bias gradient is summed per lane
/// (example `i` into lane `i mod 8`, examples in order; under a layer of one unit, a first layer's
/// chunk by chunk, each chunk's sum times that unit's weight: ``LaneKernels``) and the loss per
/// lane within each ``lossGroup`` and then group by group; the 8 lanes are then added in a fixed
/// tree, and the parts' sums in part order. The cut depends only on the network's shape and the row
/// count, so a result does not depend on the number of threads (the parts run on two when
/// ``Parallelism/maximumThreads`` allows), the vector width (``LaneKernels``) or the build; it
/// differs from the layer path's in its low bits.
///
/// A sweep is scratch space for one workspace: a class, so that copying a workspace does not copy
/// it, and never shared between callers.
final class LaneSweep {
  /// Examples per vector.
  static let lanes = LaneKernels.lanes
  /// Examples per chunk: 16 vectors, so that a layer of 16 units holds 16 KiB of activations and
  /// as much of deltas. (On a Zen 4 VM W3's epoch took 8.76 µs with chunks of 64 examples, 8.39
  /// with 128 and 8.75 with 256, best of 7 interleaved runs: a chunk's calls and loop set-ups,
  /// against the cache.)
  static let chunk = LaneKernels.chunk
  /// Examples whose losses the head sums on its own before they are added to the running sum:
  /// fixed, so that a loss's bits do not depend on ``chunk``, which must be a multiple of it (the
  /// head takes one logarithm per 8 vectors, so a group is 8 vectors).
  static let lossGroup = 64
  /// The fewest rows a pass is cut into two parts over: fixed, like ``lossGroup``.
  static let partRows = 128
  /// The widest layer (inputs included) a sweep takes; wider networks keep the layer path, whose
  /// register blocks are then full.
  static let maximumWidth = 64
  /// The forward multiply-adds (rows × weights) from which a pass is cut into two parts, whatever
  /// the thread count: below, handing the second part to another core every pass costs about as
  /// much as it saves. On a Zen 4 VM with 2 vCPUs, W3's pass (1,000 rows × 48 weights) ran 1.5×
  /// as fast cut and on two threads (medians 4.4–4.7 against 6.7–6.8 µs an epoch) and 1–2 %
  /// slower cut on one; W1's (200 × 128), cut, ran at best 1.15× as fast on two threads but 9 %
  /// slower on one, so it is not cut. With the second vCPU kept busy by another process, W3 on
  /// two threads took a median 1.02–1.16× its time on one, as helpers yield their core while
  /// they wait (``WorkerPool``). (On an earlier Intel VM W3's pass ran no faster cut; W2's,
  /// 1,000 × 1,152, ran 1.5× as fast there.)
  static let partWork = 1 << 15

  /// Whether a sweep can evaluate `model`: every layer at most ``maximumWidth`` wide, and a linear
  /// output layer, whose `z` the head reads as its logits (a model built from layers may give its
  /// output layer another activation; the layer path applies it). Dropout is allowed, through a
  /// sweep made with `droppingUnits`.
  static func handles(_ model: MultilayerPerceptron) -> Bool {
    model.layers.last?.activation == .linear
      && model.layers.allSatisfy {
        $0.inputCount <= maximumWidth && $0.outputCount <= maximumWidth
      }
  }

  /// How many parts a pass over `rows` rows of a network of `weights` weights is cut into: 2 for
  /// ``partWork`` multiply-adds or more over at least ``partRows`` rows, else 1.
  static func partCount(rows: Int, weights: Int) -> Int {
    rows >= partRows && rows * weights >= partWork ? 2 : 1
  }

  /// The rows of part `part` of a pass over `rows` rows cut into `parts`: whole vectors, the first
  /// parts the larger.
  static func rows(ofPart part: Int, of parts: Int, rows: Int) -> Range<Int> {
    let vectors = (rows + lanes - 1) / lanes
    func boundary(_ part: Int) -> Int { min(rows, (vectors * part + parts - 1) / parts * lanes) }
    return boundary(part)..<boundary(part + 1)
  }

  /// One layer's shape, non-linearity and copies of the model's weights (`inputs × units`,
  /// row-major) and biases, taken at the start of every pass and read by every part.
  private struct Layer {
    let inputs: Int
    let units: Int
    let activation: Activation
    let weights: UnsafeMutablePointer<Double>
    let biases: UnsafeMutablePointer<Double>
  }

  /// One part's buffers for one layer.
  private struct PartLayer {
    /// A hidden layer's dropout mask for the chunk and `a · mask`, what the next layer reads
    /// (`units × chunk` each), in a sweep made for dropout; `nil` otherwise.
    let mask: UnsafeMutablePointer<Double>?
    let dropped: UnsafeMutablePointer<Double>?
    /// `units × chunk` each: `a = f(z)` and `∂L/∂z`. `z` itself is not kept: the derivatives
    /// read `a` (``LaneKernels/forward(source:weights:biases:into:inputs:units:vectors:function:)``),
    /// and the output layer's `a` is its `z`, the logits. (A pass that ``fusesOutputs`` writes
    /// no hidden `a`: its derivatives read ``Part/reluMasks``.)
    let a: UnsafeMutablePointer<Double>
    let delta: UnsafeMutablePointer<Double>
    /// The lane sums of each weight's gradient (`inputs·units × 8`, row-major like the weights)
    /// and of each bias's (`units × 8`).
    let weightLanes: UnsafeMutablePointer<Double>
    let biasLanes: UnsafeMutablePointer<Double>
  }

  /// What one part's thread writes.
  private struct Part {
    /// A chunk's inputs (`inputs × chunk`) followed by its targets (`outputs × chunk`), transposed.
    let chunkData: UnsafeMutablePointer<Double>
    /// The part's loss, then, when a pass has two parts, each layer's weight and bias gradients
    /// (laid out as the ``LayerGradient``s are): its lanes added up on its own thread, so that the
    /// other reads one double per gradient, not 8.
    let sums: UnsafeMutablePointer<Double>
    let layers: UnsafeMutablePointer<PartLayer>
    /// The first layer's `z > 0`, a byte per unit and vector, in a sweep that fuses
    /// (``fusesOutputs``); `nil` otherwise.
    let reluMasks: UnsafeMutablePointer<UInt8>?
  }

  private let buffer: UnsafeMutablePointer<Double>
  private let inputCount: Int
  private let outputCount: Int
  /// The network's weights (biases aside): the multiply-adds of one example's forward pass.
  private let weightCount: Int
  private let layers: UnsafeMutableBufferPointer<Layer>
  /// For a network with a softmax head over two classes, ``layers`` with the output layer folded
  /// into one unit, whose weights and bias are the second unit's minus the first's: `nil` for any
  /// other network. A pass whose targets sum to 1 on every row (``targetsSumToOne(_:rows:)``)
  /// runs these, unless a folded weight or bias overflows (``fold(_:into:)``).
  ///
  /// Two-class softmax cross-entropy is the binary cross-entropy of the one logit
  /// `d = z₁ − z₀` against `y₁` when `y₀ + y₁ = 1`: the loss `logΣₖ e^zₖ − Σₖ yₖ·zₖ` is then
  /// `max(d, 0) − d·y₁ + log(1 + e^−|d|)`, `∂ℓ/∂z₁ = σ(d) − y₁` and `∂ℓ/∂z₀ = −∂ℓ/∂z₁`, and the
  /// class is 1 where `d > 0` (class 0 on ties, the first). So the folded layer's gradient is the
  /// second unit's, and minus it the first's; the output layer's forward pass and the deltas
  /// sent back through it are half the work, and the head is the sigmoid's (W1's epoch 4.39 →
  /// 3.30 µs on a Zen 4 VM, best of 7 interleaved runs). The results differ from the unfolded
  /// pass's in their low bits, and the first class's delta is minus the second's: where the
  /// first's probability `p₀` is far below 2⁻⁵³, its delta is 0 where `p₀ − y₀` would keep it.
  /// An example whose two logits are within rounding of each other may be given the other class
  /// than the layer path gives it; and where `z₁ − z₀` overflows (logits beyond ±10³⁰⁷, a
  /// diverged run) its loss may be NaN where the unfolded head's is finite.
  private let foldedLayers: UnsafeMutableBufferPointer<Layer>?
  private let parts: UnsafeMutableBufferPointer<Part>
  /// The parts a pass through this sweep can be cut into: 1 or 2.
  var partCapacity: Int { parts.count }
  private let partLayers: UnsafeMutableBufferPointer<PartLayer>
  /// Every chunk's data, part by part, when the caller passes the same features and targets every
  /// time (``evaluate(_:features:targets:scale:predicted:gradients:reusingData:)``): made on the
  /// first pass, then read as it is.
  private var allChunks: UnsafeMutablePointer<Double>?
  /// What ``allChunks`` holds: the row count and the features' and targets' storage.
  private var allChunksSource: (rows: Int, features: ObjectIdentifier, targets: ObjectIdentifier)?
  /// Whether the targets ``allChunks`` holds sum to 1 on every row.
  private var allChunksSumToOne = false
  /// Whether a pass may take a network of one layer of ReLU units from one or two inputs under
  /// one unit (W3's; W1's with its two classes folded) forward in one kernel, keeping each unit's
  /// `z > 0` as a bit instead of its activations
  /// (``LaneKernels/forwardThroughOneUnit(source:weights:biases:inputs:units:weightsAbove:biasAbove:masks:maskStride:logits:vectors:)``;
  /// on a Zen 4 VM W3's epoch went from 7.07 to 6.62 µs and W1's from 2.94 to 2.65, best of 11
  /// interleaved runs). It does when the pass has no dropout, the output layer is one unit
  /// (folded or not) and the first layer is finite (its backward step then needs no `a`); the bits
  /// are those of the two layers' own steps.
  let fusesOutputs: Bool
  /// Whether the last pass ``fusesOutputs`` (for tests).
  private(set) var lastPassFused = false
  /// The bytes of one part's ``Part/reluMasks`` for one unit: one per vector of a chunk.
  private static let maskStride = chunk / lanes
  private let reluMasks: UnsafeMutablePointer<UInt8>?

  /// A sweep for passes through `model` of at most `rows` rows (any number when `nil`): it makes
  /// room for a second part only when such a pass can be cut into two, and for each hidden
  /// layer's dropout mask only when `droppingUnits`. With `fusingOutputs` false, it never fuses
  /// (for tests).
  init(
    for model: MultilayerPerceptron, rowsAtMost rows: Int? = nil, droppingUnits: Bool = false,
    fusingOutputs: Bool = true
  ) {
    let (chunk, lanes) = (Self.chunk, Self.lanes)
    precondition(
      chunk % Self.lossGroup == 0 && Self.lossGroup == 8 * lanes,
      "loss groups of 8 vectors that tile a chunk")
    // Whole vectors, so that every buffer starts on a cache line.
    func rounded(_ count: Int) -> Int { (count + lanes - 1) / lanes * lanes }
    let parameters = model.layers.reduce(0) { $0 + $1.parameterCount }
    var shared = 0
    var perPart = (model.inputCount + model.outputCount) * chunk + rounded(1 + parameters)
    for layer in model.layers {
      let units = layer.outputCount
      shared += rounded(layer.inputCount * units) + rounded(units)
      perPart += units * chunk * 2 + (layer.inputCount * units + units) * lanes
    }
    let folds = model.head == .softmax && model.outputCount == 2
    if folds { shared += rounded(model.layers.last!.inputCount) + rounded(1) }
    // Masks and masked activations for the hidden layers (every layer but the last).
    if droppingUnits { perPart += model.hiddenWidths.reduce(0, +) * chunk * 2 }
    let weights = model.layers.reduce(0) { $0 + $1.weights.count }
    let partCapacity = rows.map { Self.partCount(rows: $0, weights: weights) } ?? 2
    fusesOutputs =
      fusingOutputs && model.layers.count == 2 && model.layers[0].activation == .relu
      && model.layers[0].inputCount <= 2 && (model.outputCount == 1 || folds)
    // Whole cache lines a part, so that two parts' threads never write the same line.
    let maskBytes =
      fusesOutputs ? (model.layers[0].outputCount * Self.maskStride + 63) / 64 * 64 : 0
    reluMasks =
      fusesOutputs
      ? UnsafeMutableRawPointer.allocate(byteCount: partCapacity * maskBytes, alignment: 64)
        .bindMemory(to: UInt8.self, capacity: partCapacity * maskBytes) : nil
    let count = shared + partCapacity * perPart
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
    buffer = raw.initializeMemory(as: Double.self, repeating: 0, count: count)
    var next = buffer
    func take(_ count: Int) -> UnsafeMutablePointer<Double> {
      defer { next += rounded(count) }
      return next
    }
    inputCount = model.inputCount
    outputCount = model.outputCount
    weightCount = weights
    layers = .allocate(capacity: model.layers.count)
    for (index, layer) in model.layers.enumerated() {
      let (inputs, units) = (layer.inputCount, layer.outputCount)
      (layers.baseAddress! + index).initialize(
        to: Layer(
          inputs: inputs, units: units, activation: layer.activation,
          weights: take(inputs * units), biases: take(units)))
    }
    if folds {
      let folded = UnsafeMutableBufferPointer<Layer>.allocate(capacity: layers.count)
      _ = folded.initialize(from: layers)
      let inputs = model.layers.last!.inputCount
      folded[layers.count - 1] = Layer(
        inputs: inputs, units: 1, activation: .linear, weights: take(inputs), biases: take(1))
      foldedLayers = folded
    } else {
      foldedLayers = nil
    }
    parts = .allocate(capacity: partCapacity)
    partLayers = .allocate(capacity: partCapacity * model.layers.count)
    for part in 0..<partCapacity {
      let first = partLayers.baseAddress! + part * model.layers.count
      (parts.baseAddress! + part).initialize(
        to: Part(
          chunkData: take((model.inputCount + model.outputCount) * chunk),
          sums: take(1 + parameters), layers: first,
          reluMasks: reluMasks.map { $0 + part * maskBytes }))
      for (index, layer) in model.layers.enumerated() {
        let (inputs, units) = (layer.inputCount, layer.outputCount)
        let masked = droppingUnits && index < model.layers.count - 1
        (first + index).initialize(
          to: PartLayer(
            mask: masked ? take(units * chunk) : nil, dropped: masked ? take(units * chunk) : nil,
            a: take(units * chunk), delta: take(units * chunk),
            weightLanes: take(inputs * units * lanes), biasLanes: take(units * lanes)))
      }
    }
  }

  deinit {
    layers.deallocate()
    foldedLayers?.deallocate()
    parts.deallocate()
    partLayers.deallocate()
    buffer.deallocate()
    allChunks?.deallocate()
    reluMasks?.deallocate()
  }

  /// The data loss summed over `features`' rows (each example's loss from `model.head`), writing
  /// each example's predicted class into `predicted` (a classifier's) and, when `gradients` is
  /// given, the gradient of `scale ·` that sum into it.
  ///
  /// With `reusingData`, the caller promises the same features and targets on every call (a
  /// full-batch fit, a validation set): the sweep then transposes them once, on the first call,
  /// and keeps them (and transposes afresh if given other matrices). With `dropout`, each hidden
  /// layer passes on `a · mask` with the masks drawn for these rows, and sends deltas back
  /// through them, as the layer path does.
  func evaluate(
    _ model: MultilayerPerceptron, features: Matrix, targets: Matrix, scale: Double,
    predicted: UnsafeMutableBufferPointer<Int>,
    gradients: UnsafeMutableBufferPointer<LayerGradient>?, reusingData: Bool = false,
    dropout: Dropout? = nil
  ) -> Double {
    precondition(
      model.layers.count == layers.count && model.inputCount == inputCount
        && model.outputCount == outputCount, "a sweep for another model")
    precondition(
      dropout == nil || layers.count == 1 || parts[0].layers[0].mask != nil,
      "dropout through a sweep made without room for masks")
    // By index, and the biases one by one: the model's parameters are read in place (a loop
    // over its layers would copy each layer, and `withUnsafeBufferPointer` on its biases would
    // retain them: a retain and a release apiece).
    for index in layers.indices {
      let layer = layers[index]
      model.layers[index].weights.withUnsafeElements {
        layer.weights.update(from: $0.baseAddress!, count: $0.count)
      }
      for unit in 0..<layer.units { layer.biases[unit] = model.layers[index].biases[unit] }
    }
    let rows = features.rows
    precondition(rows > 0, "a pass over no examples")
    let partCount = Self.partCount(rows: rows, weights: weightCount)
    precondition(partCount <= parts.count, "a pass over more rows than the sweep was made for")
    let source = (rows: rows, features: features.storageIdentity, targets: targets.storageIdentity)
    var folds = false
    features.withUnsafeElements { features in
      targets.withUnsafeElements { targets in
        let (features, targets) = (features.baseAddress!, targets.baseAddress!)
        if reusingData { keep(features, targets, from: source, parts: partCount) }
        if let foldedLayers, model.head == .softmax {
          folds =
            (reusingData ? allChunksSumToOne : Self.targetsSumToOne(targets, rows: rows))
            && Self.fold(layers[layers.count - 1], into: foldedLayers[layers.count - 1])
        }
        let passLayers = folds ? foldedLayers! : layers
        let firstLayerIsFinite = Self.isFinite(layers[0])
        lastPassFused =
          fusesOutputs && dropout == nil && firstLayerIsFinite
          && passLayers[passLayers.count - 1].units == 1
        let pass = Pass(
          sweep: self, layers: passLayers, folded: folds, head: model.head,
          features: features, targets: targets,
          scale: gradients == nil ? 1 : scale, computesGradients: gradients != nil,
          reusesData: reusingData, firstLayerIsFinite: firstLayerIsFinite,
          fusesOutput: lastPassFused,
          classes: model.head.isClassifier ? predicted.baseAddress : nil,
          rows: rows, parts: partCount, wide: WideVectors.isEnabled, dropout: dropout)
        let threads = Parallelism.maximumThreads
        if partCount > 1 && threads > 1 {
          WorkerPool.shared.run(pass, bands: partCount, threads: threads)
        } else {
          for part in 0..<partCount { run(part: part, of: pass) }
        }
      }
    }
    if let gradients { write(into: gradients, parts: partCount, folded: folds) }
    return partCount == 1 ? parts[0].sums[0] : parts[0].sums[0] + parts[1].sums[0]
  }

  /// One pass's arguments, for the threads that run its parts.
  private struct Pass: BandedWork {
    unowned(unsafe) let sweep: LaneSweep
    /// ``layers``, or ``foldedLayers`` when `folded`.
    let layers: UnsafeMutableBufferPointer<Layer>
    let folded: Bool
    let head: OutputHead
    /// Row-major, ``inputCount`` and ``outputCount`` columns.
    let features: UnsafePointer<Double>
    let targets: UnsafePointer<Double>
    let scale: Double
    let computesGradients: Bool
    let reusesData: Bool
    /// Whether the first layer's weights and biases are all finite.
    let firstLayerIsFinite: Bool
    /// Whether the pass takes its two layers forward in one kernel (``fusesOutputs``).
    let fusesOutput: Bool
    let classes: UnsafeMutablePointer<Int>?
    let rows: Int
    let parts: Int
    let wide: Bool
    let dropout: Dropout?

    func computeBand(_ band: Int, of bands: Int) { sweep.run(part: band, of: self) }
  }

  /// Transposes `features` and `targets` (of the matrices `source` names) into ``allChunks``,
  /// part by part, unless it holds them already.
  private func keep(
    _ features: UnsafePointer<Double>, _ targets: UnsafePointer<Double>,
    from source: (rows: Int, features: ObjectIdentifier, targets: ObjectIdentifier),
    parts partCount: Int
  ) {
    if let kept = allChunksSource, kept == source { return }
    allChunks?.deallocate()
    let chunks = firstChunk(ofPart: partCount, of: partCount, rows: source.rows)
    allChunks = UnsafeMutableRawPointer.allocate(
      byteCount: chunks * chunkSize * MemoryLayout<Double>.stride, alignment: 64
    ).bindMemory(to: Double.self, capacity: chunks * chunkSize)
    allChunksSource = source
    allChunksSumToOne = outputCount == 2 && Self.targetsSumToOne(targets, rows: source.rows)
    var data = allChunks!
    for part in 0..<partCount {
      let range = Self.rows(ofPart: part, of: partCount, rows: source.rows)
      for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.chunk) {
        load(features, targets, rows: start..<min(range.upperBound, start + Self.chunk), into: data)
        data += chunkSize
      }
    }
  }

  /// The doubles of one chunk's data.
  private var chunkSize: Int { (inputCount + outputCount) * Self.chunk }

  /// The index in ``allChunks`` of part `part`'s first chunk (for `part == parts`, the count).
  private func firstChunk(ofPart part: Int, of parts: Int, rows: Int) -> Int {
    (0..<part).reduce(0) {
      $0 + (Self.rows(ofPart: $1, of: parts, rows: rows).count + Self.chunk - 1) / Self.chunk
    }
  }

  /// Runs part `index` of `pass`: its chunks one after another, into the part's own buffers.
  private func run(part index: Int, of pass: Pass) {
    let (part, passLayers) = (parts[index], pass.layers)
    if pass.computesGradients {
      for (layer, buffers) in zip(
        passLayers, UnsafeBufferPointer(start: part.layers, count: passLayers.count))
      {
        buffers.weightLanes.update(repeating: 0, count: layer.inputs * layer.units * Self.lanes)
        buffers.biasLanes.update(repeating: 0, count: layer.units * Self.lanes)
      }
    }
    let rows = Self.rows(ofPart: index, of: pass.parts, rows: pass.rows)
    var kept =
      pass.reusesData
      ? allChunks! + firstChunk(ofPart: index, of: pass.parts, rows: pass.rows) * chunkSize : nil
    var losses = SIMD8<Double>()
    var start = rows.lowerBound
    while start < rows.upperBound {
      let count = min(Self.chunk, rows.upperBound - start)
      let data: UnsafeMutablePointer<Double>
      if let chunkData = kept {
        data = chunkData
        kept = chunkData + chunkSize
      } else {
        data = part.chunkData
        load(pass.features, pass.targets, rows: start..<start + count, into: data)
      }
      if let dropout = pass.dropout { loadMasks(dropout, rows: start..<start + count, into: part) }
      forward(
        part, passLayers, count: count, input: data, wide: pass.wide, dropout: pass.dropout,
        fused: pass.fusesOutput)
      head(
        part, pass.head, folded: pass.folded, count: count,
        targets: data + inputCount * Self.chunk, scale: pass.scale, wide: pass.wide,
        classes: pass.classes.map { $0 + start }, addingLossesTo: &losses)
      if pass.computesGradients {
        backward(
          part, passLayers, firstLayerIsFinite: pass.firstLayerIsFinite, count: count,
          input: data, wide: pass.wide, dropout: pass.dropout,
          reluMasks: pass.fusesOutput ? part.reluMasks : nil)
      }
      start += count
    }
    part.sums[0] = Self.sum(losses)
    // A pass of one part adds its lanes straight into the gradients (``write``).
    guard pass.computesGradients && pass.parts > 1 else { return }
    var sums = part.sums + 1
    for (layer, buffers) in zip(
      passLayers, UnsafeBufferPointer(start: part.layers, count: passLayers.count))
    {
      Self.addLanes(buffers.weightLanes, count: layer.inputs * layer.units, into: sums)
      sums += layer.inputs * layer.units
      Self.addLanes(buffers.biasLanes, count: layer.units, into: sums)
      sums += layer.units
    }
  }

  // MARK: One chunk

  /// Copies rows `rows` of the features and targets (row-major, ``inputCount`` and
  /// ``outputCount`` columns) into a chunk's data at `data`, transposed; the lanes past the last
  /// row up to a whole vector are 0.
  private func load(
    _ features: UnsafePointer<Double>, _ targets: UnsafePointer<Double>, rows: Range<Int>,
    into data: UnsafeMutablePointer<Double>
  ) {
    Self.transpose(features, columns: inputCount, rows: rows, into: data)
    Self.transpose(
      targets, columns: outputCount, rows: rows, into: data + inputCount * Self.chunk)
  }

  /// Copies each active hidden layer's mask values for rows `rows` into `part`'s mask buffers,
  /// transposed.
  private func loadMasks(_ dropout: Dropout, rows: Range<Int>, into part: Part) {
    for index in 0..<layers.count - 1 where dropout.isActive(layer: index) {
      dropout.withMask(layer: index) { mask in
        Self.transpose(
          mask.baseAddress!, columns: layers[index].units, rows: rows,
          into: part.layers[index].mask!)
      }
    }
  }

  /// Copies rows `rows` of a row-major matrix of `columns` columns into a chunk buffer,
  /// transposed (column `c` from `chunk + c·LaneSweep.chunk` on); the lanes past the last row up
  /// to a whole vector are 0.
  private static func transpose(
    _ values: UnsafePointer<Double>, columns: Int, rows: Range<Int>,
    into chunk: UnsafeMutablePointer<Double>
  ) {
    let count = rows.count
    let first = values + rows.lowerBound &* columns
    // Whole 8 × 8 blocks (eight examples by eight columns) in registers, the edges one by one.
    let (blockColumns, blockExamples) = (columns / 8 * 8, count / lanes * lanes)
    for column in stride(from: 0, to: blockColumns, by: 8) {
      for example in stride(from: 0, to: blockExamples, by: lanes) {
        lanes_transpose8x8(
          first + (example &* columns &+ column), columns,
          chunk + (column &* Self.chunk &+ example), Self.chunk)
      }
    }
    let padded = (count + lanes - 1) / lanes * lanes
    for column in 0..<columns {
      let target = chunk + column &* Self.chunk
      let start = column < blockColumns ? blockExamples : 0
      for example in start..<count { target[example] = first[example &* columns &+ column] }
      for example in count..<padded { target[example] = 0 }
    }
  }

  /// Every layer's `a = f(x·W + b)` for the chunk's `count` examples, the layer path's sums
  /// (see ``LaneKernels/forward(source:weights:biases:into:inputs:units:vectors:function:)``);
  /// lanes past `count` are set to 0.
  private func forward(
    _ part: Part, _ passLayers: UnsafeMutableBufferPointer<Layer>, count: Int,
    input: UnsafeMutablePointer<Double>, wide: Bool, dropout: Dropout?, fused: Bool
  ) {
    let vectors = (count + Self.lanes - 1) / Self.lanes
    if fused {
      forwardThroughOneUnit(part, passLayers, count: count, input: input, wide: wide)
      return
    }
    var source = UnsafePointer(input)
    for (index, layer) in passLayers.enumerated() {
      let a = part.layers[index].a
      if wide {
        WideKernels.LaneKernels.forward(
          source: source, weights: layer.weights, biases: layer.biases, into: a,
          inputs: layer.inputs, units: layer.units, vectors: vectors,
          function: Self.wideFunction(layer.activation))
      } else {
        LaneKernels.forward(
          source: source, weights: layer.weights, biases: layer.biases, into: a,
          inputs: layer.inputs, units: layer.units, vectors: vectors,
          function: Self.function(layer.activation))
      }
      if let padding = Self.padding(count) {
        let last = (vectors - 1) * Self.lanes
        for unit in 0..<layer.units {
          let offset = unit * Self.chunk + last
          Self.store(Self.load(a + offset).replacing(with: 0, where: padding), a + offset)
        }
      }
      source = UnsafePointer(a)
      if dropout?.isActive(layer: index) == true {
        let (mask, dropped) = (part.layers[index].mask!, part.layers[index].dropped!)
        for offset in stride(from: 0, to: layer.units * Self.chunk, by: Self.chunk) {
          for vector in stride(from: offset, to: offset + vectors * Self.lanes, by: Self.lanes) {
            Self.store(Self.load(a + vector) * Self.load(mask + vector), dropped + vector)
          }
        }
        source = UnsafePointer(dropped)
      }
    }
  }

  /// A pass that ``fusesOutputs``: the first layer's masks and the logits, 0 past `count`.
  private func forwardThroughOneUnit(
    _ part: Part, _ passLayers: UnsafeMutableBufferPointer<Layer>, count: Int,
    input: UnsafeMutablePointer<Double>, wide: Bool
  ) {
    let vectors = (count + Self.lanes - 1) / Self.lanes
    let (first, output, logits) = (passLayers[0], passLayers[1], part.layers[1].a)
    if wide {
      WideKernels.LaneKernels.forwardThroughOneUnit(
        source: input, weights: first.weights, biases: first.biases, inputs: first.inputs,
        units: first.units, weightsAbove: output.weights, biasAbove: output.biases[0],
        masks: part.reluMasks!, maskStride: Self.maskStride, logits: logits, vectors: vectors)
    } else {
      LaneKernels.forwardThroughOneUnit(
        source: input, weights: first.weights, biases: first.biases, inputs: first.inputs,
        units: first.units, weightsAbove: output.weights, biasAbove: output.biases[0],
        masks: part.reluMasks!, maskStride: Self.maskStride, logits: logits, vectors: vectors)
    }
    if let padding = Self.padding(count) {
      let last = logits + (vectors - 1) * Self.lanes
      Self.store(Self.load(last).replacing(with: 0, where: padding), last)
    }
  }

  /// Adds the head's loss for each of the chunk's `count` examples to `losses`, per lane and
  /// ``lossGroup`` examples at a time, and writes the last layer's deltas (times `scale`; 0 past
  /// `count`) and, when `classes` is given, the predicted classes. A `folded` pass
  /// (``foldedLayers``) takes the sigmoid's head on its one logit, against the second target.
  private func head(
    _ part: Part, _ head: OutputHead, folded: Bool, count: Int,
    targets: UnsafeMutablePointer<Double>, scale: Double, wide: Bool,
    classes: UnsafeMutablePointer<Int>?, addingLossesTo losses: inout SIMD8<Double>
  ) {
    let last = part.layers[layers.count - 1]
    let head = folded ? .sigmoid : head
    let (targets, columns) = folded ? (targets + Self.chunk, 1) : (targets, outputCount)
    for first in stride(from: 0, to: count, by: Self.lossGroup) {
      let (logits, deltas) = (last.a + first, last.delta + first)
      let (count, classes) = (min(Self.lossGroup, count - first), classes.map { $0 + first })
      if wide {
        losses += WideKernels.LaneHeads.chunk(
          head.wideKind, logits: logits, targets: targets + first, deltas: deltas,
          stride: Self.chunk, columns: columns, count: count, scale: scale, classes: classes)
      } else {
        losses += LaneHeads.chunk(
          head.laneKind, logits: logits, targets: targets + first, deltas: deltas,
          stride: Self.chunk, columns: columns, count: count, scale: scale, classes: classes)
      }
    }
  }

  /// Backpropagates the chunk's deltas from the last layer down: each layer's weight and bias
  /// gradients go on in the part's lanes, and each layer but the first sends `δ·Wᵀ` back, times
  /// the derivative of the layer below (as on the layer path, one chain over the units in order).
  private func backward(
    _ part: Part, _ passLayers: UnsafeMutableBufferPointer<Layer>, firstLayerIsFinite: Bool,
    count: Int, input: UnsafeMutablePointer<Double>, wide: Bool, dropout: Dropout?,
    reluMasks: UnsafeMutablePointer<UInt8>?
  ) {
    let vectors = (count + Self.lanes - 1) / Self.lanes
    for index in passLayers.indices.reversed() {
      let (layer, buffers) = (passLayers[index], part.layers[index])
      // The layer below's units are masked when it drops units: its input is `a · mask`, and
      // the deltas sent back to it are multiplied by its mask.
      let masksBelow = index > 0 && dropout?.isActive(layer: index - 1) == true
      // Into a first layer of one or two inputs under one or two units, one kernel makes the
      // first layer's deltas, adds them into its gradient lanes and adds this layer's `a·δ`
      // into its weight lanes; its deltas are never stored. (Over more units above, each
      // delta's chain is long and the blocked `sendBack` shares its loads: W2's epoch took
      // 187 µs fused against 142.)
      if index == 1 && !masksBelow && passLayers[0].inputs <= 2 && layer.units <= 2 {
        firstLayers(
          part, passLayers, vectors: vectors, input: input, wide: wide,
          firstLayerIsFinite: firstLayerIsFinite, reluMasks: reluMasks)
        break
      }
      let source = UnsafePointer(
        index == 0
          ? input : masksBelow ? part.layers[index - 1].dropped! : part.layers[index - 1].a)
      if wide {
        WideKernels.LaneKernels.accumulate(
          inputs: source, deltas: buffers.delta, inputCount: layer.inputs, units: layer.units,
          vectors: vectors, weightLanes: buffers.weightLanes, biasLanes: buffers.biasLanes)
      } else {
        LaneKernels.accumulate(
          inputs: source, deltas: buffers.delta, inputCount: layer.inputs, units: layer.units,
          vectors: vectors, weightLanes: buffers.weightLanes, biasLanes: buffers.biasLanes)
      }
      guard index > 0 else { break }
      let (below, belowBuffers) = (passLayers[index - 1], part.layers[index - 1])
      if wide {
        WideKernels.LaneKernels.sendBack(
          deltas: buffers.delta, weights: layer.weights, terms: layer.units, units: layer.inputs,
          a: belowBuffers.a, mask: masksBelow ? UnsafePointer(belowBuffers.mask) : nil,
          into: belowBuffers.delta, vectors: vectors, function: Self.wideFunction(below.activation))
      } else {
        LaneKernels.sendBack(
          deltas: buffers.delta, weights: layer.weights, terms: layer.units, units: layer.inputs,
          a: belowBuffers.a, mask: masksBelow ? UnsafePointer(belowBuffers.mask) : nil,
          into: belowBuffers.delta, vectors: vectors, function: Self.function(below.activation))
      }
    }
  }

  /// The backward pass of the first two layers (the second's deltas made), with no dropout
  /// between them: the second layer's gradients and the first's, the first's deltas made and
  /// used in one kernel.
  private func firstLayers(
    _ part: Part, _ passLayers: UnsafeMutableBufferPointer<Layer>, vectors: Int,
    input: UnsafeMutablePointer<Double>, wide: Bool, firstLayerIsFinite: Bool,
    reluMasks: UnsafeMutablePointer<UInt8>?
  ) {
    let (below, layer) = (passLayers[0], passLayers[1])
    let (belowBuffers, buffers) = (part.layers[0], part.layers[1])
    // Only finite weights below may give the layer above's sums (see `sendBackAndAccumulate`).
    let (weightsBelow, biasesBelow) =
      firstLayerIsFinite ? (UnsafePointer(below.weights), UnsafePointer(below.biases)) : (nil, nil)
    if wide {
      WideKernels.LaneKernels.accumulateBiases(
        deltas: buffers.delta, units: layer.units, vectors: vectors, biasLanes: buffers.biasLanes)
      WideKernels.LaneKernels.sendBackAndAccumulate(
        deltas: buffers.delta, weights: layer.weights, terms: layer.units, units: layer.inputs,
        a: belowBuffers.a, function: Self.wideFunction(below.activation), inputs: input,
        inputCount: below.inputs, weightsBelow: weightsBelow, biasesBelow: biasesBelow,
        masks: reluMasks.map { UnsafePointer($0) }, maskStride: Self.maskStride,
        vectors: vectors, weightLanes: belowBuffers.weightLanes,
        biasLanes: belowBuffers.biasLanes, weightLanesAbove: buffers.weightLanes)
    } else {
      LaneKernels.accumulateBiases(
        deltas: buffers.delta, units: layer.units, vectors: vectors, biasLanes: buffers.biasLanes)
      LaneKernels.sendBackAndAccumulate(
        deltas: buffers.delta, weights: layer.weights, terms: layer.units, units: layer.inputs,
        a: belowBuffers.a, function: Self.function(below.activation), inputs: input,
        inputCount: below.inputs, weightsBelow: weightsBelow, biasesBelow: biasesBelow,
        masks: reluMasks.map { UnsafePointer($0) }, maskStride: Self.maskStride,
        vectors: vectors, weightLanes: belowBuffers.weightLanes,
        biasLanes: belowBuffers.biasLanes, weightLanesAbove: buffers.weightLanes)
    }
  }

  /// Writes the gradients: one part's lanes added up, or two parts' sums added in part order. A
  /// `folded` pass's one output unit's gradient goes to the second unit, and minus it to the first.
  private func write(
    into gradients: UnsafeMutableBufferPointer<LayerGradient>, parts partCount: Int, folded: Bool
  ) {
    var offset = 1
    /// Writes `count` gradients into `target`: the sums of the one part's lanes at `lanes`, or
    /// the next `count` of the two parts' sums added.
    func add(
      _ lanes: UnsafeMutablePointer<Double>, count: Int, into target: UnsafeMutablePointer<Double>
    ) {
      if partCount == 1 {
        Self.addLanes(lanes, count: count, into: target)
      } else {
        let (first, second) = (parts[0].sums + offset, parts[1].sums + offset)
        for element in 0..<count { target[element] = first[element] + second[element] }
        offset += count
      }
    }
    let buffers = parts[0].layers
    for index in layers.indices {
      let (weightLanes, biasLanes) = (buffers[index].weightLanes, buffers[index].biasLanes)
      guard folded && index == layers.count - 1 else {
        gradients[index].weights.withUnsafeMutableElements {
          add(weightLanes, count: $0.count, into: $0.baseAddress!)
        }
        gradients[index].biases.withUnsafeMutableBufferPointer {
          add(biasLanes, count: $0.count, into: $0.baseAddress!)
        }
        continue
      }
      gradients[index].weights.withUnsafeMutableElements {
        add(weightLanes, count: $0.count / 2, into: $0.baseAddress!)
        Self.unfold($0.baseAddress!, count: $0.count / 2)
      }
      gradients[index].biases.withUnsafeMutableBufferPointer {
        add(biasLanes, count: 1, into: $0.baseAddress!)
        Self.unfold($0.baseAddress!, count: 1)
      }
    }
  }

  // MARK: Folding two classes

  /// Whether each of `rows` rows of two targets (row-major) sums to 1: a one-hot class, or
  /// smoothed labels.
  private static func targetsSumToOne(_ targets: UnsafePointer<Double>, rows: Int) -> Bool {
    var row = 0
    while row < rows {
      if targets[2 &* row] + targets[2 &* row &+ 1] != 1 { return false }
      row &+= 1
    }
    return true
  }

  /// Sets `folded`'s one unit's weights and bias to `output`'s second unit's minus its first's,
  /// and returns whether they are all finite (a difference of finite weights may overflow).
  private static func fold(_ output: Layer, into folded: Layer) -> Bool {
    var isFinite = true
    for input in 0..<output.inputs {
      folded.weights[input] = output.weights[2 &* input &+ 1] - output.weights[2 &* input]
      isFinite = isFinite && folded.weights[input].isFinite
    }
    folded.biases[0] = output.biases[1] - output.biases[0]
    return isFinite && folded.biases[0].isFinite
  }

  /// Whether `layer`'s weights and biases are all finite: no exponent field all ones. (Integer
  /// maxima, which the optimiser vectorises; a test per value took 3 % of W1's epoch.)
  private static func isFinite(_ layer: Layer) -> Bool {
    let exponent: UInt64 = 0x7FF0_0000_0000_0000
    var largest: UInt64 = 0
    for index in 0..<layer.inputs &* layer.units {
      largest = max(largest, layer.weights[index].bitPattern & exponent)
    }
    for unit in 0..<layer.units { largest = max(largest, layer.biases[unit].bitPattern & exponent) }
    return largest != exponent
  }

  /// Spreads the `count` gradients of a folded unit at `values` into two units' (row-major), the
  /// second unit's the gradients and the first's their negation, in place.
  private static func unfold(_ values: UnsafeMutablePointer<Double>, count: Int) {
    for index in (0..<count).reversed() {
      let gradient = values[index]
      values[2 &* index &+ 1] = gradient
      values[2 &* index] = -gradient
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
