// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "nnbook",
  products: [
    .library(name: "NeuralNet", targets: ["NeuralNet"]),
    .library(name: "TextPlot", targets: ["TextPlot"]),
  ],
  targets: [
    .target(name: "NeuralNet"),
    .target(name: "TextPlot"),
    .executableTarget(
      name: "circles-demo", dependencies: ["NeuralNet"], path: "Examples/CirclesDemo"),
    .testTarget(
      name: "NeuralNetTests",
      dependencies: ["NeuralNet"],
      exclude: ["Reference"]
    ),
    .testTarget(
      name: "TextPlotTests",
      dependencies: ["TextPlot"],
      exclude: ["Golden"]
    ),
  ]
)
