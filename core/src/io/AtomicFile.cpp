#include "vindex/io/AtomicFile.h"

#include "vindex/core/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace vindex::io {

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
    std::vector<char> name(m_path.begin(), m_path.end());
    const std::string suffix = ".tmp-XXXXXX";
    name.insert(name.end(), suffix.begin(), suffix.end());
    name.push_back('\0');
    m_fd = ::mkstemp(name.data());
    if (m_fd < 0)
        throw Error(m_path + ": cannot create a temporary file next to it: " + std::strerror(errno));
    m_tempPath = name.data();
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed)
        ::unlink(m_tempPath.c_str());
}

void AtomicFile::write(const void *data, std::size_t size)
{
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw Error(m_path + ": write failed: " + std::strerror(errno));
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

void AtomicFile::commit()
{
    // mkstemp creates 0600; give the file the usual permissions.
    ::fchmod(m_fd, 0644);
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
        m_fd = -1;
        throw Error(m_path + ": cannot flush to disk: " + std::strerror(errno));
    }
    m_fd = -1;
    if (std::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
        throw Error(m_path + ": cannot replace the file: " + std::strerror(errno));
    m_committed = true;
}

} // namespace vindex::io
