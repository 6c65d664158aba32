#include "clioptions.h"

#include "model/runconfig.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace clab::cli {

namespace {

// "--switch-interval-ms" -> "switch_interval_ms"
std::string toKey(std::string option)
{
    option.erase(0, 2);
    for (char &c : option) {
        if (c == '-')
            c = '_';
    }
    return option;
}

} // namespace

ParsedArgs parseOptions(const std::vector<std::string> &args, const std::vector<std::string> &flags)
{
    ParsedArgs parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg.size() <= 2) {
            parsed.error = "unexpected argument '" + arg + "'";
            return parsed;
        }
        std::string key;
        std::string value;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            key = toKey(arg.substr(0, eq));
            value = arg.substr(eq + 1);
        } else {
            key = toKey(arg);
            const bool isFlag = std::find(flags.begin(), flags.end(), key) != flags.end();
            if (isFlag) {
                value = "true";
            } else if (i + 1 < args.size() && !args[i + 1].starts_with("--")) {
                value = args[++i];
            } else {
                parsed.error = key + ": needs a value (" + arg + " VALUE)";
                return parsed;
            }
        }
        if (value.empty()) {
            parsed.error = key + ": needs a value, got an empty one";
            return parsed;
        }
        if (parsed.options.count(key)) {
            parsed.error = key + ": given twice";
            return parsed;
        }
        parsed.options[key] = value;
    }
    return parsed;
}

std::vector<std::string> flagsWith(std::vector<std::string> extra)
{
    std::vector<std::string> flags;
    for (const FieldSpec &field : configFields()) {
        if (field.type() == FieldType::Boolean)
            flags.emplace_back(field.key);
    }
    flags.insert(flags.end(), extra.begin(), extra.end());
    return flags;
}

std::optional<std::string> take(std::map<std::string, std::string> &options, const std::string &key)
{
    const auto it = options.find(key);
    if (it == options.end())
        return std::nullopt;
    std::string value = it->second;
    options.erase(it);
    return value;
}

std::optional<std::string> takeFlag(std::map<std::string, std::string> &options, const std::string &key, bool &on)
{
    on = false;
    const std::optional<std::string> value = take(options, key);
    if (!value)
        return std::nullopt;
    for (const char *yes : {"true", "1", "yes", "on"}) {
        if (*value == yes) {
            on = true;
            return std::nullopt;
        }
    }
    for (const char *no : {"false", "0", "no", "off"}) {
        if (*value == no)
            return std::nullopt;
    }
    return key + ": expected true or false (or " + optionOf(key) + " alone for true), got '" + *value + "'";
}

std::string optionOf(std::string_view key)
{
    std::string option = "--" + std::string(key);
    for (char &c : option) {
        if (c == '_')
            c = '-';
    }
    return option;
}

std::string withUnit(const std::string &value, std::string_view unit)
{
    return unit.empty() ? value : value + " " + std::string(unit);
}

std::string usedByText(const FieldSpec &field)
{
    std::string out;
    for (const ExecutionModel model : field.models)
        out += (out.empty() ? "" : ", ") + std::string(toString(model));
    if (!out.empty())
        out = "; " + out + " only";
    std::string workloads;
    for (const WorkloadKind workload : field.workloads)
        workloads += (workloads.empty() ? "" : ", ") + std::string(toString(workload));
    if (!workloads.empty())
        out += "; for the workload" + std::string(field.workloads.size() == 1 ? " " : "s ") + workloads;
    return out;
}

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');) {
        if (!item.empty())
            items.push_back(item);
    }
    return items;
}

std::string fmt(double value, int decimals)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

void listErrors(std::ostream &out, const std::string &prefix, const std::vector<std::string> &errors)
{
    const std::size_t shown = std::min(errors.size(), kShownErrors);
    for (std::size_t i = 0; i < shown; ++i)
        out << prefix << errors[i] << '\n';
    if (errors.size() > shown)
        out << prefix << "... and " << errors.size() - shown << " more\n";
}

} // namespace clab::cli
