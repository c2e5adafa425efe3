import Continuum
import Foundation

/// `continuum resnet`: residual networks as integrator steps. `--task spirals` trains one
/// network on the two-spirals problem and writes its decision boundary; `--deep-limit` measures
/// how networks of growing depth approach the neural ODE (fixed weights, then trained ones).
enum ResNetCommand: Subcommand {
    static let name = "resnet"
    static let summary = "ResNets as integrator steps: two-spirals training, decision boundary, and the deep limit."
    static let usage = """
        continuum resnet --task spirals --block euler|heun|rk4|leapfrog|stochastic [--depth N] --out DIR
               continuum resnet --deep-limit --out DIR [--depths 2,4,…,1024] [--train-depths 2,4,…,512]
        """
    static let options = [
        OptionSpec(name: "task", value: "spirals", help: "the classification task (two spirals)"),
        OptionSpec(name: "block", value: "NAME", help: "euler (default), heun, rk4, leapfrog or stochastic"),
        OptionSpec(name: "depth", value: "N", help: "number of residual blocks (default 16)"),
        OptionSpec(name: "horizon", value: "T", help: "final time: the blocks' step is T/N (default 2)"),
        OptionSpec(name: "width", value: "W", help: "features of the residual state (default 4; even for leapfrog)"),
        OptionSpec(name: "hidden", value: "H", help: "hidden units of each block's field network (default 16)"),
        OptionSpec(name: "noise", value: "NU", help: "noise ν of stochastic blocks (default 0.1)"),
        OptionSpec(name: "epochs", value: "E", help: "training epochs (default 300; deep limit 40)"),
        OptionSpec(name: "batch", value: "B", help: "minibatch size (default 32)"),
        OptionSpec(name: "lr", value: "RATE", help: "Adam's peak learning rate, cosine decay (default 0.01)"),
        OptionSpec(name: "train", value: "N", help: "training points per class (default 250)"),
        OptionSpec(name: "test", value: "N", help: "test points per class (default 250)"),
        OptionSpec(name: "seed", value: "S", help: "seed of data, weights, minibatches and noise (default 1)"),
        OptionSpec(name: "deep-limit", value: nil, help: "run the deep-limit study instead of one training"),
        OptionSpec(name: "depths", value: "LIST", help: "deep limit, fixed weights: depths (default 2,4,…,1024)"),
        OptionSpec(name: "train-depths", value: "LIST", help: "deep limit, training: depths (default 2,4,…,512; empty: skip)"),
        OptionSpec(name: "out", value: "DIR", help: "output directory (created if missing)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let directory = arguments["out"] else { throw UsageError("give --out DIR") }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw UsageError("--out: cannot create \(directory): \(error.localizedDescription)")
        }
        let settings = try ResNetSettings(arguments)
        if arguments.has("deep-limit") {
            guard arguments["task"] == nil, arguments["block"] == nil else {
                throw UsageError("--deep-limit runs its own blocks and task; drop --task and --block")
            }
            return try ResNetDeepLimitStudy.run(settings, arguments: arguments, directory: directory)
        }
        guard let task = arguments["task"] else { throw UsageError("give --task spirals, or --deep-limit") }
        guard task == "spirals" else { throw UsageError("--task: unknown task '\(task)' (known: spirals)") }
        return try spirals(settings, block: arguments["block"] ?? "euler", directory: directory)
    }

    static func spirals(_ s: ResNetSettings, block: String, directory: String) throws -> Int32 {
        guard let scheme = ResidualScheme.named(block, noise: s.noise) else {
            throw UsageError("--block: unknown block '\(block)' (known: euler, heun, rk4, leapfrog, stochastic)")
        }
        let data = TwoSpirals.trainAndTest(trainPerClass: s.trainPerClass, testPerClass: s.testPerClass, seed: s.seed)
        let net = try s.network(scheme: scheme, depth: s.depth, schedule: .independent)
        var theta = net.initialParameters(seed: s.seed)
        let start = Date()
        let losses = try s.train(net, &theta, data.train)
        let seconds = Date().timeIntervalSince(start)
        let trainAccuracy = ResNetClassifier.accuracy(net, parameters: theta, inputs: data.train.inputs, labels: data.train.labels)
        let testAccuracy = ResNetClassifier.accuracy(net, parameters: theta, inputs: data.test.inputs, labels: data.test.labels)
        print(String(format: "block %@  depth %d  parameters %d  epochs %d  training %.2f s", scheme.name, net.depth,
                     net.parameterCount, s.epochs, seconds))
        print(String(format: "final loss %.4g  train accuracy %.4f", losses.last ?? .nan, trainAccuracy))
        print(String(format: "test accuracy: %.4f", testAccuracy))
        try ResNetFigures.decisionBoundary(
            net, parameters: theta, test: data.test, title: "Two spirals, \(scheme.name) ResNet, depth \(net.depth)",
            to: "\(directory)/decision.svg")
        let metrics = JSONText.object([
            ("task", JSONText.string("spirals")), ("block", JSONText.string(scheme.name)), ("depth", String(net.depth)),
            ("width", String(net.width)), ("hidden", String(s.hidden)), ("parameters", String(net.parameterCount)),
            ("epochs", String(s.epochs)), ("seed", String(s.seed)), ("final_loss", JSONText.number(losses.last ?? .nan)),
            ("train_accuracy", JSONText.number(trainAccuracy)), ("test_accuracy", JSONText.number(testAccuracy)),
            ("training_seconds", JSONText.number(seconds)),
        ])
        try AtomicFile.write(metrics + "\n", to: "\(directory)/metrics.json")
        print("wrote \(directory)/decision.svg, \(directory)/metrics.json")
        return 0
    }
}
