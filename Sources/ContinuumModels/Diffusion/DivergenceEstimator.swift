import ContinuumNumerics

/// How the likelihood integrates `∇·v` along the probability flow.
public enum DivergenceEstimator: Sendable, Equatable {
    /// The exact trace of the Jacobian (from the score's Laplacian): for small `d`.
    case exact
    /// Hutchinson's estimator `tr J ≈ (1/m) Σᵢ εᵢᵀ J εᵢ` with `m` probes held fixed along the path
    /// (so each probe gives an unbiased log-likelihood, and their spread a standard error). Point
    /// `p`'s probes come from `key.split(p)`.
    case hutchinson(probes: Int, distribution: ProbeDistribution, key: RandomKey)

    /// The distribution of Hutchinson probes (both have `E εεᵀ = I`).
    public enum ProbeDistribution: Sendable, Equatable {
        /// Entries ±1 with probability ½ (the smaller variance).
        case rademacher
        /// Standard normal entries.
        case gaussian
    }

    /// The number of accumulated divergence integrals.
    var integrals: Int {
        switch self {
        case .exact: return 1
        case let .hutchinson(probes, _, _): return probes
        }
    }

    /// The probes of point `index` (`m × d`, row after row); empty for `.exact`.
    func probes(dimension d: Int, index: Int) -> [Double] {
        guard case let .hutchinson(m, distribution, key) = self else { return [] }
        var stream = RandomStream(key: key.split(UInt64(index)))
        return (0..<(m * d)).map { _ in
            switch distribution {
            case .rademacher: return stream.nextUniform() < 0.5 ? -1 : 1
            case .gaussian: return stream.nextNormal()
            }
        }
    }
}
