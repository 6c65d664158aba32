// The JSON reader (formats/json.h) under every data file the programs read. Checked: it never
// throws; a refused text gets an error that starts with its line and column; an accepted one
// writes out (indented and compact) as text that reads back to the same value.
#include "fuzzcheck.h"

#include "formats/json.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const clab::JsonParseResult parsed = clab::parseJson(text);
    if (!parsed.value) {
        CLAB_FUZZ_CHECK(parsed.error.starts_with("line "));
        return 0;
    }
    CLAB_FUZZ_CHECK(parsed.error.empty());
    const clab::Json &value = *parsed.value;
    (void)clab::settingText(value);
    for (const std::string &written : {clab::toText(value), clab::toCompactText(value)}) {
        const clab::JsonParseResult again = clab::parseJson(written);
        CLAB_FUZZ_CHECK(again.value);
        CLAB_FUZZ_CHECK(*again.value == value);
    }
    return 0;
}
