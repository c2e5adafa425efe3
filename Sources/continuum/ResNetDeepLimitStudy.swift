import Continuum
import Foundation

/// `continuum resnet --deep-limit`: networks of depth `N` sharing one smooth `θ(t)` approach the
/// neural ODE at their integrator's order (fixed weights); then networks trained at each depth
/// approach the trained neural ODE.
enum ResNetDeepLimitStudy {
    /// The fixed-weight study's blocks and where their asymptotic range starts.
    static let blocks: [(name: String, order: Double, minimumDepth: Int)] = [("euler", 1, 16), ("rk4", 4, 8), ("leapfrog", 2, 16)]

    static func run(_ s: ResNetSettings, arguments: ParsedArguments, directory: String) throws -> Int32 {
        let depths = try depthList(arguments, "depths") ?? (1...10).map { 1 << $0 }
        let trainDepths = try depthList(arguments, "train-depths") ?? (1...9).map { 1 << $0 }
        let data = TwoSpirals.trainAndTest(trainPerClass: s.trainPerClass, testPerClass: s.testPerClass, seed: s.seed)
        let start = Date()

        // 1. Fixed weights θ(t) (three Legendre polynomials), features: padded test points.
        let rows = min(32, data.test.count)
        var features = [Double](repeating: 0, count: rows * s.width)
        for r in 0..<rows { for i in 0..<min(2, s.width) { features[r * s.width + i] = data.test.inputs[2 * r + i] } }
        var csv = "block,depth,error\n"
        var series: [(String, [Double], [Double])] = []
        var rates: [(String, Double?, Double)] = []
        print("fixed weights θ(t), T = \(s.horizon), \(rows) samples: max |x_N − x(T)| against DOP853 at tolerance 1e-13")
        for block in blocks {
            let net = try s.network(
                scheme: ResidualScheme.named(block.name)!, depth: 1, schedule: .legendre(count: 3), lifting: .padding)
            let theta = net.initialParameters(seed: s.seed)
            let points: [DeepLimit.Point]
            do {
                let reference = try DeepLimit.reference(net, parameters: theta, features: features)
                points = try DeepLimit.errors(net, parameters: theta, features: features, reference: reference, depths: depths)
            } catch {
                throw UsageError(error.description)
            }
            for point in points { csv += "\(block.name),\(point.depth),\(String(format: "%.6e", point.error))\n" }
            series.append((block.name, points.map { Double($0.depth) }, points.map(\.error)))
            let rate = DeepLimit.observedOrder(points, floor: 1e-11, minimumDepth: block.minimumDepth)
            rates.append((block.name, rate, block.order))
            print("  \(block.name.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                  + points.map { String(format: "N=%d %.2e", $0.depth, $0.error) }.joined(separator: "  "))
        }
        for (name, rate, order) in rates {
            print(String(format: "observed rate %@: %@ (expected %.0f)", name, rate.map { String(format: "%.3f", $0) } ?? "n/a", order))
        }
        try write(csv, to: "\(directory)/deep_limit.csv")
        try ResNetFigures.logLog(
            series, title: "Deep limit on fixed weights θ(t)", xLabel: "depth N", yLabel: "max |x_N − x(T)|",
            to: "\(directory)/deep_limit.svg")

        // 2. Training at each depth against the trained neural ODE (RK4, 64 blocks).
        var trained: [(depth: Int, output: Double, parameters: Double, accuracy: Double)] = []
        var odeAccuracy = Double.nan
        var trainedRates: (output: Double?, weights: Double?) = (nil, nil)
        if !trainDepths.isEmpty {
            let epochs = s.epochsGiven ? s.epochs : 40
            let schedule = WeightSchedule.legendre(count: 3)
            let ode = try s.network(scheme: .rk4, depth: 64, schedule: schedule)
            let initial = ode.initialParameters(seed: s.seed)
            var odeTheta = initial
            _ = try s.train(ode, &odeTheta, data.train, epochs: epochs)
            let odeLogits = ResNetClassifier.logits(ode, parameters: odeTheta, inputs: data.test.inputs)
            odeAccuracy = ResNetClassifier.accuracy(ode, parameters: odeTheta, inputs: data.test.inputs, labels: data.test.labels)
            print("trained (\(epochs) epochs): distance of Euler ResNets to the neural ODE (RK4, 64 blocks; test accuracy \(String(format: "%.4f", odeAccuracy)))")
            var table = "block,depth,output_distance,parameter_distance,test_accuracy\n"
            for depth in trainDepths {
                let net = try s.network(scheme: .euler, depth: depth, schedule: schedule)
                var theta = initial
                _ = try s.train(net, &theta, data.train, epochs: epochs)
                let logits = ResNetClassifier.logits(net, parameters: theta, inputs: data.test.inputs)
                let output = zip(logits, odeLogits).map { abs($0 - $1) }.max() ?? 0
                let parameters = zip(theta, odeTheta).map { abs($0 - $1) }.max() ?? 0
                let accuracy = ResNetClassifier.accuracy(net, parameters: theta, inputs: data.test.inputs, labels: data.test.labels)
                trained.append((depth, output, parameters, accuracy))
                table += "euler,\(depth),\(String(format: "%.6e,%.6e,%.4f", output, parameters, accuracy))\n"
                print(String(format: "  N=%4d  max |logits − ODE| %.3e  max |θ − θ_ODE| %.3e  test accuracy %.4f", depth, output, parameters, accuracy))
            }
            let outputs = trained.map { DeepLimit.Point(scheme: "euler", depth: $0.depth, error: $0.output) }
            let weights = trained.map { DeepLimit.Point(scheme: "euler", depth: $0.depth, error: $0.parameters) }
            trainedRates = (DeepLimit.observedOrder(outputs, minimumDepth: 16), DeepLimit.observedOrder(weights, minimumDepth: 16))
            print("observed rates of the trained distances (N ≥ 16): logits \(trainedRates.output.map { String(format: "%.3f", $0) } ?? "n/a"), "
                  + "weights \(trainedRates.weights.map { String(format: "%.3f", $0) } ?? "n/a")")
            try write(table, to: "\(directory)/deep_limit_trained.csv")
            try ResNetFigures.logLog(
                [("max |logits − ODE|", trained.map { Double($0.depth) }, trained.map(\.output)),
                 ("max |θ − θ_ODE|", trained.map { Double($0.depth) }, trained.map(\.parameters))],
                title: "Trained Euler ResNets against the trained neural ODE", xLabel: "depth N", yLabel: "distance",
                to: "\(directory)/deep_limit_trained.svg")
        }
        let summary = JSONText.object(
            rates.map { (name, rate, _) in ("rate_\(name)", rate.map(JSONText.number) ?? "null") }
                + [("ode_test_accuracy", JSONText.number(odeAccuracy)),
                   ("rate_trained_logits", trainedRates.output.map(JSONText.number) ?? "null"),
                   ("rate_trained_weights", trainedRates.weights.map(JSONText.number) ?? "null"),
                   ("seconds", JSONText.number(Date().timeIntervalSince(start)))])
        try write(summary + "\n", to: "\(directory)/deep_limit_summary.json")
        print(String(format: "wrote %@/deep_limit.csv, deep_limit.svg%@ (%.1f s)", directory,
                     trained.isEmpty ? "" : ", deep_limit_trained.csv, deep_limit_trained.svg", Date().timeIntervalSince(start)))
        return 0
    }

    static func depthList(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> [Int]? {
        guard let text = arguments[name] else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        return try text.split(separator: ",").map { item throws(UsageError) -> Int in
            guard let n = Int(item.trimmingCharacters(in: .whitespaces)), n > 0 else {
                throw UsageError("--\(name): '\(item)' is not a positive integer")
            }
            return n
        }
    }

    static func write(_ text: String, to path: String) throws(UsageError) {
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw UsageError("cannot write \(path): \(error)")
        }
    }
}
