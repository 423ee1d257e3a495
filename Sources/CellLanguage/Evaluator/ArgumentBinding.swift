/// Matches a call's arguments to a built-in's parameters and checks them.
struct ArgumentBinding {
  var arguments: Arguments
  /// Where each bound argument's value is, for diagnostics about it.
  var ranges: [String: SourceRange] = [:]

  init(
    builtin: Builtin, arguments: [Argument], values: [Value], at callRange: SourceRange
  ) throws(Diagnostic) {
    var bound: [String: Value] = [:]
    var rest: [Value] = []
    let positional = builtin.parameters.filter(\.isPositional)
    var nextPositional = 0
    for (argument, value) in zip(arguments, values) {
      if let label = argument.label {
        guard builtin.parameters.contains(where: { $0.label == label }) else {
          throw Diagnostic(
            "`\(builtin.name)` has no argument `\(label)`",
            at: argument.labelRange ?? argument.value.range,
            hint: Suggestions.hint(for: label, among: builtin.parameters.map(\.label))
              .map { "\($0) \(builtin.signatureHint)" } ?? builtin.signatureHint)
        }
        guard bound[label] == nil else {
          throw Diagnostic(
            "argument `\(label)` is given twice", at: argument.labelRange ?? argument.value.range)
        }
        bound[label] = value
        ranges[label] = argument.value.range
      } else if nextPositional < positional.count {
        let label = positional[nextPositional].label
        nextPositional += 1
        bound[label] = value
        ranges[label] = argument.value.range
      } else if builtin.isVariadic {
        ranges[Arguments.label(ofRest: rest.count)] = argument.value.range
        rest.append(value)
      } else {
        let count = positional.count
        throw Diagnostic(
          "`\(builtin.name)` takes \(count == 0 ? "no" : "\(count)") positional "
            + "argument\(count == 1 ? "" : "s")",
          at: argument.value.range,
          hint: "label the argument; \(builtin.signatureHint)")
      }
    }
    if let missing = builtin.parameters.first(where: { $0.isRequired && bound[$0.label] == nil }) {
      throw Diagnostic(
        "`\(builtin.name)` needs `\(missing.label)`", at: callRange,
        hint: "call it as \(builtin.signature)")
    }
    self.arguments = Arguments(function: builtin.name, values: bound, rest: rest)
  }
}
