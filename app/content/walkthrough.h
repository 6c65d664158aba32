#pragma once

#include <string>
#include <vector>

namespace clab {

struct LessonLibrary;
struct PresetCatalog;

// An instructor walkthrough: an ordered list of steps, each a lesson section, an optional Lab
// preset, talking points and the points to make after the step's run. Stored as JSON ("format":
// "concurrency-lab-walkthrough", version 1) so that a teacher can open, edit, save and share one with a class.
struct WalkthroughStep
{
    std::string title;
    std::string lesson; // lesson id
    std::string section; // a "## " heading of that lesson, or empty for the top
    std::string preset; // preset id, or empty
    double minutes = 0;
    std::vector<std::string> talkingPoints;
    // Points that would give the step's result away ("after_run", optional): shown once the step's
    // experiment has run, so that the class predicts first.
    std::vector<std::string> afterRun;
};

struct Walkthrough
{
    std::string id;
    std::string title;
    double durationMin = 0;
    std::vector<WalkthroughStep> steps;

    std::string toJson() const;
};

struct WalkthroughParse
{
    Walkthrough walkthrough;
    std::vector<std::string> errors; // each says where: "step 3 (\"Two threads\"): preset 'x' does not exist"
    bool ok() const { return errors.empty(); }
};

// Parses and checks a walkthrough against the lessons and presets it refers to. A walkthrough
// with any error must not be used: the caller keeps what it had.
WalkthroughParse parseWalkthrough(
    const std::string &jsonText, const LessonLibrary &lessons, const PresetCatalog &presets);

} // namespace clab
