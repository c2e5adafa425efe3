import ContinuumODE
import Foundation

/// Lotka-Volterra `x' = a x − b x y`, `y' = −c y + d x y` with a hand-written vector-Jacobian product.
struct LotkaVolterraField: DifferentiableVectorField {
    var parameters: [Double]
    var dimension: Int { 2 }
    var parameterCount: Int { 4 }

    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let a = parameters[0], b = parameters[1], c = parameters[2], d = parameters[3]
        dy[0] = a * y[0] - b * y[0] * y[1]
        dy[1] = -c * y[1] + d * y[0] * y[1]
    }

    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let a = parameters[0], b = parameters[1], c = parameters[2], d = parameters[3]
        stateProduct[0] = v[0] * (a - b * y[1]) + v[1] * d * y[1]
        stateProduct[1] = -v[0] * b * y[0] + v[1] * (-c + d * y[0])
        parameterProduct[0] = v[0] * y[0]
        parameterProduct[1] = -v[0] * y[0] * y[1]
        parameterProduct[2] = -v[1] * y[1]
        parameterProduct[3] = v[1] * y[0] * y[1]
    }
}

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

    func problem(parameters: [Double]? = nil, y0: [Double]? = nil) -> ODEProblem<LotkaVolterraField> {
        try! ODEProblem(
            LotkaVolterraField(parameters: parameters ?? parameterValues), y0: y0 ?? self.y0, from: 0,
            to: times.last!)
    }
}

/// `max |a − b| / max |b|`.
func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 1
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
}
