/// nnbench: times the workloads W1–W5 of issue #8 with the NeuralNet library.
///
/// ```
/// swift run -c release nnbench           # every workload, best of 3 repeats (more, to fill 0.3 s)
/// swift run -c release nnbench --quick   # fewer repeats and a short W4, for a smoke test
/// swift run -c release nnbench W1 W4x1    # only the workloads whose names start so
/// swift run -c release nnbench --no-probe  # skip the peak probe (e.g. under `perf stat`)
/// swift run -c release nnbench --epochs=10 W1  # 10 epochs, one repeat (for valgrind)
/// swift run -c release nnbench --no-avx512 W4  # 256-bit kernels only, on a CPU with AVX-512
/// ```
///
/// Prints, per workload, epochs per second, the GFLOP/s of the matrix products (forward and
/// backward) and their share of the measured fused multiply-add peak, then one `RESULT <name> <epochs>
/// <seconds>` line that `Benchmarks/compare.sh` joins with the NumPy seeds' lines.
import Dispatch
import NeuralNet
import WideKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One training run to time.
struct Workload {
  var name: String
  var data: Dataset
  var hidden: [Int]
  var head: OutputHead
  var initialization: WeightInitialization
  var seed: Int
  var options: TrainingOptions
  var repeats: Int
  var threads: Int
  /// Examples evaluated after every epoch (not part of the NumPy comparison).
  var validation: Dataset? = nil
  /// The classes of a softmax head.
  var classes = 2
  /// The hidden layers' non-linearity.
  var activation = Activation.relu

  /// The model's outputs: one for a sigmoid head, one per class for softmax.
  var outputs: Int { head == .sigmoid ? 1 : classes }

  /// The floating-point operations of the matrix products of one epoch: `2·N·in·out` for each
  /// layer's forward product and weight gradient, and for each layer but the first, the delta sent
  /// back to the layer below.
  var flopsPerEpoch: Double {
    let widths = [data.featureCount] + hidden + [outputs]
    var total = 0.0
    for index in 1..<widths.count {
      let product = 2 * Double(data.count) * Double(widths[index - 1] * widths[index])
      total += index == 1 ? 2 * product : 3 * product
    }
    return total
  }
}

/// Seconds since an arbitrary start.
func now() -> Double {
  Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// A sink the optimiser cannot see through, so timed work is never removed.
nonisolated(unsafe) var sink = 0.0

/// The best of at least `workload.repeats` trainings that take at least ``minimumSeconds``
/// together, in seconds.
func time(_ workload: Workload) throws -> Double {
  Parallelism.maximumThreads = workload.threads
  var (best, spent, runs) = (Double.infinity, 0.0, 0)
  while runs < workload.repeats || spent < minimumSeconds {
    var model = try MultilayerPerceptron(
      inputs: workload.data.featureCount, hidden: workload.hidden,
      outputs: workload.outputs, activation: workload.activation, head: workload.head,
      initialization: workload.initialization, seed: workload.seed)
    let start = now()
    let history = try model.fit(
      workload.data, options: workload.options, validation: workload.validation)
    let seconds = now() - start
    best = min(best, seconds)
    spent += seconds
    runs += 1
    precondition(
      history.loss.count == workload.options.epochs,
      "\(workload.name) stopped after \(history.loss.count) epochs: \(String(describing: history.stopReason))"
    )
    sink += history.loss[history.loss.count - 1]
  }
  return best
}

/// The fused multiply-add throughput of `threads` cores in GFLOP/s (2 per lane), in the widest
/// registers the products use: with AVX-512, sixteen independent `SIMD8<Double>` chains (one
/// 512-bit register each); otherwise ten `SIMD4<Double>` chains of `a·c + d`, as the 256-bit
/// kernels issue them (one instruction each in a Haswell build, a libm call in a portable one).
/// Either is enough to keep every FMA unit busy through its latency.
func peakProbe(threads: Int) -> Double {
  let steps = 2_400_000
  var results = [Double](repeating: 0, count: threads)
  let wide = WideVectors.isEnabled
  let start = now()
  results.withUnsafeMutableBufferPointer { results in
    nonisolated(unsafe) let results = results
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      if wide {
        results[thread] = wideMultiplyAddChains(steps: steps, seed: 1e-9 * Double(thread + 1))
        return
      }
      let c = SIMD4<Double>(repeating: 0.999_999_9)
      let d = SIMD4<Double>(repeating: 1e-9 * Double(thread + 1))
      var (a0, a1, a2, a3, a4) = (c + 1, c + 2, c + 3, c + 4, c + 5)
      var (a5, a6, a7, a8, a9) = (c + 6, c + 7, c + 8, c + 9, c + 10)
      for _ in 0..<steps {
        a0 = d.addingProduct(a0, c)
        a1 = d.addingProduct(a1, c)
        a2 = d.addingProduct(a2, c)
        a3 = d.addingProduct(a3, c)
        a4 = d.addingProduct(a4, c)
        a5 = d.addingProduct(a5, c)
        a6 = d.addingProduct(a6, c)
        a7 = d.addingProduct(a7, c)
        a8 = d.addingProduct(a8, c)
        a9 = d.addingProduct(a9, c)
      }
      results[thread] = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9).sum()
    }
  }
  let seconds = now() - start
  sink += results.reduce(0, +)
  return Double(threads) * Double(steps) * (wide ? 16 * 16 : 10 * 8) / seconds / 1e9
}

func format(_ value: Double, _ decimals: Int) -> String {
  var text = String(Int((value * pow(10, Double(decimals))).rounded()))
  guard decimals > 0 else { return text }
  while text.count <= decimals { text = "0" + text }
  text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
  return text
}

func padded(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Exits with a usage message (status 64) for an option nnbench does not know.
func refuse(_ message: String) -> Never {
  print(
    "nnbench: \(message)\n"
      + "usage: nnbench [--quick] [--no-probe] [--no-avx512] [--epochs=N] [WORKLOAD…]")
  exit(64)
}

let options = CommandLine.arguments.dropFirst().filter { $0.hasPrefix("--") }
for option in options
where !["--quick", "--no-probe", "--no-avx512"].contains(option)
  && !option.hasPrefix("--epochs=")
{
  refuse("unknown option \(option)")
}
let quick = options.contains("--quick")
let repeats = quick ? 1 : 3
/// `--epochs=N` trains every workload for N epochs, once (Benchmarks/allocations.sh compares
/// the allocations of two such runs).
let epochsOverride: Int? = options.last { $0.hasPrefix("--epochs=") }.map { option in
  guard let epochs = Int(option.dropFirst("--epochs=".count)), epochs > 0 else {
    refuse("--epochs needs a whole number of epochs above 0, got \(option)")
  }
  return epochs
}
let cores = Parallelism.maximumThreads
/// Each workload repeats until its runs add up to this much time, as in the NumPy script
/// (`Benchmarks/numpy/seeds_bench.py`): on a shared machine whose speed drifts, both sides' best
/// run then comes from the same length of time, whether one run takes 5 ms or 100 ms.
let minimumSeconds = quick || epochsOverride != nil ? 0 : 0.3

// `--no-avx512` keeps the products in 256-bit registers on a CPU with AVX-512, for comparison.
if options.contains("--no-avx512") { WideVectors.isEnabled = false }
#if HASWELL_BUILD
  print(
    WideVectors.isEnabled
      ? "kernels: 512-bit (AVX-512) blocks for the bulk of the products"
      : "kernels: 256-bit (AVX2 + FMA)"
        + (WideVectors.isSupported ? ", AVX-512 turned off" : ", no AVX-512 on this CPU"))
#else
  print("kernels: portable build (fused multiply-adds as the target CPU provides them)")
#endif
let probes = !options.contains("--no-probe")
let peakOne = probes ? peakProbe(threads: 1) : .nan
let peakAll = probes ? peakProbe(threads: cores) : .nan
if probes {
  let registers = WideVectors.isEnabled ? "SIMD8<Double>" : "SIMD4<Double>"
  print(
    "peak probe (\(registers) fused multiply-add): \(format(peakOne, 1)) GFLOP/s on 1 core, "
      + "\(format(peakAll, 1)) GFLOP/s on \(cores)")
}

let moons200 = try Dataset.moons(count: 200, noise: 0.2, seed: 0)
let moons1000 = try Dataset.moons(count: 1000, noise: 0.2, seed: 0)
let moons10k = try Dataset.moons(count: 10_000, noise: 0.2, seed: 0)
let circles = try Dataset.circles(count: 1000, noise: 0.1, factor: 0.5, seed: 42)
let summed = TrainingOptions(epochs: 1000, learningRate: 0.01, l2: 0.01, reduction: .sum)
let averaged = TrainingOptions(epochs: 1000, learningRate: 0.5, l2: 0.001)

var workloads = [
  Workload(
    name: "W1", data: moons200, hidden: [32], head: .softmax, initialization: .lecun, seed: 0,
    options: summed, repeats: repeats, threads: 1),
  Workload(
    name: "W2", data: moons1000, hidden: [32, 32], head: .softmax, initialization: .lecun,
    seed: 0, options: averaged, repeats: repeats, threads: 1),
  Workload(
    name: "W3", data: circles, hidden: [16], head: .sigmoid, initialization: .he, seed: 42,
    options: TrainingOptions(epochs: 1000, learningRate: 0.1), repeats: repeats, threads: 1),
]
// activations.nnb's network with tanh and sigmoid hidden units, computed in lanes (LaneMath).
for activation in [Activation.tanh, .sigmoid] {
  var workload = Workload(
    name: "A1\(activation)", data: moons200, hidden: [16, 16], head: .softmax,
    initialization: .lecun, seed: 0, options: averaged, repeats: repeats, threads: 1)
  workload.activation = activation
  workloads.append(workload)
}
// W2's network with dropout 0.2 on both hidden layers: its masks drawn every epoch.
var dropping = averaged
dropping.dropout = [0.2]
workloads.append(
  Workload(
    name: "A2dropout", data: moons1000, hidden: [32, 32], head: .softmax, initialization: .lecun,
    seed: 0, options: dropping, repeats: repeats, threads: 1))
for threads in Set([1, cores]).sorted() {
  var options = averaged
  options.epochs = quick ? 20 : 200
  workloads.append(
    Workload(
      name: "W4x\(threads)", data: moons10k, hidden: [128, 128], head: .softmax,
      initialization: .lecun, seed: 0, options: options, repeats: 1, threads: threads))
}
for count in [100, 1_000, 10_000, 100_000] {
  var options = averaged
  options.epochs = 100
  options.l2 = 0.01
  workloads.append(
    Workload(
      name: "W5n\(count)", data: try Dataset.moons(count: count, noise: 0.2, seed: 0),
      hidden: [32], head: .softmax, initialization: .lecun, seed: 0, options: options,
      repeats: count <= 10_000 ? repeats : 1, threads: 1))
}
// W2, W3 and the large W5 runs again on every core: a narrow network's pass of 2¹⁵ multiply-adds
// or more (LaneSweep.partWork) is cut into two fixed parts, which then run on two threads.
if cores > 1 {
  for name in ["W2", "W3", "W5n10000", "W5n100000"] {
    var onEveryCore = workloads.first { $0.name == name }!
    onEveryCore.name += "x\(cores)"
    onEveryCore.threads = cores
    workloads.append(onEveryCore)
  }
}

// Everything `fit` offers at once: not timed against NumPy, but a check (Benchmarks/allocations.sh)
// that mini-batches, Adam, dropout, L1, a schedule and validation allocate nothing per epoch.
var everything = TrainingOptions(epochs: 100, learningRate: 0.01, l2: 0.001)
everything.l1 = 0.0001
everything.optimizer = .defaultAdam
everything.schedule = .cosine(minimum: 0.001)
everything.batchSize = 32
everything.dropout = [0.2]
everything.patience = 1_000_000
workloads.append(
  Workload(
    name: "F1", data: moons1000, hidden: [32, 32], head: .softmax, initialization: .lecun,
    seed: 0, options: everything, repeats: repeats, threads: 1,
    validation: try Dataset.moons(count: 200, noise: 0.2, seed: 1)))

// W4's network on 2,000 examples on every core: its products are split across threads, at a size
// valgrind gets through quickly (Benchmarks/allocations.sh).
workloads.append(
  Workload(
    name: "F2", data: try Dataset.moons(count: 2_000, noise: 0.2, seed: 0), hidden: [128, 128],
    head: .softmax, initialization: .lecun, seed: 0,
    options: TrainingOptions(epochs: 100, learningRate: 0.5, l2: 0.001), repeats: 1,
    threads: cores))

// Ten classes through a hidden layer too wide for the lane sweep: the layer path's head with more
// outputs than a small network has (Benchmarks/allocations.sh).
workloads.append(
  Workload(
    name: "F3", data: try Dataset.blobs(count: 500, centers: 10, seed: 0), hidden: [65],
    head: .softmax, initialization: .he, seed: 0,
    options: TrainingOptions(epochs: 100, learningRate: 0.1), repeats: 1, threads: 1,
    classes: 10))

let filters = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") }
if !filters.isEmpty {
  workloads.removeAll { workload in !filters.contains { workload.name.hasPrefix($0) } }
  if workloads.isEmpty {
    refuse("no workload starts with \(filters.joined(separator: " or ")) (W1–W5, A1–A2, F1–F3)")
  }
}
if let epochsOverride {
  for index in workloads.indices {
    workloads[index].options.epochs = epochsOverride
    workloads[index].repeats = 1
  }
}

print("workload    threads  epochs   seconds   epochs/s   GFLOP/s   % peak")
var results: [String] = []
for workload in workloads {
  let seconds = try time(workload)
  let epochs = Double(workload.options.epochs)
  let gflops = workload.flopsPerEpoch * epochs / seconds / 1e9
  let peak = workload.threads == 1 ? peakOne : peakAll
  print(
    padded(workload.name, 12) + padded(String(workload.threads), 9)
      + padded(String(workload.options.epochs), 9) + padded(format(seconds, 4), 10)
      + padded(format(epochs / seconds, 0), 11) + padded(format(gflops, 2), 10)
      + (peak.isNaN ? "-" : format(100 * gflops / peak, 1)))
  results.append("RESULT \(workload.name) \(workload.options.epochs) \(format(seconds, 6))")
}
for line in results { print(line) }
if sink == 0.123_456_789 { print(sink) }
