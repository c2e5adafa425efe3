/// Compiled method values, built once and shared.
@usableFromInline
enum RungeKuttaCatalog {
    static let all: [ExplicitRungeKutta] = ButcherTableau.all.map(ExplicitRungeKutta.init)
    static func method(_ name: String) -> ExplicitRungeKutta { all.first { $0.name == name }! }
    static let euler = method("euler")
    static let midpoint = method("midpoint")
    static let heun = method("heun")
    static let ralston = method("ralston")
    static let rk4 = method("rk4")
    static let bs3 = method("bs3")
    static let fehlberg45 = method("fehlberg45")
    static let cashKarp = method("cashkarp")
    static let dopri5 = method("dopri5")
    static let tsit5 = method("tsit5")
    static let vern6 = method("vern6")
    static let dop853 = method("dop853")
}

extension ExplicitRungeKutta {
    /// Every built-in explicit Runge-Kutta method.
    public static var all: [ExplicitRungeKutta] { RungeKuttaCatalog.all }

    /// The built-in method called `name` (case-insensitive), e.g. `"dopri5"`.
    public static func named(_ name: String) -> ExplicitRungeKutta? {
        let key = name.lowercased()
        return RungeKuttaCatalog.all.first { $0.name == key }
    }
}

// Leading-dot access in generic contexts: `solve(problem, with: .dopri5)`.
extension ODESolver where Self == ExplicitRungeKutta {
    /// Forward Euler (fixed step).
    public static var euler: Self { RungeKuttaCatalog.euler }
    /// Explicit midpoint (fixed step).
    public static var midpoint: Self { RungeKuttaCatalog.midpoint }
    /// Heun (fixed step).
    public static var heun: Self { RungeKuttaCatalog.heun }
    /// Ralston (fixed step).
    public static var ralston: Self { RungeKuttaCatalog.ralston }
    /// Classical RK4 (fixed step).
    public static var rk4: Self { RungeKuttaCatalog.rk4 }
    /// Bogacki-Shampine 3(2).
    public static var bs3: Self { RungeKuttaCatalog.bs3 }
    /// Runge-Kutta-Fehlberg 4(5).
    public static var fehlberg45: Self { RungeKuttaCatalog.fehlberg45 }
    /// Cash-Karp 5(4).
    public static var cashKarp: Self { RungeKuttaCatalog.cashKarp }
    /// Dormand-Prince 5(4), Hairer's DOPRI5.
    public static var dopri5: Self { RungeKuttaCatalog.dopri5 }
    /// Tsitouras 5(4).
    public static var tsit5: Self { RungeKuttaCatalog.tsit5 }
    /// Verner 6(5).
    public static var vern6: Self { RungeKuttaCatalog.vern6 }
    /// Dormand-Prince 8(5,3), Hairer's DOP853.
    public static var dop853: Self { RungeKuttaCatalog.dop853 }
}
