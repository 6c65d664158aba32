// A presets file (lessons/presets.json, model/presetcatalog.h). Checked: it never throws; every
// problem says where (the file's line and column, or the preset and its field); every preset it
// keeps passes the engine's validation, has a unique id and is found by it.
#include "fuzzcheck.h"

#include "model/presetcatalog.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const clab::PresetCatalog catalog = clab::PresetCatalog::parse(text);
    for (const std::string &error : catalog.errors) {
        CLAB_FUZZ_CHECK(error.starts_with("line ") || error.starts_with("preset ")
            || error == "the file must hold a JSON array of presets");
    }
    std::set<std::string> ids;
    for (const clab::Preset &preset : catalog.presets) {
        CLAB_FUZZ_CHECK(!preset.id.empty() && !preset.title.empty());
        CLAB_FUZZ_CHECK(ids.insert(preset.id).second);
        CLAB_FUZZ_CHECK(catalog.find(preset.id) == &preset);
        CLAB_FUZZ_CHECK(!clab::validate(preset.config));
    }
    return 0;
}
