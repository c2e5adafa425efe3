import Continuum
import Foundation
import _AllocationCounter

/// `continuum-bench resnet`: time and heap allocations of one forward and backward pass of a
/// ResNet (width 4, hidden 16, depth 16, batch 32) for every block and two weight schedules.
enum ResNetBenchmark {
    static func run(_ arguments: [String]) throws -> String? {
        let depth = 16, batch = 32, passes = 200
        var lines: [String] = []
        for name in ["euler", "rk4", "leapfrog", "stochastic"] {
            for schedule in [WeightSchedule.independent, .legendre(count: 3)] {
                let net = try ResNet(
                    inputWidth: 2, width: 4, outputWidth: 2, depth: depth, scheme: ResidualScheme.named(name)!,
                    schedule: schedule, hidden: [16])
                let theta = net.initialParameters(seed: 1)
                let workspace = net.makeWorkspace(batchCapacity: batch)
                workspace.noise = RandomStream(seed: 2)
                let inputs = (0..<(2 * batch)).map { sin(Double($0)) }
                var logits = [Double](repeating: 0, count: 2 * batch)
                var gradient = [Double](repeating: 0, count: net.parameterCount)
                let cotangent = [Double](repeating: 0.1, count: 2 * batch)
                func pass(_ count: Int) {
                    theta.withUnsafeBufferPointer { p in
                        inputs.withUnsafeBufferPointer { x in
                            logits.withUnsafeMutableBufferPointer { z in
                                gradient.withUnsafeMutableBufferPointer { g in
                                    cotangent.withUnsafeBufferPointer { v in
                                        for _ in 0..<count {
                                            net.forward(x, parameters: p, into: z, workspace: workspace)
                                            net.backward(v, parameters: p, accumulatingInto: g, workspace: workspace)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                pass(5)
                let before = continuum_allocation_count()
                pass(passes)
                let allocations = continuum_allocation_count() - before
                var times: [Double] = []
                for _ in 0..<5 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    pass(passes)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(passes))
                }
                let median = times.sorted()[2]
                lines.append(JSONText.object([
                    ("block", JSONText.string(name)), ("schedule", JSONText.string("\(schedule)")),
                    ("depth", String(depth)), ("batch", String(batch)),
                    ("forward_backward_us", JSONText.number((median / 1000 * 100).rounded() / 100)),
                    ("ns_per_sample_block", JSONText.number((median / Double(batch * depth) * 10).rounded() / 10)),
                    ("allocations_per_pass", JSONText.number(Double(allocations) / Double(passes))),
                ]))
            }
        }
        return lines.joined(separator: "\n")
    }
}
