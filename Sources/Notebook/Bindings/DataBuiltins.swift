import CellLanguage
import NeuralNet

extension NotebookBuiltins {
  static var dataBuiltins: [Builtin] {
    [circles, moons, xor, spiral, blobs, split, standardize]
  }

  private static func generator(
    _ name: String, summary: String, labels: [String],
    make: @escaping (Arguments) throws(RuntimeError) -> Dataset
  ) -> Builtin {
    Builtin(name, summary: summary, parameters: labels.map { Parameter($0) }) { arguments, _ in
      .object(DatasetObject(try make(arguments)))
    }
  }

  static var circles: Builtin {
    generator(
      "circles",
      summary: "Two concentric circles, exactly scikit-learn's make_circles for the same seed.",
      labels: ["n", "noise", "factor", "seed"]
    ) { (arguments) throws(RuntimeError) in
      let count = try arguments.exampleCount(default: 100)
      let noise = try arguments.noise()
      let factor = try arguments.number("factor", default: 0.8)
      let seed = try arguments.seed()
      return try library { () throws(NeuralNetError) in
        try Dataset.circles(count: count, noise: noise, factor: factor, seed: seed)
      }
    }
  }

  static var moons: Builtin {
    generator(
      "moons",
      summary:
        "Two interleaving half circles, exactly scikit-learn's make_moons for the same seed.",
      labels: ["n", "noise", "seed"]
    ) { (arguments) throws(RuntimeError) in
      let count = try arguments.exampleCount(default: 100)
      let noise = try arguments.noise()
      let seed = try arguments.seed()
      return try library { () throws(NeuralNetError) in
        try Dataset.moons(count: count, noise: noise, seed: seed)
      }
    }
  }

  static var xor: Builtin {
    generator(
      "xor", summary: "Points in the four quadrants; class 1 where x1 and x2 differ in sign.",
      labels: ["n", "noise", "seed"]
    ) { (arguments) throws(RuntimeError) in
      let count = try arguments.exampleCount(default: 200)
      let noise = try arguments.noise()
      let seed = try arguments.seed()
      return try library { () throws(NeuralNetError) in
        try Dataset.xor(count: count, noise: noise, seed: seed)
      }
    }
  }

  static var spiral: Builtin {
    generator(
      "spiral", summary: "Interleaved spiral arms, one class per arm.",
      labels: ["n", "arms", "noise", "seed"]
    ) { (arguments) throws(RuntimeError) in
      let count = try arguments.exampleCount(default: 300)
      let arms = try arguments.integer("arms", default: 2, in: 2...26)
      let noise = try arguments.noise()
      let seed = try arguments.seed()
      return try library { () throws(NeuralNetError) in
        try Dataset.spiral(count: count, arms: arms, noise: noise, seed: seed)
      }
    }
  }

  static var blobs: Builtin {
    generator(
      "blobs", summary: "Gaussian blobs around random centres, as scikit-learn's make_blobs.",
      labels: ["n", "centers", "std", "seed"]
    ) { (arguments) throws(RuntimeError) in
      let count = try arguments.exampleCount(default: 200)
      let centers = try arguments.integer("centers", default: 3, in: 1...26)
      let deviation = try arguments.number("std", default: 1, in: 1e-6...1_000)
      let seed = try arguments.seed()
      return try library(["n": "n"]) { () throws(NeuralNetError) in
        try Dataset.blobs(count: count, centers: centers, standardDeviation: deviation, seed: seed)
      }
    }
  }

  static var split: Builtin {
    Builtin(
      "split",
      summary: "Splits a dataset into [train, test], or [train, val, test] with val:, by class.",
      parameters: [
        Parameter("data", positional: true, required: true), Parameter("test"), Parameter("val"),
        Parameter("seed"),
      ]
    ) { arguments, _ in
      let data = try arguments.dataset("data")
      let fraction = try arguments.number("test", default: 0.2)
      let seed = try arguments.seed()
      if arguments.has("val") {
        let validationFraction = try arguments.number("val")
        let (train, validation, test) = try library { () throws(NeuralNetError) in
          try data.split(validationFraction: validationFraction, testFraction: fraction, seed: seed)
        }
        return .list([train, validation, test].map { .object(DatasetObject($0)) })
      }
      let (train, test) = try library { () throws(NeuralNetError) in
        try data.split(testFraction: fraction, seed: seed)
      }
      return .list([.object(DatasetObject(train)), .object(DatasetObject(test))])
    }
  }

  static var standardize: Builtin {
    Builtin(
      "standardize",
      summary: "Scales every dataset given by the mean and deviation of the first one.",
      parameters: [Parameter("data", positional: true, required: true)], isVariadic: true
    ) { arguments, _ in
      let first = try arguments.dataset("data")
      let scaler = try library { () throws(NeuralNetError) in try Standardizer(fittedTo: first) }
      var results: [Value] = []
      for (index, value) in ([try arguments.value("data")] + arguments.rest).enumerated() {
        guard case .object(let object) = value, let dataset = object as? DatasetObject else {
          throw RuntimeError(
            "expected a dataset for argument \(index + 1) of `standardize`, got "
              + value.typeDescription,
            argument: index == 0 ? "data" : Arguments.label(ofRest: index - 1))
        }
        let scaled = try library { () throws(NeuralNetError) in
          try scaler.transform(dataset.dataset)
        }
        results.append(.object(DatasetObject(scaled)))
      }
      return results.count == 1 ? results[0] : .list(results)
    }
  }
}
