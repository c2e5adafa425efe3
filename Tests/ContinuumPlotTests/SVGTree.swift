import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed with Foundation's XMLParser into a flat list of elements, so tests can
/// check well-formedness and then query what was drawn.
final class SVGTree: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        /// Names of the enclosing elements, outermost first.
        var ancestors: [String]
        /// `class` attributes of the enclosing elements.
        var ancestorClasses: [String]
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var parseError: String?

    /// Parses `svg`; `parseError` is set when it is not well-formed XML.
    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() {
            parseError = parser.parserError.map { "\($0)" } ?? "unknown parse error"
        }
    }

    var isWellFormed: Bool { parseError == nil }

    func all(_ name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    /// Elements whose own or an ancestor's `class` is `className`.
    func within(_ className: String, _ name: String) -> [Element] {
        all(name).filter { $0.attributes["class"] == className || $0.ancestorClasses.contains(className) }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        let parents = open.map { elements[$0] }
        elements.append(Element(name: elementName, attributes: attributes,
                                ancestors: parents.map(\.name),
                                ancestorClasses: parents.compactMap { $0.attributes["class"] }))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }
}

/// The numbers in SVG path data, in order (commands dropped).
func pathNumbers(_ data: String) -> [Double] {
    var numbers: [Double] = []
    var current = ""
    for character in data {
        if character.isNumber || character == "." || (character == "-" && current.isEmpty) {
            current.append(character)
        } else {
            if let value = Double(current) { numbers.append(value) }
            current = character == "-" ? "-" : ""
        }
    }
    if let value = Double(current) { numbers.append(value) }
    return numbers
}

/// The absolute points of path data made only of `M` and (implicit) `L` commands.
func pathPoints(_ data: String) -> [(x: Double, y: Double)] {
    let numbers = pathNumbers(data)
    return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
}

extension Double {
    func isClose(to other: Double, tolerance: Double = 1e-9) -> Bool {
        abs(self - other) <= tolerance * Swift.max(1, abs(self), abs(other))
    }
}
