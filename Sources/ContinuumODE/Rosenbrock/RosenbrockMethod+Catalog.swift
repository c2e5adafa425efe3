/// Compiled method values, built once and shared.
@usableFromInline
enum RosenbrockCatalog {
    static let rosenbrock23 = RosenbrockMethod(.rosenbrock23)
    static let rodas4 = RosenbrockMethod(.rodas4)
    static let rodas5P = RosenbrockMethod(.rodas5P)
    static let all: [RosenbrockMethod] = [rosenbrock23, rodas4, rodas5P]
}

extension RosenbrockTableau {
    /// Every built-in Rosenbrock tableau, by order.
    public static var all: [RosenbrockTableau] { [.rosenbrock23, .rodas4, .rodas5P] }
}

extension RosenbrockMethod {
    /// Every built-in Rosenbrock method: `rosenbrock23`, `rodas4`, `rodas5p`.
    public static var all: [RosenbrockMethod] { RosenbrockCatalog.all }

    /// The built-in method called `name` (case-insensitive), e.g. `"rodas5p"`.
    public static func named(_ name: String) -> RosenbrockMethod? {
        let key = name.lowercased()
        return RosenbrockCatalog.all.first { $0.name == key }
    }
}

// Leading-dot access in generic contexts: `solve(problem, with: .rodas5P)`.
extension ODESolver where Self == RosenbrockMethod {
    /// Shampine & Reichelt's Rosenbrock 2(3) (MATLAB's ode23s): L-stable, for loose tolerances.
    public static var rosenbrock23: Self { RosenbrockCatalog.rosenbrock23 }
    /// Hairer & Wanner's RODAS 4(3).
    public static var rodas4: Self { RosenbrockCatalog.rodas4 }
    /// Steinebach's Rodas5P 5(4): the default stiff method for moderate to tight tolerances.
    public static var rodas5P: Self { RosenbrockCatalog.rodas5P }
}
