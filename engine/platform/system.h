#pragma once

#include "procstat.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The engine's window on the operating system. Everything platform-specific sits behind these
// functions; Linux is implemented in platform/linux/, other systems would add a sibling folder.
namespace clab::platform {

// Nanoseconds on the system-wide monotonic clock (CLOCK_MONOTONIC), comparable across processes.
std::int64_t monotonicNs();

int processId();
// The kernel's id of the calling thread (gettid(2)); what /proc/<pid>/task/<tid> is named by.
int currentThreadId();
// The CPU the calling thread runs on now (sched_getcpu(3)); -1 if unknown.
int currentCore();

// Per-core tick counters of the whole system (/proc/stat); empty if unreadable.
std::vector<CpuTimes> readCpuTimes();
// CPU time and last core of one thread of this process (/proc/self/task/<tid>/stat).
std::optional<TaskStat> readThreadStat(int tid);
// Clock ticks per second of the counters above (sysconf(_SC_CLK_TCK)).
double ticksPerSecond();
// CPU time of the calling thread / the whole process so far, in seconds.
double threadCpuSeconds();
double processCpuSeconds();

// Live counts of this process's threads and open descriptors (/proc/self/task, /proc/self/fd).
int threadCount();
int openFdCount();

// Heap bytes this process has allocated and not freed, counted by its allocator (glibc:
// mallinfo2(3) uordblks, over every arena; the sanitizer's own count when a sanitizer replaces
// malloc). A thread's allocator cache (glibc tcache) counts as allocated, so a delta over a few
// small allocations may read low; over thousands it is exact.
std::size_t heapBytesInUse();

struct MachineInfo
{
    int logicalCpus = 0;
    std::string cpuModel;
    std::string os;
};
MachineInfo machineInfo();

// A fresh private directory for a run's files (mkdtemp(3) under $TMPDIR or /tmp); empty on failure.
std::string makeTempDir();
// Removes a directory made by makeTempDir() and the regular files in it.
void removeTempDir(const std::string &path);

} // namespace clab::platform
