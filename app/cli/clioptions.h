#pragma once

#include "model/runconfigfields.h"

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// The command line's words, for cliapp.cpp: options split and checked, and helpers for messages.
namespace clab::cli {

// "--key value" and "--key=value" pairs, keys in snake_case ("--switch-interval-ms" ->
// "switch_interval_ms"). Options named in `flags` take no value; "--flag=false" is allowed.
// Every option needs a value that is not empty: `--json ""` is an error, not "no JSON".
struct ParsedArgs
{
    std::map<std::string, std::string> options;
    std::string error;
};
ParsedArgs parseOptions(const std::vector<std::string> &args, const std::vector<std::string> &flags);

// The options that take no value: every boolean setting (--blocking-io), then `extra`.
std::vector<std::string> flagsWith(std::vector<std::string> extra);

// Removes and returns an option's value; nothing if it was not given.
std::optional<std::string> take(std::map<std::string, std::string> &options, const std::string &key);
// Removes a flag and says whether it is on: absent is off, "--flag" alone is on, "--flag=VALUE"
// is on or off as VALUE says (true, 1, yes, on / false, 0, no, off). Anything else is an error
// naming the flag and what is allowed ("validate: expected true or false, got 'maybe'").
std::optional<std::string> takeFlag(std::map<std::string, std::string> &options, const std::string &key, bool &on);

// "switch_interval_ms" -> "--switch-interval-ms"
std::string optionOf(std::string_view key);
// "0.01..10000" and "ms" -> "0.01..10000 ms"
std::string withUnit(const std::string &value, std::string_view unit);
// Who a setting is for: "; coroutines only", "; for the workloads cpu, mixed, shared"; empty when
// it applies to every run.
std::string usedByText(const FieldSpec &field);
std::vector<std::string> splitList(const std::string &text);
std::string fmt(double value, int decimals);

// Writes `prefix` + each message, one a line, but no more than the first kShownErrors; then
// "<prefix>... and N more". A file with a million mistakes gets a readable answer.
inline constexpr std::size_t kShownErrors = 20;
void listErrors(std::ostream &out, const std::string &prefix, const std::vector<std::string> &errors);

} // namespace clab::cli
