// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "nnbook",
  products: [
    .library(name: "NeuralNet", targets: ["NeuralNet"])
  ],
  targets: [
    .target(name: "NeuralNet"),
    .testTarget(
      name: "NeuralNetTests",
      dependencies: ["NeuralNet"],
      exclude: ["Reference"]
    ),
  ]
)
