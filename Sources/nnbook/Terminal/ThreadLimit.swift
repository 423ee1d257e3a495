import NeuralNet

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `NNBOOK_THREADS`, the most threads the library's products and lane passes may use, as
/// `OMP_NUM_THREADS` is for OpenMP programs: on a machine busy with other work, fewer threads than
/// cores can train faster. Results are the same bits for every setting.
enum ThreadLimit {
  static let variable = "NNBOOK_THREADS"

  /// Sets ``NeuralNet/Parallelism/maximumThreads`` from the environment, if the variable is set
  /// and not empty; anything but a whole number in 1...64 exits 64 with a message.
  static func applyEnvironment() {
    guard let text = Terminal.environment(variable), !text.isEmpty else { return }
    guard let count = Int(text), (1...64).contains(count) else {
      Terminal.writeError(
        "error: \(variable) must be a whole number of threads in 1...64, got '\(text)'\n")
      exit(64)
    }
    Parallelism.maximumThreads = count
  }
}
