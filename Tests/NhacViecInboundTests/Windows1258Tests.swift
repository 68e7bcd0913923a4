import Foundation
import Testing
import TestSupport
@testable import NhacViecInbound

/// The Windows-1258 table, checked byte by byte against Python's `cp1258` codec, an independent implementation.
struct Windows1258Tests {
    @Test("every byte 0x80-0xFF decodes as Python's cp1258 does; its undefined bytes become U+FFFD")
    func tableMatchesPython() throws {
        let script = """
            import json
            out = []
            for b in range(0x80, 0x100):
                try: out.append(ord(bytes([b]).decode("cp1258")))
                except UnicodeDecodeError: out.append(0xFFFD)
            print(json.dumps(out))
            """
        let python = try PythonScript.run(script)
        let expected = try JSONDecoder().decode([UInt32].self, from: Data(python.utf8))
        #expect(expected.count == 128)
        #expect(Windows1258.high == expected)
    }

    @Test("the Vietnamese letters and combining tones sit where the code page puts them")
    func vietnameseLetters() {
        let expected: [UInt8: UInt32] = [0xD2: 0x0309, 0xDE: 0x0303, 0xEC: 0x0301, 0xF2: 0x0323, 0xCC: 0x0300,
                                         0xC3: 0x0102, 0xE3: 0x0103, 0xD0: 0x0110, 0xF0: 0x0111, 0xD5: 0x01A0,
                                         0xF5: 0x01A1, 0xDD: 0x01AF, 0xFD: 0x01B0, 0xFE: 0x20AB]
        for (byte, scalar) in expected { #expect(Windows1258.high[Int(byte) - 0x80] == scalar, "byte \(byte)") }
    }

    @Test("decomposed cp1258 text normalises to the same NFC string a person types")
    func normalisation() {
        // "Đã hoàn thành" as Outlook writes it: Đ, a + combining tilde, o + combining grave…
        let bytes: [UInt8] = [0xD0, 0x61, 0xDE, 0x20, 0x68, 0x6F, 0x61, 0xCC, 0x6E, 0x20, 0x74, 0x68, 0x61, 0xCC, 0x6E, 0x68]
        let decoded = Windows1258.decode(bytes)
        #expect(decoded.unicodeScalars.count == 16)
        #expect(decoded.precomposedStringWithCanonicalMapping.unicodeScalars.count == 13)
        #expect(decoded == "Đã hoàn thành")  // Swift compares canonically equivalent strings as equal
    }

    @Test("Foundation on Linux decodes windows-1258 only through CoreFoundation's unnamed raw value, and agrees")
    func foundationAgrees() {
        // String.Encoding has no windows-1258 case; 0x8000_0508 is kCFStringEncodingWindowsVietnamese bridged.
        // We keep our own table so the behaviour does not hang on that undocumented value or on ICU data.
        let defined = (0x80...0xFF).map(UInt8.init).filter { Windows1258.high[Int($0) - 0x80] != 0xFFFD }
        let foundation = String(data: Data(defined), encoding: String.Encoding(rawValue: 0x8000_0508))
        #expect(foundation?.unicodeScalars.map(\.value) == defined.map { Windows1258.high[Int($0) - 0x80] })
    }
}
