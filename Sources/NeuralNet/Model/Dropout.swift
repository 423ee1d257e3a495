/// Inverted dropout on the hidden layers while training.
///
/// Before each step, every hidden unit of every example in the batch is kept with probability
/// `1 − p` (its layer's rate) and dropped otherwise: `mask = (u < 1 − p) / (1 − p)` with `u` a
/// `random_sample` draw, as NumPy code writes it. The layer passes `a · mask` on, so the expected
/// input of the next layer is unchanged and evaluation needs no rescaling; backpropagation
/// multiplies the layer's gradient by the same mask. Masks are drawn for the whole batch, layer
/// after layer and row after row, so they do not depend on how the batch is split into blocks.
struct Dropout {
  /// The rate `p` of each hidden layer, first hidden layer first; 0 leaves a layer alone.
  let rates: [Double]
  /// Each hidden layer's mask for the whole batch (`rows × width`), or an empty matrix at rate 0.
  private var masks: [Matrix]
  /// Each hidden layer's masked activations for the current block.
  private(set) var dropped: [Matrix]

  /// Buffers for `model`'s hidden layers, for batches of up to `rows` examples in blocks of up to
  /// `blockRows` (0 when a ``LaneSweep``, which masks in its own buffers, trains the model).
  init(rates: [Double], model: MultilayerPerceptron, rows: Int, blockRows: Int) {
    self.rates = rates
    masks = zip(rates, model.hiddenWidths).map { rate, width in
      rate > 0 ? Matrix(rows: rows, columns: width) : Matrix(rows: 0, columns: 0)
    }
    dropped = zip(rates, model.hiddenWidths).map { rate, width in
      rate > 0 ? Matrix(rows: blockRows, columns: width) : Matrix(rows: 0, columns: 0)
    }
  }

  /// Calls `body` with hidden layer `layer`'s mask for the whole batch: row-major, one row per
  /// example.
  func withMask<R>(layer: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
    masks[layer].withUnsafeElements(body)
  }

  /// Whether hidden layer `layer` drops units.
  func isActive(layer: Int) -> Bool {
    layer < rates.count && rates[layer] > 0
  }

  /// Draws fresh masks for a batch of `rows` examples.
  mutating func drawMasks(rows: Int, using generator: inout SeededGenerator) {
    for layer in rates.indices where rates[layer] > 0 {
      let keep = 1 - rates[layer]
      let scale = 1 / keep
      masks[layer].setRowCount(rows)
      masks[layer].withUnsafeMutableElements { mask in
        generator.fillUniform(mask)
        for i in mask.indices { mask[i] = mask[i] < keep ? scale : 0 }
      }
    }
  }

  /// Writes `activations · mask` of hidden layer `layer` (a block starting at batch row
  /// `firstRow`) into ``dropped``.
  mutating func apply(layer: Int, activations: Matrix, firstRow: Int) {
    let offset = firstRow * activations.columns
    dropped[layer].setRowCount(activations.rows)
    let mask = masks[layer]
    dropped[layer].withUnsafeMutableElements { output in
      activations.withUnsafeElements { input in
        mask.withUnsafeElements { mask in
          precondition(offset + output.count <= mask.count, "a block past the batch's masks")
          // From the block's first mask value on, so that the loop has no index arithmetic to
          // check for overflow and vectorises.
          let blockMask = UnsafeBufferPointer(rebasing: mask[offset...])
          for i in output.indices { output[i] = input[i] * blockMask[i] }
        }
      }
    }
  }

  /// Multiplies the gradient reaching hidden layer `layer`'s outputs by its mask.
  func mask(_ gradient: inout Matrix, layer: Int, firstRow: Int) {
    let offset = firstRow * gradient.columns
    masks[layer].withUnsafeElements { mask in
      gradient.withUnsafeMutableElements { gradient in
        precondition(offset + gradient.count <= mask.count, "a block past the batch's masks")
        let blockMask = UnsafeBufferPointer(rebasing: mask[offset...])
        for i in gradient.indices { gradient[i] *= blockMask[i] }
      }
    }
  }
}
