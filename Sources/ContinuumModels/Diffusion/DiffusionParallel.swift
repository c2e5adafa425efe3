import Dispatch
import Foundation

/// Output storage shared by the workers of a parallel loop; each index is written by one worker.
final class SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(count: Int, repeating value: Element) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: value)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    var array: [Element] { Array(buffer) }
}

/// Runs `body(range)` on contiguous chunks of `0..<count` in parallel. Results must depend only on
/// the index (each index draws from its own random key), so they do not depend on the workers.
func forEachChunk(_ count: Int, workers: Int? = nil, _ body: @Sendable (Range<Int>) -> Void) {
    let workerCount = max(1, min(count, workers ?? ProcessInfo.processInfo.activeProcessorCount))
    DispatchQueue.concurrentPerform(iterations: workerCount) { w in
        body((count * w / workerCount)..<(count * (w + 1) / workerCount))
    }
}
