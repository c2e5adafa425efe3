import Foundation

enum AtomicWrite {
    /// Writes `text` as UTF-8 to a temporary file beside `url` and renames it over `url`, so an
    /// interrupted write never leaves a truncated file behind.
    static func write(_ text: String, to url: URL) throws(PlotError) {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }
}
