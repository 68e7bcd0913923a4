/// HTML character references: numeric ones, and the named ones mail clients write in Vietnamese and English text.
enum HTMLEntities {
    /// Named references by name. HTML has over two thousand; clients escape few beyond these, and an unknown
    /// one is kept as written rather than guessed.
    static let named: [String: Unicode.Scalar] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "bull": "\u{2022}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "laquo": "\u{AB}", "raquo": "\u{BB}", "copy": "\u{A9}", "reg": "\u{AE}", "deg": "\u{B0}",
        "Agrave": "\u{C0}", "Aacute": "\u{C1}", "Acirc": "\u{C2}", "Atilde": "\u{C3}",
        "Egrave": "\u{C8}", "Eacute": "\u{C9}", "Ecirc": "\u{CA}", "Igrave": "\u{CC}", "Iacute": "\u{CD}",
        "Ograve": "\u{D2}", "Oacute": "\u{D3}", "Ocirc": "\u{D4}", "Otilde": "\u{D5}",
        "Ugrave": "\u{D9}", "Uacute": "\u{DA}", "Yacute": "\u{DD}",
        "agrave": "\u{E0}", "aacute": "\u{E1}", "acirc": "\u{E2}", "atilde": "\u{E3}",
        "egrave": "\u{E8}", "eacute": "\u{E9}", "ecirc": "\u{EA}", "igrave": "\u{EC}", "iacute": "\u{ED}",
        "ograve": "\u{F2}", "oacute": "\u{F3}", "ocirc": "\u{F4}", "otilde": "\u{F5}",
        "ugrave": "\u{F9}", "uacute": "\u{FA}", "yacute": "\u{FD}",
        "Abreve": "\u{102}", "abreve": "\u{103}", "Dstrok": "\u{110}", "dstrok": "\u{111}",
        "Itilde": "\u{128}", "itilde": "\u{129}", "Utilde": "\u{168}", "utilde": "\u{169}",
    ]

    /// The text with every recognised reference replaced; a no-break space becomes a plain one.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (scalar, end) = reference(in: scalars, at: index) {
                out.append(scalar == "\u{A0}" ? " " : scalar)
                index = end
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// The reference starting at the `&`, and the index past its `;`.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        guard let semicolon = scalars[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<semicolon]))
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(scalar).map { ($0, semicolon + 1) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(scalar).map { ($0, semicolon + 1) }
        }
        return named[name].map { ($0, semicolon + 1) }
    }

    /// A numeric reference's scalar; NUL and surrogates are not text.
    private static func scalar(_ value: UInt32) -> Unicode.Scalar? {
        value == 0 ? nil : Unicode.Scalar(value)
    }
}
