import Testing
import ContinuumNumerics

@Suite("Philox random numbers")
struct PhiloxTests {
    /// Known-answer vectors of Random123's `kat_vectors` for philox4x32 with 10 rounds.
    @Test func knownAnswers() {
        #expect(Philox.block(counter: .zero, key: .zero) == SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
        #expect(
            Philox.block(counter: SIMD4(repeating: 0xffff_ffff), key: SIMD2(repeating: 0xffff_ffff))
                == SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
        #expect(
            Philox.block(
                counter: SIMD4(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), key: SIMD2(0xa409_3822, 0x299f_31d0))
                == SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1))
    }

    /// Mean and variance of 200 000 normals within 5 standard errors of 0 and 1.
    @Test func normalMoments() {
        var stream = RandomStream(seed: 2024)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let z = stream.nextNormal()
            sum += z
            sumSquares += z * z
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot())
    }

    /// Split keys give different streams; the same index gives the same stream.
    @Test func splitting() {
        let key = RandomKey(seed: 7)
        #expect(key.split(3) == key.split(3))
        #expect(key.split(3) != key.split(4))
        #expect(key.split(3).normalPair(at: 0) != key.normalPair(at: 0))
        var a = RandomStream(key: key.split(1)), b = RandomStream(key: key.split(1))
        var bufferValues = [Double](repeating: 0, count: 5)
        bufferValues.withUnsafeMutableBufferPointer { b.fillNormals($0) }
        #expect((0..<5).map { _ in a.nextNormal() } == bufferValues)
    }

    /// Four random keys and counters per check, 2 000 checks: every output word of the lane
    /// Philox equals `Philox.block` of its lane.
    @Test func lanesMatchScalarBlocks() {
        var stream = RandomStream(seed: 404)
        func word() -> UInt64 { UInt64(stream.nextUniform() * 0x1p32) }
        for _ in 0..<2000 {
            let c = (0..<4).map { _ in SIMD4(word(), word(), word(), word()) }
            let k = (0..<4).map { _ in SIMD2(word(), word()) }
            func lanes(_ w: Int) -> SIMD4<UInt64> { SIMD4(c[0][w], c[1][w], c[2][w], c[3][w]) }
            let out = PhiloxLanes.blocks(
                lanes(0), lanes(1), lanes(2), lanes(3),
                key: SIMD4(k[0][0], k[1][0], k[2][0], k[3][0]), SIMD4(k[0][1], k[1][1], k[2][1], k[3][1]))
            for lane in 0..<4 {
                let reference = Philox.block(
                    counter: SIMD4(truncatingIfNeeded: c[lane]), key: SIMD2(truncatingIfNeeded: k[lane]))
                #expect([out.0[lane], out.1[lane], out.2[lane], out.3[lane]] == (0..<4).map { UInt64(reference[$0]) })
            }
        }
    }
}
