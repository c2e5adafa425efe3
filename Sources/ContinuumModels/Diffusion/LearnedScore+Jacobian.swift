import ContinuumNeural

extension LearnedScore: ScoreWithJacobian {
    /// The score and its Jacobian `∂s/∂x = −(∂ε_θ/∂x)/s(t)` from the network's input Jacobian
    /// (`d + 1` tangents pushed forward at once; the time column is dropped).
    func scoreAndJacobian(_ x: UnsafeBufferPointer<Double>, at t: Double, score: UnsafeMutableBufferPointer<Double>,
                          jacobian: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        self.score(x, at: t, into: score)
        let scale = -1 / sde.standardDeviation(at: max(t, minimumTime))
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d * (d + 1)) { full in
            parameters.withUnsafeBufferPointer { network.inputJacobian(parameters: $0, into: full, workspace: workspace) }
            for o in 0..<d {
                for i in 0..<d { jacobian[o * d + i] = scale * full[o * (d + 1) + i] }
            }
        }
    }

    public func scoreAndLaplacian(_ x: UnsafeBufferPointer<Double>, at t: Double,
                                  into score: UnsafeMutableBufferPointer<Double>) -> Double {
        let d = dimension
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: d * d) { jacobian in
            scoreAndJacobian(x, at: t, score: score, jacobian: jacobian)
            var trace = 0.0
            for i in 0..<d { trace += jacobian[i * d + i] }
            return trace
        }
    }

    public func scoreAndJacobianProducts(_ x: UnsafeBufferPointer<Double>, at t: Double, probes: UnsafeBufferPointer<Double>,
                                         score: UnsafeMutableBufferPointer<Double>,
                                         products: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d * d) { jacobian in
            scoreAndJacobian(x, at: t, score: score, jacobian: jacobian)
            for p in 0..<(probes.count / d) {
                for o in 0..<d {
                    var sum = 0.0
                    for i in 0..<d { sum += jacobian[o * d + i] * probes[p * d + i] }
                    products[p * d + o] = sum
                }
            }
        }
    }
}
