// Leading-dot access in generic contexts: `solve(problem, with: .radau5)`.
extension ODESolver where Self == RadauIIA5 {
    /// Radau IIA of order 5 with RADAU5's settings (Hairer & Wanner).
    public static var radau5: Self { RadauIIA5() }
}
