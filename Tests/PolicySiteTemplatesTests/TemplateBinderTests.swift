import PolicySiteCore
import Testing
@testable import PolicySiteTemplates

struct StatusTestView: TemplateView {
    var label: String
    var isActive: Bool
}

struct RowTestView: TemplateView {
    var code: String
    var url: String?
    var status: StatusTestView
}

struct PageTestView: TemplateView {
    var title: String
    var body: HTML
    var rows: [RowTestView]
    var notes: [String]
    var owner: String?
    var count: Int
    var hasRows: Bool
    var status: StatusTestView?
}

struct OtherTestView: TemplateView {
    var label: String
}

/// Binds `templates` (name to text) with `root` bound to `View`, as a templates folder `T`.
func bind<View: TemplateView>(_ templates: [String: String], root: String = "page", to type: View.Type = PageTestView.self) throws -> (BoundTemplate<View>?, [String]) {
    var parsed: [String: MustacheTemplate] = [:]
    for (name, text) in templates { parsed[name] = try MustacheTemplate(name: name, source: text) }
    let binder = TemplateBinder(templates: parsed, folderDisplay: "T/") { "T/\($0).mustache" }
    let (bound, diagnostics) = binder.bind(root, to: type, schemas: ViewSchemaBuilder())
    return (bound, diagnostics.sorted().map(\.description))
}

/// Every template mistake is found when the templates load, at its tag, whatever the data.
@Suite struct TemplateBinderTests {
    @Test func aTypoAfterADot() throws {
        let (bound, findings) = try bind(["page": "{{#rows}}\n  <p>{{status.lable}}</p>\n{{/rows}}\n"])
        #expect(bound == nil)
        #expect(findings == ["T/page.mustache:2:6: error: template 'page' names 'status.lable', but StatusTestView (status) has no field 'lable'; did you mean 'label'? [template-key]"])
    }

    @Test func aNameOnlyAnotherViewHas() throws {
        _ = ViewSchemaBuilder().schema(for: OtherTestView.self)
        let (_, findings) = try bind(["page": "<h1>{{label}}</h1>"])
        #expect(findings == ["T/page.mustache:1:5: error: template 'page' names 'label', which PageTestView does not have [template-key]"])
    }

    @Test func aNameInASectionThatMayRenderNothing() throws {
        // `rows` may be empty on every page a build renders; the name is checked all the same.
        let (_, findings) = try bind(["page": "{{#rows}}{{cod}}{{/rows}}{{^rows}}none{{/rows}}"])
        #expect(findings == ["T/page.mustache:1:10: error: template 'page' names 'cod', which RowTestView and PageTestView do not have; did you mean 'code'? [template-key]"])
    }

    @Test func aNameInABlockIsResolvedWhereTheParentExpandsIt() throws {
        let templates = [
            "layout": "<main>\n{{#status}}{{$content}}{{/content}}{{/status}}\n</main>\n",
            "page": "{{<layout}}\n{{$content}}\n{{label}} {{titel}}\n{{/content}}\n{{/layout}}\n",
        ]
        let (_, findings) = try bind(templates)
        // `label` is StatusTestView's: the block renders inside the layout's `{{#status}}`.
        #expect(findings == ["T/page.mustache:3:11: error: template 'page' names 'titel', which StatusTestView and PageTestView do not have; did you mean 'title'? [template-key]"])
    }

    @Test func aBlockThatReplacesNothing() throws {
        let templates = ["layout": "<main>{{$content}}{{/content}}</main>", "page": "{{<layout}}{{$contnet}}x{{/contnet}}{{/layout}}"]
        let (_, findings) = try bind(templates)
        #expect(findings == ["T/page.mustache:1:12: error: block 'contnet' replaces no block of template 'layout'; did you mean 'content'? [template-key]"])
    }

    @Test func aNameAfterADelimiterChange() throws {
        let (_, findings) = try bind(["page": "{{=<% %>=}}\n<h1><% titel %></h1>\n<%={{ }}=%>\n{{owner}}"])
        #expect(findings == ["T/page.mustache:2:5: error: template 'page' names 'titel', which PageTestView does not have; did you mean 'title'? [template-key]"])
    }

    @Test func aMissingPartialAndACycle() throws {
        let templates = ["page": "{{>row}}\n{{>nothere}}\n", "row": "<p>{{title}}</p>\n  {{>cell}}\n", "cell": "{{>row}}"]
        let (_, findings) = try bind(templates)
        #expect(findings == [
            "T/cell.mustache:1:1: error: template 'cell' includes itself (row -> cell -> row); rendering it would never end [template-cycle]",
            "T/page.mustache:2:1: error: template 'page' includes 'nothere', which is not a template in T/ [template-missing]",
        ])
    }

    @Test func fieldsUsedAgainstTheirKind() throws {
        let template = """
            {{#title}}x{{/title}}
            {{^status.label}}y{{/status.label}}
            {{rows}}{{hasRows}}
            {{body}}{{{title}}}
            {{title.size}}
            """
        let (_, findings) = try bind(["page": template])
        #expect(findings == [
            "T/page.mustache:1:1: error: a section over 'title' always renders: 'title' is text that is always there; use a boolean field, or make the field optional [template-type]",
            "T/page.mustache:3:1: error: 'rows' is a list of RowTestViews: it can open a section ({{#rows}}), not be written as a value [template-type]",
            "T/page.mustache:3:9: error: 'hasRows' is a boolean: it can open a section ({{#hasRows}}), not be written as a value [template-type]",
            "T/page.mustache:4:1: error: '{{body}}' would escape 'body', which is HTML, and show its tags as text: write {{{body}}} [template-type]",
            "T/page.mustache:4:9: error: '{{{title}}}' would write 'title', which is text, without escaping it: write {{title}} [template-type]",
            "T/page.mustache:5:1: error: 'title.size': 'title' is text, which has no fields [template-type]",
        ])
    }

    @Test func anInvertedSectionThatCanNeverRender() throws {
        let (_, findings) = try bind(["page": "{{#rows}}{{^status}}never{{/status}}{{/rows}}"])
        #expect(findings == ["T/page.mustache:1:10: error: '{{^status}}' never renders: 'status' is a StatusTestView that is always there [template-type]"])
    }

    @Test func aSyntaxErrorHasItsPosition() throws {
        #expect(throws: MustacheSyntaxError(position: TemplatePosition(line: 2, column: 4), message: "this tag is never closed: no '}}' follows it")) {
            try MustacheTemplate(name: "page", source: "ok\n<p>{{title</p>\n")
        }
        #expect(throws: MustacheSyntaxError(position: TemplatePosition(line: 1, column: 1), message: "'rows' is opened here but never closed")) {
            try MustacheTemplate(name: "page", source: "{{#rows}}{{code}}")
        }
        #expect(throws: MustacheSyntaxError(position: TemplatePosition(line: 1, column: 1), message: "'rows' is closed here but was never opened")) {
            try MustacheTemplate(name: "page", source: "{{/rows}}")
        }
        #expect(throws: MustacheSyntaxError(position: TemplatePosition(line: 1, column: 3), message: "a tag's name cannot contain a space ('status' is followed by more)")) {
            try MustacheTemplate(name: "page", source: "x {{status label}}")
        }
        #expect(throws: MustacheSyntaxError(position: TemplatePosition(line: 1, column: 12), message: "only blocks ({{$name}}...{{/name}}) may stand directly inside a parent tag ({{<layout}})")) {
            try MustacheTemplate(name: "page", source: "{{<layout}}{{title}}{{/layout}}")
        }
    }
}

/// The bound renderer against the interpreter and against exact HTML.
@Suite struct BoundTemplateTests {
    static let view = PageTestView(
        title: "Tom & Jerry", body: HTML("<p>Hi</p>"),
        rows: [
            RowTestView(code: "G9328", url: "../G9328/", status: StatusTestView(label: "Active", isActive: true)),
            RowTestView(code: "G9329", url: nil, status: StatusTestView(label: "Terminated <2015>", isActive: false)),
        ],
        notes: ["a", "b<"], owner: nil, count: 6440, hasRows: true, status: nil)

    static let template = """
        <h1>{{title}}</h1>
        {{{body}}}
        <ul>
          {{#rows}}
          <li>{{#url}}<a href="{{url}}">{{code}}</a>{{/url}}{{^url}}{{code}}{{/url}} {{status.label}}{{#status.isActive}} ✓{{/status.isActive}} of {{count}} ({{title}})</li>
          {{/rows}}
        </ul>
        {{#notes}}[{{.}}]{{/notes}}
        {{#owner}}Owner: {{.}}{{/owner}}{{^owner}}No owner{{/owner}}
        {{#status}}{{label}}{{/status}}
        """

    @Test func rendersExactly() throws {
        let (bound, findings) = try bind(["page": Self.template])
        #expect(findings == [])
        let html = String(decoding: try #require(bound).render(Self.view), as: UTF8.self)
        #expect(html == """
            <h1>Tom &amp; Jerry</h1>
            <p>Hi</p>
            <ul>
              <li><a href="../G9328/">G9328</a> Active ✓ of 6440 (Tom &amp; Jerry)</li>
              <li>G9329 Terminated &lt;2015&gt; of 6440 (Tom &amp; Jerry)</li>
            </ul>
            [a][b&lt;]
            No owner

            """)
    }

    /// A page is rendered into the array returned; one that outgrows the capacity asked for
    /// moves to memory of the output's own and comes back whole, at every size around it.
    @Test func rendersTheSameBytesWhateverTheCapacity() throws {
        let (bound, _) = try bind(["page": Self.template])
        let expected = try #require(bound).render(Self.view)
        #expect(expected.count == 211)
        for capacity in [0, 1, 63, 64, 65, 128, 210, 211, 212, 16 * 1024] {
            #expect(try #require(bound).render(Self.view, capacity: capacity) == expected, "capacity \(capacity)")
        }
    }

    /// Each element of a list is rendered in turn, at its own address (elements of a view type
    /// and of text, one after another in the array's storage); an empty list renders nothing.
    @Test func listsRenderEachElementInOrderAndEmptyListsNothing() throws {
        let (bound, _) = try bind(["page": "{{#rows}}<{{code}}|{{status.label}}>{{/rows}};{{#notes}}[{{.}}]{{/notes}};{{^notes}}none{{/notes}}"])
        var view = Self.view
        view.rows += [RowTestView(code: "G9330", url: nil, status: StatusTestView(label: "Pending", isActive: false))]
        #expect(String(decoding: try #require(bound).render(view), as: UTF8.self) == "<G9328|Active><G9329|Terminated &lt;2015&gt;><G9330|Pending>;[a][b&lt;];")
        view.rows = []
        view.notes = []
        #expect(String(decoding: try #require(bound).render(view), as: UTF8.self) == ";;none")
    }

    @Test func anOutputLentABufferWritesInItUntilItIsFull() {
        var storage = [UInt8](repeating: 0, count: 12)
        storage.withUnsafeMutableBufferPointer { buffer in
            var output = TemplateOutput(lending: buffer)
            output.appendTemplateText(Array("<p>".utf8))
            output.appendValue("a&b", escaped: true)
            #expect(output.isInLentBuffer)
            #expect(output.count == 10)
            output.appendTemplateText(Array("</p>".utf8))
            #expect(!output.isInLentBuffer)
            #expect(String(decoding: output.finish(), as: UTF8.self) == "<p>a&amp;b</p>")
        }
        // What was written before the output outgrew the buffer stays there.
        #expect(String(decoding: storage[0..<10], as: UTF8.self) == "<p>a&amp;b")
    }

    @Test func rendersAsTheInterpreterDoes() throws {
        let (bound, _) = try bind(["page": Self.template])
        let value = templateValue(of: Self.view)
        let interpreted = MustacheInterpreter(partials: [:]).render(try MustacheTemplate(name: "page", source: Self.template), with: value)
        #expect(String(decoding: try #require(bound).render(Self.view), as: UTF8.self) == interpreted)
    }

    @Test func schemasComeFromTheDeclaration() {
        let schema = ViewSchemaBuilder().schema(for: PageTestView.self)
        let fields = schema.fields.map { "\($0.name): \($0.kind)\($0.isOptional ? "?" : "")" }
        #expect(fields == [
            "title: text", "body: HTML", "rows: a list of RowTestViews", "notes: a list of texts", "owner: text?",
            "count: a number", "hasRows: a boolean", "status: a StatusTestView?",
        ])
    }
}

/// `view` as the interpreter reads values, field by field through its schema: the reference
/// the bound renderer is compared with.
func templateValue<View: TemplateView>(of view: View) -> TemplateValue {
    let schema = ViewSchemaBuilder().schema(for: View.self)
    return withUnsafePointer(to: view) { templateValue(at: UnsafeRawPointer($0), kind: .view(schema), presence: nil) }
}

func templateValue(at address: UnsafeRawPointer, kind: TemplateFieldKind, presence: OptionalAccess?) -> TemplateValue {
    if let presence, !presence.type.isPresent(at: address) { return .null }
    switch kind {
    case .text, .html: return .text(address.load(as: String.self))
    case .number: return .number(address.load(as: Int.self))
    case .boolean: return .bool(address.load(as: Bool.self))
    case .view(let schema):
        let fields = schema.fields.map { templateValue(at: address + $0.offset, kind: $0.kind, presence: $0.presence) }
        return .object(TemplateObject(keys: TemplateKeys(schema.fields.map(\.name)), fields: fields))
    case .list(let element, let list):
        var items: [TemplateValue] = []
        list.type.forEachElement(at: address) { items.append(templateValue(at: $0, kind: element, presence: nil)) }
        return .list(items)
    }
}

/// The flat program a bound template renders from: sections end where their children do, the
/// context stack is as deep as the deepest section, indentation holds inside lists.
@Suite struct BoundProgramTests {
    static let templates = [
        "page": "<ul>\n{{#rows}}\n  {{>row}}\n{{/rows}}\n</ul>\n{{#status}}{{label}}{{/status}}{{^hasRows}}none{{/hasRows}}\n",
        "row": "<li>{{code}}\n{{#status}}{{#isActive}}on{{/isActive}}{{/status}}</li>\n",
    ]

    @Test func sectionsNestInPlace() throws {
        let (bound, findings) = try bind(Self.templates)
        #expect(findings == [])
        let program = try #require(bound).program
        // `rows`, then the row's `status` on top of it: three contexts.
        #expect(program.depth == 3)
        #expect(program.steps.map(\.kind) == [
            .text, .each, .indented, .text, .string, .text, .push, .testBoolean, .text, .text,
            .text, .push, .string, .testBoolean, .text, .text,
        ])
        #expect(program.steps.map(\.end) == [0, 10, 10, 0, 0, 0, 9, 9, 0, 0, 0, 13, 0, 15, 0, 0])
    }

    @Test func rendersIndentedPartialsInListsExactly() throws {
        let (bound, _) = try bind(Self.templates)
        let view = PageTestView(
            title: "", body: HTML(""), rows: BoundTemplateTests.view.rows, notes: [], owner: nil, count: 0, hasRows: false,
            status: StatusTestView(label: "A&B", isActive: true))
        let html = String(decoding: try #require(bound).render(view), as: UTF8.self)
        #expect(html == "<ul>\n  <li>G9328\n  on</li>\n  <li>G9329\n  </li>\n</ul>\nA&amp;Bnone\n")
        var partials: [String: MustacheTemplate] = [:]
        for (name, text) in Self.templates { partials[name] = try MustacheTemplate(name: name, source: text) }
        let interpreted = MustacheInterpreter(partials: partials).render(partials["page"]!, with: templateValue(of: view))
        #expect(html == interpreted)
    }
}
