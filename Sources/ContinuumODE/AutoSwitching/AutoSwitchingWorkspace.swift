/// The storage of an automatic-switching solve: both methods' workspaces, which one is active, the
/// switching counters, and one dense-output buffer of the larger degree that the active method's
/// continuous extension is copied into.
public final class AutoSwitchingWorkspace<NonStiff: ODEWorkspace, Stiff: ODEWorkspace>: ODEWorkspace {
    /// The non-stiff method's workspace.
    public let nonStiff: NonStiff
    /// The stiff method's workspace.
    public let stiff: Stiff
    /// Whether the stiff method is running.
    @exclusivity(unchecked) public internal(set) var stiffIsActive = false
    /// Number of switches so far.
    @exclusivity(unchecked) public internal(set) var switches = 0
    @exclusivity(unchecked) @usableFromInline var switchPending = false
    @exclusivity(unchecked) @usableFromInline var stiffReadings = 0
    @exclusivity(unchecked) @usableFromInline var nonStiffReadings = 0
    @exclusivity(unchecked) @usableFromInline var stepsSinceProbe = 0
    public let dimension: Int
    public let stride: Int
    public let denseTerms: UnsafeMutablePointer<Double>
    @usableFromInline let probe: UnsafeMutablePointer<Double>
    private let denseDegree: Int

    init(nonStiff: NonStiff, stiff: Stiff, denseDegree: Int) {
        self.nonStiff = nonStiff
        self.stiff = stiff
        dimension = nonStiff.dimension
        stride = max(dimension, 1)
        self.denseDegree = denseDegree
        denseTerms = .allocate(capacity: max(denseDegree * stride, 1))
        denseTerms.initialize(repeating: 0, count: max(denseDegree * stride, 1))
        probe = .allocate(capacity: 4 * stride)
        probe.initialize(repeating: 0, count: 4 * stride)
    }

    deinit {
        denseTerms.deallocate()
        probe.deallocate()
    }

    public var state: UnsafeMutablePointer<Double> { stiffIsActive ? stiff.state : nonStiff.state }
    public var candidate: UnsafeMutablePointer<Double> { stiffIsActive ? stiff.candidate : nonStiff.candidate }
    public var derivative: UnsafeMutablePointer<Double> { stiffIsActive ? stiff.derivative : nonStiff.derivative }
    public var scratch: UnsafeMutablePointer<Double> { stiffIsActive ? stiff.scratch : nonStiff.scratch }
    public var scratch2: UnsafeMutablePointer<Double> { stiffIsActive ? stiff.scratch2 : nonStiff.scratch2 }

    /// Copies `degree` dense-output vectors at `sourceStride` into this workspace's buffer and zeroes
    /// the remaining terms, so the driver sees one polynomial degree throughout.
    @usableFromInline
    func adoptDenseTerms(from source: UnsafePointer<Double>, degree: Int, sourceStride: Int) {
        let n = dimension
        for j in 0..<denseDegree {
            let target = denseTerms + j * stride
            if j < degree {
                target.update(from: source + j * sourceStride, count: n)
            } else {
                target.update(repeating: 0, count: n)
            }
        }
    }
}
