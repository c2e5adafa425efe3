import Foundation
import ContinuumNumerics
import Testing

@Test func rmsNormMatchesDefinition() {
    let e: [Double] = [1e-6, -2e-6]
    let a: [Double] = [1, -3]
    let b: [Double] = [2, 1]
    let tol = Tolerance(relative: 1e-3, absolute: 1e-6)
    let expected = ((pow(1e-6 / (1e-6 + 2e-3), 2) + pow(2e-6 / (1e-6 + 3e-3), 2)) / 2).squareRoot()
    let got = WeightedNorm.rms(e, a, b, count: 2, tolerance: tol)
    #expect(got.isApproximatelyEqual(to: expected, relativeTolerance: 1e-14))
}
