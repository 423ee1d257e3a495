import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many threads the matrix kernels and lane sweeps may use.
///
/// Large products split their output rows into a fixed number of contiguous bands, one per thread;
/// every element is still summed by one thread in the same order, so the result does not depend on
/// the thread count or on timing. A large lane sweep (`LaneSweep`) is cut into two fixed parts,
/// whatever this setting, and runs them on two threads when it allows. Small products and passes
/// always run on the calling thread.
public enum Parallelism {
  private static let limit = Atomic<Int>(max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64)))

  /// The most threads one product (or lane sweep) may use, 1 to 64.
  ///
  /// ```
  /// Parallelism.maximumThreads = 1   // everything on the calling thread
  /// ```
  ///
  /// The default is the number of online processors. Results are bit-identical for every setting.
  public static var maximumThreads: Int {
    get { limit.load(ordering: .relaxed) }
    set {
      precondition(newValue >= 1, "a kernel needs at least 1 thread, not \(newValue)")
      limit.store(min(newValue, 64), ordering: .relaxed)
    }
  }
}
