// How long comparing two full CMS releases takes: read and parse both files, then compare them
// (`ReleaseComparison`), for 2017 -> 2018 and 2018 -> 2019; and a three-release
// `ReleaseHistory`, next to parsing the newest release alone (what a one-release site pays).
// Prints the median of 5 runs of each, in milliseconds. The target is under 500 ms per pair.
//
//     swift run -c release --scratch-path .build-chg release-bench [folder]
//
// `folder` defaults to ../shared/hcpcs (run from the repository root).

import Foundation
import PolicySiteCodeSets
import PolicySiteCore

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared/hcpcs"
let files = ["HCPC17_CONTR_ANWEB.txt", "HCPC2018_CONTR_ANWEB_disc.txt", "HCPC2019_CONTR_ANWEB.txt"].map { folder + "/" + $0 }
for file in files where !FileManager.default.fileExists(atPath: file) {
    FileHandle.standardError.write(Data("release-bench: \(file) not found; pass the folder holding the CMS release files\n".utf8))
    exit(1)
}

/// The median wall-clock time of `runs` calls, in milliseconds; `body` returns a number that is
/// printed once, so the optimiser cannot drop the work.
func median(_ name: String, runs: Int = 5, _ body: () -> Int) {
    var times: [Double] = []
    var result = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        result = body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    times.sort()
    let all = times.map { String(format: "%.1f", $0) }.joined(separator: " ")
    print("\(name): median \(String(format: "%.1f", times[runs / 2])) ms  (runs: \(all); result \(result))")
}

func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

median("parse 2019 alone") { HCPCSReleaseReader.read(path: files[2]).procedureCodes.count }
median("parse 2017 + 2018, compare") {
    ReleaseComparison(old: HCPCSReleaseReader.read(path: files[0]), new: HCPCSReleaseReader.read(path: files[1])).changes.count
}
median("parse 2018 + 2019, compare") {
    ReleaseComparison(old: HCPCSReleaseReader.read(path: files[1]), new: HCPCSReleaseReader.read(path: files[2])).changes.count
}
let parsed = files.map { HCPCSReleaseReader.read(path: $0) }
median("compare 2018 -> 2019 only (parsed)") { ReleaseComparison(old: parsed[1], new: parsed[2]).changes.count }
median("compare 2018 -> 2019, text and JSON reports") {
    let comparison = ReleaseComparison(old: parsed[1], new: parsed[2])
    return comparison.textReport().utf8.count + comparison.jsonReport().utf8.count
}
median("parse 3 releases + ReleaseHistory") {
    let releases = files.map { HCPCSReleaseReader.read(path: $0) }
    let history = ReleaseHistory(releases: [
        (label: "2017", effectiveDate: day("2017-01-01"), release: releases[0]),
        (label: "2018", effectiveDate: day("2018-01-01"), release: releases[1]),
        (label: "2019", effectiveDate: day("2019-01-01"), release: releases[2]),
    ])
    return history.comparisons.reduce(0) { $0 + $1.changes.count }
}
