import Foundation

// continuum: solve, inspect and plot ODEs from the command line. One file per subcommand; errors
// in the command line are one line on standard error with exit status 2.

/// A subcommand as the dispatcher sees it.
struct CommandEntry {
    let name: String
    let summary: String
    let options: [OptionSpec]
    let help: String
    let positionalCount: Int
    let run: (ParsedArguments) throws -> Int32

    init<C: Subcommand>(_ command: C.Type) {
        name = C.name
        summary = C.summary
        options = C.options
        help = C.help
        positionalCount = C.positionalCount
        run = C.run
    }
}

let commands = [
    CommandEntry(SolveCommand.self), CommandEntry(GradientCommand.self), CommandEntry(MethodsCommand.self),
    CommandEntry(LorenzCommand.self), CommandEntry(StabilityCommand.self), CommandEntry(WorkPrecisionCommand.self),
    CommandEntry(EnergyCommand.self), CommandEntry(FitCommand.self), CommandEntry(ForecastCommand.self),
    CommandEntry(SDECommand.self), CommandEntry(ResNetCommand.self), CommandEntry(SampleCommand.self),
    CommandEntry(LikelihoodCommand.self),
]

@MainActor
func mainHelp() -> String {
    var lines = ["usage: continuum <command> [options]   (continuum <command> --help for details)", "", "commands:"]
    let width = commands.map(\.name.count).max() ?? 0
    for command in commands {
        lines.append("  \(command.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(command.summary)")
    }
    lines.append("\nWithout a command, continuum runs `lorenz`.")
    return lines.joined(separator: "\n")
}

func runCommand(_ command: CommandEntry, _ arguments: [String]) -> Int32 {
    do {
        let parsed = try ParsedArguments(arguments, options: command.options)
        if parsed.has("help") {
            print(command.help)
            return 0
        }
        if parsed.positional.count > command.positionalCount {
            throw UsageError("unexpected argument '\(parsed.positional[command.positionalCount])'")
        }
        return try command.run(parsed)
    } catch let error as UsageError {
        printError("continuum \(command.name): \(error)")
        return 2
    } catch {
        printError("continuum \(command.name): \(error)")
        return 1
    }
}

let argv = Array(CommandLine.arguments.dropFirst())
let name = argv.first ?? "lorenz"
if ["--help", "-h", "help"].contains(name) {
    print(mainHelp())
    exit(0)
}
guard let command = commands.first(where: { $0.name == name }) else {
    printError("continuum: unknown command '\(name)' (commands: \(commands.map(\.name).joined(separator: ", ")))")
    exit(2)
}
exit(runCommand(command, Array(argv.dropFirst())))
