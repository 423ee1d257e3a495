extension MultilayerPerceptron {
  /// The predicted class of each example of `dataset`.
  public func predictions(for dataset: Dataset) throws(NeuralNetError) -> [Int] {
    _ = try targets(for: dataset)
    return try predictions(for: dataset.features)
  }

  /// The share of `dataset`'s examples whose predicted class is their label.
  public func accuracy(on dataset: Dataset) throws(NeuralNetError) -> Double {
    try confusionMatrix(on: dataset).accuracy
  }

  /// The confusion matrix of the model's predictions on `dataset`.
  public func confusionMatrix(on dataset: Dataset) throws(NeuralNetError) -> ConfusionMatrix {
    try ConfusionMatrix(
      actual: dataset.labels, predicted: try predictions(for: dataset), classCount: classCount)
  }
}
