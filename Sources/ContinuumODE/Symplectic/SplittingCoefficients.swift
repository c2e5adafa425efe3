import Foundation

/// One sub-flow of a splitting method, with its step fraction: a drift `q ← q + a·h·v(p)` or a
/// kick `p ← p + b·h·F(t, q)`.
public enum SplittingStage: Sendable, Equatable {
    case drift(Double)
    case kick(Double)

    /// The step fraction.
    public var fraction: Double {
        switch self {
        case let .drift(a): a
        case let .kick(b): b
        }
    }

    var isDrift: Bool { if case .drift = self { true } else { false } }

    func with(fraction: Double) -> SplittingStage { isDrift ? .drift(fraction) : .kick(fraction) }
}

/// The coefficients of a splitting (composition) method as data: the sequence of drifts and kicks
/// of one step, applied left to right.
///
/// A step of size `h` is `φ^B_{b_s h} ∘ φ^A_{a_s h} ∘ … ∘ φ^B_{b_1 h} ∘ φ^A_{a_1 h}` with `A` the
/// drift and `B` the kick. Consistency needs `Σ a = Σ b = 1`. Methods are built from published
/// coefficient lists and from compositions `S(w_1 h) ∘ … ∘ S(w_m h)` of a base method
/// (``composed(weights:)``, e.g. Yoshida's triple jump); ``merged`` removes zero stages and joins
/// consecutive stages of the same kind, which is how composing `m` Verlet steps costs `m` force
/// evaluations rather than `2m`.
public struct SplittingCoefficients: Sendable, Equatable {
    /// The stages of one step, in the order they are applied.
    public let stages: [SplittingStage]

    public init(stages: [SplittingStage]) {
        self.stages = stages
    }

    /// Alternating stages: `drift[0], kick[0], drift[1], kick[1], …` (or kicks first). The longer
    /// list may have one more element than the shorter.
    public init(drift: [Double], kick: [Double], startingWithDrift: Bool = true) {
        var stages: [SplittingStage] = []
        let (first, second) = startingWithDrift ? (drift, kick) : (kick, drift)
        for i in 0..<max(first.count, second.count) {
            if i < first.count { stages.append(startingWithDrift ? .drift(first[i]) : .kick(first[i])) }
            if i < second.count { stages.append(startingWithDrift ? .kick(second[i]) : .drift(second[i])) }
        }
        self.init(stages: stages)
    }

    /// The composition `S(w_1 h)` then `S(w_2 h)` … of this method with the step fractions
    /// `weights`, merged.
    public func composed(weights: [Double]) -> SplittingCoefficients {
        SplittingCoefficients(stages: weights.flatMap { w in stages.map { $0.with(fraction: w * $0.fraction) } }).merged
    }

    /// Yoshida's triple jump: for a symmetric method of even order `p`, the composition with
    /// weights `(γ, 1 − 2γ, γ)`, `γ = 1/(2 − 2^{1/(p+1)})`, is symmetric of order `p + 2`.
    public func tripleJump(order p: Int) -> SplittingCoefficients {
        let root = pow(2, 1.0 / Double(p + 1))
        let outer = 1 / (2 - root)
        let inner = -root / (2 - root)
        return composed(weights: [outer, inner, outer])
    }

    /// Zero stages removed and consecutive stages of the same kind joined.
    public var merged: SplittingCoefficients {
        var result: [SplittingStage] = []
        for stage in stages where stage.fraction != 0 {
            if let last = result.last, last.isDrift == stage.isDrift {
                result[result.count - 1] = last.with(fraction: last.fraction + stage.fraction)
            } else {
                result.append(stage)
            }
        }
        return SplittingCoefficients(stages: result)
    }

    /// The adjoint method `S*(h) = S(−h)⁻¹`: the stages in reverse order. A method is symmetric
    /// (time-reversible) when it equals its adjoint.
    public var adjoint: SplittingCoefficients { SplittingCoefficients(stages: stages.reversed()) }

    /// Whether the merged stage sequence is a palindrome (up to `1e-14` in each fraction), so that
    /// the step with `−h` inverts the step with `h`.
    public var isSymmetric: Bool {
        let s = merged.stages
        return zip(s, s.reversed()).allSatisfy { $0.isDrift == $1.isDrift && abs($0.fraction - $1.fraction) <= 1e-14 }
    }

    /// `Σ a` over the drifts.
    public var driftSum: Double { stages.filter(\.isDrift).map(\.fraction).reduce(0, +) }

    /// `Σ b` over the kicks.
    public var kickSum: Double { stages.filter { !$0.isDrift }.map(\.fraction).reduce(0, +) }
}
