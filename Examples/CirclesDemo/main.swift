// The second seed's walkthrough in plain Swift: a 2-16-1 ReLU/sigmoid network with He
// initialisation, trained full-batch with binary cross-entropy on make_circles data.
import Foundation
import NeuralNet

do {
  let data = try Dataset.circles(count: 1000, noise: 0.1, factor: 0.5, seed: 42)
  let (train, test) = try data.split(testFraction: 0.2, seed: 42)
  var model = try MultilayerPerceptron(
    inputs: 2, hidden: [16], outputs: 1, activation: .relu, head: .sigmoid, initialization: .he,
    seed: 42)
  print("network 2-16-1 (relu, sigmoid head, he init), \(model.parameterCount) parameters")
  print("data    \(data.name): \(train.count) train, \(test.count) test")

  let history = try model.fit(train, options: TrainingOptions(epochs: 1000, learningRate: 0.1))
  for epoch in history.loggedEpochs {
    print("epoch \(epoch)  loss \(history.loss[epoch])")
  }
  print("stopped: \(history.stopReason)")
  print("train accuracy \(try model.accuracy(on: train))")
  print("test accuracy  \(try model.accuracy(on: test))")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
