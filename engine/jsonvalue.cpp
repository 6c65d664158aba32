#include "jsonvalue.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace clab {

namespace {

class Parser
{
public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {
    }

    JsonParseResult parseDocument()
    {
        JsonParseResult result;
        JsonValue value;
        skipSpace();
        if (parseValue(value, 0)) {
            skipSpace();
            if (m_pos != m_text.size())
                fail("unexpected text after the end of the document");
        }
        if (m_error.empty())
            result.value = std::move(value);
        else
            result.error = m_error;
        return result;
    }

private:
    bool fail(const std::string &message)
    {
        if (!m_error.empty())
            return false;
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        m_error = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()
               && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool consume(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }

    bool parseValue(JsonValue &out, int depth)
    {
        if (depth > 64)
            return fail("nested too deeply");
        if (m_pos >= m_text.size())
            return fail("unexpected end of the document");
        const char c = m_text[m_pos];
        if (c == '{')
            return parseObject(out, depth);
        if (c == '[')
            return parseArray(out, depth);
        if (c == '"') {
            out.type = JsonValue::Type::String;
            return parseString(out.text);
        }
        if (consume("true")) {
            out.type = JsonValue::Type::Bool;
            out.boolean = true;
            return true;
        }
        if (consume("false")) {
            out.type = JsonValue::Type::Bool;
            return true;
        }
        if (consume("null"))
            return true;
        if (c == '-' || (c >= '0' && c <= '9'))
            return parseNumber(out);
        return fail(std::string("unexpected character '") + c + "'");
    }

    bool parseObject(JsonValue &out, int depth)
    {
        out.type = JsonValue::Type::Object;
        ++m_pos; // {
        skipSpace();
        if (consume("}"))
            return true;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail("expected a member name in double quotes");
            std::string key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (!consume(":"))
                return fail("expected ':' after the member name");
            skipSpace();
            JsonValue value;
            if (!parseValue(value, depth + 1))
                return false;
            out.fields.emplace_back(std::move(key), std::move(value));
            skipSpace();
            if (consume("}"))
                return true;
            if (!consume(","))
                return fail("expected ',' or '}'");
        }
    }

    bool parseArray(JsonValue &out, int depth)
    {
        out.type = JsonValue::Type::Array;
        ++m_pos; // [
        skipSpace();
        if (consume("]"))
            return true;
        for (;;) {
            skipSpace();
            JsonValue value;
            if (!parseValue(value, depth + 1))
                return false;
            out.items.push_back(std::move(value));
            skipSpace();
            if (consume("]"))
                return true;
            if (!consume(","))
                return fail("expected ',' or ']'");
        }
    }

    bool parseHex4(std::uint32_t &out)
    {
        out = 0;
        for (int i = 0; i < 4; ++i, ++m_pos) {
            if (m_pos >= m_text.size())
                return fail("unexpected end in a \\u escape");
            const char c = m_text[m_pos];
            out <<= 4;
            if (c >= '0' && c <= '9')
                out |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                out |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                out |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                return fail("bad \\u escape");
        }
        return true;
    }

    static void appendUtf8(std::string &out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parseString(std::string &out)
    {
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("control character in a string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::uint32_t cp = 0;
                if (!parseHex4(cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    std::uint32_t low = 0;
                    if (!consume("\\u") || !parseHex4(low) || low < 0xDC00 || low > 0xDFFF)
                        return fail("unpaired surrogate in a \\u escape");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                return fail(std::string("bad escape '\\") + e + "'");
            }
        }
        return fail("unterminated string");
    }

    bool parseNumber(JsonValue &out)
    {
        const std::size_t start = m_pos;
        if (m_text[m_pos] == '-')
            ++m_pos;
        auto digits = [&] {
            const std::size_t from = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            return m_pos - from;
        };
        if (digits() == 0)
            return fail("bad number");
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            if (digits() == 0)
                return fail("bad number");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return fail("bad number");
        }
        const std::string_view number = m_text.substr(start, m_pos - start);
        const auto result = std::from_chars(number.data(), number.data() + number.size(), out.number);
        if (result.ec != std::errc() || !std::isfinite(out.number))
            return fail("number out of range");
        out.type = JsonValue::Type::Number;
        out.text = std::string(number);
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string m_error;
};

} // namespace

const JsonValue *JsonValue::find(std::string_view key) const
{
    for (const auto &[name, value] : fields) {
        if (name == key)
            return &value;
    }
    return nullptr;
}

std::string JsonValue::scalarText() const
{
    switch (type) {
    case Type::Bool:
        return boolean ? "true" : "false";
    case Type::Number:
    case Type::String:
        return text;
    case Type::Null:
    case Type::Array:
    case Type::Object:
        break;
    }
    return {};
}

JsonParseResult parseJson(std::string_view text)
{
    return Parser(text).parseDocument();
}

} // namespace clab
