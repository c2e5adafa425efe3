import ContinuumNeural
import Foundation
import Testing

@Suite("First-order optimisers")
struct OptimizerTests {
    static let theta0 = [1.0, -2.0, 0.5]
    static let g1 = [0.5, -1.0, 2.0], g2 = [-0.25, 0.75, 1.5]

    /// Two steps with fixed gradients g₁, g₂; returns θ₁ and θ₂.
    static func twoSteps<O: Optimizer>(_ optimizer: O) -> ([Double], [Double]) {
        var optimizer = optimizer
        var theta = theta0
        optimizer.step(&theta, gradient: g1)
        let first = theta
        optimizer.step(&theta, gradient: g2)
        return (first, theta)
    }

    static func expectClose(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-15, _ what: String) {
        for k in a.indices { #expect(abs(a[k] - b[k]) <= tolerance * max(1, abs(b[k])), "\(what) entry \(k)") }
    }

    /// SGD, heavy ball and Nesterov against the hand-written updates (η = 0.1, μ = 0.9).
    @Test func sgdFamilyMatchesHandUpdates() throws {
        let eta = 0.1
        let mu = 0.9
        let (plain1, plain2) = Self.twoSteps(try SGD(parameterCount: 3, learningRate: eta))
        Self.expectClose(plain1, (0..<3).map { Self.theta0[$0] - eta * Self.g1[$0] }, 1e-15, "SGD")
        Self.expectClose(plain2, (0..<3).map { plain1[$0] - eta * Self.g2[$0] }, 1e-15, "SGD")
        let (heavy1, heavy2) = Self.twoSteps(try SGD(parameterCount: 3, learningRate: eta, momentum: mu))
        Self.expectClose(heavy1, plain1, 1e-15, "heavy ball")
        Self.expectClose(
            heavy2, (0..<3).map { heavy1[$0] - eta * (mu * Self.g1[$0] + Self.g2[$0]) }, 1e-15, "heavy ball")
        let (nesterov1, nesterov2) = Self.twoSteps(
            try SGD(parameterCount: 3, learningRate: eta, momentum: mu, nesterov: true))
        Self.expectClose(nesterov1, (0..<3).map { Self.theta0[$0] - eta * (1 + mu) * Self.g1[$0] }, 1e-15, "Nesterov")
        Self.expectClose(
            nesterov2, (0..<3).map { nesterov1[$0] - eta * (Self.g2[$0] + mu * (mu * Self.g1[$0] + Self.g2[$0])) },
            1e-15,
            "Nesterov")
    }

    /// Adam's first step moves every coordinate by η·sign(g) (to within ε/|g|); its second step
    /// and AdamW's decoupled shrink follow the bias-corrected formulas.
    @Test func adamMatchesHandUpdates() throws {
        let eta = 0.01
        let b1 = 0.9
        let b2 = 0.999
        let (first, second) = Self.twoSteps(try Adam(parameterCount: 3, learningRate: eta))
        Self.expectClose(first, (0..<3).map { Self.theta0[$0] - eta * (Self.g1[$0] > 0 ? 1 : -1) }, 1e-9, "Adam step 1")
        let expected = (0..<3).map { k -> Double in
            let m = b1 * (1 - b1) * Self.g1[k] + (1 - b1) * Self.g2[k]
            let v = b2 * (1 - b2) * Self.g1[k] * Self.g1[k] + (1 - b2) * Self.g2[k] * Self.g2[k]
            return first[k] - eta * (m / (1 - b1 * b1)) / ((v / (1 - b2 * b2)).squareRoot() + 1e-8)
        }
        Self.expectClose(second, expected, 1e-14, "Adam step 2")
        let (decoupled, _) = Self.twoSteps(try Adam.adamW(parameterCount: 3, learningRate: eta, weightDecay: 0.1))
        Self.expectClose(
            decoupled, (0..<3).map { Self.theta0[$0] * (1 - eta * 0.1) - eta * (Self.g1[$0] > 0 ? 1 : -1) }, 1e-9,
            "AdamW")
        let (coupled, _) = Self.twoSteps(try Adam(parameterCount: 3, learningRate: eta, weightDecay: 1))
        let signs = (0..<3).map { Self.g1[$0] + Self.theta0[$0] > 0 ? 1.0 : -1.0 }
        Self.expectClose(coupled, (0..<3).map { Self.theta0[$0] - eta * signs[$0] }, 1e-9, "Adam + L2")
    }

    /// RMSprop's first step: v = (1 − α) g², so θ moves by η g / (√(1 − α) |g| + ε); centred:
    /// the variance is α (1 − α) g².
    @Test func rmspropMatchesHandUpdates() throws {
        let eta = 0.01
        let alpha = 0.99
        let (plain, _) = Self.twoSteps(try RMSprop(parameterCount: 3, learningRate: eta))
        Self.expectClose(
            plain,
            (0..<3).map { Self.theta0[$0] - eta * Self.g1[$0] / ((1 - alpha).squareRoot() * abs(Self.g1[$0]) + 1e-8) },
            1e-14, "RMSprop")
        let (centered, _) = Self.twoSteps(try RMSprop(parameterCount: 3, learningRate: eta, centered: true))
        Self.expectClose(
            centered,
            (0..<3).map {
                Self.theta0[$0] - eta * Self.g1[$0] / ((alpha * (1 - alpha)).squareRoot() * abs(Self.g1[$0]) + 1e-8)
            },
            1e-14, "centred RMSprop")
    }

    /// Each optimiser minimises f(θ) = ½ Σ aₖ (θₖ − cₖ)², a = (1, 4, 0.5): plain and momentum
    /// methods to 1e-8, adaptive ones (learning rate annealed by a cosine schedule) to 1e-4.
    @Test func convergesOnConvexQuadratic() throws {
        let a = [1.0, 4, 0.5]
        let c = [1.0, -2, 3]
        func run<O: Optimizer>(_ optimizer: O, steps: Int, schedule: LearningRateSchedule?) -> Double {
            var optimizer = optimizer
            var theta = [0.0, 0, 0]
            var gradient = [0.0, 0, 0]
            for step in 0..<steps {
                if let schedule { optimizer.learningRate = schedule.rate(atStep: step) }
                for k in 0..<3 { gradient[k] = a[k] * (theta[k] - c[k]) }
                optimizer.step(&theta, gradient: gradient)
            }
            return zip(theta, c).map { abs($0 - $1) }.max()!
        }
        #expect(run(try SGD(parameterCount: 3, learningRate: 0.2), steps: 400, schedule: nil) < 1e-8)
        #expect(run(try SGD(parameterCount: 3, learningRate: 0.1, momentum: 0.5), steps: 400, schedule: nil) < 1e-8)
        #expect(
            run(try SGD(parameterCount: 3, learningRate: 0.1, momentum: 0.5, nesterov: true), steps: 400, schedule: nil)
                < 1e-8)
        let cosine = LearningRateSchedule.cosine(peak: 0.05, warmupSteps: 10, totalSteps: 4000, minimum: 0)
        #expect(run(try Adam(parameterCount: 3), steps: 4000, schedule: cosine) < 1e-4)
        #expect(run(try RMSprop(parameterCount: 3), steps: 4000, schedule: cosine) < 1e-4)
        #expect(run(try RMSprop(parameterCount: 3, centered: true), steps: 4000, schedule: cosine) < 1e-4)
    }

    /// Invalid hyperparameters throw typed errors.
    @Test func rejectsBadHyperparameters() {
        #expect(throws: NeuralError.self) { try SGD(parameterCount: 2, learningRate: -1) }
        #expect(throws: NeuralError.self) { try SGD(parameterCount: 2, learningRate: 0.1, nesterov: true) }
        #expect(throws: NeuralError.self) { try Adam(parameterCount: 2, beta1: 1) }
        #expect(throws: NeuralError.self) { try RMSprop(parameterCount: 2, epsilon: 0) }
    }

    /// Schedules at chosen steps, and clipping by global norm and by value.
    @Test func schedulesAndClipping() {
        #expect(LearningRateSchedule.stepDecay(initial: 1, factor: 0.5, every: 10).rate(atStep: 25) == 0.25)
        #expect(LearningRateSchedule.exponential(initial: 2, decay: 0.5).rate(atStep: 3) == 0.25)
        let cosine = LearningRateSchedule.cosine(peak: 1, warmupSteps: 4, totalSteps: 104, minimum: 0.1)
        #expect(cosine.rate(atStep: 0) == 0.25 && cosine.rate(atStep: 3) == 1)
        #expect(cosine.rate(atStep: 54).isApproximatelyEqual(to: 0.55, relativeTolerance: 1e-14))
        #expect(cosine.rate(atStep: 104) == 0.1 && cosine.rate(atStep: 500) == 0.1)
        var g = [3.0, -4.0]
        let norm = g.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) }
        #expect(norm == 5 && g[0].isApproximatelyEqual(to: 0.6) && g[1].isApproximatelyEqual(to: -0.8))
        g = [3, -0.5]
        g.withUnsafeMutableBufferPointer { GradientClipping.clipByValue($0, limit: 1) }
        #expect(g == [1, -0.5])
    }
}
