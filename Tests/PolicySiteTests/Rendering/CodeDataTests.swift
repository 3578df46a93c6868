import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The default content, built once for the tests that read its data twins and modifier pages
/// (the process's one `SharedSite.defaultContent`).
enum DefaultContentSite {
    static var built: FixtureSite? { SharedSite.defaultContent }

    static func require() throws -> FixtureSite { try #require(built, "the default content did not build") }
}

/// The JSON twins of code pages (`codes/<CODE>/index.json`), the code list (`codes/index.json`)
/// and their schemas (`docs/schema/`).
@Suite struct CodeDataTests {
    static let codeSchema = repositoryRoot.appendingPathComponent("docs/schema/code.schema.json")
    static let indexSchema = repositoryRoot.appendingPathComponent("docs/schema/codes-index.schema.json")

    func validator(_ url: URL) throws -> JSONSchemaValidator {
        JSONSchemaValidator(schema: try JSONNode.parse(Data(contentsOf: url)))
    }

    @Test func twinOfAGuidancePage() throws {
        let site = try DefaultContentSite.require()
        #expect(try site.page("codes/G9328/index.json") == #"""
{"code":"G9328","longDescriptor":"Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery)","shortDescriptor":"Medrsn no dicom format doc","section":{"letter":"G","name":"Procedures and Professional Services (Temporary)"},"status":{"state":"terminated","label":"Terminated (last day of service: 2015-12-31)","date":"2015-12-31","asOf":"2019-01-01"},"record":{"source":"team data","release":null,"addedDate":"2014-01-01","actionEffectiveDate":"2016-01-01","terminationDate":"2015-12-31","actionCode":null,"coverageCode":{"code":"C","meaning":"Carrier judgment"},"betosCode":{"code":"M5B","meaning":"Specialist - psychiatry"},"pricingIndicators":[],"multiplePricingIndicator":null,"coverageIssuesManualReferences":[],"carriersManualReferences":[],"statute":null,"labCertificationCodes":[],"crossReferences":[],"ascPaymentGroup":null,"ascPaymentGroupEffectiveDate":null,"mogPaymentGroup":null,"mogPaymentPolicyIndicator":null,"mogEffectiveDate":null,"processingNote":null,"typeOfService":[],"anesthesiaBaseUnits":null},"guidance":{"title":"DICOM image availability not documented for medical reasons","serviceType":"Quality measure reporting (CT radiation dose and image availability)","sitesOfService":["Radiation oncology department","Hospital outpatient department"],"modifiers":[{"code":"26","whenToUse":"Only when the radiologist reports the professional component (interpretation and report) apart from the facility's technical component."}],"lastReviewed":"2018-11-15","owner":"Compliance, Radiology coding team","historical":true,"reviewNeeded":false},"payerNotes":[{"payer":"aetna","name":"Aetna","state":"no-data","text":null,"url":"codes/G9328/index.html#aetna"},{"payer":"bcbs","name":"Blue Cross Blue Shield","state":"no-data","text":null,"url":"codes/G9328/index.html#bcbs"},{"payer":"cigna","name":"Cigna","state":"no-data","text":null,"url":"codes/G9328/index.html#cigna"},{"payer":"uhc","name":"UnitedHealthcare","state":"no-data","text":null,"url":"codes/G9328/index.html#uhc"},{"payer":"medicare","name":"Medicare","state":"note","text":"Medicare accepted G9328 as a quality-data code for the CT radiation dose measures in the 2014 and 2015 reporting years; it carried no payment. Source: the CMS 2019 HCPCS release (G9328 added 2014-01-01, terminated 2015-12-31) and the imaging documentation policy.","url":"codes/G9328/index.html#medicare"}],"links":{"html":"codes/G9328/index.html","json":"codes/G9328/index.json","changes":[]}}

"""#)
    }

    @Test func codeListAndPublicationRecord() throws {
        let site = try DefaultContentSite.require()
        let list = try JSONNode.parse(Data(site.page("codes/index.json").utf8))
        #expect(try validator(Self.indexSchema).errors(in: list) == [])
        guard case .array(let codes)? = list["codes"] else { Issue.record("no codes list"); return }
        #expect(codes.count == 10)
        #expect(codes[8] == .object([
            "code": .string("G9328"),
            "longDescriptor": .string("Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery)"),
            "status": .string("terminated"), "hasGuidance": .bool(true),
            "url": .string("codes/G9328/index.html"), "json": .string("codes/G9328/index.json"),
        ]))
        // Every twin is in the publication record, as every file of the site is.
        let manifest = try site.page("publication/manifest.json")
        let listed = manifest.split(separator: "\n").filter { $0.contains("\"codes/") && $0.contains(".json\"") }
        #expect(listed.count == 11)
    }

    @Test func sameInputSameBytes() throws {
        let first = try FixtureSite(copyingRepositoryContent: ())
        let second = try FixtureSite(copyingRepositoryContent: ())
        #expect(first.build().wroteSite && second.build().wroteSite)
        let a = first.snapshot().filter { $0.key.hasSuffix(".json") && $0.key.hasPrefix("codes/") }
        let b = second.snapshot().filter { $0.key.hasSuffix(".json") && $0.key.hasPrefix("codes/") }
        #expect(a.count == 11 && a == b)
    }

    @Test func everyTwinOfThe2019SiteMatchesTheSchema() throws {
        let site = try ReleaseSite.require()
        let codeValidator = try validator(Self.codeSchema)
        let codesFolder = site.output.appendingPathComponent("codes")
        let codes = try FileManager.default.contentsOfDirectory(atPath: codesFolder.path).filter { !$0.hasSuffix(".json") }.sorted()
        #expect(codes.count == 6440)
        var failures: [String] = []
        var withRecord = 0
        for code in codes {
            let node = try JSONNode.parse(Data(contentsOf: codesFolder.appendingPathComponent("\(code)/index.json")))
            failures += codeValidator.errors(in: node).map { "\(code): \($0)" }
            if node["record"]?["source"] == .string("release") { withRecord += 1 }
        }
        #expect(failures.prefix(20) == [])
        #expect(withRecord == 6440)
        let list = try JSONNode.parse(Data(contentsOf: codesFolder.appendingPathComponent("index.json")))
        #expect(try validator(Self.indexSchema).errors(in: list) == [])
        // G0101 in HCPC2019_CONTR_ANWEB.txt: typed fields, the processing note with its text.
        let g0101 = try JSONNode.parse(Data(contentsOf: codesFolder.appendingPathComponent("G0101/index.json")))
        let record = try #require(g0101["record"])
        #expect(record["pricingIndicators"] == .array([.object(["code": .string("11"), "meaning": .string("Price established using national RVUs")])]))
        #expect(record["processingNote"]?["code"] == .string("0064"))
        #expect(record["release"] == .string("CMS HCPCS 2019 release"))
    }

    @Test func twinPathBesideTheCodePage() {
        #expect(PageRenderer.codeDataPath("G9328") == "codes/G9328/index.json")
        #expect(PageRenderer.codeDataPath("0001U") == "codes/0001U/index.json")
        // Not percent-encoded: a file path, as `SitePath.filePath` writes the code page's.
        #expect(PageRenderer.codeDataPath("m\u{E9}d") == "codes/m\u{E9}d/index.json")
        #expect(PageRenderer.codeDataPath("") == "codes//index.json")
    }

    @Test func noteTextWithoutMarkup() {
        #expect(PlainText.fromHTML("<p>A &amp; B <em>c</em>d &#39;e&#x27; &lt;f&gt;</p>\n<ul>\n<li>x</li><li>y</li>\n</ul>") == "A & B cd 'e' <f> x y")
        #expect(PlainText.fromHTML("<p>Fish &chips; 5 &amp 6</p>") == "Fish &chips; 5 &amp 6")
    }

    @Test func twinsLinkTheChangesPagesOfASiteWithReleases() throws {
        let site = try ThreeReleaseSite.require()
        let twin = try JSONNode.parse(Data(site.page("codes/C9014/index.json").utf8))
        #expect(twin["links"]?["changes"] == .array([.string("changes/2018/index.html#code-C9014"), .string("changes/2019/index.html#code-C9014")]))
        #expect(twin["status"] == .object(["state": .string("terminated"), "label": .string("Terminated (last day of service: 2018-12-31)"), "date": .string("2018-12-31"), "asOf": .string("2019-01-01")]))
        let a5513 = try JSONNode.parse(Data(site.page("codes/A5513/index.json").utf8))
        #expect(a5513["guidance"]?["reviewNeeded"] == .bool(true))
        #expect(try validator(Self.codeSchema).errors(in: a5513) == [])
    }

    @Test func theValidatorRejectsWhatTheSchemaForbids() throws {
        let schema = try JSONNode.parse(Data("""
        {"type": "object", "required": ["a", "b"], "additionalProperties": false,
         "properties": {"a": {"type": ["string", "null"], "pattern": "^[0-9]{4}$"},
                        "b": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}},
                        "c": {"type": "integer"}}}
        """.utf8))
        let validator = JSONSchemaValidator(schema: schema)
        let value = try JSONNode.parse(Data(#"{"a": "12", "b": ["x", "z", 1], "c": true, "d": 0}"#.utf8))
        #expect(validator.errors(in: value) == [
            "$.a: \"12\" does not match ^[0-9]{4}$",
            "$.b[1]: string(\"z\") is not one of the enum's values",
            "$.b[2]: expected string, found integer",
            "$.c: expected integer, found boolean",
            "$: unexpected property 'd'",
        ])
        #expect(validator.errors(in: try JSONNode.parse(Data(#"{"a": null}"#.utf8))) == ["$: missing required 'b'"])
        let unknown = JSONSchemaValidator(schema: try JSONNode.parse(Data(#"{"minimum": 1}"#.utf8)))
        #expect(unknown.errors(in: .integer(0)) == ["$: schema keyword 'minimum' is not supported by this validator"])
    }
}

@Suite struct ModifierPageTests {
    func usedBy(_ modifier: String) throws -> String {
        let page = try DefaultContentSite.require().page("modifiers/\(modifier)/index.html")
        let start = try #require(page.range(of: "<h2 id=\"used-by\">"))
        let end = try #require(page.range(of: "</article>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.lowerBound])
    }

    @Test func pagesThatListOrMentionTheModifier() throws {
        // The policy page says "modifier TC" in prose; no front matter lists TC.
        #expect(try usedBy("TC") == """
        <h2 id="used-by">Guidance that uses modifier TC</h2>
        <ul>
        <li><a href="../../policies/imaging-documentation/index.html">Imaging documentation policy</a> <span class="usage-kind">(mentions it)</span></li>
        </ul>

        """)
        #expect(try usedBy("26") == """
        <h2 id="used-by">Guidance that uses modifier 26</h2>
        <ul>
        <li><a href="../../codes/G9328/index.html">G9328: DICOM image availability not documented for medical reasons</a> <span class="usage-kind">(lists and mentions it)</span></li>
        <li><a href="../../policies/imaging-documentation/index.html">Imaging documentation policy</a> <span class="usage-kind">(mentions it)</span></li>
        </ul>

        """)
        #expect(try usedBy("GA") == """
        <h2 id="used-by">Guidance that uses modifier GA</h2>
        <p>No guidance page lists or mentions this modifier yet.</p>

        """)
    }

    @Test func proseFormsOnAFixture() throws {
        let site = try FixtureSite(files: [
            "data/modifiers.yml": """
            - code: "26"
              descriptor: "Professional component"
              level: I
            - code: "TC"
              descriptor: "Technical component"
              level: II
            - code: "GA"
              descriptor: "Waiver of liability"
              level: II

            """,
            "codes/G9329.md": FixtureSite.guidanceG9328
                .replacingOccurrences(of: "code: G9328", with: "code: G9329")
                .replacingOccurrences(of: "historical: true\n", with: "")
                .replacingOccurrences(of: "Context text.", with: "Bill G9329-TC for the technical part; the GA modifier when a waiver is signed."),
            "policies/p.md": "---\ntitle: P\n---\nTC, ETC and tc are not mentions.\n",
        ])
        #expect(site.build().wroteSite)
        #expect(try site.page("modifiers/TC/index.html").contains("<li><a href=\"../../codes/G9329/index.html\">G9329: DICOM availability not documented</a> <span class=\"usage-kind\">(mentions it)</span></li>\n</ul>"))
        #expect(try site.page("modifiers/GA/index.html").contains("<li><a href=\"../../codes/G9329/index.html\">G9329: DICOM availability not documented</a> <span class=\"usage-kind\">(mentions it)</span></li>\n</ul>"))
        #expect(try !site.page("modifiers/TC/index.html").contains("policies/p/"))
    }
}
