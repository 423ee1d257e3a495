// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The training kernels sum with fused multiply-adds (see `Sources/NeuralNet/Core/Matrix+Kernels.swift`).
/// On x86-64 the library is built for Haswell-class CPUs (AVX2 and FMA: Intel 2013 and later, AMD
/// Excavator 2015 and later, every Zen), where they are single instructions; `nnbook` checks the
/// CPU at start. `NNBOOK_PORTABLE=1 swift build` builds for any x86-64 instead: the same bits,
/// computed through the C library's `fma`, many times slower. ARM64 has FMA in its base set.
let buildsForHaswell: Bool = {
  #if arch(x86_64)
    return ProcessInfo.processInfo.environment["NNBOOK_PORTABLE"] == nil
  #else
    return false
  #endif
}()
let kernelSettings: [SwiftSetting] =
  buildsForHaswell ? [.unsafeFlags(["-target-cpu", "haswell"]), .define("HASWELL_BUILD")] : []
/// The products' bulk also has a 512-bit version (`Sources/WideKernels`), built for AVX-512
/// (Intel Skylake-SP 2017 and later Xeons, Ice Lake, AMD Zen 4 and later) and used only when the
/// CPU reports it at run time (`Sources/CPUFeatures`): the same bits, twice the register width.
/// Only release builds use AVX-512 there (`Scripts/check-avx512-confinement.sh` checks that no
/// other code picked any up); a debug build compiles the same code for Haswell, so the tests run
/// its logic on any CPU and no debug-only generic helper can carry AVX-512 into other modules.
/// `WIDE_LANES` picks register blocks for 32 vector registers in the kernels that WideKernels
/// shares with NeuralNet (`Sources/NeuralNet/Core/LaneKernels.swift`).
let wideKernelSettings: [SwiftSetting] =
  [.define("WIDE_LANES")]
  + (buildsForHaswell
    ? [
      .unsafeFlags(["-target-cpu", "skylake-avx512"], .when(configuration: .release)),
      .unsafeFlags(["-target-cpu", "haswell"], .when(configuration: .debug)),
    ] : [])

let package = Package(
  name: "nnbook",
  products: [
    .library(name: "NeuralNet", targets: ["NeuralNet"]),
    .library(name: "TextPlot", targets: ["TextPlot"]),
    .library(name: "CellLanguage", targets: ["CellLanguage"]),
    .library(name: "Notebook", targets: ["Notebook"]),
    .executable(name: "nnbook", targets: ["nnbook"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .target(name: "CPUFeatures"),
    .target(name: "VectorIntrinsics"),
    .target(
      name: "WideKernels", dependencies: ["VectorIntrinsics"], swiftSettings: wideKernelSettings),
    .target(
      name: "NeuralNet", dependencies: ["CPUFeatures", "VectorIntrinsics", "WideKernels"],
      swiftSettings: kernelSettings,
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    .target(name: "_TerminalText"),
    .target(name: "TextPlot", dependencies: ["_TerminalText"]),
    .target(name: "CellLanguage", dependencies: ["_TerminalText"]),
    .target(name: "Notebook", dependencies: ["NeuralNet", "TextPlot", "CellLanguage"]),
    .systemLibrary(
      name: "CReadline", pkgConfig: "readline", providers: [.apt(["libreadline-dev"])]),
    .executableTarget(
      name: "nnbook",
      dependencies: [
        "Notebook", "CellLanguage", "NeuralNet", "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ], swiftSettings: buildsForHaswell ? [.define("HASWELL_BUILD")] : []),
    .executableTarget(
      name: "nnbench", dependencies: ["NeuralNet", "WideKernels"], path: "Benchmarks/NNBench",
      swiftSettings: kernelSettings),
    .executableTarget(
      name: "circles-demo", dependencies: ["NeuralNet"], path: "Examples/CirclesDemo"),
    .testTarget(
      name: "NeuralNetTests", dependencies: ["NeuralNet", "WideKernels"], exclude: ["Reference"]),
    .testTarget(name: "TerminalTextTests", dependencies: ["_TerminalText"]),
    .testTarget(name: "TextPlotTests", dependencies: ["TextPlot"], exclude: ["Golden"]),
    .testTarget(
      name: "CellLanguageTests", dependencies: ["CellLanguage"], exclude: ["Scripts"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "CellLanguage", "NeuralNet"]),
    .testTarget(name: "CLITests", dependencies: ["nnbook"]),
  ]
)
