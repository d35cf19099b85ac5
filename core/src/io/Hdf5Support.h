#pragma once
// Internal to core/src/io: the lock and the identifier guard shared by Hdf5File and Hdf5Writer.
#include <hdf5.h>

#include <mutex>
#include <string>

namespace vindex::io::hdf5 {

// The serial HDF5 library keeps global state (open-object tables, the error stack, caches): one lock for all calls.
std::recursive_mutex &mutex();

// Holds the lock; also switches off HDF5's printing of its error stack for this thread (the messages go into our
// exceptions instead; without this every expected failure, e.g. probing a non-HDF5 file, writes to stderr).
class Lock {
public:
    Lock();

private:
    std::lock_guard<std::recursive_mutex> m_lock;
};

// Closes an HDF5 identifier when it goes out of scope (only used with the lock held).
class Hid {
public:
    Hid(hid_t id, herr_t (*close)(hid_t)) : m_id(id), m_close(close) {}
    ~Hid()
    {
        if (m_id >= 0)
            m_close(m_id);
    }
    Hid(const Hid &) = delete;
    Hid &operator=(const Hid &) = delete;
    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }

private:
    hid_t m_id;
    herr_t (*m_close)(hid_t);
};

// The most specific message on HDF5's error stack ("truncated file: eof = 1000, ..."), then clears the stack.
std::string lastError();

} // namespace vindex::io::hdf5
