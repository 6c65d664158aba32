#pragma once

#include "results/experiment.h"
#include "results/runresult.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clab {

// What a run's measurement means, in sentences that cite its numbers: the one place the Lab, the
// PDF report, summary.txt and the CLI (`run --explain`) take their explanations from.
//
// A verdict is chosen from the whole measurement, never one number alone: a latency verdict weighs
// the median, the 90th percentile and the mean wait for the GIL against the switch interval, and
// the throughput against the alone-run (the sequential baseline); a speedup verdict weighs the
// speedup against how many workers ran at once, the cores the run used and the machine's other
// load. No sentence may contradict a number shown beside it: tests/engine/tst_verdict.cpp feeds
// measurements and checks which verdicts they get.
//
// Pure functions on plain data: any thread may call them; microseconds per run.

struct Verdict
{
    // Stable and unique among verdicts: "gil-serialised", "convoy", ... (tests and exports name it).
    std::string id;
    // The sentence, with the numbers as {name}: "... speedup {speedup} ...". English; a GUI may
    // translate the template (the same text) before filling it.
    std::string text;
    // The numbers the sentence cites, by name, already as printed ("×0.91", "6.85").
    std::vector<std::pair<std::string, std::string>> numbers;

    // The value of the number called `name`, or empty.
    std::string number(std::string_view name) const;
};

// `text` with every {name} of the verdict's numbers replaced by its value. A template that names
// a number the verdict does not have keeps the {name} (a test checks none does).
std::string fill(const Verdict &verdict, std::string_view text);
// The verdict's own sentence, filled.
std::string sentence(const Verdict &verdict);

// The verdicts on one run, most important first. `baseline` is what its speedup is measured
// against (nothing: no speedup verdicts).
std::vector<Verdict> verdictsOn(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

// The verdicts' sentences, joined by spaces: the explanation as one paragraph.
std::string explanationOf(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

// The explanation for a plain-text summary (the CLI's `run --explain`, summary.txt): a heading,
// then each verdict's sentence wrapped at 100 columns and indented. Empty when there is none.
//   Explanation:
//     Only one worker ever ran bytecode at a time (max running 1), so the GIL serialised them: ...
std::string explanationText(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

} // namespace clab
