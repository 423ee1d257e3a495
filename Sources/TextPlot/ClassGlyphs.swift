/// The glyphs that name classes in decision maps and scatter plots (up to eight classes).
///
/// Regions use punctuation, a light and a dense glyph per class for low and high confidence
/// (never `|` or `+`, which draw the axes); points use letters and symbols that stand out from it:
///
/// ```
/// class  region  train  test  misclassified
///   0     . :      o     O        @
///   1     - =      x     X        #
///   2     ' "      v     V        &
///   3     , ;      s     S        %
///   4     ~ ^      z     Z        $
///   5     ` }      k     K        ?
///   6     _ ]      w     W        *
///   7     < >      t     T        !
/// ```
///
/// A misclassified point carries the mark of its true class. Where several points share a cell,
/// a misclassified one wins over a test one, which wins over a training one; among equals the one
/// given first.
public enum ClassGlyphs {
  /// The most classes a chart distinguishes.
  public static let maximumClassCount = 8
  /// The region glyphs of each class: below and from the confident threshold.
  public static let regions: [(light: Character, dense: Character)] = [
    (".", ":"), ("-", "="), ("'", "\""), (",", ";"), ("~", "^"), ("`", "}"), ("_", "]"),
    ("<", ">"),
  ]
  /// The glyph of a correctly classified training point, by class.
  public static let train: [Character] = ["o", "x", "v", "s", "z", "k", "w", "t"]
  /// The glyph of a correctly classified test point, by class.
  public static let test: [Character] = ["O", "X", "V", "S", "Z", "K", "W", "T"]
  /// The glyph of a misclassified point, by its true class.
  public static let misclassified: [Character] = ["@", "#", "&", "%", "$", "?", "*", "!"]

  /// The glyph of `point`.
  static func glyph(of point: LabelledPoint) -> Character {
    if !point.isCorrect { return misclassified[point.classIndex] }
    return point.isTest ? test[point.classIndex] : train[point.classIndex]
  }

  /// How strongly a point claims its cell: misclassified > test > train.
  static func priority(of point: LabelledPoint) -> Int {
    point.isCorrect ? (point.isTest ? 1 : 0) : 2
  }

  /// The colour of a point: bold in its class colour, reversed when misclassified.
  static func colour(of point: LabelledPoint) -> Colour {
    (point.isCorrect ? "1;" : "1;7;") + Palette.classColour(point.classIndex)
  }
}
