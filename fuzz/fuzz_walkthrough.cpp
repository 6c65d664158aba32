// A walkthrough file (app/content/walkthrough.h), checked against the shipped lessons and presets
// (lessons/, found as the programs find it: $CLAB_LESSONS_DIR or the build tree). Checked: it never
// throws; every problem says where (line and column, a top-level key, or the step); a walkthrough
// it accepts saves (toJson) to a file that reads back the same.
#include "fuzzcheck.h"

#include "lessonlibrary.h"
#include "model/presetcatalog.h"
#include "walkthrough.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace {

struct Content
{
    clab::LessonLibrary lessons;
    clab::PresetCatalog presets;
};

const Content &content()
{
    static const Content loaded = [] {
        const std::string dir = clab::findLessonsDir();
        if (dir.empty()) {
            std::fprintf(stderr, "fuzz_walkthrough: no lessons folder; set CLAB_LESSONS_DIR\n");
            std::abort();
        }
        Content c{clab::LessonLibrary::load(dir), clab::PresetCatalog::load(dir + "/presets.json")};
        CLAB_FUZZ_CHECK(!c.lessons.lessons.empty() && !c.presets.presets.empty());
        return c;
    }();
    return loaded;
}

bool sameStep(const clab::WalkthroughStep &a, const clab::WalkthroughStep &b)
{
    return a.title == b.title && a.lesson == b.lesson && a.section == b.section && a.preset == b.preset
        && a.minutes == b.minutes && a.talkingPoints == b.talkingPoints;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Content &c = content();
    const std::string text(reinterpret_cast<const char *>(data), size);
    const clab::WalkthroughParse parsed = clab::parseWalkthrough(text, c.lessons, c.presets);
    for (const std::string &error : parsed.errors) {
        bool named = error.starts_with("line ") || error.starts_with("step ") || error.starts_with("the file ");
        for (const char *key : {"format: ", "version: ", "id: ", "title: ", "duration_min: ", "steps: "})
            named = named || error.starts_with(key);
        CLAB_FUZZ_CHECK(named);
    }
    if (!parsed.ok())
        return 0;
    const clab::Walkthrough &w = parsed.walkthrough;
    const clab::WalkthroughParse again = clab::parseWalkthrough(w.toJson(), c.lessons, c.presets);
    CLAB_FUZZ_CHECK(again.ok());
    const clab::Walkthrough &r = again.walkthrough;
    CLAB_FUZZ_CHECK(r.id == w.id && r.title == w.title && r.durationMin == w.durationMin);
    CLAB_FUZZ_CHECK(r.steps.size() == w.steps.size());
    for (std::size_t i = 0; i < w.steps.size(); ++i)
        CLAB_FUZZ_CHECK(sameStep(r.steps[i], w.steps[i]));
    return 0;
}
