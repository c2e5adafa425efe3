import Foundation

/// Scratch registers for programs too large for the stack, never shared between threads and,
/// after a thread's first large call, never allocated: a `malloc` block per thread
/// (thread-specific storage, grown when needed, freed when the thread exits) whose first 8 bytes
/// hold its capacity in `Double`s, the registers following. A program never calls out while it
/// runs, so a thread's buffer is never in use twice at once.
enum RegisterScratch {
    /// Registers that fit on the stack: 1 KiB, the largest stack allocation the standard library
    /// makes without asking the runtime whether there is room — which, on Linux, ends in a heap
    /// allocation at every call. It holds the right-hand side of any hand-written system.
    static let stackLimit = 128

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { block in free(block) }
        precondition(status == 0, "pthread_key_create failed (\(status))")
        return key
    }()

    /// This thread's buffer, with room for at least `capacity` doubles.
    static func buffer(capacity: Int) -> UnsafeMutablePointer<Double> {
        if let block = pthread_getspecific(key) {
            let header = block.assumingMemoryBound(to: Int.self)
            if header.pointee >= capacity { return (block + 8).assumingMemoryBound(to: Double.self) }
            free(block)
        }
        let granted = Swift.max(capacity, 2 * stackLimit)
        guard let block = malloc(8 + 8 * granted) else { fatalError("out of memory for \(granted) registers") }
        block.assumingMemoryBound(to: Int.self).pointee = granted
        pthread_setspecific(key, block)
        return (block + 8).assumingMemoryBound(to: Double.self)
    }
}
