#pragma once

#include "measurement/procstat.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The engine's window on the operating system: clocks, /proc, processes, memory, files. Linux is
// implemented in platform/linux/ (system.cpp, files.cpp); other systems would add a sibling folder.
//
// What stays outside, and why: the descriptor-level I/O loops. Each is the subject of the file it
// sits in (a socket round trip, a server, a pipe protocol), and splitting one loop call by call
// over two files would hide it. They are POSIX apart from three Linux calls, eventfd(2), pipe2(2)
// and accept4(2), which a port would replace (a self-pipe, pipe(2) + fcntl(2), accept(2)):
//  - workload.cpp, the io-socket workload: socket(2), setsockopt(2) TCP_NODELAY, connect(2),
//    send(2), recv(2) and close(2) of each unit's connection to the echo server; the calls are what
//    the workload measures, each one made with the GIL released like CPython's socket module.
//  - echoserver.cpp, the run's echo server: socket(2), bind(2), listen(2), getsockname(2),
//    accept4(2), setsockopt(2), poll(2), recv(2), send(2), close(2) and an eventfd(2) that wakes
//    it to stop.
//  - processexecutor.cpp, the processes model's parent side: pipe2(2) for each child's two pipes,
//    read(2)/write(2)/poll(2)/close(2) on them, an eventfd(2) that wakes its poll, kill(2) and
//    waitpid(2), and SIGPIPE ignored. Starting a child is spawnProcess() below.
//  - worker/, the child side: fcntl(2) to check fds 3 and 4, read(2)/write(2)/poll(2) on them, an
//    eventfd(2) that wakes its poll, and SIGPIPE ignored.
//  - coroutineexecutor.cpp: asio's event loop (epoll, eventfd, timerfd and its sockets), which
//    asio keeps portable itself.
//  - Portable standard C++: std::thread, std::chrono's steady clock where only durations matter,
//    and std::getenv (CLAB_WORKER, CLAB_LESSONS_DIR). presets.json is read with readFileCapped().
// Should they move, they would move behind a small descriptor layer here (a pipe, a socket, a
// wake-up to poll on), all four at once.
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
int spawnProcess(const std::string &path, const std::vector<std::string> &args, const std::vector<FdMapping> &fds);
// Proportional set size of a process in KiB (/proc/<pid>/smaps_rollup "Pss:"; 0 = this process):
// its private pages plus its share of pages it shares, so a pool's total adds up. -1 if unknown.
double proportionalSetKib(int pid = 0);
// Path of the running program (/proc/self/exe); empty if unknown.
std::string executablePath();
// A setting of the build tree the running program was built in ("worker", "lessons"), from the
// file clab-build-tree.txt that CMake writes at the top of a build folder and that is looked for
// in the program's folder and up to five folders above it. Empty for an installed program: no
// build-tree path is compiled into the binaries.
std::string buildTreeSetting(const std::string &key);
// The limit behind an errno, for a message: " (ulimit -u is 40)" for EAGAIN from creating a thread
// or process (RLIMIT_NPROC), " (ulimit -n is 64)" for EMFILE (RLIMIT_NOFILE); empty otherwise or
// when that limit is unlimited.
std::string limitNote(int error);
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

// --- Files (platform/linux/files.cpp) ---

// Whether `path` names a directory (stat(2)).
bool isDirectory(const std::string &path);
// Removes one file (unlink(2)); a file that is not there is no error.
void removeFile(const std::string &path);
// Writes `content` to `path`. A regular file (or a new one) is replaced whole or not at all: it is
// written to a temporary file beside it, flushed to disk (fsync(2)), then renamed over it
// (rename(2)), so a reader finds the old file or the new one, never half of one, and a failed write
// leaves the old one as it was. A special file that cannot be replaced (a device such as /dev/null
// or /dev/stdout, a FIFO) is written directly, as a shell's `>` would; a folder is refused. Nothing
// on success, otherwise what failed, where and why ("cannot write out.json: No space left on
// device").
std::optional<std::string> writeFileAtomically(const std::string &path, const std::string &content);
// Reads the whole of `path` into `text`, but never more than `maxBytes` + 1 bytes whatever the
// file is (a device such as /dev/zero says it is empty and never ends): a longer one is refused.
// Nothing on success, otherwise what failed, naming the path ("cannot read x.json: No such file
// or directory", "x.json: larger than 4194304 bytes, the most allowed"); `text` is then empty.
std::optional<std::string> readFileCapped(const std::string &path, std::size_t maxBytes, std::string &text);
// The io-file workload's system calls: writes `bytes` of `data` to `path` (created or truncated),
// flushes them to disk (fsync(2)) and reads them back (pread(2)) in pieces the size of `scratch`,
// comparing. Nothing on success, otherwise why it failed.
std::optional<std::string> writeSyncReadBack(
    const std::string &path, const unsigned char *data, std::size_t bytes, std::vector<unsigned char> &scratch);

// A fresh private directory for a run's files (mkdtemp(3) under $TMPDIR or /tmp); empty on failure,
// and `error` then says where and why ("cannot create a private folder in /tmp/x (from TMPDIR):
// Not a directory").
std::string makeTempDir(std::string &error);
// Removes a directory made by makeTempDir() and the regular files in it.
void removeTempDir(const std::string &path);

} // namespace clab::platform
