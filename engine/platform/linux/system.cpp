#include "platform/system.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// From compiler-rt's sanitizer/allocator_interface.h, which GCC does not install.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#define CLAB_SANITIZER_ALLOCATOR 1
#endif

namespace clab::platform {

namespace {

// /proc files report a size of 0, so read until end of file.
std::string readWholeFile(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::string text;
    std::array<char, 4096> buffer{};
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        text.append(buffer.data(), static_cast<std::size_t>(got));
    }
    ::close(fd);
    return text;
}

double clockSeconds(clockid_t clock)
{
    timespec ts{};
    if (clock_gettime(clock, &ts) != 0)
        return 0.0;
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Entries of a /proc directory, not counting "." and "..".
int countEntries(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    closedir(dir);
    return count;
}

std::string valueAfterColon(const std::string &text, const std::string &key)
{
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(key, 0) != 0)
            continue;
        const auto colon = line.find_first_of(":=");
        if (colon == std::string::npos)
            continue;
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t\""));
        while (!value.empty() && (value.back() == '"' || value.back() == ' '))
            value.pop_back();
        return value;
    }
    return {};
}

} // namespace

std::int64_t monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int processId() { return static_cast<int>(getpid()); }
int currentThreadId() { return static_cast<int>(gettid()); }
int currentCore() { return sched_getcpu(); }

std::vector<CpuTimes> readCpuTimes() { return ProcStat::parse(readWholeFile("/proc/stat")); }

std::optional<TaskStat> readThreadStat(int tid)
{
    return parseTaskStat(readWholeFile("/proc/self/task/" + std::to_string(tid) + "/stat"));
}

double ticksPerSecond()
{
    static const double ticks = [] {
        const long value = sysconf(_SC_CLK_TCK);
        return value > 0 ? static_cast<double>(value) : 100.0;
    }();
    return ticks;
}

double threadCpuSeconds() { return clockSeconds(CLOCK_THREAD_CPUTIME_ID); }
double processCpuSeconds() { return clockSeconds(CLOCK_PROCESS_CPUTIME_ID); }

int threadCount() { return countEntries("/proc/self/task"); }
int openFdCount()
{
    // opendir itself holds one descriptor while counting.
    const int count = countEntries("/proc/self/fd");
    return count < 0 ? count : count - 1;
}

std::size_t heapBytesInUse()
{
#ifdef CLAB_SANITIZER_ALLOCATOR
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

MachineInfo machineInfo()
{
    MachineInfo info;
    info.logicalCpus = static_cast<int>(std::thread::hardware_concurrency());
    info.cpuModel = valueAfterColon(readWholeFile("/proc/cpuinfo"), "model name");
    std::string os = valueAfterColon(readWholeFile("/etc/os-release"), "PRETTY_NAME");
    utsname names{};
    if (uname(&names) == 0)
        os += (os.empty() ? "" : ", ") + std::string(names.sysname) + " " + names.release;
    info.os = os;
    return info;
}

std::string makeTempDir()
{
    const char *base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/clab-run-XXXXXX";
    if (!mkdtemp(pattern.data()))
        return {};
    return pattern;
}

void removeTempDir(const std::string &path)
{
    if (path.empty())
        return;
    if (DIR *dir = opendir(path.c_str())) {
        while (const dirent *entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name != "." && name != "..")
                unlink((path + "/" + name).c_str());
        }
        closedir(dir);
    }
    rmdir(path.c_str());
}

} // namespace clab::platform
