// The floor of a Swift daemon on Linux: one Dispatch wall-clock timer, nothing else.
// benchmarks/compare --idle-memory builds it like nhacviec and measures its idle memory.
import Dispatch
#if FOUNDATION
import Foundation
#elseif ESSENTIALS
import FoundationEssentials
#endif

#if FOUNDATION || ESSENTIALS
// Touch what a daemon like nhacviec touches at start: a date, a time zone, a formatted string.
// FoundationEssentials alone has no named zones (they come with FoundationInternationalization's ICU):
// there TimeZone(identifier:) is nil, and the fixed offset stands in.
let named = TimeZone(identifier: "Asia/Ho_Chi_Minh")
let zone = named ?? TimeZone(secondsFromGMT: 7 * 3600)!
print("started \(Date()) \(zone.secondsFromGMT()) named zone: \(named != nil)")
#else
print("started")
#endif
let queue = DispatchQueue(label: "floor")
let timer = DispatchSource.makeTimerSource(queue: queue)
timer.schedule(wallDeadline: .now() + 86_400 * 30)
timer.setEventHandler { print("fired") }
timer.resume()
dispatchMain()
