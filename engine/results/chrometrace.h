#pragma once

#include <cstddef>
#include <string>

namespace clab {

struct RunResult;

// The most events one trace holds, metadata included. A state slice is about 120 bytes of JSON, so
// a trace stays under about 60 MB, which ui.perfetto.dev opens in a browser tab without trouble;
// a run stores up to 2^20 intervals (TimelineBudget), more than this. When a run has more, the
// trace is cut at one moment: everything before it (state slices, GIL holds, hand-offs, samples)
// is written, nothing after it, and an instant event and "otherData" say where and why.
inline constexpr std::size_t kMaxTraceEvents = 500'000;

struct ChromeTraceOptions
{
    // A marker at the start of the trace (an instant event over the whole trace): the preset, or
    // the walkthrough step the run belongs to ("preset cpu-threads-2-modern"). Empty: no marker.
    std::string label;
    // At most this many events (kMaxTraceEvents; tests pass smaller caps).
    std::size_t maxEvents = kMaxTraceEvents;
};

// A run in the Trace Event Format (the "JSON Object Format" of Google's Trace Event Format
// document), which ui.perfetto.dev and chrome://tracing open. Times are microseconds since the
// run's start, exact to the nanosecond. It holds:
// - one track per unit, with a complete ("X") slice per timeline interval, named as the window's
//   timeline names its states ("Running bytecode", "Waiting for the GIL", "Waiting for a core", …);
// - one "GIL holder" track per GIL (per process or interpreter; none with the GIL off): a slice per
//   stretch of holding, named by the unit that held it;
// - a flow arrow ("s" to "f") from each release of a GIL to the next holder's acquisition;
// - counter ("C") tracks from the samples: throughput, the run's cores busy, other programs' load
//   and each core's busy %, each value drawn over the span it was measured on;
// - the label's marker, and a notice when the trace was cut at options.maxEvents.
std::string chromeTrace(const RunResult &result, const ChromeTraceOptions &options = {});

} // namespace clab
