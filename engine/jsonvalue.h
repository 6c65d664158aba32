#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clab {

// A parsed JSON document, for the engine's data files (experiment presets, walkthroughs) so that
// the headless CLI needs no Qt. Objects keep their keys in file order. Plain data; any thread.
struct JsonValue
{
    enum class Type { Null, Bool, Number, String, Array, Object };

    Type type = Type::Null;
    bool boolean = false;
    double number = 0.0;
    std::string text;
    std::vector<JsonValue> items;                          // Array
    std::vector<std::pair<std::string, JsonValue>> fields; // Object

    bool isObject() const { return type == Type::Object; }
    bool isArray() const { return type == Type::Array; }
    bool isString() const { return type == Type::String; }
    // The member named `key` of an object, or nullptr.
    const JsonValue *find(std::string_view key) const;
    // A scalar as the text a setting would be typed as: "4", "0.5", "true", "threads".
    std::string scalarText() const;
};

struct JsonParseResult
{
    std::optional<JsonValue> value;
    std::string error; // "line 3, column 14: expected ',' or '}'"
};

// Strict RFC 8259 parsing (no comments, no trailing commas), nesting up to 64 levels.
JsonParseResult parseJson(std::string_view text);

} // namespace clab
