import Foundation
import Testing
import _TestSupport

@Suite struct MethodsCommandTests {
    static let continuum = builtProduct("continuum")

    @Test func listsEveryMethodWithItsProperties() throws {
        let result = try run(Self.continuum, ["methods", "--format", "json"])
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as! String, $0) })
        let expected: [String: (order: Int, stages: Int, adaptive: Bool, dense: Int)] = [
            "euler": (1, 1, false, 1), "rk4": (4, 4, false, 3), "bs3": (3, 4, true, 3),
            "dopri5": (5, 7, true, 4), "tsit5": (5, 7, true, 4), "vern6": (6, 9, true, 6), "dop853": (8, 12, true, 7),
        ]
        for (name, properties) in expected {
            let row = try #require(byName[name], "\(name) missing")
            #expect(row["order"] as? Int == properties.order)
            #expect(row["stages"] as? Int == properties.stages)
            #expect(row["adaptive"] as? Bool == properties.adaptive)
            #expect(row["dense_output_order"] as? Int == properties.dense)
        }
        let table = try run(Self.continuum, ["methods"])
        #expect(table.status == 0)
        for name in expected.keys { #expect(table.standardOutput.contains(name)) }
    }
}
