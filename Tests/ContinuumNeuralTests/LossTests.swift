import ContinuumNeural
import Testing

@Suite("Losses")
struct LossTests {
    static let losses: [Loss] = [.meanSquaredError, .meanAbsoluteError, .huber(delta: 0.6)]
    static let prediction = [0.3, -1.2, 2.5, 0.05, -0.4, 1.7]
    static let target = [0.1, -0.2, 2.4, 0.9, Double.nan, 0.2]
    static let mask = [1.0, 1, 0.5, 1, 0, 2]

    /// Gradients against central differences (h = 1e-6) to 1e-9, with a weighted mask whose
    /// zero entry hides a NaN target; residuals stay away from the kinks of MAE and Huber.
    @Test(arguments: losses)
    func gradientMatchesFiniteDifferences(_ loss: Loss) {
        let (value, gradient) = loss.valueAndGradient(prediction: Self.prediction, target: Self.target, mask: Self.mask)
        #expect(value.isFinite)
        #expect(gradient[4] == 0)
        let h = 1e-6
        for k in Self.prediction.indices {
            var plus = Self.prediction
            var minus = Self.prediction
            plus[k] += h
            minus[k] -= h
            let difference =
                (loss.valueAndGradient(prediction: plus, target: Self.target, mask: Self.mask).value
                    - loss.valueAndGradient(prediction: minus, target: Self.target, mask: Self.mask).value) / (2 * h)
            #expect(abs(gradient[k] - difference) < 1e-9, "\(loss) entry \(k)")
        }
    }

    /// Hand values: residuals (0.2, −1, 0.1) give MSE 1.05/3, MAE 1.3/3 and Huber(0.6)
    /// (0.02 + 0.42 + 0.005)/3; with mask (1, 0, 2) the MSE is (0.04 + 2 · 0.01)/3.
    @Test func referenceValues() {
        let p = [0.3, -1.2, 2.5]
        let t = [0.1, -0.2, 2.4]
        #expect(
            Loss.meanSquaredError.valueAndGradient(prediction: p, target: t).value.isApproximatelyEqual(to: 1.05 / 3))
        #expect(
            Loss.meanAbsoluteError.valueAndGradient(prediction: p, target: t).value.isApproximatelyEqual(to: 1.3 / 3))
        #expect(
            Loss.huber(delta: 0.6).valueAndGradient(prediction: p, target: t).value.isApproximatelyEqual(to: 0.445 / 3))
        #expect(
            Loss.meanSquaredError.valueAndGradient(prediction: p, target: t, mask: [1, 0, 2]).value
                .isApproximatelyEqual(to: 0.06 / 3))
        let allMasked = Loss.meanSquaredError.valueAndGradient(prediction: p, target: t, mask: [0, 0, 0])
        #expect(allMasked.value == 0 && allMasked.gradient == [0, 0, 0])
    }
}
