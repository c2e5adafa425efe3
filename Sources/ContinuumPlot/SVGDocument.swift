/// A complete SVG file: a white canvas of a given size that panels draw into.
struct SVGDocument {
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    var width: Double
    var height: Double
    private var root: SVGElement
    private var definitions = SVGElement("defs")

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
        let w = SVGNumber.format(width), h = SVGNumber.format(height)
        root = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "width": w, "height": h, "viewBox": "0 0 \(w) \(h)",
            "font-family": SVGDocument.fontFamily, "font-size": "12",
        ])
        root.append(SVGElement("rect", ["width": w, "height": h, "fill": "#ffffff"]))
    }

    /// Adds a reusable definition such as a `<clipPath>`.
    mutating func define(_ element: SVGElement) {
        definitions.append(element)
    }

    mutating func append(_ element: SVGElement) {
        root.append(element)
    }

    /// The document as UTF-8 XML text.
    func render() -> String {
        var document = root
        if !definitions.children.isEmpty {
            document.children.insert(.element(definitions), at: 0)
        }
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        document.write(to: &output)
        return output
    }
}
