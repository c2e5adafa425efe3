extension RosenbrockTableau {
    /// Hairer & Wanner's RODAS 4(3) (*Solving ODEs II*, Sect. IV.7, and the Fortran code `rodas.f`):
    /// six stages, stiffly accurate, L-stable, with a third-order continuous extension.
    /// Coefficients as in Hairer's code (the values OrdinaryDiffEq's `Rodas4` uses).
    public static let rodas4 = RosenbrockTableau(
        name: "rodas4", displayName: "Rodas4 (Hairer-Wanner)",
        gamma: 0.25, a: Rodas4Coefficients.a, c: Rodas4Coefficients.c,
        nodes: [0, 0.386, 0.21, 0.63, 1, 1],
        timeWeights: [0.25, -0.1043, 0.1035, -0.0362, 0, 0],
        m: Rodas4Coefficients.m, errorWeights: [0, 0, 0, 0, 0, 1],
        order: 4, embeddedOrder: 3,
        denseOutput: .rodas(m: Rodas4Coefficients.m, h: Rodas4Coefficients.h, order: 3))
}

private enum Rodas4Coefficients {
    static let a: [[Double]] = [
        [],
        [1.544],
        [0.9466785280815826, 0.2557011698983284],
        [3.314825187068521, 2.896124015972201, 0.9986419139977817],
        [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950],
        [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1],
    ]
    static let c: [[Double]] = [
        [],
        [-5.6688],
        [-2.430093356833875, -0.2063599157091915],
        [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
        [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160],
        [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
    ]
    /// Stiffly accurate: `y₁` is the last stage's argument plus `u₆`.
    static let m: [Double] = [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1, 1]
    static let h: [[Double]] = [
        [10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0],
        [-0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0],
    ]
}
