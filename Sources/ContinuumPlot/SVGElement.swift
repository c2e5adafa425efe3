/// A node of the SVG tree: an element or escaped character data.
enum SVGNode {
    case element(SVGElement)
    case text(String)
}

/// One SVG element with ordered attributes. The tree is serialised in one place so escaping cannot be
/// forgotten: attribute values and text are always passed through ``XMLEscaping``.
struct SVGElement {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [SVGNode]

    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.key, value: $0.value) }
        self.children = children
    }

    /// An element holding only `text`, such as `<text>` or `<title>`.
    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    mutating func set(_ name: String, _ value: String) {
        attributes.append((name: name, value: value))
    }

    mutating func append(_ element: SVGElement) {
        children.append(.element(element))
    }

    /// Appends this element's markup to `output`, one element per line; elements that hold only text
    /// stay on one line so no whitespace leaks into the rendered text.
    func write(to output: inout String, indent: Int = 0) {
        let padding = String(repeating: " ", count: indent)
        output += padding + "<" + name
        for attribute in attributes {
            output += " \(attribute.name)=\"\(XMLEscaping.escape(attribute.value))\""
        }
        if children.isEmpty {
            output += "/>\n"
            return
        }
        let textOnly = children.allSatisfy { if case .text = $0 { true } else { false } }
        output += textOnly ? ">" : ">\n"
        for child in children {
            switch child {
            case .text(let text): output += XMLEscaping.escape(text)
            case .element(let element): element.write(to: &output, indent: indent + 1)
            }
        }
        output += (textOnly ? "" : padding) + "</\(name)>\n"
    }
}
