extension RosenbrockTableau {
    /// Shampine & Reichelt's Rosenbrock 2(3) pair of MATLAB's `ode23s` ("The MATLAB ODE Suite",
    /// SIAM J. Sci. Comput. 18, 1997): L-stable, second order with a third-order error estimate,
    /// `γ = d = 1/(2 + √2)`, and its FSAL error stage `f(t + h, y₁)`. For loose tolerances.
    ///
    /// In the paper's form, with `W = I − hdJ`, `T = ∂f/∂t` and `e₃₂ = 6 + √2`:
    /// `W k₁ = F₀ + hdT`, `F₁ = f(t + h/2, y + hk₁/2)`, `W(k₂ − k₁) = F₁ − k₁`, `y₁ = y + hk₂`,
    /// `F₂ = f(t + h, y₁)`, `W k₃ = F₂ − e₃₂(k₂ − F₁) − 2(k₁ − F₀) + hdT`, `err = h(k₁ − 2k₂ + k₃)/6`,
    /// and the continuous extension `y + h(θ(1−θ)k₁ + θ(θ−2d)k₂)/(1 − 2d)`. Here it is transformed
    /// to `u₁ = hdk₁`, `u₂ = hd(k₂ − k₁)`, `u₃ = hdk₃`.
    public static let rosenbrock23: RosenbrockTableau = {
        let d = 1 / (2 + 2.0.squareRoot())
        let e32 = 6 + 2.0.squareRoot()
        return RosenbrockTableau(
            name: "rosenbrock23", displayName: "Rosenbrock 2(3) (Shampine-Reichelt ode23s)",
            gamma: d,
            a: [[], [1 / (2 * d)], [1 / d, 1 / d]],
            c: [[], [-1 / d], [-(e32 + 2) / d, -e32 / d]],
            derivativeWeights: [[], [], [2, e32]],
            nodes: [0, 0.5, 1],
            timeWeights: [d, 0, d],
            m: [1 / d, 1 / d, 0],
            errorWeights: [1 / (6 * d), 2 / (6 * d), -1 / (6 * d)],
            order: 2, embeddedOrder: 3,
            denseOutput: DenseOutput(
                weights: [[1 / d, -2 / (1 - 2 * d), 0], [0, 1 / (d * (1 - 2 * d)), 0]], order: 2))
    }()
}
