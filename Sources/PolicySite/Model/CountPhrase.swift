/// Counts as coders read them.
enum CountPhrase {
    /// `count` with thousands separators: "6,440".
    static func grouped(_ count: Int) -> String {
        var digits = String(count)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }

    /// "6,440 codes", "1 code".
    static func of(_ count: Int, _ singular: String, _ plural: String) -> String {
        grouped(count) + " " + (count == 1 ? singular : plural)
    }
}
