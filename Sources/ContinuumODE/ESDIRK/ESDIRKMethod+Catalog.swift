/// Compiled method values, built once and shared.
@usableFromInline
enum ESDIRKCatalog {
    static let kvaerno5 = ESDIRKMethod(.kvaerno5)
    static let kenCarp4 = ESDIRKMethod(.kenCarp4)
    static let all: [ESDIRKMethod] = [kvaerno5, kenCarp4]
}

extension ESDIRKTableau {
    /// Every built-in ESDIRK tableau: `kvaerno5`, `kencarp4`.
    public static var all: [ESDIRKTableau] { [.kvaerno5, .kenCarp4] }
}

extension ESDIRKMethod {
    /// Every built-in ESDIRK method with default settings: `kvaerno5`, `kencarp4`.
    public static var all: [ESDIRKMethod] { ESDIRKCatalog.all }

    /// The built-in method called `name` (case-insensitive), e.g. `"kvaerno5"`.
    public static func named(_ name: String) -> ESDIRKMethod? {
        let key = name.lowercased()
        return ESDIRKCatalog.all.first { $0.name == key }
    }
}

// Leading-dot access in generic contexts: `solve(problem, with: .kvaerno5)`.
extension ODESolver where Self == ESDIRKMethod {
    /// Kværnø's ESDIRK 5(4): seven stages, stiffly accurate, L-stable.
    public static var kvaerno5: Self { ESDIRKCatalog.kvaerno5 }
    /// The implicit part of Kennedy & Carpenter's ARK4(3)6L[2]SA: six stages, stiffly accurate, L-stable.
    public static var kenCarp4: Self { ESDIRKCatalog.kenCarp4 }
}
