import Foundation

/// Scratch space for a program's registers that is never shared between threads and, after a
/// thread's first large call, never allocated.
///
/// Up to ``RegisterScratch/stackLimit`` registers (1 KiB: the right-hand side of any hand-written
/// system) live in a stack allocation of constant size, which the standard library always places
/// on the stack. Larger register files use a buffer owned by the calling thread (thread-specific
/// storage, grown when needed, freed when the thread exits): `withUnsafeTemporaryAllocation` of a
/// larger size asks the runtime whether the stack has room and, on Linux, ends up allocating on
/// the heap at every call. A program never calls out while it runs, so a thread's buffer is never
/// in use twice at once.
@inline(__always)
func withRegisterFile<R>(count: Int, _ body: (UnsafeMutablePointer<Double>) -> R) -> R {
    if count <= RegisterScratch.stackLimit {
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 128) { body($0.baseAddress!) }
    }
    return body(RegisterScratch.buffer(capacity: count))
}

/// The per-thread buffer behind large register files: a `malloc` block whose first 8 bytes hold
/// its capacity in `Double`s, the registers following.
enum RegisterScratch {
    /// Registers that fit the stack tier of ``withRegisterFile(count:_:)``: 1 KiB, the largest
    /// stack allocation the standard library makes without asking the runtime.
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
