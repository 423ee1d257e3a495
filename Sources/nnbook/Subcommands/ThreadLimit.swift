import ArgumentParser
import NeuralNet

/// `NNBOOK_THREADS`, the most threads the library's products and lane passes may use, as
/// `OMP_NUM_THREADS` is for OpenMP programs: on a machine busy with other work, fewer threads than
/// cores can train faster. Results are the same bits for every setting. With `nnbook test
/// --jobs N`, it is the budget the notebooks running side by side share (each keeps at least one).
enum ThreadLimit {
  static let variable = "NNBOOK_THREADS"

  /// Sets ``NeuralNet/Parallelism/maximumThreads`` from the environment, if the variable is set
  /// and not empty; anything but a whole number in 1...64 is a usage error. Each subcommand calls
  /// it as it validates its options, so that `--help` still works.
  static func applyEnvironment() throws(ValidationError) {
    guard let text = Terminal.environment(variable), !text.isEmpty else { return }
    guard let count = Int(text), (1...64).contains(count) else {
      throw ValidationError(
        "\(variable) must be a whole number of threads in 1...64, got '\(text)'")
    }
    Parallelism.maximumThreads = count
  }
}
