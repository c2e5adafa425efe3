// Leading-dot access in generic contexts: `solve(problem, with: .bdf)`.
extension ODESolver where Self == BDFMethod {
    /// Variable-order BDF, orders 1–5 (like CVODE and scipy's `BDF` with its NDF option off).
    public static var bdf: Self { BDFMethod() }
    /// Variable-order NDF, orders 1–5: Shampine & Reichelt's numerical differentiation formulas
    /// (MATLAB's ode15s, scipy's `BDF` default).
    public static var ndf: Self { BDFMethod(formula: .ndf) }
}
