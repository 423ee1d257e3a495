extension ValueList {
  /// How many items a list's text shows in full; a longer list shows its first 17 and last 2.
  static let shownItems = 20

  /// The most UTF-8 bytes a list's text reaches before it is cut off with `...`, so `str` and
  /// `print` stay small and fast even for a list holding itself many times over (`x = [x, x]` in
  /// a loop doubles the text each time while the list stays small).
  public static let maximumTextLength = 1_000_000

  /// `[1, "a", [2, 3]]`: strings quoted, long lists abridged as `[a, b, ..., y, z] (N items)`.
  ///
  /// Written with an explicit stack rather than by recursion, whose frames (over 1 KB a level in a
  /// debug build) would not fit a secondary thread's stack at ``maximumDepth`` levels.
  var text: String {
    var text = "["
    var stack = [Frame(self)]
    while let top = stack.indices.last {
      guard text.utf8.count <= Self.maximumTextLength else { return text + "..." }
      guard let item = stack[top].next() else {
        text += stack.removeLast().closing
        continue
      }
      if stack[top].position > 1 { text += ", " }
      switch item {
      case nil: text += "..."
      case .some(.list(let inner)):
        text += "["
        stack.append(Frame(inner))
      case .some(.string(let string)): text += "\"" + string + "\""
      case .some(let value): text += value.summary
      }
    }
    return text
  }

  /// A list being written: the items shown (`nil` for the `...` of an abridged list) and how far.
  private struct Frame {
    var shown: [Value?]
    var position = 0
    var closing: String

    init(_ list: ValueList) {
      if list.count > ValueList.shownItems {
        shown =
          list.items.prefix(ValueList.shownItems - 3).map { $0 } + [nil]
          + list.items.suffix(2).map { $0 }
        closing = "] (\(list.count) items)"
      } else {
        shown = list.items.map { $0 }
        closing = "]"
      }
    }

    /// The next item to write, `.some(nil)` for `...`, or `nil` when all are written.
    mutating func next() -> Value?? {
      guard position < shown.count else { return nil }
      position += 1
      return shown[position - 1]
    }
  }
}
