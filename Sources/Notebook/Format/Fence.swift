/// The opening fence of a CommonMark fenced block: up to three spaces, then three or more backticks
/// or tildes, then an info string.
///
/// Only what decides where blocks begin and end is modelled: an indented fence, a fence inside
/// another fenced block, or a backtick fence whose info string holds a backtick is not a fence.
struct Fence: Equatable, Sendable {
  /// The fence character, `` ` `` or `~`.
  var character: UInt8
  /// How many fence characters open the block; the closing fence needs at least as many.
  var length: Int
  /// The spaces before the fence, which are also removed from the front of each content line.
  var indentation: Int
  /// The offset in the line just past the fence characters, where the raw info string starts.
  var infoStart: Int
  /// The info string without surrounding spaces and tabs.
  var info: ArraySlice<UInt8>

  static let backtick = UInt8(ascii: "`")
  static let tilde = UInt8(ascii: "~")

  /// The fence that opens a block on `line`, or `nil` when the line opens none.
  static func opening(_ line: ArraySlice<UInt8>) -> Fence? {
    let indentation = line.prefix(while: { $0 == UInt8(ascii: " ") }).count
    guard indentation <= 3 else { return nil }
    let fenceStart = line.startIndex + indentation
    guard fenceStart < line.endIndex else { return nil }
    let character = line[fenceStart]
    guard character == backtick || character == tilde else { return nil }
    let length = line[fenceStart...].prefix(while: { $0 == character }).count
    guard length >= 3 else { return nil }
    let infoStart = fenceStart + length
    let rawInfo = line[infoStart...]
    if character == backtick && rawInfo.contains(backtick) { return nil }
    return Fence(
      character: character, length: length, indentation: indentation, infoStart: infoStart,
      info: trimmingSpacesAndTabs(rawInfo))
  }

  /// Whether `line` closes this fence: up to three spaces, at least `length` of the same
  /// character, then only spaces and tabs.
  func isClosed(by line: ArraySlice<UInt8>) -> Bool {
    let indentation = line.prefix(while: { $0 == UInt8(ascii: " ") }).count
    guard indentation <= 3 else { return false }
    let rest = line.dropFirst(indentation)
    let run = rest.prefix(while: { $0 == character }).count
    return run >= length && rest.dropFirst(run).allSatisfy(isSpaceOrTab)
  }

  /// The first word of the info string, which names the block's language (`nnb`, `output`, …).
  var language: ArraySlice<UInt8> {
    info.prefix(while: { !isSpaceOrTab($0) })
  }

  /// The info string after its first word, trimmed: a code cell's name.
  var remainder: ArraySlice<UInt8> {
    trimmingSpacesAndTabs(info.drop(while: { !isSpaceOrTab($0) }))
  }

  /// The closing fence this block expects, as text for messages (e.g. ```` ``` ````).
  var closingText: String {
    String(repeating: Character(Unicode.Scalar(character)), count: length)
  }

  /// The shortest fence of `character` that no line of `lines` can close: one longer than the
  /// longest run of `character` that starts a line after any spaces and tabs, and at least three.
  static func safeLength<Lines: Sequence<ArraySlice<UInt8>>>(
    of character: UInt8, around lines: Lines
  ) -> Int {
    var longest = 0
    for line in lines {
      let run = line.drop(while: isSpaceOrTab).prefix(while: { $0 == character }).count
      longest = max(longest, run)
    }
    return max(3, longest + 1)
  }
}

/// `bytes` without leading and trailing spaces and tabs.
func trimmingSpacesAndTabs(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
  let start = bytes.drop(while: isSpaceOrTab)
  var end = start.endIndex
  while end > start.startIndex && isSpaceOrTab(start[end - 1]) {
    end -= 1
  }
  return start[start.startIndex..<end]
}
