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
}
