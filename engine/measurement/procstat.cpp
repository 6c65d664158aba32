#include "measurement/procstat.h"

#include <algorithm>
#include <charconv>

namespace clab {

namespace {

std::string_view nextToken(std::string_view &rest)
{
    const auto begin = rest.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        rest = {};
        return {};
    }
    rest.remove_prefix(begin);
    const auto end = std::min(rest.find_first_of(" \t"), rest.size());
    const std::string_view token = rest.substr(0, end);
    rest.remove_prefix(end);
    return token;
}

template<typename Number> bool toNumber(std::string_view token, Number &out)
{
    const auto result = std::from_chars(token.data(), token.data() + token.size(), out);
    return !token.empty() && result.ec == std::errc() && result.ptr == token.data() + token.size();
}

std::uint64_t saturatingDelta(std::uint64_t before, std::uint64_t after)
{
    return after > before ? after - before : 0;
}

} // namespace

std::vector<CpuTimes> ProcStat::parse(std::string_view text)
{
    std::vector<CpuTimes> cores;
    while (!text.empty()) {
        const auto newline = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(std::min(newline + 1, text.size()));

        std::string_view name = nextToken(line);
        if (name.size() <= 3 || name.substr(0, 3) != "cpu")
            continue; // the aggregate "cpu" line, intr, ctxt, ...
        CpuTimes times;
        if (!toNumber(name.substr(3), times.id))
            continue;
        std::uint64_t *slots[] = {&times.user, &times.nice, &times.system, &times.idle, &times.iowait, &times.irq,
            &times.softirq, &times.steal, &times.guest, &times.guestNice};
        // Older kernels print fewer columns; missing ones stay 0.
        bool ok = true;
        for (std::uint64_t *slot : slots) {
            const std::string_view token = nextToken(line);
            if (token.empty())
                break;
            if (!toNumber(token, *slot)) {
                ok = false;
                break;
            }
        }
        if (ok)
            cores.push_back(times);
    }
    return cores;
}

std::vector<CoreBusy> ProcStat::busyPercent(const std::vector<CpuTimes> &before, const std::vector<CpuTimes> &after)
{
    std::vector<CoreBusy> result;
    for (const CpuTimes &now : after) {
        const auto previous
            = std::find_if(before.begin(), before.end(), [&](const CpuTimes &c) { return c.id == now.id; });
        if (previous == before.end())
            continue; // came online in between: no span to measure yet
        const std::uint64_t busy = saturatingDelta(previous->busy(), now.busy());
        const std::uint64_t idle = saturatingDelta(previous->idleAll(), now.idleAll());
        const std::uint64_t total = busy + idle;
        const double percent = total == 0 ? 0.0 : 100.0 * static_cast<double>(busy) / static_cast<double>(total);
        result.push_back({now.id, std::clamp(percent, 0.0, 100.0)});
    }
    return result;
}

double ProcStat::busyCores(const std::vector<CpuTimes> &before, const std::vector<CpuTimes> &after)
{
    double cores = 0.0;
    for (const CoreBusy &core : busyPercent(before, after))
        cores += core.percent / 100.0;
    return cores;
}

std::optional<TaskStat> parseTaskStat(std::string_view text)
{
    const auto close = text.rfind(')');
    if (close == std::string_view::npos || text.find('(') == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = text.substr(close + 1);

    // Fields counted from 3 (state), the first one after the command name.
    TaskStat stat;
    int field = 3;
    for (std::string_view token = nextToken(rest); !token.empty(); token = nextToken(rest), ++field) {
        switch (field) {
        case 3:
            stat.state = token.front();
            break;
        case 4:
            if (!toNumber(token, stat.ppid))
                return std::nullopt;
            break;
        case 14:
            if (!toNumber(token, stat.utimeTicks))
                return std::nullopt;
            break;
        case 15:
            if (!toNumber(token, stat.stimeTicks))
                return std::nullopt;
            break;
        case 39:
            if (!toNumber(token, stat.processor))
                return std::nullopt;
            return stat;
        default:
            break;
        }
    }
    return std::nullopt; // too short to hold field 39
}

std::optional<SchedStat> parseSchedStat(std::string_view text)
{
    SchedStat stat;
    std::string_view rest = text;
    for (std::uint64_t *slot : {&stat.onCpuNs, &stat.waitNs, &stat.timeslices}) {
        std::string_view token = nextToken(rest);
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
            token.remove_suffix(1);
        if (!toNumber(token, *slot))
            return std::nullopt;
    }
    return stat;
}

} // namespace clab
