/// The 4-point Gauss-Legendre rule on [0, 1]: exact for polynomials of degree 7, above the degree
/// of every dense output it integrates.
@usableFromInline
enum GaussLegendre4 {
    /// Nodes in (0, 1): `(1 ± sqrt(3/7 ∓ (2/7) sqrt(6/5))) / 2`.
    @usableFromInline static let nodes: [Double] = {
        let inner = (3.0 / 7.0 - 2.0 / 7.0 * (6.0 / 5.0).squareRoot()).squareRoot()
        let outer = (3.0 / 7.0 + 2.0 / 7.0 * (6.0 / 5.0).squareRoot()).squareRoot()
        return [(1 - outer) / 2, (1 - inner) / 2, (1 + inner) / 2, (1 + outer) / 2]
    }()
    /// Weights on [0, 1]: `(18 ± sqrt(30)) / 72`.
    @usableFromInline static let weights: [Double] = {
        let innerWeight = (18.0 + 30.0.squareRoot()) / 72
        let outerWeight = (18.0 - 30.0.squareRoot()) / 72
        return [outerWeight, innerWeight, innerWeight, outerWeight]
    }()
}
