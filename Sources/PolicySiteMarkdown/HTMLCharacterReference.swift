/// Decodes the character references at the start of a URL in an HTML attribute value, as a
/// browser does before it reads the URL's scheme: `&#58;` and `&#x3A;` (with or without the `;`), and the named references
/// that can spell a URL's scheme or its separators (`&colon;`, `&Tab;`, `&NewLine;`, `&amp;`...).
///
/// Raw HTML reaches the page as written, so `href="javascript&#58;alert(1)"` must be judged as
/// `javascript:alert(1)`. A named reference this table does not know gives nil: the caller
/// rejects what it cannot read rather than guess (HTML5 knows over two thousand names).
enum HTMLCharacterReference {
    /// Named references, with or without their `;`, that a URL scheme could be spelt with.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
        "newline": "\n", "nbsp": "\u{A0}", "sol": "/", "bsol": "\\", "period": ".", "comma": ",",
        "semi": ";", "num": "#", "quest": "?", "excl": "!", "equals": "=", "plus": "+", "lpar": "(",
        "rpar": ")", "percnt": "%", "dollar": "$", "ast": "*", "commat": "@", "hyphen": "-", "dash": "-",
        "lowbar": "_", "verbar": "|", "vert": "|",
    ]

    /// `value` with its character references decoded up to where a URL's scheme is settled (the
    /// first `/`, `?` or `#`; what follows is kept as written); nil when a reference before that
    /// point cannot be read.
    static func decodeURLStart(_ value: String) -> String? {
        decode(value, strict: true, stopAfterSchemeSeparator: true)
    }

    /// `value` with every character reference decoded as a browser decodes an attribute value:
    /// decimal and hexadecimal references with or without `;`, and the named references of the
    /// table with or without `;` (`&amp;`, `&quot;`, `&colon;`...). A reference the table does
    /// not know is kept as written, as browsers keep `&unknown;`.
    public static func decode(_ value: String) -> String {
        decode(value, strict: false, stopAfterSchemeSeparator: false) ?? value
    }

    /// The one decoder behind both: `strict` gives nil for a reference it cannot read (a URL
    /// is then rejected rather than guessed at), otherwise such text is kept as written.
    private static func decode(_ value: String, strict: Bool, stopAfterSchemeSeparator: Bool) -> String? {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        var result = String.UnicodeScalarView()
        var scalars = Array(value.unicodeScalars)[...]
        while let scalar = scalars.first {
            if stopAfterSchemeSeparator, let last = result.last, last == "/" || last == "?" || last == "#" {
                result.append(contentsOf: scalars)
                return String(result)
            }
            scalars = scalars.dropFirst()
            guard scalar == "&" else {
                result.append(scalar)
                continue
            }
            if scalars.first == "#" {
                var rest = scalars.dropFirst()
                let isHex = rest.first == "x" || rest.first == "X"
                if isHex { rest = rest.dropFirst() }
                let digits = rest.prefix { isHex ? $0.properties.isASCIIHexDigit : ("0"..."9").contains($0) }
                let number = digits.isEmpty || digits.count > 8 ? nil : UInt32(String(String.UnicodeScalarView(digits)), radix: isHex ? 16 : 10)
                if number == nil, strict { return nil }
                guard !digits.isEmpty else {
                    result.append("&")
                    continue
                }
                rest = rest.dropFirst(digits.count)
                if rest.first == ";" { rest = rest.dropFirst() }
                // As browsers do: NUL and what is not a scalar become U+FFFD.
                result.append(number.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) } ?? "\u{FFFD}")
                scalars = rest
                continue
            }
            let name = scalars.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            // A lone `&` (followed by a space, `=` or the end) is text.
            guard !name.isEmpty else {
                result.append("&")
                continue
            }
            guard let decoded = named[String(String.UnicodeScalarView(name)).lowercased()] else {
                if strict { return nil }
                result.append("&")
                continue
            }
            scalars = scalars.dropFirst(name.count)
            if scalars.first == ";" { scalars = scalars.dropFirst() }
            result.append(contentsOf: decoded.unicodeScalars)
        }
        return String(result)
    }
}
