/// The buffers one forward and backward pass over a fixed number of examples needs.
///
/// Training allocates one workspace and reuses it every epoch, so the loop itself never allocates.
/// The examples go through in blocks of at most ``blockRows`` rows, so that a block's activations
/// and deltas stay in cache whatever the size of the data: the per-layer matrices hold one block.
struct Workspace {
  /// `z = x · W + b` of each layer, `block rows × outputs`.
  var preActivations: [Matrix]
  /// `a = f(z)` of each layer; the last one holds the logits the head reads.
  var activations: [Matrix]
  /// `∂L/∂z` of each layer.
  var deltas: [Matrix]
  /// `∂L/∂W` and `∂L/∂b` of each layer, summed over every block.
  var gradients: [LayerGradient]
  /// `Wᵀ` of each layer, refreshed once per backward pass, so that sending deltas back (`δ · Wᵀ`)
  /// reads contiguous rows; the sums are the same as reading `W` transposed.
  var transposedWeights: [Matrix]
  /// The current block's input rows and target rows (unused when everything fits in one block).
  var inputBlock: Matrix
  var targetBlock: Matrix
  /// The predicted class of every example, filled by a classifier's pass.
  var predicted: [Int]
  /// Dropout masks while training with dropout; `nil` otherwise.
  var dropout: Dropout?
  /// Whether the model is narrow enough for ``LaneSweep``.
  let fitsLaneSweep: Bool
  /// The chunk buffers of a narrow network's passes, made on the first pass that uses them.
  var laneSweep: LaneSweep?
  /// Room for a loss head's 8 examples at a time on the layer path (``OutputHead/loss``): logits,
  /// targets and deltas, 8 per output each.
  var headLanes: [Double]
  /// Whether every pass gets the same features and targets (a full-batch fit, a validation set),
  /// so that a lane sweep may transpose them once and keep them.
  var reusesData = false
  /// The number of examples the buffers hold.
  let rows: Int
  /// The most rows per block.
  let blockRows: Int

  /// A workspace for `rows` examples, processed in blocks of ``defaultBlockRows(for:)`` rows, or in
  /// one block when `blocked` is false (to read every layer's values for all rows afterwards).
  init(for model: MultilayerPerceptron, rows: Int, blocked: Bool = false) {
    let blockRows = blocked ? min(rows, Self.defaultBlockRows(for: model)) : rows
    let shapes = model.layers.map { (blockRows, $0.outputCount) }
    preActivations = shapes.map { Matrix(rows: $0.0, columns: $0.1) }
    activations = preActivations
    deltas = preActivations
    gradients = model.layers.map {
      LayerGradient(
        weights: Matrix(rows: $0.inputCount, columns: $0.outputCount),
        biases: Array(repeating: 0, count: $0.outputCount))
    }
    transposedWeights = model.layers.map {
      Matrix(rows: $0.outputCount, columns: $0.inputCount)
    }
    inputBlock = Matrix(rows: blockRows, columns: model.inputCount)
    targetBlock = Matrix(rows: blockRows, columns: model.outputCount)
    predicted = Array(repeating: 0, count: rows)
    fitsLaneSweep = LaneSweep.handles(model)
    headLanes = Array(repeating: 0, count: 3 * 8 * model.outputCount)
    self.rows = rows
    self.blockRows = blockRows
  }

  /// About 128 KiB per matrix of the widest layer on one thread, 48…1008 rows in whole blocks of
  /// 24 (two bands of the 512-bit kernels' 12-row blocks). On several threads blocks are 4 times
  /// larger, so that each product split across them is worth waking them for. Block size never
  /// changes a result.
  static func defaultBlockRows(for model: MultilayerPerceptron) -> Int {
    let widest = model.layers.reduce(model.inputCount) { max($0, $1.outputCount) }
    let elements = Parallelism.maximumThreads > 1 ? 65_536 : 16_384
    return max(64, min(1024, elements / widest)) / 24 * 24
  }

  /// Sets every per-block matrix to `count` rows, keeping their storage (no allocation).
  mutating func setBlockRows(_ count: Int) {
    for index in preActivations.indices {
      preActivations[index].setRowCount(count)
      activations[index].setRowCount(count)
      deltas[index].setRowCount(count)
    }
    inputBlock.setRowCount(count)
    targetBlock.setRowCount(count)
  }

  /// The logits of the last forward pass.
  var logits: Matrix { activations[activations.count - 1] }
}

/// The gradient of the loss with respect to one layer's parameters.
public struct LayerGradient: Equatable, Sendable {
  /// `∂L/∂W`, shaped like the layer's weights.
  public var weights: Matrix
  /// `∂L/∂b`, one per output unit.
  public var biases: [Double]
}
