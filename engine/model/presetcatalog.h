#pragma once

#include "model/runconfig.h"

#include <cstddef>
#include <string>
#include <vector>

namespace clab {

// One answer a preset offers to its question, and the measurement that makes it right:
// {"label": "about 10 ms", "quantity": "wall_ms", "min": 5, "max": 25}. The quantities are those
// of answerQuantities(); min < max, both finite.
struct PresetAnswer
{
    std::string label;
    std::string quantity;
    double min = 0.0;
    double max = 0.0;
};

// A quantity a preset's answers may be about: what it is called in presets.json, how it reads and
// its unit. "wall_ms" (the run's wall time), "speedup", "throughput_tps", "cores_busy", "latency_ms_p50",
// "max_running", "gil_switches", "lost_updates" (the race workload's counter: updates it lost),
// "deadlocks_found" (the deadlock workload: 1 if its wait-for graph closed a cycle, else 0).
struct AnswerQuantity
{
    const char *key;
    const char *name; // "wall time"
    const char *unit; // "ms", "×" or ""
};
const std::vector<AnswerQuantity> &answerQuantities();
// The quantity called `key`, or null.
const AnswerQuantity *findAnswerQuantity(const std::string &key);

// An experiment preset: the data behind a lesson's "Try it" link (lessons/presets.json).
struct Preset
{
    std::string id;
    std::string title;
    std::string lesson; // the lesson that first uses it
    std::string question; // the prediction to make before running it
    // The question's own answers, when it is not about speedup (at least two, one quantity);
    // empty: the student predicts faster, the same or slower, and by how much.
    std::vector<PresetAnswer> answers;
    RunConfig config;
};

// Every preset of a presets file, checked against the engine's own validation. A preset with a
// problem is left out and its problem listed, saying where: "preset 'cpu-x' (#4): config.workers:
// must be 1..256, got 0". Any thread.
struct PresetCatalog
{
    std::vector<Preset> presets;
    std::vector<std::string> errors;

    const Preset *find(const std::string &id) const;

    // The largest presets file read (the lessons' own is 16 KiB); a larger one, or a device that
    // never ends (/dev/zero), is refused after reading this much.
    static constexpr std::size_t kMaxFileBytes = std::size_t{4} << 20;

    static PresetCatalog parse(const std::string &jsonText);
    // A file that cannot be read, or is too large, is one error naming the path and why.
    static PresetCatalog load(const std::string &path);
};

// The folder holding the lessons, presets.json and walkthroughs/: $CLAB_LESSONS_DIR, then
// ../share/concurrency-lab/lessons from the running program, then the source tree it was built
// from. Empty if none exists.
std::string findLessonsDir();

} // namespace clab
