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
// The same for a thread of any process (/proc/<pid>/task/<tid>/stat): a worker process's units.
std::optional<TaskStat> readTaskStat(int pid, int tid);
// The kernel's scheduler statistics of one thread (/proc/<pid>/task/<tid>/schedstat; pid 0 is
// this process), or of the calling thread (/proc/thread-self/schedstat). Nothing when the thread
// has ended or the kernel keeps no such statistics (built without CONFIG_SCHED_INFO).
std::optional<SchedStat> readSchedStat(int pid, int tid);
std::optional<SchedStat> currentThreadSchedStat();
// Whether this kernel keeps per-thread scheduler statistics at all (asked once).
bool hasSchedStat();
// Clock ticks per second of the counters above (sysconf(_SC_CLK_TCK)).
double ticksPerSecond();
// CPU time of the calling thread / the whole process so far, in seconds.
double threadCpuSeconds();
double processCpuSeconds();
// CPU time of this process's child processes that have ended and been waited for (getrusage(2)).
double childrenCpuSeconds();

// Starts `path` as a child process with posix_spawn(2) (never a plain fork of this multithreaded
// process). `fds` maps descriptors of the child to ours: {3, pipeEnd} makes our pipeEnd the
// child's fd 3. Every other descriptor is closed in the child, stdin reads /dev/null, and the
// child gets its own process group, so a Ctrl+C meant for us does not kill it.
// Returns the pid, or -errno on failure.
struct FdMapping
{
    int childFd;
    int parentFd;
};
int spawnProcess(const std::string &path, const std::vector<std::string> &args,
                 const std::vector<FdMapping> &fds);
// Proportional set size of a process in KiB (/proc/<pid>/smaps_rollup "Pss:"; 0 = this process):
// its private pages plus its share of pages it shares, so a pool's total adds up. -1 if unknown.
double proportionalSetKib(int pid = 0);
// Path of the running program (/proc/self/exe); empty if unknown.
std::string executablePath();
// "killed by signal 9 (SIGKILL)", "exited with code 3" for a waitpid(2) status.
std::string describeExit(int status);

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
