import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteMarkdown

/// The site after content and code set were joined: what every later step reads.
struct SiteModel: Sendable {
    var configuration: SiteConfiguration
    var codeSet: CodeSet
    /// The site's payers in display order (`site.yml`'s `payers`).
    var payers: [Payer]
    /// Every payer of `payers.yml`, by id.
    var allPayers: [Payer]
    /// Guidance pages by code.
    var guidance: [String: GuidanceSource] {
        didSet { sortedGuidance = Self.sortedByCode(guidance, codeSet: codeSet) }
    }
    /// Guidance sorted by code, bytewise; kept with `guidance` because every page kind that
    /// lists guidance reads it (sorting it per page made the build quadratic).
    private(set) var sortedGuidance: [GuidanceSource]
    var pages: [GeneralPageSource]
    var staticFiles: [StaticFileSource]
    /// The code-set release label shown in page footers.
    var releaseLabel: String
    /// What a code page heads the code's record with: "CMS HCPCS 2019 release", or "Code
    /// record (team data)" for a site without a CMS release.
    var recordHeading = "Code record (team data)"
    /// CMS's processing notes text, when the site has it (`processingNotes`, or beside the release).
    var processingNotes: ProcessingNotes?
    /// Codes of each section (by letter; "" for Level I and others), sorted, for the pager.
    var sectionCodes: [String: [String]] = [:]
    /// Each code's index in its section's `sectionCodes` list (a code page finds its
    /// neighbours without searching a list of thousands).
    var sectionPositions: [String: Int] = [:]
    /// The releases of `site.yml`'s `releases:`, oldest first, compared pair by pair; nil for
    /// a site with one code set.
    var history: ReleaseHistory?
    /// The newest release's full record of each procedure code, for the fields a code page
    /// shows beyond the code set's (pricing, type of service, cross references...).
    var releaseRecords = ReleaseRecords()
    /// What each release file read held, oldest first, for the build summary:
    /// "release 2019 (HCPC2019_CONTR_ANWEB.txt): 6,440 codes, 322 modifiers".
    var releaseSummaries: [String] = []
    /// The newest release's record of each modifier (a few hundred), for the dates and history
    /// a modifier page shows.
    var modifierRecords: [String: HCPCSRecord] = [:]

    /// Guidance pages whose code the code set has, in code order: the rows of the coverage
    /// matrix and of every payer page.
    var listedGuidance: [GuidanceSource] {
        sortedGuidance.filter { codeSet.contains(code: $0.frontMatter.code) }
    }

    /// Pages of the coverage matrix, and of each payer's notes: `pagerSize` rows each.
    var listPageCount: Int { Self.listPageCount(rows: listedGuidance.count, pagerSize: configuration.pagerSize) }

    /// Pages for `rows` rows at `pagerSize` a page (a size below 1 counts as 1): at least one,
    /// so an empty list still has its page. The renderer counts its copy of `listedGuidance`
    /// with this too.
    static func listPageCount(rows: Int, pagerSize: Int) -> Int {
        let size = max(1, pagerSize)
        return max(1, (rows + size - 1) / size)
    }

    // MARK: - Where pages live

    static let assetsFolder = "assets"

    static func codePath(_ code: String) -> SitePath { SitePath(["codes", code]) }
    static func modifierPath(_ code: String) -> SitePath { SitePath(["modifiers", code]) }
    static let modifierIndexPath = SitePath(["modifiers"])
    static func sectionPath(_ section: HCPCSSection) -> SitePath { SitePath(["sections", section.letter]) }
    /// Level I codes and anything without a Level II letter.
    static let otherSectionPath = SitePath(["sections", "other"])
    static func payerPath(_ id: String) -> SitePath { SitePath(["payers", id]) }
    static let coveragePath = SitePath(["coverage"])
    /// Page `number` (from 1) of a list split by `pagerSize`: the list's own path, then
    /// `<path>/page/<number>/`, as Hugo names them.
    static func listPage(_ path: SitePath, number: Int) -> SitePath {
        number <= 1 ? path : SitePath(path.segments + ["page", String(number)])
    }
    static let searchPath = SitePath(["search"])
    static let checksPath = SitePath(["checks"])
    /// The publication record's page (`publication/`).
    static let recordPath = SitePath([BuildManifest.folder])
    static let changesIndexPath = SitePath(["changes"])
    static func changesPath(_ label: String) -> SitePath { SitePath(["changes", label]) }
    /// The search index script, relative to `Site/`.
    static let searchIndexFile = "search/index.js"

    init(
        configuration: SiteConfiguration, codeSet: CodeSet, payers: [Payer], allPayers: [Payer],
        guidance: [String: GuidanceSource], pages: [GeneralPageSource], staticFiles: [StaticFileSource], releaseLabel: String
    ) {
        self.configuration = configuration
        self.codeSet = codeSet
        self.payers = payers
        self.allPayers = allPayers
        self.guidance = guidance
        self.sortedGuidance = Self.sortedByCode(guidance, codeSet: codeSet)
        self.pages = pages
        self.staticFiles = staticFiles
        self.releaseLabel = releaseLabel
    }

    /// The pages in code order (bytewise). Pages are kept only for codes of the code set, whose
    /// codes are already in that order: walking them finds the pages without sorting. A page
    /// the walk does not find (a page not keyed by its own code) makes it sort them instead.
    static func sortedByCode(_ guidance: [String: GuidanceSource], codeSet: CodeSet) -> [GuidanceSource] {
        var walked: [GuidanceSource] = []
        walked.reserveCapacity(guidance.count)
        let setCodes = codeSet.sortedCodes
        for index in setCodes.indices where walked.count < guidance.count {
            let code = setCodes[index].code
            if let page = guidance[code], page.frontMatter.code.equalsBytewise(code) { walked.append(page) }
        }
        if walked.count == guidance.count { return walked }
        // Each page's code is read once, not twice a comparison (reading it through the page
        // copied its whole front matter, with a retain of every field, each time), and the sort
        // moves indices, not pages and codes.
        let pages = Array(guidance.values)
        let codes = pages.map(\.frontMatter.code)
        return codes.indices.sorted { codes[$0].precedesBytewise(codes[$1]) }.map { pages[$0] }
    }
}

/// The newest release's procedure-code records, found by code. The records stay in the one
/// array the reader made, with their codes in order beside them: a dictionary of records held
/// a second, sparser copy of every record (over 100 MB for a hundred thousand codes), and a
/// dictionary from code to position still 6 MB of buckets; the sorted codes (as numbers, 8
/// bytes, when every code is short) and positions are 12 to 20 bytes a record, searched by
/// halves in one contiguous list.
struct ReleaseRecords: Sendable {
    private var records: [HCPCSRecord] = []
    /// Every record's code as its `key`, sorted (a code's records in file order), when every
    /// code has one (an HCPCS code is five bytes); else empty, and `codes` has them.
    private var keys: [UInt64] = []
    /// Every record's code, sorted bytewise (a code's records in file order), when some code
    /// has no `key`; else empty.
    private var codes: [String] = []
    /// Where in `records` the code at the same index of `keys` (or `codes`) is.
    private var positions: [Int32] = []

    init(_ records: [HCPCSRecord] = []) {
        self.records = records
        // Stable: of two records of one code, the later stays later.
        positions = records.indices.map(Int32.init).sorted { records[Int($0)].code.precedesBytewise(records[Int($1)].code) }
        var keys: [UInt64] = []
        keys.reserveCapacity(positions.count)
        for position in positions {
            guard let key = Self.key(records[Int(position)].code) else {
                codes = positions.map { records[Int($0)].code }
                return
            }
            keys.append(key)
        }
        self.keys = keys
    }

    /// `code` as a number that orders and equals as its bytes do: its bytes, the first in the
    /// highest, zeros after. Only for a code of at most eight bytes none of which is zero
    /// (else two codes could share a number); nil for any other. A search compares two
    /// numbers where `precedesBytewise` took some 80 instructions a comparison, thirteen
    /// comparisons a search, two or three searches a code.
    private static func key(_ code: String) -> UInt64? {
        var key: UInt64 = 0, count = 0
        for byte in code.utf8 {
            guard count < 8, byte != 0 else { return nil }
            key = key << 8 | UInt64(byte)
            count += 1
        }
        return count == 0 ? 0 : key << (8 * (8 - count))
    }

    /// The record of `code`; of two in the file, the later.
    subscript(code: String) -> HCPCSRecord? {
        position(of: code).map { records[$0] }
    }

    /// `body` of the record of `code` (of two in the file, the later) read where it is, or nil
    /// when there is none: a record is some thirty fields, and the copy `self[code]` returns
    /// retains each of them (twice a code page).
    func withRecord<Result>(of code: String, _ body: (borrowing HCPCSRecord) -> Result) -> Result? {
        guard let position = position(of: code) else { return nil }
        return records.withUnsafeBufferPointer { body($0[position]) }
    }

    /// `body` given the record of `code` (of two in the file, the later) where it is, or nil
    /// when there is none. A record is some thirty fields: the copy `self[code]` returns
    /// retains each of them, where a reader of a dozen fields retains only those it reads.
    /// The pointer is valid only during `body`.
    func withRecordIfAny<Result>(of code: String, _ body: (UnsafePointer<HCPCSRecord>?) -> Result) -> Result {
        guard let position = position(of: code) else { return body(nil) }
        return records.withUnsafeBufferPointer { body($0.baseAddress! + position) }
    }

    /// Whether there is a record of `code` (without copying it, as `self[code] != nil` does).
    func contains(code: String) -> Bool { position(of: code) != nil }

    /// Where in `records` the last record of `code` is.
    private func position(of code: String) -> Int? {
        // The first code that sorts after `code`: the one before it, if any, is the last
        // record of `code`.
        var lower = 0
        if codes.isEmpty {
            // No code of the records is longer than eight bytes: neither is a code found here.
            guard let key = Self.key(code) else { return nil }
            var upper = keys.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if key < keys[middle] { upper = middle } else { lower = middle + 1 }
            }
            guard lower > 0, keys[lower - 1] == key else { return nil }
        } else {
            var upper = codes.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if code.precedesBytewise(codes[middle]) { upper = middle } else { lower = middle + 1 }
            }
            guard lower > 0, codes[lower - 1].equalsBytewise(code) else { return nil }
        }
        return Int(positions[lower - 1])
    }
}
