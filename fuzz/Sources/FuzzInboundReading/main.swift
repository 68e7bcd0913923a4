import CLibFuzzer
import Foundation

// SwiftPM links an executable's main under another name and points `main` at it, so libFuzzer's own main
// cannot be used; this main hands the command line to libFuzzer's driver instead.
var arguments = CommandLine.argc
var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &vector) { data, size in fuzzInboundReading(data, size) })
