#include "results/session.h"

#include "formats/json.h"
#include "platform/system.h"

#include <cmath>

namespace clab {

std::string sessionToJson(const Session &session)
{
    // Each run's JSON is written by RunResult::toJson, which lays out millions of timeline
    // intervals one line each without building a tree of them; the session's own fields are put
    // around those texts.
    std::string out = "{\n  \"format\": " + toCompactText(Json(kSessionFormat))
        + ",\n  \"version\": " + std::to_string(kSessionVersion) + ",\n  \"lab_run\": "
        + (session.labRun ? std::to_string(*session.labRun) : std::string("null")) + ",\n  \"runs\": [";
    bool first = true;
    for (const SessionRun &run : session.runs) {
        out += first ? "\n" : ",\n";
        first = false;
        Json speedup = run.speedup && std::isfinite(*run.speedup) ? Json(*run.speedup) : Json();
        out += "    {\"source\": " + toCompactText(Json(run.source)) + ", \"speedup\": " + toCompactText(speedup)
            + ", \"run\": ";
        std::string runText = run.result.toJson(true);
        while (!runText.empty() && runText.back() == '\n')
            runText.pop_back();
        out += runText + "}";
    }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

namespace {

std::string typeName(const Json &value)
{
    if (value.is_null())
        return "null";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_number())
        return "a number";
    if (value.is_string())
        return "a string";
    return value.is_array() ? "an array" : "an object";
}

SessionReadResult refused(std::string message)
{
    return {std::nullopt, std::move(message)};
}

} // namespace

SessionReadResult parseSession(std::string_view text, const RunReadLimits &limits)
{
    if (text.size() > kMaxSessionBytes)
        return refused("the file is " + std::to_string(text.size()) + " bytes, more than the "
            + std::to_string(kMaxSessionBytes) + " a session may be");
    JsonParseResult parsed = parseJson(text);
    if (!parsed.value)
        return refused("not valid JSON (is the file complete?): " + parsed.error);
    const Json &json = *parsed.value;
    if (!json.is_object())
        return refused("not a Concurrency Lab session: expected a JSON object, got " + typeName(json));
    const auto format = json.find("format");
    if (format == json.end() || !format->is_string() || format->get<std::string>() != kSessionFormat)
        return refused("not a Concurrency Lab session: \"format\" is "
            + (format == json.end() ? std::string("missing") : format->dump()) + ", expected \""
            + std::string(kSessionFormat) + "\"");
    const auto version = json.find("version");
    if (version == json.end() || !version->is_number_integer())
        return refused("version: expected a whole number, got "
            + (version == json.end() ? std::string("nothing") : typeName(*version)));
    const auto number = version->get<std::int64_t>();
    if (number > kSessionVersion)
        return refused("written by a newer Concurrency Lab (version " + std::to_string(number)
            + "); this one reads version " + std::to_string(kSessionVersion));
    if (number < 1)
        return refused("version: unknown version " + std::to_string(number));

    const auto runs = json.find("runs");
    if (runs == json.end() || !runs->is_array())
        return refused(
            "runs: expected an array, got " + (runs == json.end() ? std::string("nothing") : typeName(*runs)));
    if (runs->size() > kMaxSessionRuns)
        return refused("runs: " + std::to_string(runs->size()) + " runs, more than the "
            + std::to_string(kMaxSessionRuns) + " a session may hold");

    Session session;
    session.runs.reserve(runs->size());
    for (std::size_t k = 0; k < runs->size(); ++k) {
        const std::string place = "runs[" + std::to_string(k) + "]";
        const Json &entry = (*runs)[k];
        if (!entry.is_object())
            return refused(place + ": expected an object, got " + typeName(entry));
        SessionRun run;
        if (const auto source = entry.find("source"); source != entry.end()) {
            if (!source->is_string())
                return refused(place + ".source: expected a string, got " + typeName(*source));
            run.source = source->get<std::string>();
        }
        if (const auto speedup = entry.find("speedup"); speedup != entry.end() && !speedup->is_null()) {
            if (!speedup->is_number())
                return refused(place + ".speedup: expected a number or null, got " + typeName(*speedup));
            run.speedup = speedup->get<double>();
        }
        const auto runJson = entry.find("run");
        if (runJson == entry.end())
            return refused(place + ": missing \"run\"");
        RunReadResult read = runResultFromJson(*runJson, place + ".run", limits);
        if (!read.result)
            return refused(std::move(read.error));
        run.result = std::move(*read.result);
        session.runs.push_back(std::move(run));
    }

    if (const auto lab = json.find("lab_run"); lab != json.end() && !lab->is_null()) {
        if (!lab->is_number_unsigned() || lab->get<std::uint64_t>() >= session.runs.size())
            return refused("lab_run: expected the index of one of the " + std::to_string(session.runs.size())
                + " runs or null, got " + lab->dump());
        session.labRun = static_cast<std::size_t>(lab->get<std::uint64_t>());
    }
    return {std::move(session), {}};
}

SessionReadResult readSessionFile(const std::string &path)
{
    std::string text;
    if (std::optional<std::string> error = platform::readFileCapped(path, kMaxSessionBytes, text))
        return refused(std::move(*error));
    return parseSession(text);
}

std::optional<std::string> writeSessionFile(const std::string &path, const Session &session)
{
    return writeFileAtomically(path, sessionToJson(session));
}

} // namespace clab
