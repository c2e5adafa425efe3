import ContinuumODE

/// How a solution is written out: as CSV (a header `t,<variables>` and one row per saved time) or
/// as JSON (`{"times":[…], "states":[[…],…], "status":…, "stats":{…}}`).
public enum SolutionFormat: String, CaseIterable, Sendable {
    case csv
    case json

    /// The solution as text in this format. `variables` names the state components.
    public func render(_ solution: Solution, variables: [String]) -> String {
        switch self {
        case .csv: return Self.csv(solution, variables: variables)
        case .json: return Self.json(solution, variables: variables)
        }
    }

    static func csv(_ solution: Solution, variables: [String]) -> String {
        var lines = [(["t"] + variables).joined(separator: ",")]
        lines.reserveCapacity(solution.count + 1)
        for (i, t) in solution.times.enumerated() {
            lines.append(([t] + solution[i]).map(JSONText.number).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ solution: Solution, variables: [String]) -> String {
        var members: [(String, String)] = [
            ("variables", "[" + variables.map(JSONText.string).joined(separator: ",") + "]"),
            ("times", JSONText.array(solution.times)),
            ("states", "[" + (0..<solution.count).map { JSONText.array(solution[$0]) }.joined(separator: ",") + "]"),
            ("status", JSONText.string(solution.status.rawValue)),
            ("method", JSONText.string(solution.methodName)),
            ("stats", statistics(solution.statistics)),
        ]
        if let message = solution.message { members.append(("message", JSONText.string(message))) }
        if !solution.events.isEmpty {
            let events = solution.events.map {
                JSONText.object([("index", String($0.index)), ("time", JSONText.number($0.time)), ("state", JSONText.array($0.state))])
            }
            members.append(("events", "[" + events.joined(separator: ",") + "]"))
        }
        return JSONText.object(members) + "\n"
    }

    /// Work counters as a JSON object.
    public static func statistics(_ s: SolverStatistics) -> String {
        JSONText.object([
            ("function_evaluations", String(s.functionEvaluations)),
            ("accepted_steps", String(s.acceptedSteps)),
            ("rejected_steps", String(s.rejectedSteps)),
            ("jacobian_evaluations", String(s.jacobianEvaluations)),
            ("factorizations", String(s.factorizations)),
        ])
    }
}
