/// A parse or compile error in an expression, with the 1-based column in the source where it was
/// found and a message saying what was expected.
///
/// Columns count characters from the start of the right-hand-side string (a newline counts as one
/// character). Errors that are not located in the source — clashing names, a wrong number of
/// parameter values, a non-finite parameter value — have column 0.
///
/// ```swift
/// do {
///     _ = try ExpressionVectorField(rhs: "sin(x", variables: ["x"])
/// } catch {
///     print(error)   // column 6: expected ')' to close '(' at column 4 but found end of input
/// }
/// ```
public struct ExpressionError: Error, Equatable, CustomStringConvertible {
    /// 1-based column in the source, or 0 when the error is not located in the source.
    public let column: Int
    /// What went wrong and what was expected.
    public let message: String

    /// Creates an error at `column` (0: not located in the source).
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// One line: `"column 7: expected ')' but found end of input"`, or just the message for
    /// column 0.
    public var description: String {
        column > 0 ? "column \(column): \(message)" : message
    }
}
