import Foundation

/// Writes files so that a reader never sees a half-written file and a failed write never destroys
/// the previous version: the text goes to a temporary file beside the target, which then replaces
/// the target in one rename.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
