import ContinuumNeural
import ContinuumODE

/// The neural ODE a ``ResNet``'s blocks discretise: `x' = f(x, θ(t))` on the features of
/// `rows` samples at once (state `rows × width`), with the network's own `θ(t)` (for
/// independent weights, block `⌊t/h⌋`'s set). For a partitioned scheme the field is
/// `(q, p)' = (V(p), F(q))`. Solving it with a tight tolerance gives the deep limit of the blocks.
public struct ResNetVectorField: VectorField {
    public let network: ResNet
    public let parameters: [Double]
    /// Number of samples in the state.
    public let rows: Int
    @usableFromInline let workspace: ResNetWorkspace

    public init(network: ResNet, parameters: [Double], rows: Int) {
        precondition(parameters.count == network.parameterCount && rows >= 1)
        self.network = network
        self.parameters = parameters
        self.rows = rows
        workspace = network.makeWorkspace(batchCapacity: rows)
    }

    public var dimension: Int { rows * network.width }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let net = network
        let w = workspace
        let block = Swift.min(Swift.max(Int(t / net.stepSize), 0), net.depth - 1)
        parameters.withUnsafeBufferPointer { p in
            let theta = net.weights(at: t, block: block, p.baseAddress!, w)
            guard let velocity = net.velocity else {
                ResNet.apply(net.field, theta, rows: rows, y.baseAddress!, into: dy.baseAddress!, workspace: w.fieldWorkspace)
                return
            }
            let out = dy.baseAddress!
            out.update(repeating: 0, count: dy.count)
            net.gatherHalf(y.baseAddress!, 0, rows: rows, into: w.gather(0))
            ResNet.apply(net.field, theta, rows: rows, w.gather(0), into: w.gather(1), workspace: w.fieldWorkspace)
            net.addHalf(w.gather(1), scale: 1, 1, rows: rows, into: out)
            net.gatherHalf(y.baseAddress!, 1, rows: rows, into: w.gather(0))
            ResNet.apply(
                velocity, theta + net.field.parameterCount, rows: rows, w.gather(0), into: w.gather(1),
                workspace: w.velocityWorkspace!)
            net.addHalf(w.gather(1), scale: 1, 0, rows: rows, into: out)
        }
    }
}
