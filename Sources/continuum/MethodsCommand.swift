import Continuum
import Foundation

/// `continuum methods`: every method with its family, order, stages, adaptivity and dense output.
enum MethodsCommand: Subcommand {
    static let name = "methods"
    static let summary = "List the integration methods with their family, order, stages, adaptivity and dense-output order."
    static let usage = "continuum methods [--format table|json]"
    static let options = [
        OptionSpec(name: "format", value: "table|json", help: "output format (default table)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static var rows: [MethodEntry] { MethodRegistry.all }

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        switch arguments["format"] ?? "table" {
        case "table": print(table())
        case "json": print(json())
        case let other: throw UsageError("--format: unknown format '\(other)' (expected table or json)")
        }
        return 0
    }

    static func table() -> String {
        let header = ["method", "family", "order", "stages", "adaptive", "dense order", "description"]
        let body = rows.map { row in
            [row.name, row.family, String(row.order), String(row.stages),
             row.embeddedOrder.map { "yes (\($0))" } ?? "no (fixed step)", String(row.denseOrder), row.description]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max()! }
        return ([header] + body).map { cells in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func json() -> String {
        "[" + rows.map { row in
            JSONText.object([
                ("name", JSONText.string(row.name)), ("family", JSONText.string(row.family)),
                ("order", String(row.order)), ("stages", String(row.stages)),
                ("adaptive", row.embeddedOrder == nil ? "false" : "true"),
                ("embedded_order", row.embeddedOrder.map(String.init) ?? "null"),
                ("dense_output_order", String(row.denseOrder)), ("description", JSONText.string(row.description)),
            ])
        }.joined(separator: ",") + "]"
    }
}
