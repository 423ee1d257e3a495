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

  /// The extensions a Haswell build needs that the `flags` line of a Linux `/proc/cpuinfo` text
  /// does not list (none when there is no such line).
  static func missingExtensions(cpuInfo: String) -> [String] {
    guard let flags = cpuInfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let present = Set(flags.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
    return ["avx2", "fma"].filter { !present.contains($0) }
  }

  /// Exits with status 69 (unavailable) and a hint when the CPU lacks what the build needs.
  static func exitUnlessSupported() {
    let missing = missingExtensions()
    guard !missing.isEmpty else { return }
    let message = """
      nnbook: this build needs a CPU with AVX2 and FMA (Intel Haswell or AMD Excavator, 2013–15, \
      or later); this one lacks \(missing.joined(separator: " and ")).
      hint: rebuild for any x86-64 with `NNBOOK_PORTABLE=1 swift build -c release` (the same \
      results, computed more slowly)

      """
    FileHandle.standardError.write(Data(message.utf8))
    exit(69)
  }
}
