import ContinuumNeural

/// A residual network that cannot be built as asked, or data it cannot train on.
public enum ResNetError: Error, Equatable, CustomStringConvertible {
    /// A size or setting is out of range; `reason` says which and why.
    case invalidConfiguration(String)
    /// A layer could not be built.
    case layer(NeuralError)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid ResNet: \(reason)"
        case .layer(let error): "invalid ResNet layer: \(error)"
        }
    }
}
