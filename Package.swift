// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "nnbook",
  products: [
    .library(name: "NeuralNet", targets: ["NeuralNet"]),
    .library(name: "CellLanguage", targets: ["CellLanguage"]),
    .library(name: "Notebook", targets: ["Notebook"]),
  ],
  targets: [
    .target(name: "NeuralNet"),
    .target(name: "CellLanguage"),
    .target(name: "Notebook", dependencies: ["NeuralNet", "CellLanguage"]),
    .executableTarget(
      name: "circles-demo", dependencies: ["NeuralNet"], path: "Examples/CirclesDemo"),
    .testTarget(
      name: "NeuralNetTests",
      dependencies: ["NeuralNet"],
      exclude: ["Reference"]
    ),
    .testTarget(
      name: "CellLanguageTests",
      dependencies: ["CellLanguage"],
      exclude: ["Scripts"]
    ),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "CellLanguage", "NeuralNet"]),
  ]
)
