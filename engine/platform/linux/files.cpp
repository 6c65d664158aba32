// The file-system calls of platform/system.h, on Linux (POSIX).

#include "platform/system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace clab::platform {

bool isDirectory(const std::string &path)
{
    struct stat info
    {
    };
    return !path.empty() && stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

void removeFile(const std::string &path)
{
    if (!path.empty())
        unlink(path.c_str());
}

std::optional<std::string> writeFileAtomically(const std::string &path, const std::string &content)
{
    const std::string temporary = path + ".part-" + std::to_string(processId());
    const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return "cannot create " + temporary + ": " + std::strerror(errno);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const std::string reason = std::strerror(errno);
            close(fd);
            unlink(temporary.c_str());
            return "cannot write " + path + ": " + reason;
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = fsync(fd) == 0;
    const int syncErrno = errno;
    const bool closed = close(fd) == 0;
    if (!synced || !closed) {
        const std::string reason = std::strerror(synced ? errno : syncErrno);
        unlink(temporary.c_str());
        return "cannot write " + path + ": " + reason;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        unlink(temporary.c_str());
        return "cannot replace " + path + ": " + reason;
    }
    return std::nullopt;
}

std::optional<std::string> writeSyncReadBack(
    const std::string &path, const unsigned char *data, std::size_t bytes, std::vector<unsigned char> &scratch)
{
    const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return std::string(std::strerror(errno));
    std::optional<std::string> problem;
    std::size_t done = 0;
    while (!problem && done < bytes) {
        const ssize_t n = write(fd, data + done, bytes - done);
        if (n <= 0)
            problem = n == 0 ? std::string("nothing was written") : std::string(std::strerror(errno));
        else
            done += static_cast<std::size_t>(n);
    }
    if (!problem && fsync(fd) != 0)
        problem = std::strerror(errno);
    for (done = 0; !problem && done < bytes;) {
        const std::size_t chunk = std::min(scratch.size(), bytes - done);
        const ssize_t n = pread(fd, scratch.data(), chunk, static_cast<off_t>(done));
        if (n <= 0)
            problem = n == 0 ? std::string("the file ended early") : std::string(std::strerror(errno));
        else if (std::memcmp(scratch.data(), data + done, static_cast<std::size_t>(n)) != 0)
            problem = "the bytes read back differ from those written";
        else
            done += static_cast<std::size_t>(n);
    }
    close(fd);
    return problem;
}

} // namespace clab::platform
