// swift-tools-version: 6.0
import PackageDescription

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
    .target(name: "NeuralNet"),
    .target(name: "TextPlot"),
    .target(name: "CellLanguage"),
    .target(name: "Notebook", dependencies: ["NeuralNet", "TextPlot", "CellLanguage"]),
    .systemLibrary(
      name: "CReadline", pkgConfig: "readline", providers: [.apt(["libreadline-dev"])]),
    .executableTarget(
      name: "nnbook",
      dependencies: [
        "Notebook", "CellLanguage", "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "nnbench", dependencies: ["NeuralNet"], path: "Benchmarks/NNBench"),
    .executableTarget(
      name: "circles-demo", dependencies: ["NeuralNet"], path: "Examples/CirclesDemo"),
    .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"], exclude: ["Reference"]),
    .testTarget(name: "TextPlotTests", dependencies: ["TextPlot"], exclude: ["Golden"]),
    .testTarget(
      name: "CellLanguageTests", dependencies: ["CellLanguage"], exclude: ["Scripts"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "CellLanguage", "NeuralNet"]),
    .testTarget(name: "CLITests", dependencies: ["nnbook"]),
  ]
)
