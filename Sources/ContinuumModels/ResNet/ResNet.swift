import ContinuumNeural
import ContinuumNumerics
import ContinuumODE

/// A residual network whose blocks are steps of an integrator: lift `x₀ = L(input)`, then `N`
/// blocks `x_{k+1} = Φ_h(x_k)` of a ``ResidualScheme`` on `t ∈ [0, T]` with `h = T/N` and the
/// vector field `f(x, θ) = MLP_θ(x)`, then a head `logits = x_N W + b`.
///
/// The weights of the blocks follow a ``WeightSchedule``: independent per block (a ResNet), or
/// samples of a continuous `θ(t)`, in which case the network is a discretisation of the neural
/// ODE `x' = f(x, θ(t))` and converges to it as `N → ∞` at the order of the scheme.
///
/// Parameters are one flat vector: the lifting `Dense` (if any), then the coefficient sets of
/// `θ` (each one field network, plus the velocity network of a partitioned scheme), then the
/// head. Forward and backward passes run in a ``ResNetWorkspace`` and allocate nothing.
///
/// ```swift
/// let net = try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 16, scheme: .rk4)
/// let theta = net.initialParameters(seed: 1)
/// let workspace = net.makeWorkspace(batchCapacity: 64)
/// ```
public struct ResNet: Sendable {
    /// How the input is mapped to the `width` features.
    public enum Lifting: Sendable, Hashable {
        /// A learned affine map `input W + b`.
        case dense
        /// The input followed by zeros (`inputWidth ≤ width`), as in augmented neural ODEs.
        case padding
    }

    public let inputWidth: Int
    /// Width of the residual state `x`.
    public let width: Int
    /// Number of outputs of the head (classes or regression targets).
    public let outputWidth: Int
    /// Number of blocks `N`.
    public let depth: Int
    /// The final time `T` (the blocks' steps are `h = T/N`).
    public let horizon: Double
    public let scheme: ResidualScheme
    public let schedule: WeightSchedule
    public let lifting: Lifting
    /// The vector field `f` (a partitioned scheme's force `F(q)` on half the width).
    public let field: MLP
    /// Hidden widths of the field network(s).
    public let hidden: [Int]
    /// The activation of the field network(s)' hidden layers.
    public let activation: Activation
    /// A partitioned scheme's velocity `V(p)`; nil otherwise.
    public let velocity: MLP?
    /// The lifting layer, when ``lifting`` is `.dense`.
    public let lift: Dense?
    /// The output layer.
    public let head: Dense
    /// Where everything lives in the flat parameter vector.
    public let layout: ParameterLayout
    /// Offset of coefficient set 0; set `j` starts at `fieldOffset + j · setParameterCount`.
    public let fieldOffset: Int

    /// A network; `hidden` lists the hidden widths of the field network(s).
    public init(
        inputWidth: Int, width: Int, outputWidth: Int, depth: Int, horizon: Double = 1, scheme: ResidualScheme,
        schedule: WeightSchedule = .independent, lifting: Lifting = .dense, hidden: [Int] = [16],
        activation: Activation = .tanh
    ) throws(ResNetError) {
        guard inputWidth > 0, width > 0, outputWidth > 0 else {
            throw .invalidConfiguration("widths must be positive (input \(inputWidth), width \(width), output \(outputWidth))")
        }
        guard depth > 0 else { throw .invalidConfiguration("depth must be positive, got \(depth)") }
        guard horizon > 0, horizon.isFinite else { throw .invalidConfiguration("horizon T must be positive, got \(horizon)") }
        guard lifting == .dense || inputWidth <= width else {
            throw .invalidConfiguration("padding needs inputWidth ≤ width (\(inputWidth) > \(width))")
        }
        if scheme.isPartitioned, width % 2 != 0 {
            throw .invalidConfiguration("a partitioned (leapfrog) block needs an even width, got \(width)")
        }
        if case .eulerMaruyama(let noise) = scheme, !(noise >= 0 && noise.isFinite) {
            throw .invalidConfiguration("the noise ν must be finite and non-negative, got \(noise)")
        }
        switch schedule {
        case .independent: break
        case .piecewiseLinear(let nodes) where nodes < 2:
            throw .invalidConfiguration("a piecewise-linear θ(t) needs at least 2 nodes, got \(nodes)")
        case .legendre(let count) where count < 1:
            throw .invalidConfiguration("a Legendre θ(t) needs at least 1 polynomial, got \(count)")
        default: break
        }
        let fieldWidth = scheme.isPartitioned ? width / 2 : width
        do {
            field = try MLP(widths: [fieldWidth] + hidden + [fieldWidth], activation: activation)
            velocity = scheme.isPartitioned ? try MLP(widths: [fieldWidth] + hidden + [fieldWidth], activation: activation) : nil
        } catch {
            throw .layer(error)
        }
        var layout = ParameterLayout()
        lift = lifting == .dense
            ? Dense(inputs: inputWidth, outputs: width, activation: .identity, name: "lift", layout: &layout) : nil
        fieldOffset = layout.count
        for j in 0..<schedule.coefficientSetCount(depth: depth) {
            for (name, network) in [("field", field), ("velocity", velocity)] {
                guard let network else { continue }
                for block in network.layout.blocks {
                    layout.append(
                        "theta\(j).\(name).\(block.name)", kind: block.kind, count: block.count, fanIn: block.fanIn,
                        fanOut: block.fanOut)
                }
            }
        }
        head = Dense(inputs: width, outputs: outputWidth, activation: .identity, name: "head", layout: &layout)
        self.layout = layout
        self.inputWidth = inputWidth
        self.width = width
        self.outputWidth = outputWidth
        self.depth = depth
        self.horizon = horizon
        self.scheme = scheme
        self.schedule = schedule
        self.lifting = lifting
        self.hidden = hidden
        self.activation = activation
    }

    /// The step `h = T/N`.
    @inlinable public var stepSize: Double { horizon / Double(depth) }
    /// Number of parameters.
    @inlinable public var parameterCount: Int { layout.count }
    /// Parameters of one coefficient set of `θ`.
    @inlinable public var setParameterCount: Int { field.parameterCount + (velocity?.parameterCount ?? 0) }
    /// Number of coefficient sets of `θ`.
    public var coefficientSetCount: Int { schedule.coefficientSetCount(depth: depth) }
    /// The indices of the block weights `θ` in the parameter vector.
    public var fieldRange: Range<Int> { fieldOffset..<(fieldOffset + coefficientSetCount * setParameterCount) }

    /// Seeded initial parameters: Glorot-uniform weights and zero biases, with the field's
    /// output layer scaled by `fieldScale` so the initial blocks are gentle.
    public func initialParameters(seed: UInt64, fieldScale: Double = 1) -> [Double] {
        var stream = RandomStream(seed: seed)
        var theta = layout.initialize(weights: .glorotUniform, biases: .zeros, stream: &stream)
        if fieldScale != 1 {
            let lastWeight = "layer\(field.layers.count - 1).weight"
            for block in layout.blocks where block.name.hasPrefix("theta") && block.name.hasSuffix(lastWeight) {
                for k in block.range { theta[k] *= fieldScale }
            }
        }
        return theta
    }

    /// A workspace for batches of up to `batchCapacity` samples.
    public func makeWorkspace(batchCapacity: Int = 1) -> ResNetWorkspace { ResNetWorkspace(self, batchCapacity: batchCapacity) }

    /// The same network with another depth (a continuous schedule keeps the parameter vector).
    public func withDepth(_ newDepth: Int) throws(ResNetError) -> ResNet {
        try ResNet(
            inputWidth: inputWidth, width: width, outputWidth: outputWidth, depth: newDepth, horizon: horizon,
            scheme: scheme, schedule: schedule, lifting: lifting, hidden: hidden, activation: activation)
    }
}
