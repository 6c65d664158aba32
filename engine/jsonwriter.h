#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clab {

// A small streaming JSON writer: it tracks commas and nesting so callers only say what comes next.
// Numbers that are not finite are written as null (JSON has no NaN). Not thread-safe.
class JsonWriter
{
public:
    explicit JsonWriter(bool pretty = true);

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view name);

    JsonWriter &value(std::string_view text);
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(double number);
    JsonWriter &value(std::int64_t number);
    JsonWriter &value(std::uint64_t number);
    JsonWriter &value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter &value(bool flag);
    JsonWriter &null();
    // A value that is already valid JSON text (a number kept as text, for example).
    JsonWriter &raw(std::string_view json);

    template<typename T>
    JsonWriter &field(std::string_view name, const T &v)
    {
        key(name);
        return value(v);
    }

    const std::string &text() const { return m_out; }

    static std::string escape(std::string_view text);

private:
    void beforeValue();
    void newline();

    std::string m_out;
    bool m_pretty;
    std::vector<bool> m_hasItems; // per open container
    bool m_afterKey = false;
};

} // namespace clab
