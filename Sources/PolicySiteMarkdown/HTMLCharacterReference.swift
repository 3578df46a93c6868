/// Decodes the character references at the start of a URL in an HTML attribute value, as a
/// browser does before it reads the URL's scheme: `&#58;` and `&#x3A;` (with or without the `;`), and the named references
/// that can spell a URL's scheme or its separators (`&colon;`, `&Tab;`, `&NewLine;`, `&amp;`...).
///
/// Raw HTML reaches the page as written, so `href="javascript&#58;alert(1)"` must be judged as
/// `javascript:alert(1)`. A named reference this table does not know gives nil: the caller
/// rejects what it cannot read rather than guess (HTML5 knows over two thousand names).
public enum HTMLCharacterReference {
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
    public static func decodeURLStart(_ value: String) -> String? {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        var result = ""
        var scalars = Array(value.unicodeScalars)[...]
        while let scalar = scalars.first {
            if let last = result.unicodeScalars.last, last == "/" || last == "?" || last == "#" {
                result.unicodeScalars.append(contentsOf: scalars)
                return result
            }
            scalars = scalars.dropFirst()
            guard scalar == "&" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            if scalars.first == "#" {
                scalars = scalars.dropFirst()
                let isHex = scalars.first == "x" || scalars.first == "X"
                if isHex { scalars = scalars.dropFirst() }
                let digits = scalars.prefix { isHex ? $0.properties.isASCIIHexDigit : ("0"..."9").contains($0) }
                guard !digits.isEmpty, digits.count <= 8, let number = UInt32(String(String.UnicodeScalarView(digits)), radix: isHex ? 16 : 10) else { return nil }
                scalars = scalars.dropFirst(digits.count)
                if scalars.first == ";" { scalars = scalars.dropFirst() }
                // As browsers do: NUL and what is not a scalar become U+FFFD.
                result.unicodeScalars.append(number == 0 ? "\u{FFFD}" : Unicode.Scalar(number) ?? "\u{FFFD}")
                continue
            }
            let name = scalars.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            // A lone `&` (followed by a space, `=` or the end) is text.
            guard !name.isEmpty else {
                result.append("&")
                continue
            }
            guard let decoded = named[String(String.UnicodeScalarView(name)).lowercased()] else { return nil }
            scalars = scalars.dropFirst(name.count)
            if scalars.first == ";" { scalars = scalars.dropFirst() }
            result += decoded
        }
        return result
    }

    /// `value` with every character reference decoded as a browser decodes an attribute value:
    /// decimal and hexadecimal references with or without `;`, and the named references of the
    /// table with or without `;` (`&amp;`, `&quot;`, `&colon;`...). A reference the table does
    /// not know is kept as written, as browsers keep `&unknown;`.
    public static func decode(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        var result = String.UnicodeScalarView()
        var scalars = Array(value.unicodeScalars)[...]
        while let scalar = scalars.first {
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
                guard !digits.isEmpty else {
                    result.append("&")
                    continue
                }
                let number = digits.count <= 8 ? UInt32(String(String.UnicodeScalarView(digits)), radix: isHex ? 16 : 10) : nil
                rest = rest.dropFirst(digits.count)
                if rest.first == ";" { rest = rest.dropFirst() }
                result.append(number.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) } ?? "\u{FFFD}")
                scalars = rest
                continue
            }
            let name = scalars.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            guard !name.isEmpty, let decoded = named[String(String.UnicodeScalarView(name)).lowercased()] else {
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
