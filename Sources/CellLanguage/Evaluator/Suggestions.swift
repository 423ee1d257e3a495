/// "Did you mean …?" for misspelt names: the closest candidate within a small edit distance.
public enum Suggestions {
  /// The candidate closest to `name`, if one is close enough to be a likely typo.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, name.count / 3))
    var best: (String, Int)?
    for candidate in candidates.sorted() {
      let distance = editDistance(name.lowercased(), candidate.lowercased())
      if distance <= limit, distance < best?.1 ?? .max { best = (candidate, distance) }
    }
    return best?.0
  }

  /// The edits (insertions, deletions, substitutions, and swaps of two neighbours, the commonest
  /// typo: `tahn`, `lable`) that turn `a` into `b`; the optimal string alignment distance.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous) = (previous, current)
    }
    return previous[b.count]
  }

  /// "did you mean `x`?" or nil.
  static func hint(for name: String, among candidates: [String]) -> String? {
    closest(to: name, among: candidates).map { "did you mean `\($0)`?" }
  }
}
