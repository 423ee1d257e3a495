/// A unified diff of two texts, line by line, as `diff -u` shows it.
public enum LineDiff {
  /// The hunks of a unified diff from `old` to `new`, with `context` unchanged lines around each
  /// change; empty when the texts are equal.
  ///
  /// ```
  /// @@ -3,4 +3,4 @@
  ///  epoch 100  loss 0.5165
  /// -epoch 200  loss 0.4095
  /// +epoch 200  loss 0.4096
  /// ```
  public static func unified(from old: String, to new: String, context: Int = 3) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let edits = script(a, b)
    guard edits.contains(where: { $0.kind != .same }) else { return "" }
    var lines: [String] = []
    var index = 0
    while index < edits.count {
      guard let change = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
      let start = max(change - context, index)
      var end = change
      // Extend the hunk while the next change is within 2 × context unchanged lines.
      while true {
        guard let next = edits[end...].firstIndex(where: { $0.kind == .same }) else {
          end = edits.count
          break
        }
        let following = edits[next...].firstIndex(where: { $0.kind != .same })
        if let following, following - next <= 2 * context {
          end = following
          continue
        }
        end = min(next + context, edits.count)
        break
      }
      lines.append(header(edits[start..<end]))
      for edit in edits[start..<end] {
        switch edit.kind {
        case .same: lines.append(" " + a[edit.oldIndex!])
        case .removed: lines.append("-" + a[edit.oldIndex!])
        case .added: lines.append("+" + b[edit.newIndex!])
        }
      }
      index = end
    }
    return lines.joined(separator: "\n")
  }

  private struct Edit {
    enum Kind { case same, removed, added }
    var kind: Kind
    var oldIndex: Int?
    var newIndex: Int?
  }

  private static func header(_ edits: ArraySlice<Edit>) -> String {
    let oldLines = edits.compactMap(\.oldIndex)
    let newLines = edits.compactMap(\.newIndex)
    func range(_ lines: [Int], fallback: Int) -> String {
      guard let first = lines.first else { return "\(fallback),0" }
      return lines.count == 1 ? "\(first + 1)" : "\(first + 1),\(lines.count)"
    }
    let oldFallback = edits.first.flatMap { $0.oldIndex } ?? 0
    let newFallback = edits.first.flatMap { $0.newIndex } ?? 0
    return
      "@@ -\(range(oldLines, fallback: oldFallback)) +\(range(newLines, fallback: newFallback)) @@"
  }

  /// The shortest edit script by longest common subsequence (cell outputs are small).
  private static func script(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count
    let m = b.count
    var lengths = [Int](repeating: 0, count: (n + 1) * (m + 1))
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lengths[i * (m + 1) + j] =
          a[i] == b[j]
          ? lengths[(i + 1) * (m + 1) + j + 1] + 1
          : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
      }
    }
    var edits: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, a[i] == b[j] {
        edits.append(Edit(kind: .same, oldIndex: i, newIndex: j))
        i += 1
        j += 1
      } else if j < m, i == n || lengths[i * (m + 1) + j + 1] >= lengths[(i + 1) * (m + 1) + j] {
        edits.append(Edit(kind: .added, newIndex: j))
        j += 1
      } else {
        edits.append(Edit(kind: .removed, oldIndex: i))
        i += 1
      }
    }
    // Show removals before additions within each changed run, as diff -u does.
    var ordered: [Edit] = []
    var pending: [Edit] = []
    for edit in edits {
      if edit.kind == .same {
        ordered += pending.filter { $0.kind == .removed } + pending.filter { $0.kind == .added }
        pending = []
        ordered.append(edit)
      } else {
        pending.append(edit)
      }
    }
    return ordered + pending.filter { $0.kind == .removed } + pending.filter { $0.kind == .added }
  }
}
