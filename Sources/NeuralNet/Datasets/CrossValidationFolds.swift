/// The k folds of a dataset for k-fold cross-validation: fold `i` validates on the examples assigned
/// to fold `i` and trains on all the others.
///
/// ```swift
/// for (train, validation) in try data.folds(k: 5, seed: 1) {
///   var model = fresh
///   try model.fit(train)
///   scores.append(try model.accuracy(on: validation))
/// }
/// ```
///
/// Every example is in exactly one validation fold, and each training set is the complement of its
/// validation fold. The sets are built when a fold is read, one at a time, so iterating over the
/// folds of a large dataset keeps only one fold's copy in memory. Both sets keep the dataset's
/// original row order.
public struct CrossValidationFolds: RandomAccessCollection, Sendable {
  /// The dataset being folded.
  public let dataset: Dataset
  /// The number of folds.
  public let k: Int
  /// The fold (in `0..<k`) whose validation set holds each example, by row.
  public let assignment: [Int]

  /// Folds `dataset` by a given fold number per example.
  init(dataset: Dataset, k: Int, assignment: [Int]) {
    self.dataset = dataset
    self.k = k
    self.assignment = assignment
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { k }

  /// Fold `index`: training on every example outside it, validation on the examples in it.
  ///
  /// Builds both sets: O(examples · features).
  public subscript(index: Int) -> (train: Dataset, validation: Dataset) {
    precondition(index >= 0 && index < k, "fold \(index) is outside 0..<\(k)")
    let trainRows = assignment.indices.filter { assignment[$0] != index }
    let validationRows = assignment.indices.filter { assignment[$0] == index }
    let label = "\(dataset.name) fold \(index + 1)/\(k)"
    return (
      dataset.subset(trainRows, name: label + " train"),
      dataset.subset(validationRows, name: label + " val")
    )
  }

  /// How many examples each validation fold holds, by fold.
  public var validationCounts: [Int] {
    var counts = [Int](repeating: 0, count: k)
    for fold in assignment { counts[fold] += 1 }
    return counts
  }
}

extension Dataset {
  /// Stratified folds for k-fold cross-validation, seeded.
  ///
  /// Each class's examples are shuffled exactly as ``split(testFraction:seed:)`` shuffles them (one
  /// generator seeded with `seed`, classes in label order); the shuffled classes are then laid end
  /// to end and dealt to the folds in turn, position `p` to fold `p mod k`:
  ///
  /// ```
  /// order = shuffled(class 0) + shuffled(class 1) + …      fold(order[p]) = p mod k
  /// ```
  ///
  /// Because the deal runs on from one class to the next, every class's count differs by at most
  /// one between folds, and so do the folds' total sizes. A class with fewer than `k` examples is
  /// allowed: it is simply missing from some validation folds (as scikit-learn's `StratifiedKFold`
  /// allows with a warning).
  ///
  /// - Parameter k: the number of folds, `2...count`, so every validation fold has an example.
  public func folds(k: Int, seed: Int = 0) throws(NeuralNetError) -> CrossValidationFolds {
    try require(
      k >= 2 && k <= count, "k", k,
      count >= 2
        ? "in 2...\(count) (at most one fold per example)"
        : "at most the number of examples (\(count))")
    var assignment = [Int](repeating: 0, count: count)
    var position = 0
    for members in try shuffledClassMembers(seed: seed) {
      for index in members {
        assignment[index] = position % k
        position += 1
      }
    }
    return CrossValidationFolds(dataset: self, k: k, assignment: assignment)
  }
}
