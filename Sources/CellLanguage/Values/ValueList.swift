/// The items of a list value, with how deeply lists nest inside it.
///
/// Printing, comparing and freeing a value recurse into its lists, so a list built in a loop as
/// `x = [x]` would overflow the stack after some ten thousand levels. Knowing each list's depth
/// without walking it lets the interpreter refuse, in constant time, a list nested deeper than
/// ``maximumDepth`` at the expression that would build it.
///
/// It reads like an array of values (`items.count`, `items[0]`, `for item in items`); ``items`` is
/// the array itself.
public struct ValueList: RandomAccessCollection, Equatable, ExpressibleByArrayLiteral {
  /// The deepest nesting of lists a value may have: `[1]` has depth 1, `[[1]]` depth 2.
  ///
  /// Far beyond real data (a table of rows is 2), and the same as the parser's limit on nested
  /// syntax. Text and `==` walk lists without recursion, but freeing a value recurses in the
  /// runtime: at this depth everything a value goes through fits a 64 KB stack in a debug build,
  /// an eighth of a secondary thread's 512 KB (1000 levels would need about 256 KB).
  public static let maximumDepth = 200

  /// The longest list any operation builds, so a loop such as `xs = xs + xs` stops with an error
  /// long before it exhausts memory.
  public static let maximumCount = 10_000_000

  /// The items, in order.
  public let items: [Value]
  /// 1 plus the depth of the deepest list among the items; 1 when none is a list.
  public let depth: Int

  /// A list of `items`; O(n), to find the deepest item.
  public init(_ items: [Value]) {
    var deepest = 0
    for case .list(let item) in items where item.depth > deepest { deepest = item.depth }
    self.items = items
    self.depth = deepest + 1
  }

  /// A list of `elements`.
  public init(arrayLiteral elements: Value...) {
    self.init(elements)
  }

  /// The items of `first` followed by those of `second`, in constant time besides the copy.
  public init(concatenating first: ValueList, _ second: ValueList) {
    self.items = first.items + second.items
    self.depth = Swift.max(first.depth, second.depth)
  }

  /// Whether the list nests more deeply than ``maximumDepth``.
  public var isTooDeep: Bool { depth > Self.maximumDepth }

  public var startIndex: Int { items.startIndex }
  public var endIndex: Int { items.endIndex }
  public subscript(position: Int) -> Value { items[position] }

  /// Item by item, nested lists included; lists of different depths or lengths differ at once.
  ///
  /// Walks nested lists with an explicit stack, not by recursion (see ``text``), and skips a pair
  /// of lists sharing their storage, as `Array`'s `==` does, so `x == x` is immediate even when
  /// `x` holds one list many times over. It also compares each pair of storages once: a pair
  /// met again is equal unless the walk has already returned `false`, so two lists built apart as
  /// `x = [x, x]` sixty times compare in 60 steps, not 2⁶⁰.
  public static func == (lhs: ValueList, rhs: ValueList) -> Bool {
    var pending = [(lhs, rhs)]
    var compared = Set<StoragePair>()
    while let (left, right) = pending.popLast() {
      guard left.depth == right.depth, left.count == right.count else { return false }
      if left.storage == right.storage { continue }
      for (a, b) in zip(left.items, right.items) {
        if case .list(let a) = a, case .list(let b) = b {
          if compared.insert(StoragePair(left: a.storage, right: b.storage)).inserted {
            pending.append((a, b))
          }
        } else if a != b {
          return false
        }
      }
    }
    return true
  }

  /// Where the items are stored, as a number: the same for two lists that share their storage,
  /// and distinct for lists alive at once that do not (empty lists may share one).
  private var storage: UInt {
    items.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
  }

  /// A pair of storages that ``==`` has compared, or is comparing.
  private struct StoragePair: Hashable {
    let left: UInt
    let right: UInt
  }
}

extension Value {
  /// A list value of `items`.
  public static func list(_ items: [Value]) -> Value {
    .list(ValueList(items))
  }
}
