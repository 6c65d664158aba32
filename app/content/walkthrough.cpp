#include "walkthrough.h"

#include "formats/json.h"
#include "lessonlibrary.h"
#include "model/presetcatalog.h"

#include <algorithm>

namespace clab {

namespace {

constexpr const char *kFormat = "concurrency-lab-walkthrough";

} // namespace

std::string Walkthrough::toJson() const
{
    Json json;
    json["format"] = kFormat;
    json["version"] = 1;
    json["id"] = id;
    json["title"] = title;
    json["duration_min"] = durationMin;
    json["steps"] = Json::array();
    for (const WalkthroughStep &step : steps) {
        Json item = {{"title", step.title}, {"lesson", step.lesson}, {"section", step.section}, {"preset", step.preset},
            {"minutes", step.minutes}, {"talking_points", step.talkingPoints}};
        if (!step.afterRun.empty())
            item["after_run"] = step.afterRun;
        json["steps"].push_back(std::move(item));
    }
    return toText(json);
}

WalkthroughParse parseWalkthrough(
    const std::string &jsonText, const LessonLibrary &lessons, const PresetCatalog &presets)
{
    WalkthroughParse out;
    const JsonParseResult parsed = parseJson(jsonText);
    if (!parsed.value) {
        out.errors.push_back(parsed.error);
        return out;
    }
    const Json &root = *parsed.value;
    if (!root.is_object()) {
        out.errors.push_back("the file must hold one JSON object");
        return out;
    }
    auto text = [&](const Json &object, const char *key, const std::string &where, bool required) {
        const auto value = object.find(key);
        if (value != object.end() && value->is_string())
            return value->get<std::string>();
        if (required || value != object.end())
            out.errors.push_back(where + key + ": missing, or not a string");
        return std::string();
    };
    auto number = [&](const Json &object, const char *key, const std::string &where) {
        const auto value = object.find(key);
        if (value != object.end() && value->is_number() && value->get<double>() >= 0)
            return value->get<double>();
        out.errors.push_back(where + key + ": missing, or not a number of 0 or more");
        return 0.0;
    };

    if (text(root, "format", "", true) != kFormat)
        out.errors.push_back(std::string("format: must be \"") + kFormat + "\"");
    const auto version = root.find("version");
    if (version == root.end() || !version->is_number() || version->get<double>() != 1)
        out.errors.push_back("version: must be 1");
    Walkthrough &w = out.walkthrough;
    w.id = text(root, "id", "", true);
    w.title = text(root, "title", "", true);
    w.durationMin = number(root, "duration_min", "");
    const auto steps = root.find("steps");
    if (steps == root.end() || !steps->is_array() || steps->empty()) {
        out.errors.push_back("steps: missing, or not a non-empty array");
        return out;
    }
    int index = 0;
    for (const Json &item : *steps) {
        ++index;
        std::string where = "step " + std::to_string(index) + ": ";
        if (!item.is_object()) {
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
        if (const auto points = item.find("talking_points"); points != item.end() && points->is_array()) {
            for (const Json &point : *points) {
                if (point.is_string())
                    step.talkingPoints.push_back(point.get<std::string>());
                else
                    out.errors.push_back(where + "talking_points: every point must be a string");
            }
        } else {
            out.errors.push_back(where + "talking_points: missing, or not an array");
        }
        if (item.contains("after_run")) {
            const Json &points = item.at("after_run");
            if (!points.is_array())
                out.errors.push_back(where + "after_run: not an array");
            for (const Json &point : points.is_array() ? points : Json::array()) {
                if (point.is_string())
                    step.afterRun.push_back(point.get<std::string>());
                else
                    out.errors.push_back(where + "after_run: every point must be a string");
            }
        }
        const Lesson *lesson = lessons.find(step.lesson);
        if (!step.lesson.empty() && !lesson)
            out.errors.push_back(where + "lesson '" + step.lesson + "' does not exist");
        if (lesson && !step.section.empty()
            && std::find(lesson->sections.begin(), lesson->sections.end(), step.section) == lesson->sections.end())
            out.errors.push_back(
                where + "section '" + step.section + "' is not a heading of lesson '" + step.lesson + "'");
        if (!step.afterRun.empty() && step.preset.empty())
            out.errors.push_back(where + "after_run: only a step with a preset has a run to come after");
        if (!step.preset.empty() && !presets.find(step.preset))
            out.errors.push_back(where + "preset '" + step.preset + "' does not exist");
        w.steps.push_back(std::move(step));
    }
    return out;
}

} // namespace clab
