import ContinuumNumerics

/// A workspace that keeps the state, the candidate, `f(t, y)` and `f(t + h, y₁)` in a table of four
/// vector pointers, so that committing a step is two pointer swaps (``advance()``), not copies. The
/// implicit families (Rosenbrock, Radau, ESDIRK) share this layout.
public protocol StateTableWorkspace: ODEWorkspace {
    /// `table[0]` state, `[1]` candidate, `[2]` `f(t, y)`, `[3]` `f(t + h, y₁)`.
    var table: UnsafeMutablePointer<UnsafeMutablePointer<Double>> { get }
}

extension StateTableWorkspace {
    /// The current state `y(t)`.
    @inlinable
    public var state: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[0] }
    }

    /// The candidate `y(t + h)` of the last attempt.
    @inlinable
    public var candidate: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[1] }
    }

    /// `f(t, y)` at the current state.
    @inlinable
    public var derivative: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[2] }
    }

    /// `f(t + h, y₁)` of the last completed step.
    @inlinable
    public var newDerivative: UnsafeMutablePointer<Double> {
        @inline(__always) get { table[3] }
    }

    /// Makes the candidate the state and `f(t + h, y₁)` the derivative.
    @inlinable @inline(__always)
    public func advance() {
        table.swapAt(0, 1)
        table.swapAt(2, 3)
    }
}
