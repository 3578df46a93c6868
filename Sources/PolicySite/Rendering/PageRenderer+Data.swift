import PolicySiteCodeSets
import PolicySiteCore

/// The data twins of code pages, for programs: `codes/<CODE>/index.json` beside each code page
/// and the list `codes/index.json`. Shapes and key order are documented by the JSON Schemas in
/// `docs/schema/` (`code.schema.json`, `codes-index.schema.json`); every path in them is
/// relative to the top of the site, as the search index's are. Keys come in a fixed order and
/// absent values are `null` (or `[]` for lists), never left out.
extension PageRenderer {
    /// Where a code's twin is written, below `Site/`: `codes/<CODE>/index.json`, beside the
    /// code page (`SiteModel.codePath`).
    static func codeDataPath(_ code: String) -> String {
        // Written straight into the string: each code's path is asked five times a build (its
        // job, its file, its twin's links, the code list), and the segments put in an array
        // and joined cost 2,300 instructions each time.
        let folder = codesFolder
        return String(unsafeUninitializedCapacity: folder.utf8.count + code.utf8.count + 12) { path in
            var written = 0
            func write(_ text: String) {
                written += UnsafeMutableBufferPointer(rebasing: path[written...]).initialize(from: text.utf8).1
            }
            write(folder)
            write("/")
            write(code)
            write("/index.json")
            return written
        }
    }
    /// The code pages' folder, `codes`.
    private static let codesFolder = SiteModel.codePath("").segments[0]
    /// The list of every code, below `Site/`.
    static let codesIndexPath = "codes/index.json"

    /// `codes/<CODE>/index.json`: the code, its status as of the site's date, the release
    /// record with typed fields, the team's guidance summary, each site payer's note, links.
    func codeData(_ code: HCPCSCode) -> OutputFile {
        // The closures below capture these values, not `self`: capturing the renderer copied
        // it (a retain and a release of each of its fields) three times a file.
        let htmlPath = SiteModel.codePath(code.code).filePath
        let records = model.releaseRecords
        let guidance = model.guidance[code.code]
        let asOf = model.configuration.asOf
        let recordHeading = model.recordHeading
        let processingNotes = model.processingNotes
        var reviewNeeded = false
        if let guidance { reviewNeeded = !model.staleChanges(for: guidance).isEmpty }
        // Payers and states read where they are, by position: zipped, each pair was a copy of
        // a payer and of a state (a retain of each of their strings), for every note of a twin.
        // A payer's id and name are written as the build escaped them once (`payerDataFields`).
        let payerFields = payerDataFields
        let states = guidance == nil ? [] : payerNoteStates(code: code.code)
        let changes = model.history.map { history in history.comparisons.compactMap { $0.change(forCode: code.code) } } ?? []
        // A twin is 2-3 KB: room for all of it at once.
        var json = JSONWriter(capacity: 4096)
        json.object { json in
            json.field("code", code.code)
            json.field("longDescriptor", code.longDescriptor)
            json.field("shortDescriptor", code.shortDescriptor)
            json.field("section", code.section) { json, section in
                json.field("letter", section.letter)
                json.field("name", section.name)
            }
            json.field("status", object: { json in Self.statusFields(code.status(asOf: asOf), asOf: asOf, into: &json) })
            // The record is read where it is: `releaseRecords[code]` copied all of its fields
            // (a retain each) for the dozen the twin reads.
            json.field("record", object: { json in
                records.withRecordIfAny(of: code.code) { record in
                    Self.recordFields(code, record: record, heading: recordHeading, processingNotes: processingNotes, into: &json)
                }
            })
            json.field("guidance", guidance) { json, page in
                let matter = page.frontMatter
                json.field("title", matter.title)
                json.field("serviceType", matter.serviceType)
                json.field("sitesOfService", strings: matter.sitesOfService)
                json.field("modifiers", array: matter.modifiers) { json, usage in
                    json.object { json in
                        json.field("code", usage.code)
                        json.field("whenToUse", usage.whenToUse)
                    }
                }
                json.field("lastReviewed", matter.lastReviewed?.description)
                json.field("owner", matter.owner)
                json.field("historical", matter.historical)
                json.field("reviewNeeded", reviewNeeded)
            }
            json.field("payerNotes", array: 0..<min(payerFields.count, states.count)) { json, index in
                json.object { json in
                    json.fields(payerFields[index])
                    json.field("state", states[index].stateName)
                    json.field("text", states[index].hasNote ? PlainText.fromHTML(states[index].html) : nil)
                    json.field("url", joining: htmlPath, "#", states[index].id)
                }
            }
            json.field("links", object: { json in
                json.field("html", htmlPath)
                json.field("json", Self.codeDataPath(code.code))
                json.field("changes", array: changes) { json, change in
                    json.value(joining: SiteModel.changesPath(change.releaseLabel).filePath, "#", Self.changeAnchor(change))
                }
            })
        }
        json.endLine()
        return OutputFile(path: Self.codeDataPath(code.code), contents: json.bytes)
    }

    /// `state` (`active`, `terminated`, `pending`), `label` as pages show it, the relevant
    /// date, and the day the status is computed for.
    private static func statusFields(_ status: CodeStatus, asOf: CalendarDate, into json: inout JSONWriter) {
        switch status {
        case .active:
            json.field("state", "active")
            json.field("label", status.label)
            json.field("date", nil as String?)
        case .terminated(let date):
            json.field("state", "terminated")
            json.field("label", status.label)
            json.field("date", date.description)
        case .notYetEffective(let date):
            json.field("state", "pending")
            json.field("label", status.label)
            json.field("date", date.description)
        }
        json.field("asOf", asOf.description)
    }

    /// The code's record: the code set's fields, and the release's when the newest release
    /// lists the code (`source` says which); coded values as `{code, meaning}`.
    private static func recordFields(_ code: HCPCSCode, record: UnsafePointer<HCPCSRecord>?, heading: String, processingNotes: ProcessingNotes?, into json: inout JSONWriter) {
        func coded(_ name: StaticString, _ value: (code: String, meaning: String?)?) {
            json.field(name, value.map { $0 }) { json, value in
                json.field("code", value.code)
                json.field("meaning", value.meaning)
            }
        }
        func codedList(_ name: StaticString, _ values: [(code: String, meaning: String?)]) {
            json.field(name, array: values) { json, value in
                json.object { json in
                    json.field("code", value.code)
                    json.field("meaning", value.meaning)
                }
            }
        }
        json.field("source", record == nil ? "team data" : "release")
        json.field("release", record == nil ? nil : heading)
        json.field("addedDate", code.addedDate?.description)
        json.field("actionEffectiveDate", code.actionEffectiveDate?.description)
        json.field("terminationDate", code.terminationDate?.description)
        coded("actionCode", (record?.pointee.actionCode ?? code.actionCode).map { ($0.rawValue, $0.meaning) })
        coded("coverageCode", code.coverageCode.map { ($0.rawValue, $0.meaning) })
        coded("betosCode", code.betosCode.map { ($0, BETOSTable.meaning(of: $0)) })
        codedList("pricingIndicators", record?.pointee.pricingIndicators.map { ($0.rawValue, $0.meaning) } ?? [])
        coded("multiplePricingIndicator", record?.pointee.multiplePricingIndicator.map { ($0.rawValue, $0.meaning) })
        json.field("coverageIssuesManualReferences", strings: record?.pointee.coverageIssuesManualReferences ?? [])
        json.field("carriersManualReferences", strings: record?.pointee.carriersManualReferences ?? [])
        json.field("statute", record?.pointee.statute)
        codedList("labCertificationCodes", record?.pointee.labCertificationCodes.map { ($0.rawValue, $0.meaning) } ?? [])
        json.field("crossReferences", strings: record?.pointee.crossReferences ?? [])
        json.field("ascPaymentGroup", record?.pointee.ascPaymentGroup)
        json.field("ascPaymentGroupEffectiveDate", record?.pointee.ascPaymentGroupEffectiveDate?.description)
        json.field("mogPaymentGroup", record?.pointee.mogPaymentGroup)
        json.field("mogPaymentPolicyIndicator", record?.pointee.mogPaymentPolicyIndicator)
        json.field("mogEffectiveDate", record?.pointee.mogEffectiveDate?.description)
        coded("processingNote", record?.pointee.processingNoteNumber.map { ($0, processingNotes?[$0]) })
        codedList("typeOfService", record?.pointee.typeOfServiceCodes.map { ($0.rawValue, $0.meaning) } ?? [])
        json.field("anesthesiaBaseUnits", record?.pointee.anesthesiaBaseUnits)
    }

    /// `codes/index.json`: `{"asOf": ..., "codes": [{code, longDescriptor, status, hasGuidance,
    /// url, json}]}`, codes in code order (bytewise). Whole, for `check` and rebuilds; a build
    /// writes it in parts (`writeCodesIndex`).
    func codesIndex() -> OutputFile {
        var contents: [UInt8] = []
        writeCodesIndex { contents.append(contentsOf: $0) }
        return OutputFile(path: Self.codesIndexPath, contents: contents)
    }

    /// The bytes of `codesIndex()`, given to `write` in parts of about 64 KB: at 100,000
    /// codes the list is 24 MB, which a build would otherwise hold whole, and copy, while
    /// other pages render.
    /// - Throws: what `write` throws.
    func writeCodesIndex(to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        let asOf = model.configuration.asOf
        var json = JSONWriter(capacity: FileParts.size + 4096)
        try json.object { json in
            json.field("asOf", asOf.description)
            try json.field("codes", array: sortedCodes) { json, code in
                json.object { json in
                    json.field("code", code.code)
                    json.field("longDescriptor", code.longDescriptor)
                    let state: String = switch code.status(asOf: asOf) {
                    case .active: "active"
                    case .terminated: "terminated"
                    case .notYetEffective: "pending"
                    }
                    json.field("status", state)
                    json.field("hasGuidance", model.guidance[code.code] != nil)
                    json.field("url", SiteModel.codePath(code.code).filePath)
                    json.field("json", Self.codeDataPath(code.code))
                }
                try json.handOn(to: write)
            }
        }
        json.endLine()
        try json.handOn(last: true, to: write)
    }
}

/// Text of the HTML the Markdown layer made: tags dropped, the entities it writes decoded,
/// white space collapsed. For the data twins' note text.
enum PlainText {
    static func fromHTML(_ html: String) -> String {
        var html = html
        // Read as bytes: tags and entities are ASCII, and every other byte, of any character,
        // is text copied as it is.
        return html.withUTF8(fromHTMLBytes)
    }

    private static func fromHTMLBytes(_ html: UnsafeBufferPointer<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(html.count)
        var tagStart: Int?
        var entityStart: Int?
        var index = 0
        // Text between tags and entities, and a tag's inside, are found as runs and copied (or
        // skipped) at once: a byte at a time, each append checked the array's room and owner.
        while index < html.count {
            if let start = tagStart {
                var close = index
                while close < html.count, html[close] != UInt8(ascii: ">") { close += 1 }
                // A tag never closed is dropped with what follows it.
                guard close < html.count else { break }
                // A block's edge separates words; an inline tag (`<em>`, `<a>`) does not.
                // The name is the first run of neither space nor slash: `p` in `</p>` and `<br />`.
                func isSeparator(_ at: Int) -> Bool { html[at] == UInt8(ascii: " ") || html[at] == UInt8(ascii: "/") }
                var nameStart = start
                while nameStart < close, isSeparator(nameStart) { nameStart += 1 }
                var end = nameStart
                while end < close, !isSeparator(end) { end += 1 }
                if end > nameStart, isBlockElement(UnsafeBufferPointer(rebasing: html[nameStart..<end])) { text.append(UInt8(ascii: " ")) }
                tagStart = nil
                index = close + 1
                continue
            }
            let byte = html[index]
            if let start = entityStart {
                let length = index - start
                if byte == UInt8(ascii: ";") {
                    text.append(contentsOf: decode(String(decoding: UnsafeBufferPointer(rebasing: html[start..<index]), as: UTF8.self)).utf8)
                    entityStart = nil
                    index += 1
                    continue
                }
                let lower = byte | 0x20
                if length < 10, (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "#") {
                    index += 1
                    continue
                }
                // Not an entity after all: the `&` and what followed are text, and this byte
                // is read as any other.
                text.append(contentsOf: UnsafeBufferPointer(rebasing: html[(start - 1)..<index]))
                entityStart = nil
            }
            switch byte {
            case UInt8(ascii: "<"):
                tagStart = index + 1
                index += 1
            case UInt8(ascii: "&"):
                entityStart = index + 1
                index += 1
            default:
                var end = index + 1
                while end < html.count, html[end] != UInt8(ascii: "<"), html[end] != UInt8(ascii: "&") { end += 1 }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: html[index..<end]))
                index = end
            }
        }
        if let start = entityStart { text.append(contentsOf: UnsafeBufferPointer(rebasing: html[(start - 1)...])) }
        return SearchIndex.compact(String(decoding: text, as: UTF8.self))
    }

    /// Whether a tag's name (as written, any case) is a block element. Compared byte by byte
    /// with each name of the same length: every tag of every note is asked, and a string and
    /// a hash for each took longer than the comparisons.
    private static func isBlockElement(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count <= 10 else { return false }
        return blockElements.contains { element in
            element.count == name.count && zip(element, name).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
        }
    }

    private static let blockElements: [[UInt8]] = [
        "p", "br", "li", "ul", "ol", "div", "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "dl", "dt", "dd",
    ].map { Array($0.utf8) }

    private static func decode(_ name: String) -> String {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                return String(Character(scalar))
            }
            if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) {
                return String(Character(scalar))
            }
            return "&" + name + ";"
        }
    }
}
