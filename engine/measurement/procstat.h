#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace clab {

// Pure parsers for Linux /proc text (proc(5)). They take the text, never a path, so tests feed
// them fixture files and the platform layer feeds them the live files.

// One "cpuN" line of /proc/stat, in clock ticks (USER_HZ).
struct CpuTimes
{
    int id = -1;
    std::uint64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0;
    std::uint64_t irq = 0, softirq = 0, steal = 0, guest = 0, guestNice = 0;

    // htop/btop/ksystemstats arithmetic: guest and guest_nice are already counted inside user and
    // nice (proc(5)), so they are not added again; iowait counts as idle.
    std::uint64_t busy() const { return user + nice + system + irq + softirq + steal; }
    std::uint64_t idleAll() const { return idle + iowait; }
};

struct CoreBusy
{
    int id = -1;
    double percent = 0.0; // 0..100
};

// /proc/stat: per-core tick counters, and busy % between two readings.
struct ProcStat
{
    // The per-core lines ("cpu0", "cpu1", ...) in file order; the aggregate "cpu" line is skipped.
    // An offline core has no line, so ids may have gaps.
    static std::vector<CpuTimes> parse(std::string_view text);

    // Busy % per core between two readings, for cores present in both, keyed by id.
    // Deltas saturate at 0 (iowait and others can go backwards); 0 % when no time passed.
    static std::vector<CoreBusy> busyPercent(const std::vector<CpuTimes> &before, const std::vector<CpuTimes> &after);
    // The same, added up: how many cores' worth of the machine was busy between the readings.
    static double busyCores(const std::vector<CpuTimes> &before, const std::vector<CpuTimes> &after);
};

// The fields of /proc/<pid>/task/<tid>/stat (or /proc/<pid>/stat) the engine uses.
struct TaskStat
{
    std::uint64_t utimeTicks = 0; // field 14
    std::uint64_t stimeTicks = 0; // field 15
    int processor = -1; // field 39: the CPU it last ran on
    char state = '?'; // field 3
    int ppid = 0; // field 4: the parent process
};

// /proc/<pid>/task/<tid>/schedstat (Documentation/scheduler/sched-stats.rst in the kernel): three
// numbers for one thread, kept by the scheduler itself in nanoseconds.
struct SchedStat
{
    std::uint64_t onCpuNs = 0; // time spent on a CPU (sum_exec_runtime)
    std::uint64_t waitNs = 0; // time runnable but waiting on a run queue for a CPU (run_delay)
    std::uint64_t timeslices = 0; // how many times it was put on a CPU (pcount): its turns
};

// Parses a schedstat line; nothing unless it holds three numbers.
std::optional<SchedStat> parseSchedStat(std::string_view text);

// Parses one stat line. The command name (field 2) may hold spaces and parentheses, so the
// fields after it are counted from the last ')'. Nothing on malformed input.
std::optional<TaskStat> parseTaskStat(std::string_view text);

} // namespace clab
