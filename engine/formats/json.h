#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace clab {

// JSON for the engine's data files (experiment presets, walkthroughs) and exports (run, sweep and
// trace documents), without Qt: nlohmann's JSON for Modern C++ (Debian's nlohmann-json3-dev).
// `ordered_json` keeps keys in the order they were written or read, so exports read top-down.
using Json = nlohmann::ordered_json;

// How deep arrays and objects may nest in a file we read; a deeper file is refused, not parsed.
inline constexpr int kMaxJsonDepth = 64;

struct JsonParseResult
{
    std::optional<Json> value;
    std::string error; // "line 3, column 14: syntax error while parsing object - unexpected '}'"
};

// Strict RFC 8259 (no comments, no trailing commas, valid UTF-8, no lone surrogate escapes, no
// leading zeros), nesting up to kMaxJsonDepth. Never throws.
JsonParseResult parseJson(std::string_view text);

// A scalar as the text a setting would be typed as: "4", "0.5", "true", "threads"; empty for null,
// arrays and objects.
std::string settingText(const Json &value);

// A document as an export writes it: indented by two spaces, one newline at the end. Numbers that
// are not finite become null (JSON has no NaN); bytes that are not UTF-8 become U+FFFD.
std::string toText(const Json &document);
// The same without indentation (one line), for large documents such as traces.
std::string toCompactText(const Json &document);

} // namespace clab
