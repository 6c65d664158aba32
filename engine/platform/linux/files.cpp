// The file-system calls of platform/system.h, on Linux (POSIX).

#include "platform/system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

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

namespace {

// Writes all of `content` to `fd`; errno of the failure, or 0.
int writeAll(int fd, const std::string &content)
{
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n == 0 ? EIO : errno;
        written += static_cast<std::size_t>(n);
    }
    return 0;
}

// A file that cannot be replaced by rename(2): a character or block device (/dev/null, a
// terminal), a FIFO or a socket. It is written where it is, as a shell's `>` would.
std::optional<std::string> writeSpecialFile(const std::string &path, const std::string &content)
{
    // O_NONBLOCK only to open: a FIFO nobody reads would block the open for ever (fifo(7)).
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        return "cannot write " + path + ": "
            + (error == ENXIO ? std::string("nothing is reading from it") : std::strerror(error));
    }
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    int error = writeAll(fd, content);
    // Devices and FIFOs that keep nothing cannot be synced (EINVAL, EROFS): nothing is lost there.
    if (error == 0 && fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
        error = errno;
    if (close(fd) != 0 && error == 0 && errno != EINTR)
        error = errno;
    if (error != 0)
        return "cannot write " + path + ": " + std::strerror(error);
    return std::nullopt;
}

} // namespace

std::optional<std::string> writeFileAtomically(const std::string &path, const std::string &content)
{
    if (path.empty())
        return std::string("cannot write a file with an empty name");
    struct stat info
    {
    };
    if (stat(path.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode))
            return "cannot write " + path + ": it is a folder";
        if (!S_ISREG(info.st_mode))
            return writeSpecialFile(path, content);
    }
    const std::string temporary = path + ".part-" + std::to_string(processId());
    const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return "cannot create " + temporary + ": " + std::strerror(errno);
    int error = writeAll(fd, content);
    if (error == 0 && fsync(fd) != 0)
        error = errno;
    if (close(fd) != 0 && error == 0 && errno != EINTR)
        error = errno;
    if (error != 0) {
        unlink(temporary.c_str());
        return "cannot write " + path + ": " + std::strerror(error);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        unlink(temporary.c_str());
        return "cannot replace " + path + ": " + reason;
    }
    return std::nullopt;
}

std::optional<std::string> readFileCapped(const std::string &path, std::size_t maxBytes, std::string &text)
{
    text.clear();
    if (path.empty())
        return std::string("cannot read a file with an empty name");
    // O_NONBLOCK only to open: a FIFO nobody writes to would block the open for ever.
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return "cannot read " + path + ": " + std::strerror(errno);
    struct stat info
    {
    };
    if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        close(fd);
        return "cannot read " + path + ": it is a folder";
    }
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    // At most maxBytes + 1 bytes, whatever the file is: a device such as /dev/zero reports a size
    // of 0 and never ends.
    std::optional<std::string> problem;
    std::vector<char> buffer(64 * 1024);
    while (!problem) {
        const std::size_t want = std::min(buffer.size(), maxBytes + 1 - text.size());
        const ssize_t n = read(fd, buffer.data(), want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            problem = "cannot read " + path + ": " + std::strerror(errno);
        } else if (n == 0) {
            break;
        } else {
            text.append(buffer.data(), static_cast<std::size_t>(n));
            if (text.size() > maxBytes)
                problem = path + ": larger than " + std::to_string(maxBytes) + " bytes, the most allowed";
        }
    }
    close(fd);
    if (problem)
        text.clear();
    return problem;
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
