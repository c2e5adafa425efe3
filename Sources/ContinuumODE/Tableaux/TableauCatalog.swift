extension ButcherTableau {
    /// Every built-in tableau, fixed-step first, then adaptive by order.
    public static let all: [ButcherTableau] = [
        .euler, .midpoint, .heun, .ralston, .rk4,
        .bs3, .fehlberg45, .cashKarp, .dopri5, .tsit5, .vern6, .dop853,
    ]

    /// The built-in tableau called `name` (case-insensitive), if any.
    public static func named(_ name: String) -> ButcherTableau? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }
}
