import Continuum
import Foundation

/// The built-in problems of `continuum work-precision`, written as text like `--rhs` problems,
/// with the sweep that suits each: tolerances, the absolute-to-relative tolerance ratio, the
/// error floor, the reference method and the methods compared by default.
struct WorkPrecisionProblem {
    let name: String
    let summary: String
    let rhs: String
    let variables: [String]
    var parameters: [(String, Double)] = []
    let y0: [Double]
    var t0 = 0.0
    let t1: Double
    /// Where errors are measured.
    let times: [Double]
    let relativeTolerances: [Double]
    /// `atol = atolRatio × rtol`.
    let atolRatio: Double
    /// Errors are relative, absolute below this magnitude of the reference.
    let errorFloor: Double
    /// The method of the reference solve and the one that checks it.
    let reference: (method: String, check: String)
    /// Tolerances of the reference solves.
    var referenceTolerance = WorkPrecision.referenceTolerance
    let methods: [String]

    static let all = [lorenz, robertson, vanDerPol, arenstorf]

    static func named(_ name: String) -> WorkPrecisionProblem? { all.first { $0.name == name.lowercased() } }

    /// `10⁻ᶠʳᵒᵐ, …, 10⁻ᵗᵒ`.
    static func decades(_ from: Int, _ to: Int) -> [Double] {
        (from...to).map { pow(10, -Double($0)) }
    }

    /// Lorenz on [0, 10]: chaotic, so errors grow like e^{0.9t}; beyond t ≈ 10 no reference
    /// computed in double precision is accurate enough to rank tight tolerances.
    static let lorenz = WorkPrecisionProblem(
        name: "lorenz", summary: "Lorenz (σ=10, ρ=28, β=8/3) from (1,0,0), t ∈ [0, 10], errors at t = 1…10",
        rhs: "10*(y-x), x*(28-z)-y, x*y-8/3*z", variables: ["x", "y", "z"], y0: [1, 0, 0], t1: 10,
        times: (1...10).map(Double.init), relativeTolerances: decades(3, 10), atolRatio: 1, errorFloor: 1e-3,
        reference: ("dop853", "vern6"), methods: ["bs3", "fehlberg45", "cashkarp", "dopri5", "tsit5", "vern6", "dop853"])

    /// Robertson's kinetics on [0, 1e11] (stiff), errors at t = 10⁻², 1, 10², …, 10¹⁰, 10¹¹.
    static let robertson = WorkPrecisionProblem(
        name: "robertson", summary: "Robertson's chemical kinetics from (1,0,0), t ∈ [0, 1e11] (stiff)",
        rhs: "-0.04*a + 1e4*b*c, 0.04*a - 1e4*b*c - 3e7*b^2, 3e7*b^2", variables: ["a", "b", "c"],
        y0: [1, 0, 0], t1: 1e11, times: [1e-2, 1, 1e2, 1e4, 1e6, 1e8, 1e10, 1e11],
        relativeTolerances: decades(2, 9), atolRatio: 1e-4, errorFloor: 1e-10,
        reference: ("radau5", "rodas5p"), referenceTolerance: (1e-13, 1e-22),
        methods: ["rosenbrock23", "rodas4", "rodas5p", "radau5", "kvaerno5", "kencarp4", "bdf", "ndf"])

    /// Van der Pol with μ = 1000 on [0, 3000] (stiff relaxation oscillations).
    static let vanDerPol = WorkPrecisionProblem(
        name: "vanderpol", summary: "Van der Pol, μ = 1000, from (2, 0), t ∈ [0, 3000] (stiff)",
        rhs: "v, mu*(1-u^2)*v - u", variables: ["u", "v"], parameters: [("mu", 1000)], y0: [2, 0], t1: 3000,
        times: (1...10).map { 300 * Double($0) }, relativeTolerances: decades(3, 9), atolRatio: 1e-2, errorFloor: 1e-6,
        reference: ("radau5", "rodas5p"), methods: ["rosenbrock23", "rodas4", "rodas5p", "radau5", "kvaerno5", "kencarp4", "bdf"])

    /// The Arenstorf orbit of the restricted three-body problem over one period (Hairer I, II.0).
    /// Positions and velocities are O(1) and pass through 0, so errors are absolute (floor 1).
    static let arenstorf = WorkPrecisionProblem(
        name: "arenstorf", summary: "Arenstorf orbit, one period t ∈ [0, 17.0652…], errors at quarter periods",
        rhs: "u, v, x + 2*v - nu*(x+mu)/((x+mu)^2+y^2)^1.5 - mu*(x-nu)/((x-nu)^2+y^2)^1.5, "
            + "y - 2*u - nu*y/((x+mu)^2+y^2)^1.5 - mu*y/((x-nu)^2+y^2)^1.5",
        variables: ["x", "y", "u", "v"], parameters: [("mu", 0.012277471), ("nu", 1 - 0.012277471)],
        y0: [0.994, 0, 0, -2.00158510637908252240537862224], t1: 17.0652165601579625588917206249,
        times: (1...4).map { 17.0652165601579625588917206249 * Double($0) / 4 }, relativeTolerances: decades(3, 11),
        atolRatio: 1, errorFloor: 1, reference: ("dop853", "vern6"),
        methods: ["bs3", "dopri5", "tsit5", "vern6", "dop853"])
}
