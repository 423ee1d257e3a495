import Foundation
import Testing

@testable import nnbook

@Suite struct ProcessorSupportTests {
  static let haswell =
    "fpu sse2 ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt avx f16c abm bmi1 avx2 bmi2"

  @Test func aHaswellClassCPULacksNothing() {
    let info = "processor\t: 0\nflags\t\t: \(Self.haswell)\nbugs\t\t:\n"
    #expect(ProcessorSupport.missingExtensions(cpuInfo: info).isEmpty)
  }

  @Test func anOlderCPUIsToldWhatItLacks() {
    let sandyBridge = "processor\t: 0\nflags\t\t: fpu sse2 sse4_2 popcnt avx\n"
    #expect(
      ProcessorSupport.missingExtensions(cpuInfo: sandyBridge)
        == ["avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "f16c"])
  }

  /// A VM may pass AVX2 and FMA through yet mask BMI2, which the compiler also uses.
  @Test func aCPUWithAVX2ButWithoutBMI2IsRefused() {
    let masked = Self.haswell.replacingOccurrences(of: " bmi2", with: "")
    #expect(ProcessorSupport.missingExtensions(cpuInfo: "flags\t: \(masked)\n") == ["bmi2"])
  }

  @Test func aTextWithoutFlagsIsNotRefused() {
    #expect(ProcessorSupport.missingExtensions(cpuInfo: "processor\t: 0\n").isEmpty)
  }

  @Test func thisMachinePassesItsOwnCheck() {
    #expect(ProcessorSupport.missingExtensions().isEmpty)
  }
}
