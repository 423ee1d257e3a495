import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C handling: the first interrupt asks the running cell to stop at a safe point (the end of
/// a training epoch, or the next statement); a second one exits at once with status 130.
enum Interrupts {
  private static let count = Atomic<Int>(0)

  /// Installs the SIGINT handler, and unblocks SIGINT in case the parent process left it blocked
  /// (a blocked signal mask survives exec).
  static func install() {
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGINT)
    sigprocmask(SIG_UNBLOCK, &mask, nil)
    signal(SIGINT) { _ in
      let previous = Interrupts.count.add(1, ordering: .relaxed).oldValue
      if previous >= 1 { _exit(130) }
    }
  }

  /// Whether Ctrl-C was pressed since the last ``reset()``.
  static var isRequested: Bool {
    count.load(ordering: .relaxed) > 0
  }

  /// Forgets earlier interrupts.
  static func reset() {
    count.store(0, ordering: .relaxed)
  }
}
