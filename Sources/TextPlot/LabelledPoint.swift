/// A data point of a two-dimensional classification dataset, as the map and scatter plot draw it.
public struct LabelledPoint: Equatable, Sendable {
  /// The first coordinate.
  public var x: Double
  /// The second coordinate.
  public var y: Double
  /// The point's true class, an index into the chart's class names.
  public var classIndex: Int
  /// Whether the point belongs to the test set (drawn in upper case) rather than training.
  public var isTest: Bool
  /// Whether the model predicts the point's class correctly; wrong ones get a distinct mark.
  public var isCorrect: Bool

  /// Creates a point; by default a correctly classified training point.
  public init(x: Double, y: Double, classIndex: Int, isTest: Bool = false, isCorrect: Bool = true) {
    self.x = x
    self.y = y
    self.classIndex = classIndex
    self.isTest = isTest
    self.isCorrect = isCorrect
  }
}

/// A model's answer for one location: the predicted class and how sure it is (its probability).
public struct ClassPrediction: Equatable, Sendable {
  /// The predicted class, an index into the chart's class names.
  public var classIndex: Int
  /// The probability of the predicted class, in 0 ... 1.
  public var confidence: Double

  /// Creates a prediction.
  public init(classIndex: Int, confidence: Double) {
    self.classIndex = classIndex
    self.confidence = confidence
  }
}
