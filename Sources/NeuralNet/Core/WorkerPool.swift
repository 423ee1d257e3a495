import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Work cut into bands that may run in any order, on any threads, at once: each band writes only
/// its own part of the result.
protocol BandedWork {
  func computeBand(_ band: Int, of bands: Int)
}

/// Runs the bands of a split product (or a lane sweep's parts) on persistent helper threads,
/// without allocating per call.
///
/// `DispatchQueue.concurrentPerform` allocates on every call (its closure becomes a block);
/// training splits hundreds of products per epoch, and the library promises no allocation after
/// the first epoch. The pool's threads are started once; between products they poll for a while
/// (training calls back within microseconds), yielding their core now and then, then sleep on a
/// condition variable, so an idle notebook costs no CPU.
///
/// Which thread runs which band never matters: bands are fixed ranges of rows and each is
/// computed whole by one thread, so results do not depend on scheduling. One caller at a time
/// uses the helpers; a second concurrent caller (two tests at once) runs its bands itself.
final class WorkerPool: @unchecked Sendable {
  static let shared = WorkerPool()

  /// `generation << 16 | bands << 8 | next band`: one word, so that a helper can only claim a band
  /// of the generation it read, with the band count of that generation.
  private let ticket = Atomic<Int>(0)
  /// Bands of the current generation computed so far.
  private let finished = Atomic<Int>(0)
  /// Held by the caller whose bands the helpers are running.
  private let busy = Atomic<Bool>(false)
  /// The current job: a pointer to the caller's work, valid while its bands run.
  private let job = Atomic<UnsafeRawPointer?>(nil)
  /// The type of the work at ``job``: set before a generation starts and read only by the threads
  /// that claim its bands, after the ticket that publishes it.
  private var jobType: (any BandedWork.Type)?
  /// The helper threads started so far.
  private let helpers = Mutex<Int>(0)
  /// Where helpers sleep between products.
  private let condition: UnsafeMutablePointer<pthread_cond_t>
  private let conditionMutex: UnsafeMutablePointer<pthread_mutex_t>
  /// The caller's generation counter (only the `busy` holder touches it).
  private var generation = 0
  /// Bands that helper threads (not callers) have computed, ever: for tests that check the
  /// helpers take part.
  let bandsComputedByHelpers = Atomic<Int>(0)

  private init() {
    condition = .allocate(capacity: 1)
    conditionMutex = .allocate(capacity: 1)
    pthread_cond_init(condition, nil)
    pthread_mutex_init(conditionMutex, nil)
  }

  /// Computes `work` in `bands` bands (``BandedWork/computeBand(_:of:)``), on up to `threads`
  /// threads including the caller, and returns when all have finished.
  func run<Work: BandedWork>(_ work: Work, bands: Int, threads: Int) {
    guard bands > 1, threads > 1, bands < 256,
      busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else {
      for band in 0..<bands { work.computeBand(band, of: bands) }
      return
    }
    defer { busy.store(false, ordering: .releasing) }
    startHelpers(upTo: min(threads, bands) - 1)
    withUnsafePointer(to: work) { pointer in
      generation = (generation + 1) & 0xff_ffff
      jobType = Work.self
      finished.store(0, ordering: .relaxed)
      job.store(UnsafeRawPointer(pointer), ordering: .releasing)
      ticket.store(generation << 16 | bands << 8, ordering: .releasing)
      pthread_mutex_lock(conditionMutex)
      pthread_cond_broadcast(condition)
      pthread_mutex_unlock(conditionMutex)
      claimBands(of: generation)
      while finished.load(ordering: .acquiring) < bands {}
      job.store(nil, ordering: .relaxed)
    }
  }

  /// Claims and runs bands of `generation` until none is left; returns how many it ran.
  @discardableResult
  private func claimBands(of generation: Int) -> Int {
    var claimed = 0
    while true {
      let current = ticket.load(ordering: .acquiring)
      let next = current & 0xff
      let bands = (current >> 8) & 0xff
      guard current >> 16 == generation, next < bands else { return claimed }
      guard
        ticket.compareExchange(expected: current, desired: current + 1, ordering: .acquiring)
          .exchanged
      else { continue }
      // The caller waits for this band before it returns, so its product is alive.
      if let pointer = job.load(ordering: .acquiring), let jobType {
        Self.compute(jobType, at: pointer, band: next, of: bands)
      }
      claimed += 1
      finished.add(1, ordering: .releasing)
    }
  }

  /// Band `band` of the work of type `type` at `pointer`.
  private static func compute<Work: BandedWork>(
    _ type: Work.Type, at pointer: UnsafeRawPointer, band: Int, of bands: Int
  ) {
    pointer.assumingMemoryBound(to: Work.self).pointee.computeBand(band, of: bands)
  }

  // MARK: Helper threads

  private func startHelpers(upTo count: Int) {
    let toStart = helpers.withLock { started -> Int in
      let missing = max(0, count - started)
      started += missing
      return missing
    }
    // A helper that fails to start costs nothing but speed: the caller claims every band left.
    let context = Unmanaged.passUnretained(self).toOpaque()
    for _ in 0..<toStart {
      #if canImport(Glibc)
        var thread = pthread_t()
        let status = pthread_create(
          &thread, nil,
          { context in
            Unmanaged<WorkerPool>.fromOpaque(context!).takeUnretainedValue().serve()
            return nil
          }, context)
        if status == 0 { pthread_detach(thread) }
      #else
        var thread: pthread_t?
        let status = pthread_create(
          &thread, nil,
          { context in
            Unmanaged<WorkerPool>.fromOpaque(context).takeUnretainedValue().serve()
            return nil
          }, context)
        if status == 0, let thread { pthread_detach(thread) }
      #endif
    }
  }

  /// A helper's life: wait for a new generation (polling, then sleeping), claim its bands.
  private func serve() {
    var seen = ticket.load(ordering: .acquiring) >> 16
    while true {
      var spins = 0
      var current = ticket.load(ordering: .acquiring) >> 16
      while current == seen && spins < Self.spinsBeforeSleeping {
        spins += 1
        if spins & 15 == 0 { sched_yield() }
        current = ticket.load(ordering: .acquiring) >> 16
      }
      if current == seen {
        pthread_mutex_lock(conditionMutex)
        while ticket.load(ordering: .acquiring) >> 16 == seen {
          pthread_cond_wait(condition, conditionMutex)
        }
        pthread_mutex_unlock(conditionMutex)
        current = ticket.load(ordering: .acquiring) >> 16
      }
      seen = current
      let claimed = claimBands(of: current)
      if claimed > 0 { bandsComputedByHelpers.add(claimed, ordering: .relaxed) }
    }
  }

  /// Polls before a helper sleeps: 200 yields, about 100 µs on a Zen 4 VM (less where a system
  /// call costs less). Every 16th poll yields the core: on a machine whose other cores are busy
  /// elsewhere, a helper that polls without yielding takes time from the processes it shares a
  /// core with, its caller's among them. On a Zen 4 VM with 2 vCPUs, one kept busy by another
  /// process, W3 (cut into two parts) took a median 1.45× one thread's time on two threads
  /// without yielding and 1.02–1.16× with; W4 1.21× and 1.02× (sets of 5–11 runs). With both
  /// vCPUs free, yielding changed neither (W3 4.4–4.7 µs an epoch on two threads, W4 11.5 ms
  /// against 11.7 without yielding).
  private static let spinsBeforeSleeping = 3_200
}
