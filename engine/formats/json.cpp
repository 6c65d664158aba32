#include "formats/json.h"

#include <algorithm>

namespace clab {

namespace {

std::string lineAndColumn(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const std::size_t lineStart = before.rfind('\n');
    const std::size_t column = offset - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Where nesting first goes deeper than kMaxJsonDepth, outside strings; npos if it never does.
// Checked before parsing so that a hostile file never builds a deep tree.
std::size_t tooDeepAt(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix, nor the "parse error
// at line 1, column 5: " that follows it, which we replace with our own position.
std::string reason(const std::string &what)
{
    std::string message = what;
    if (message.starts_with("[json.exception.")) {
        if (const std::size_t end = message.find("] "); end != std::string::npos)
            message.erase(0, end + 2);
    }
    if (message.starts_with("parse error")) {
        if (const std::size_t colon = message.find(": "); colon != std::string::npos)
            message.erase(0, colon + 2);
    }
    return message;
}

// nlohmann's own tree builder, except that an error keeps its position: a number too large for a
// double ("1e400") is an out_of_range exception that carries none, and only the SAX handler hears
// where it was (json_sax_dom_parser, https://json.nlohmann.me/features/parsing/sax_interface/).
class TreeBuilder : public nlohmann::detail::json_sax_dom_parser<Json>
{
public:
    explicit TreeBuilder(Json &target)
        : json_sax_dom_parser(target, false)
    {}

    template<typename Exception> bool parse_error(std::size_t position, const std::string &, const Exception &error)
    {
        errorAt = position;
        message = error.what();
        return false;
    }

    std::size_t errorAt = 0; // counts from 1, just past the character that was wrong
    std::string message;
};

} // namespace

JsonParseResult parseJson(std::string_view text)
{
    JsonParseResult result;
    if (const std::size_t at = tooDeepAt(text); at != std::string_view::npos) {
        result.error = lineAndColumn(text, at) + ": nested more than " + std::to_string(kMaxJsonDepth) + " levels deep";
        return result;
    }
    try {
        Json value;
        TreeBuilder builder(value);
        if (Json::sax_parse(text.begin(), text.end(), &builder))
            result.value = std::move(value);
        else
            result.error
                = lineAndColumn(text, builder.errorAt > 0 ? builder.errorAt - 1 : 0) + ": " + reason(builder.message);
    } catch (const std::exception &error) {
        result.error = std::string("not valid JSON: ") + error.what();
    }
    return result;
}

std::string settingText(const Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean() || value.is_number())
        return value.dump();
    return {};
}

std::string toText(const Json &document)
{
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string toCompactText(const Json &document)
{
    return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace clab
