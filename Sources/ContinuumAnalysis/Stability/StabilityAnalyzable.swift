import ContinuumODE

/// An integration method that knows its linear stability from its coefficients, so tools can ask
/// the method rather than look it up by name:
///
/// ```swift
/// let summary = StabilitySummary(ExplicitRungeKutta.dopri5.linearStability)
/// ```
///
/// Families added later (symplectic, stochastic) conform by returning their own
/// ``LinearStability`` model.
public protocol StabilityAnalyzable {
    /// The stability model's type.
    associatedtype Stability: LinearStability
    /// The method's behaviour on `y' = λy`.
    var linearStability: Stability { get }
}

extension ExplicitRungeKutta: StabilityAnalyzable {
    /// `R(z)` of the method's tableau.
    public var linearStability: OneStepStability {
        .rungeKutta(name: tableau.name, order: tableau.order,
                    a: (0..<tableau.stageCount).map { i in (0..<tableau.stageCount).map { j in j < i ? tableau.a[i][j] : 0 } },
                    b: tableau.b)
    }
}

extension RosenbrockMethod: StabilityAnalyzable {
    /// `R(z)` of the method's transformed tableau.
    public var linearStability: OneStepStability { OneStepStability(tableau) }
}

extension ESDIRKMethod: StabilityAnalyzable {
    /// `R(z)` of the method's tableau.
    public var linearStability: OneStepStability { OneStepStability(tableau) }
}

extension RadauIIA5: StabilityAnalyzable {
    /// `R(z)` of Radau IIA of order 5.
    public var linearStability: OneStepStability { OneStepStability(coefficients) }
}

extension BDFMethod: StabilityAnalyzable {
    /// The formula of the method's highest order: a variable-order solve is as stable as the order
    /// it uses, and this is the most restrictive one.
    public var linearStability: MultistepStability {
        .backwardDifferentiation(order: maximumOrder, coefficients)
    }
}
