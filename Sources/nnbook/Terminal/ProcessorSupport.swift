import Foundation

/// Whether this CPU can run the library's kernels.
///
/// On x86-64 the `NeuralNet` module is built for Haswell-class CPUs (see `Package.swift`): its
/// fused multiply-adds are AVX2/FMA instructions, which an older CPU would stop on with "Illegal
/// instruction". `nnbook` itself is built for any x86-64, so it can look first and say what to do.
enum ProcessorSupport {
  /// The instruction-set extensions the build needs that this CPU lacks (none when unknown).
  static func missingExtensions() -> [String] {
    #if HASWELL_BUILD && os(Linux)
      guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
        return []
      }
      return missingExtensions(cpuInfo: info)
    #else
      return []
    #endif
  }

  /// What `-target-cpu haswell` lets the compiler use, as `/proc/cpuinfo` names it (`abm` is
  /// LZCNT): a VM may expose AVX2 and FMA yet mask BMI2, for instance.
  static let requiredExtensions = [
    "avx", "avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "f16c", "popcnt",
  ]

  /// The extensions a Haswell build needs that the `flags` line of a Linux `/proc/cpuinfo` text
  /// does not list (none when there is no such line).
  static func missingExtensions(cpuInfo: String) -> [String] {
    guard let flags = cpuInfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let present = Set(flags.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
    return requiredExtensions.filter { !present.contains($0) }
  }

  /// Exits with status 69 (unavailable) and a hint when the CPU lacks what the build needs.
  static func exitUnlessSupported() {
    let missing = missingExtensions()
    guard !missing.isEmpty else { return }
    let message = """
      nnbook: this build needs a Haswell-class CPU (AVX2, FMA, BMI1/2: Intel Haswell or AMD \
      Excavator, 2013–15, or later); this one lacks \(missing.joined(separator: ", ")).
      hint: rebuild for any x86-64 with `NNBOOK_PORTABLE=1 swift build -c release` (the same \
      results, computed more slowly)

      """
    FileHandle.standardError.write(Data(message.utf8))
    exit(69)
  }
}
