#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's terminal: whether streams are terminals, colour, and writing without buffering
/// surprises.
enum Terminal {
  /// Whether file descriptor `descriptor` is a terminal.
  static func isTerminal(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
  }

  /// An environment variable.
  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// Writes `text` to standard output.
  static func write(_ text: String) {
    write(text, to: 1)
  }

  /// Writes `text` to standard error.
  static func writeError(_ text: String) {
    write(text, to: 2)
  }

  /// Writes all of `text` to `descriptor`, retrying short writes; gives up if the stream is gone.
  private static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
