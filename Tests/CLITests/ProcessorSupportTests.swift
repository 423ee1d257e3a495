import Testing

@testable import nnbook

@Suite struct ProcessorSupportTests {
  @Test func aCPUWithAVX2AndFMALacksNothing() {
    let info = "processor\t: 0\nflags\t\t: fpu sse2 avx fma avx2 bmi2\nbugs\t\t:\n"
    #expect(ProcessorSupport.missingExtensions(cpuInfo: info).isEmpty)
  }

  @Test func anOlderCPUIsToldWhatItLacks() {
    let sandyBridge = "processor\t: 0\nflags\t\t: fpu sse2 sse4_2 avx\n"
    #expect(ProcessorSupport.missingExtensions(cpuInfo: sandyBridge) == ["avx2", "fma"])
    let piledriver = "flags\t\t: fpu sse2 avx fma\n"
    #expect(ProcessorSupport.missingExtensions(cpuInfo: piledriver) == ["avx2"])
  }

  @Test func aTextWithoutFlagsIsNotRefused() {
    #expect(ProcessorSupport.missingExtensions(cpuInfo: "processor\t: 0\n").isEmpty)
  }
}
