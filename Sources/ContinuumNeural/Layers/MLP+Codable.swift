/// An ``MLP`` is stored as its architecture, `{"widths": [2, 50, 2], "activations": ["tanh", "identity"]}`;
/// the parameter layout is derived again on decoding, and the parameters are stored separately
/// (they are a plain `[Double]`).
extension MLP: Codable {
    enum CodingKeys: String, CodingKey { case widths, activations }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let widths = try container.decode([Int].self, forKey: .widths)
        let activations = try container.decode([Activation].self, forKey: .activations)
        do {
            try self.init(widths: widths, activations: activations)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(widths, forKey: .widths)
        try container.encode(layers.map(\.activation), forKey: .activations)
    }
}
