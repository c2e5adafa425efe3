import ContinuumNumerics

extension RadauIIA5 {
    /// Builds and factorises `γ/h − J` and `(α + iβ)/h − J`. False if either is singular.
    @inlinable
    func factorIterationMatrices(h: Double, workspace w: RadauWorkspace) -> Bool {
        let n = w.dimension
        let k = coefficients
        let j = UnsafePointer(w.jacobian)
        let real = w.realMatrix.elements
        let re = w.complexMatrix.real
        let im = w.complexMatrix.imaginary
        for index in 0..<(n * n) {
            real[index] = -j[index]
            re[index] = -j[index]
            im[index] = 0
        }
        let gammaOverH = k.gamma / h
        let alphaOverH = k.alpha / h
        let betaOverH = k.beta / h
        for i in 0..<n {
            real[i * n + i] += gammaOverH
            re[i * n + i] += alphaOverH
            im[i * n + i] = betaOverH
        }
        guard w.realMatrix.factor().isFactored else { return false }
        return w.complexMatrix.factor()
    }
}
