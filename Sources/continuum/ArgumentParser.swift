import Foundation

/// A command-line usage error: printed as one line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The options one subcommand accepts.
struct OptionSpec {
    /// Name without dashes, e.g. `"rtol"`.
    let name: String
    /// Placeholder for the value (`nil` for a flag without a value).
    let value: String?
    /// One line of help.
    let help: String
}

/// The parsed command line of one subcommand: option values by name, and positional arguments.
///
/// An option that takes a value always consumes the next token, so values may begin with `-`
/// (`--y0 -1,2`, `--rhs "-x"`). `--name=value` works too. Unknown options and missing values are
/// errors that name the option.
struct ParsedArguments {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positional: [String] = []

    init(_ arguments: [String], options: [OptionSpec]) throws(UsageError) {
        var rest = arguments[...]
        while let token = rest.popFirst() {
            guard token.hasPrefix("--"), token.count > 2 else {
                positional.append(token)
                continue
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option --\(name)")
            }
            if spec.value == nil {
                guard inlineValue == nil else { throw UsageError("option --\(name) takes no value") }
                flags.insert(name)
                continue
            }
            guard let value = inlineValue ?? rest.popFirst() else {
                throw UsageError("option --\(name) needs a value (\(spec.value!))")
            }
            guard values[name] == nil else { throw UsageError("option --\(name) given twice") }
            values[name] = value
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The value of `--name` as a finite number.
    func number(_ name: String) throws(UsageError) -> Double? {
        guard let text = values[name] else { return nil }
        return try Self.parseNumber(text, option: name)
    }

    /// The value of `--name` as a comma-separated list of finite numbers.
    func numbers(_ name: String) throws(UsageError) -> [Double]? {
        guard let text = values[name] else { return nil }
        var result: [Double] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            result.append(try Self.parseNumber(String(item), option: name))
        }
        return result
    }

    /// The value of `--name` as a comma-separated list of names.
    func names(_ name: String) throws(UsageError) -> [String]? {
        guard let text = values[name] else { return nil }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if let empty = items.firstIndex(where: \.isEmpty) {
            throw UsageError("--\(name): item \(empty + 1) is empty")
        }
        return items
    }

    static func parseNumber(_ text: String, option: String) throws(UsageError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed) else {
            throw UsageError("--\(option): '\(text)' is not a number")
        }
        guard value.isFinite else { throw UsageError("--\(option): \(text) is not finite") }
        return value
    }
}
