/// The script `serve` adds to every HTML page it sends (never to the files `build` writes):
/// it listens on the event stream, reloads the page when its build changed it, and shows a
/// failed rebuild's findings over the page until a good build comes.
public enum ReloadScript {
    /// The path of the event stream. `serve` answers `/__policysite/...` itself, before it
    /// looks at the site, so a content folder of that name is not reachable while serving.
    public static let eventsPath = "/__policysite/events"

    /// The `<script>` element for the page at `page` (its path below the site), built by
    /// build number `generation`.
    static func element(page: String, generation: Int) -> String {
        """
        <script data-policysite-serve>
        (function () {
          var generation = \(generation), page = \(JSONString(page)), overlay = null;
          function hide() { if (overlay) { overlay.remove(); overlay = null; } }
          function show(findings) {
            hide();
            overlay = document.createElement("div");
            overlay.id = "policysite-overlay";
            overlay.setAttribute("role", "alert");
            overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2em;background:rgba(24,24,24,.94);color:#f4f4f4;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
            var title = document.createElement("h2");
            title.style.cssText = "margin:0 0 1em;color:#ff8a80;font:bold 18px/1.3 system-ui,sans-serif";
            title.textContent = "The site did not rebuild (" + findings.length + (findings.length === 1 ? " finding" : " findings") + "); the last good build is served until it does.";
            overlay.appendChild(title);
            var list = document.createElement("ol");
            list.style.cssText = "margin:0;padding-left:1.5em";
            findings.forEach(function (f) {
              var item = document.createElement("li");
              item.className = "policysite-finding";
              item.textContent = f.file + ":" + f.line + ":" + f.column + ": " + f.severity + ": " + f.message + " [" + f.rule + "]";
              list.appendChild(item);
            });
            overlay.appendChild(list);
            document.body.appendChild(overlay);
          }
          var events = new EventSource("\(eventsPath)?page=" + encodeURIComponent(page));
          events.addEventListener("hello", function (e) { if (JSON.parse(e.data).generation !== generation) location.reload(); });
          events.addEventListener("reload", function (e) {
            var data = JSON.parse(e.data);
            if (data.changed) { location.reload(); } else { generation = data.generation; hide(); }
          });
          events.addEventListener("failed", function (e) { show(JSON.parse(e.data).findings); });
        })();
        </script>

        """
    }

    /// `html` with the script added before its last `</body>` (at the end when it has none; the
    /// templates write the tag in lower case).
    static func inject(into html: [UInt8], page: String, generation: Int) -> [UInt8] {
        let script = Array(element(page: page, generation: generation).utf8)
        let closing = Array("</body>".utf8)
        if html.count >= closing.count {
            var index = html.count - closing.count
            while index >= 0 {
                if html[index..<index + closing.count].elementsEqual(closing) {
                    return Array(html[..<index]) + script + Array(html[index...])
                }
                index -= 1
            }
        }
        return html + script
    }
}
