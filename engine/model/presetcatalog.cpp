#include "model/presetcatalog.h"

#include "formats/json.h"
#include "platform/system.h"

#include <cmath>
#include <cstdlib>
#include <set>

namespace clab {

namespace {

std::string stringMember(const Json &object, const char *key, std::string &problem)
{
    const Json value = object.contains(key) ? object.at(key) : Json();
    if (!value.is_string() || value.get_ref<const std::string &>().empty()) {
        if (problem.empty())
            problem = std::string(key) + ": missing, or not a non-empty string";
        return {};
    }
    return value.get<std::string>();
}

// The preset's "answers", when it has them: at least two, each a label and a range of one quantity.
std::vector<PresetAnswer> answersMember(const Json &object, std::string &problem)
{
    std::vector<PresetAnswer> answers;
    if (!object.contains("answers"))
        return answers;
    const Json &list = object.at("answers");
    if (!list.is_array() || list.size() < 2) {
        problem = "answers: must be a list of at least two answers";
        return {};
    }
    int number = 0;
    for (const Json &item : list) {
        ++number;
        const std::string where = "answers[" + std::to_string(number) + "].";
        if (!item.is_object()) {
            problem = where.substr(0, where.size() - 1) + ": not an object";
            return {};
        }
        PresetAnswer answer;
        std::string inner;
        answer.label = stringMember(item, "label", inner);
        answer.quantity = stringMember(item, "quantity", inner);
        if (inner.empty() && !findAnswerQuantity(answer.quantity)) {
            inner = "quantity: must be one of";
            for (const AnswerQuantity &quantity : answerQuantities())
                inner += std::string(" ") + quantity.key;
            inner += ", got '" + answer.quantity + "'";
        }
        if (inner.empty() && !answers.empty() && answer.quantity != answers.front().quantity)
            inner = "quantity: every answer must be about the same quantity ('" + answers.front().quantity + "')";
        for (const auto &[key, value] : {std::pair{"min", &answer.min}, std::pair{"max", &answer.max}}) {
            if (!inner.empty())
                break;
            const Json bound = item.contains(key) ? item.at(key) : Json();
            if (!bound.is_number() || !std::isfinite(bound.get<double>()))
                inner = std::string(key) + ": missing, or not a finite number";
            else
                *value = bound.get<double>();
        }
        if (inner.empty() && !(answer.min < answer.max))
            inner = "max: must be greater than min";
        if (!inner.empty()) {
            problem = where + inner;
            return {};
        }
        answers.push_back(std::move(answer));
    }
    return answers;
}

} // namespace

const std::vector<AnswerQuantity> &answerQuantities()
{
    static const std::vector<AnswerQuantity> quantities{{"wall_ms", "wall time", "ms"}, {"speedup", "speedup", "×"},
        {"throughput_tps", "throughput", "tasks/s"}, {"cores_busy", "cores busy", ""},
        {"latency_ms_p50", "median task latency", "ms"}, {"max_running", "workers running at once", ""},
        {"gil_switches", "GIL switches", ""}, {"lost_updates", "updates lost", ""},
        {"deadlocks_found", "deadlocks found", ""}};
    return quantities;
}

const AnswerQuantity *findAnswerQuantity(const std::string &key)
{
    for (const AnswerQuantity &quantity : answerQuantities()) {
        if (key == quantity.key)
            return &quantity;
    }
    return nullptr;
}

const Preset *PresetCatalog::find(const std::string &id) const
{
    for (const Preset &preset : presets) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

PresetCatalog PresetCatalog::parse(const std::string &jsonText)
{
    PresetCatalog catalog;
    const JsonParseResult parsed = parseJson(jsonText);
    if (!parsed.value) {
        catalog.errors.push_back(parsed.error);
        return catalog;
    }
    if (!parsed.value->is_array()) {
        catalog.errors.push_back("the file must hold a JSON array of presets");
        return catalog;
    }
    std::set<std::string> ids;
    int number = 0;
    for (const Json &item : *parsed.value) {
        ++number;
        std::string where = "preset #" + std::to_string(number);
        if (!item.is_object()) {
            catalog.errors.push_back(where + ": not an object");
            continue;
        }
        Preset preset;
        std::string problem;
        preset.id = stringMember(item, "id", problem);
        if (!preset.id.empty())
            where = "preset '" + preset.id + "' (#" + std::to_string(number) + ")";
        preset.title = stringMember(item, "title", problem);
        preset.lesson = stringMember(item, "lesson", problem);
        preset.question = stringMember(item, "question", problem);
        if (problem.empty())
            preset.answers = answersMember(item, problem);
        const auto config = item.find("config");
        if (problem.empty() && (config == item.end() || !config->is_object()))
            problem = "config: missing, or not an object";
        if (problem.empty() && !ids.insert(preset.id).second)
            problem = "id: used by an earlier preset too";
        if (problem.empty()) {
            for (const auto &[key, value] : config->items()) {
                const std::string text = settingText(value);
                if (text.empty()) {
                    problem = "config." + key + ": must be a number, a boolean or a string";
                    break;
                }
                if (auto error = setField(preset.config, key, text)) {
                    problem = "config." + error->toString();
                    break;
                }
            }
        }
        if (problem.empty()) {
            if (auto error = validate(preset.config))
                problem = "config." + error->toString();
        }
        if (!problem.empty()) {
            catalog.errors.push_back(where + ": " + problem);
            continue;
        }
        catalog.presets.push_back(std::move(preset));
    }
    return catalog;
}

PresetCatalog PresetCatalog::load(const std::string &path)
{
    std::string text;
    if (auto error = platform::readFileCapped(path, kMaxFileBytes, text)) {
        PresetCatalog catalog;
        catalog.errors.push_back(*error);
        return catalog;
    }
    PresetCatalog catalog = parse(text);
    for (std::string &error : catalog.errors)
        error = path + ": " + error;
    return catalog;
}

std::string findLessonsDir()
{
    if (const char *dir = std::getenv("CLAB_LESSONS_DIR"); dir && *dir)
        return platform::isDirectory(dir) ? std::string(dir) : std::string();
    const std::string exe = platform::executablePath();
    const std::string installed = exe.substr(0, exe.rfind('/')) + "/../share/concurrency-lab/lessons";
    if (platform::isDirectory(installed))
        return installed;
    if (const std::string source = platform::buildTreeSetting("lessons"); platform::isDirectory(source))
        return source;
    return {};
}

} // namespace clab
