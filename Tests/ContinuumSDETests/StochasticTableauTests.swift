import Testing
@testable import ContinuumSDE

/// Rößler's order conditions (strong order 1.5) hold for the SRI and SRA coefficients as stored.
@Suite struct StochasticTableauTests {
    static func times(_ matrix: [[Double]], _ v: [Double]) -> [Double] {
        matrix.map { row in zip(row, v).map { $0 * $1 }.reduce(0, +) }
    }
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { $0 * $1 }.reduce(0, +) }
    static func squared(_ v: [Double]) -> [Double] { v.map { $0 * $0 } }

    @Test func sriw1SatisfiesTheSRIConditions() {
        let t = SRITableau.sriw1
        let e = [Double](repeating: 1, count: t.stageCount)
        let (a0e, a1e, b0e, b1e) = (Self.times(t.a0, e), Self.times(t.a1, e), Self.times(t.b0, e), Self.times(t.b1, e))
        let b1b1e = Self.times(t.b1, b1e), a1b0e = Self.times(t.a1, b0e)
        let conditions: [(Double, Double)] = [
            (Self.dot(t.alpha, e), 1), (Self.dot(t.beta1, e), 1), (Self.dot(t.beta2, e), 0),
            (Self.dot(t.beta3, e), 0), (Self.dot(t.beta4, e), 0),
            (Self.dot(t.beta1, b1e), 0), (Self.dot(t.beta2, b1e), 1), (Self.dot(t.beta3, b1e), 0), (Self.dot(t.beta4, b1e), 0),
            (Self.dot(t.alpha, a0e), 0.5), (Self.dot(t.alpha, b0e), 1), (Self.dot(t.alpha, Self.squared(b0e)), 1.5),
            (Self.dot(t.beta1, a1e), 1), (Self.dot(t.beta2, a1e), 0), (Self.dot(t.beta3, a1e), -1), (Self.dot(t.beta4, a1e), 0),
            (Self.dot(t.beta1, Self.squared(b1e)), 1), (Self.dot(t.beta2, Self.squared(b1e)), 0),
            (Self.dot(t.beta3, Self.squared(b1e)), -1), (Self.dot(t.beta4, Self.squared(b1e)), 2),
            (Self.dot(t.beta1, b1b1e), 0), (Self.dot(t.beta2, b1b1e), 0), (Self.dot(t.beta3, b1b1e), 0), (Self.dot(t.beta4, b1b1e), 1),
            (0.5 * Self.dot(t.beta1, a1b0e) + Self.dot(t.beta3, a1b0e) / 3, 0),
        ]
        for (index, (value, expected)) in conditions.enumerated() {
            #expect(abs(value - expected) < 1e-14, "condition \(index + 1): \(value) ≠ \(expected)")
        }
        #expect(a0e == t.c0 && a1e == t.c1)
    }

    @Test func sra1SatisfiesTheSRAConditions() {
        let t = SRATableau.sra1
        let e = [Double](repeating: 1, count: t.stageCount)
        let (a0e, b0e) = (Self.times(t.a0, e), Self.times(t.b0, e))
        let conditions: [(Double, Double)] = [
            (Self.dot(t.alpha, e), 1), (Self.dot(t.beta1, e), 1), (Self.dot(t.beta2, e), 0),
            (Self.dot(t.alpha, b0e), 1), (Self.dot(t.alpha, a0e), 0.5), (Self.dot(t.alpha, Self.squared(b0e)), 1.5),
            (Self.dot(t.beta1, t.c1), 1), (Self.dot(t.beta2, t.c1), -1),
        ]
        for (index, (value, expected)) in conditions.enumerated() {
            #expect(abs(value - expected) < 1e-14, "condition \(index + 1): \(value) ≠ \(expected)")
        }
        #expect(a0e == t.c0)
    }
}
