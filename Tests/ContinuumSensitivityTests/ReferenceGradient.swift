import ContinuumModels
import ContinuumODE
import Foundation

/// The gradient part of `lotka_volterra.json`.
struct ReferenceGradient: Decodable {
    let y0: [Double]
    let times: [Double]
    let params: [String: Double]
    let loss_value: Double
    let gradient_params_order: [String]
    let gradient: [Double]

    static let lotkaVolterra: ReferenceGradient = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("lotka_volterra.json")
        return try! JSONDecoder().decode(ReferenceGradient.self, from: Data(contentsOf: url))
    }()

    var parameterValues: [Double] { gradient_params_order.map { params[$0]! } }

    func problem(parameters: [Double]? = nil, y0: [Double]? = nil) -> ODEProblem<LotkaVolterra> {
        try! ODEProblem(LotkaVolterra(parameters ?? parameterValues), y0: y0 ?? self.y0, from: 0, to: times.last!)
    }
}

/// `max |a − b| / max |b|`.
func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 1
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
}

extension LotkaVolterra {
    /// The model with parameters `(a, b, c, d)`.
    init(_ p: [Double]) { self.init(a: p[0], b: p[1], c: p[2], d: p[3]) }
}
