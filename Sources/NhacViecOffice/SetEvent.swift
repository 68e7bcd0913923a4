import NhacViecConfig
import NhacViecCore

/// `nhacviec event`: sets an event's date in its plan file in place, only once the whole configuration with the
/// edited text passes `check`; the file is replaced atomically and keeps its owner, group and mode.
///
/// Two steps, so that the command shows the check's warnings before the file is written.
public struct SetEvent {
    let configuration: Configuration
    let source: any ConfigurationSource
    let check: (any ConfigurationSource) throws -> Configuration

    /// Creates the use case; `check` loads the configuration from a source as `nhacviec check` would.
    public init(configuration: Configuration, source: any ConfigurationSource = DiskConfigurationSource(),
                check: @escaping (any ConfigurationSource) throws -> Configuration) {
        self.configuration = configuration
        self.source = source
        self.check = check
    }

    /// The plan file's new text with the event changed, checked as a whole; writes nothing.
    public func prepare(plan: String, event: String, to value: EventValue) throws(OfficeError) -> EventChange {
        let files: [(path: String, text: String)]
        do { files = try configuration.plans.map { ($0.file, try source.read($0.file)) } } catch {
            throw OfficeError(.invalidInput, String(describing: error))
        }
        let edit: EventEditor.Edit
        do { edit = try EventEditor(files: files).edit(plan: plan, event: event, to: value.change) } catch {
            throw OfficeError(.cannotEdit, error.description)
        }
        let overlay = OverlayConfigurationSource(base: source, files: [edit.file: edit.text])
        let checked: Configuration
        do { checked = try check(overlay) } catch let error as ConfigurationError {
            let message = "with \(event) set to \(value.text), the configuration would not pass check; nothing was written"
            throw OfficeError(.checkFailed, message, diagnostics: error.diagnostics)
        } catch {
            throw OfficeError(.checkFailed, String(describing: error))
        }
        return EventChange(plan: plan, event: event, value: value, edit: edit, checked: checked)
    }

    /// Replaces the plan file with the checked text.
    public func write(_ change: EventChange) throws(OfficeError) {
        do { try AtomicFileWriter.replace(change.file, with: change.text) } catch {
            throw OfficeError(.unwritable, error.description)
        }
    }
}
