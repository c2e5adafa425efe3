import ContinuumODE

/// The stability functions of every built-in method, by the names the command line uses.
public enum StabilityCatalog {
    /// Every explicit Runge-Kutta tableau, the Rosenbrock, Radau and ESDIRK methods, and the
    /// fixed-order BDF and NDF formulas `bdf1`…`bdf5`, `ndf1`…`ndf5`.
    public static var all: [any LinearStability] {
        let explicit: [any LinearStability] = ExplicitRungeKutta.all.map(\.linearStability)
        let rosenbrock: [any LinearStability] = RosenbrockMethod.all.map(\.linearStability)
        let esdirk: [any LinearStability] = ESDIRKMethod.all.map(\.linearStability)
        let multistep: [any LinearStability] = [BDFMethod.Formula.bdf, .ndf].flatMap { formula in
            (1...5).map { BDFMethod.fixedOrder($0, formula: formula).linearStability }
        }
        return explicit + rosenbrock + [RadauIIA5().linearStability] + esdirk + multistep
    }

    /// The method called `name` (case-insensitive); `"name:embedded"` (or `"name-embedded"`) is
    /// the embedded error estimator of an adaptive Runge-Kutta, Rosenbrock or ESDIRK method.
    public static func named(_ name: String) -> (any LinearStability)? {
        let key = name.lowercased()
        for suffix in [":embedded", "-embedded"] where key.hasSuffix(suffix) {
            let base = String(key.dropLast(suffix.count))
            if let tableau = ButcherTableau.named(base) { return OneStepStability(tableau, embedded: true) }
            if let tableau = RosenbrockTableau.all.first(where: { $0.name == base }) { return OneStepStability(tableau, embedded: true) }
            if let tableau = ESDIRKTableau.all.first(where: { $0.name == base }) { return OneStepStability(tableau, embedded: true) }
            return nil
        }
        return all.first { $0.name == key }
    }
}
