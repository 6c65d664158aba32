#include "walkthrough.h"

#include "jsonvalue.h"
#include "jsonwriter.h"
#include "lessonlibrary.h"
#include "presetcatalog.h"

#include <algorithm>

namespace clab {

namespace {

constexpr const char *kFormat = "concurrency-lab-walkthrough";

} // namespace

std::string Walkthrough::toJson() const
{
    JsonWriter json;
    json.beginObject();
    json.field("format", kFormat).field("version", std::int64_t{1}).field("id", id).field("title", title);
    json.field("duration_min", durationMin);
    json.key("steps").beginArray();
    for (const WalkthroughStep &step : steps) {
        json.beginObject();
        json.field("title", step.title).field("lesson", step.lesson).field("section", step.section);
        json.field("preset", step.preset).field("minutes", step.minutes);
        json.key("talking_points").beginArray();
        for (const std::string &point : step.talkingPoints)
            json.value(point);
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.text() + "\n";
}

WalkthroughParse parseWalkthrough(const std::string &jsonText, const LessonLibrary &lessons,
                                  const PresetCatalog &presets)
{
    WalkthroughParse out;
    const JsonParseResult parsed = parseJson(jsonText);
    if (!parsed.value) {
        out.errors.push_back(parsed.error);
        return out;
    }
    const JsonValue &root = *parsed.value;
    if (!root.isObject()) {
        out.errors.push_back("the file must hold one JSON object");
        return out;
    }
    auto text = [&](const JsonValue &object, const char *key, const std::string &where, bool required) {
        const JsonValue *value = object.find(key);
        if (value && value->isString())
            return value->text;
        if (required || value)
            out.errors.push_back(where + key + ": missing, or not a string");
        return std::string();
    };
    auto number = [&](const JsonValue &object, const char *key, const std::string &where) {
        const JsonValue *value = object.find(key);
        if (value && value->type == JsonValue::Type::Number && value->number >= 0)
            return value->number;
        out.errors.push_back(where + key + ": missing, or not a number of 0 or more");
        return 0.0;
    };

    if (text(root, "format", "", true) != kFormat)
        out.errors.push_back(std::string("format: must be \"") + kFormat + "\"");
    const JsonValue *version = root.find("version");
    if (!version || version->type != JsonValue::Type::Number || version->number != 1)
        out.errors.push_back("version: must be 1");
    Walkthrough &w = out.walkthrough;
    w.id = text(root, "id", "", true);
    w.title = text(root, "title", "", true);
    w.durationMin = number(root, "duration_min", "");
    const JsonValue *steps = root.find("steps");
    if (!steps || !steps->isArray() || steps->items.empty()) {
        out.errors.push_back("steps: missing, or not a non-empty array");
        return out;
    }
    int index = 0;
    for (const JsonValue &item : steps->items) {
        ++index;
        std::string where = "step " + std::to_string(index) + ": ";
        if (!item.isObject()) {
            out.errors.push_back(where + "not an object");
            continue;
        }
        WalkthroughStep step;
        step.title = text(item, "title", where, true);
        where = "step " + std::to_string(index) + " (\"" + step.title + "\"): ";
        step.lesson = text(item, "lesson", where, true);
        step.section = text(item, "section", where, false);
        step.preset = text(item, "preset", where, false);
        step.minutes = number(item, "minutes", where);
        if (const JsonValue *points = item.find("talking_points"); points && points->isArray()) {
            for (const JsonValue &point : points->items) {
                if (point.isString())
                    step.talkingPoints.push_back(point.text);
                else
                    out.errors.push_back(where + "talking_points: every point must be a string");
            }
        } else {
            out.errors.push_back(where + "talking_points: missing, or not an array");
        }
        const Lesson *lesson = lessons.find(step.lesson);
        if (!step.lesson.empty() && !lesson)
            out.errors.push_back(where + "lesson '" + step.lesson + "' does not exist");
        if (lesson && !step.section.empty()
            && std::find(lesson->sections.begin(), lesson->sections.end(), step.section) == lesson->sections.end())
            out.errors.push_back(where + "section '" + step.section + "' is not a heading of lesson '"
                                 + step.lesson + "'");
        if (!step.preset.empty() && !presets.find(step.preset))
            out.errors.push_back(where + "preset '" + step.preset + "' does not exist");
        w.steps.push_back(std::move(step));
    }
    return out;
}

} // namespace clab
