/// Misuse of the neural-network API that is caught when a model, optimiser or loss is built.
/// Hot paths (forward passes, vector-Jacobian products, optimiser steps) check buffer sizes with
/// preconditions instead: a wrong size there is a programming error, not a data error.
public enum NeuralError: Error, Equatable, CustomStringConvertible {
    /// A layer-width list is too short or holds a non-positive width.
    case invalidWidths([Int])
    /// A list of per-layer settings does not match the number of layers.
    case countMismatch(expected: Int, actual: Int, what: String)
    /// A hyperparameter has an unusable value.
    case invalidHyperparameter(name: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case .invalidWidths(let widths):
            return "layer widths \(widths) must list at least an input and an output width, all positive"
        case .countMismatch(let expected, let actual, let what):
            return "\(what) has \(actual) entries but \(expected) are needed"
        case .invalidHyperparameter(let name, let value, let reason):
            return "invalid \(name) = \(value): \(reason)"
        }
    }
}
