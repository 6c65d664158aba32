#include "platform/system.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
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

int processId()
{
    return static_cast<int>(getpid());
}
int currentThreadId()
{
    return static_cast<int>(gettid());
}
int currentCore()
{
    return sched_getcpu();
}

std::vector<CpuTimes> readCpuTimes()
{
    return ProcStat::parse(readWholeFile("/proc/stat"));
}

std::optional<TaskStat> readThreadStat(int tid)
{
    return parseTaskStat(readWholeFile("/proc/self/task/" + std::to_string(tid) + "/stat"));
}

std::optional<TaskStat> readTaskStat(int pid, int tid)
{
    return parseTaskStat(readWholeFile("/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/stat"));
}

std::optional<SchedStat> readSchedStat(int pid, int tid)
{
    const std::string process = pid == 0 ? std::string("self") : std::to_string(pid);
    return parseSchedStat(readWholeFile("/proc/" + process + "/task/" + std::to_string(tid) + "/schedstat"));
}

std::optional<SchedStat> currentThreadSchedStat()
{
    return parseSchedStat(readWholeFile("/proc/thread-self/schedstat"));
}

bool hasSchedStat()
{
    static const bool has = currentThreadSchedStat().has_value();
    return has;
}

double ticksPerSecond()
{
    static const double ticks = [] {
        const long value = sysconf(_SC_CLK_TCK);
        return value > 0 ? static_cast<double>(value) : 100.0;
    }();
    return ticks;
}

double threadCpuSeconds()
{
    return clockSeconds(CLOCK_THREAD_CPUTIME_ID);
}
double processCpuSeconds()
{
    return clockSeconds(CLOCK_PROCESS_CPUTIME_ID);
}

double childrenCpuSeconds()
{
    rusage usage{};
    if (getrusage(RUSAGE_CHILDREN, &usage) != 0)
        return 0.0;
    auto seconds
        = [](const timeval &tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int spawnProcess(const std::string &path, const std::vector<std::string> &args, const std::vector<FdMapping> &fds)
{
    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(path.c_str()));
    for (const std::string &arg : args)
        argv.push_back(const_cast<char *>(arg.c_str()));
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    if (posix_spawn_file_actions_init(&actions) != 0)
        return -ENOMEM;
    if (posix_spawnattr_init(&attr) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return -ENOMEM;
    }
    int highest = 2;
    int rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    // dup2 in the child clears close-on-exec on the target, so exactly these survive exec.
    for (const FdMapping &fd : fds) {
        if (rc == 0)
            rc = posix_spawn_file_actions_adddup2(&actions, fd.parentFd, fd.childFd);
        highest = std::max(highest, fd.childFd);
    }
    // Whatever else is open here (ours or a library's, close-on-exec or not) stays out of the child.
    if (rc == 0)
        rc = posix_spawn_file_actions_addclosefrom_np(&actions, highest + 1);

    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigset_t none;
    sigemptyset(&none);
    if (rc == 0)
        rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    if (rc == 0)
        rc = posix_spawnattr_setpgroup(&attr, 0);
    if (rc == 0)
        rc = posix_spawnattr_setsigdefault(&attr, &defaults);
    if (rc == 0)
        rc = posix_spawnattr_setsigmask(&attr, &none);

    pid_t pid = 0;
    if (rc == 0)
        rc = posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? static_cast<int>(pid) : -rc;
}

double proportionalSetKib(int pid)
{
    const std::string path
        = pid == 0 ? std::string("/proc/self/smaps_rollup") : "/proc/" + std::to_string(pid) + "/smaps_rollup";
    const std::string text = readWholeFile(path);
    const auto at = text.find("\nPss:");
    if (at == std::string::npos)
        return -1.0;
    return std::strtod(text.c_str() + at + 5, nullptr);
}

std::string executablePath()
{
    std::array<char, 4096> buffer{};
    const ssize_t size = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    return size > 0 ? std::string(buffer.data(), static_cast<std::size_t>(size)) : std::string();
}

std::string buildTreeSetting(const std::string &key)
{
    std::string dir = executablePath();
    for (int level = 0; level <= 6 && !dir.empty(); ++level) {
        const std::size_t slash = dir.rfind('/');
        if (slash == std::string::npos)
            break;
        dir.resize(slash);
        std::ifstream in(dir + "/clab-build-tree.txt");
        if (!in)
            continue;
        for (std::string line; std::getline(in, line);) {
            if (line.size() > key.size() && line.compare(0, key.size(), key) == 0 && line[key.size()] == '=')
                return line.substr(key.size() + 1);
        }
        return {};
    }
    return {};
}

std::string describeExit(int status)
{
    if (WIFEXITED(status))
        return "exited with code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char *name = sigabbrev_np(sig);
        return "killed by signal " + std::to_string(sig) + (name ? " (SIG" + std::string(name) + ")" : std::string());
    }
    return "ended with status " + std::to_string(status);
}

int threadCount()
{
    return countEntries("/proc/self/task");
}
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

std::string makeTempDir(std::string &error)
{
    const char *base = std::getenv("TMPDIR");
    const bool fromEnv = base && *base;
    const std::string folder = fromEnv ? std::string(base) : std::string("/tmp");
    std::string pattern = folder + "/clab-run-XXXXXX";
    if (!mkdtemp(pattern.data())) {
        error = "cannot create a private folder in " + folder + (fromEnv ? " (from TMPDIR)" : "") + ": "
            + std::strerror(errno);
        return {};
    }
    error.clear();
    return pattern;
}

std::string limitNote(int error)
{
    const int resource = error == EAGAIN ? RLIMIT_NPROC : error == EMFILE ? RLIMIT_NOFILE : -1;
    rlimit limit{};
    if (resource < 0 || getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return {};
    return std::string(" (ulimit ") + (error == EAGAIN ? "-u" : "-n") + " is " + std::to_string(limit.rlim_cur) + ")";
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
