// Settings as text, as `concurrency-lab-cli run --set key=value` and the worker's settings frame
// give them to the field table (model/runconfigfields.h): one "key=value" per line. Checked: it
// never throws; a refused setting names its field; every field of the result writes as text that
// reads back to the same value; validation names a field, and accepts every value in its bounds.
#include "fuzzcheck.h"

#include "model/runconfig.h"
#include "model/runconfigfields.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace clab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view rest(reinterpret_cast<const char *>(data), size);
    RunConfig config;
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        const std::size_t eq = line.find('=');
        const std::string_view key = line.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1);
        const RunConfig before = config;
        if (const auto error = setField(config, key, value)) {
            CLAB_FUZZ_CHECK(error->field == key && !error->message.empty());
            // A refused setting changes nothing.
            for (const FieldSpec &field : configFields())
                CLAB_FUZZ_CHECK(fieldValue(config, field) == fieldValue(before, field));
        } else {
            CLAB_FUZZ_CHECK(findField(key) != nullptr);
        }
    }

    bool anyInvalid = false;
    for (const FieldSpec &field : configFields()) {
        RunConfig copy;
        const std::string text = fieldText(config, field);
        CLAB_FUZZ_CHECK(!setField(copy, field.key, text));
        CLAB_FUZZ_CHECK(fieldValue(copy, field) == fieldValue(config, field));
        (void)allowedValues(config, field.key);
        CLAB_FUZZ_CHECK(!describeField(field.key).empty());
        if (const auto error = validateField(config, field)) {
            CLAB_FUZZ_CHECK(error->field == field.key && !error->message.empty());
            anyInvalid = true;
        }
    }
    const auto error = validate(config);
    CLAB_FUZZ_CHECK(error.has_value() == anyInvalid);
    if (error)
        CLAB_FUZZ_CHECK(findField(error->field) != nullptr);
    return 0;
}
