/// `count` points in `dimension` dimensions, stored contiguously (point `i` is
/// `values[i*dimension ..< (i+1)*dimension]`).
public struct SampleSet: Sendable, Equatable {
    /// The dimension of each point.
    public let dimension: Int
    /// The coordinates, point after point.
    public var values: [Double]

    /// Points from contiguous coordinates; `values.count` must be a multiple of `dimension`.
    public init(dimension: Int, values: [Double]) {
        precondition(dimension > 0 && values.count % dimension == 0, "values must hold whole points")
        self.dimension = dimension
        self.values = values
    }

    /// The number of points.
    public var count: Int { values.count / dimension }

    /// Point `i`.
    public subscript(i: Int) -> ArraySlice<Double> { values[(i * dimension)..<((i + 1) * dimension)] }
}
