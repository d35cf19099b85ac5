#pragma once
// Writes a file so that readers see either the old or the complete new content: data goes to a temporary file
// in the same folder, is flushed to disk, and is renamed over the target only on commit().
#include <cstddef>
#include <string>

namespace vindex::io {

class AtomicFile {
public:
    explicit AtomicFile(std::string path); // throws Error when the temporary file cannot be created
    ~AtomicFile();                         // removes the temporary file unless committed
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    void write(const void *data, std::size_t size);
    void write(const std::string &text) { write(text.data(), text.size()); }
    // fsync + rename over the target.
    void commit();

private:
    std::string m_path;
    std::string m_tempPath;
    int m_fd = -1;
    bool m_committed = false;
};

} // namespace vindex::io
