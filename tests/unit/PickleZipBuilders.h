#pragma once
// Builders for the pickle and zip tests: pickle opcodes assembled by hand, and zip archives written byte by byte.
#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace testsupport {

// --- Little-endian integers -----------------------------------------------------------------------------------

// Appends v as 2, 4 or 8 little-endian bytes.
void put16(std::string &out, uint32_t v);
void put32(std::string &out, uint32_t v);
void put64(std::string &out, uint64_t v);
// Overwrites the 4 bytes at `at` with v, little-endian (to damage a header in place).
void set32(std::string &data, std::size_t at, uint32_t v);
// v as 4 little-endian bytes.
std::string u32(uint32_t v);

// --- Pickle opcodes -------------------------------------------------------------------------------------------

// The PROTO 2 header that torch.save writes.
inline const std::string kProto2 = "\x80\x02";

// BINUNICODE: the string s.
std::string str(const std::string &s);
// BININT1: the small int v (0..255).
std::string int1(int v);
// GLOBAL: module.name.
std::string global(const std::string &module, const std::string &name);
// _rebuild_tensor_v2(('storage', torch.<storageType>, key, 'cpu', numel), offset, size, stride, False, OrderedDict())
std::string tensorCall(const std::string &key, int numel, int offset, const std::vector<int> &size,
                       const std::vector<int> &stride, const std::string &storageType = "FloatStorage");
// The raw bytes of float32 values (a storage member's contents).
std::string floats(const std::vector<float> &values);

// --- Zip archives ---------------------------------------------------------------------------------------------

// Raw deflate (no zlib header) of data, as zip method 8 stores it.
std::string rawDeflate(const std::string &data);

// One zip member: method 0 (stored) or 8 (deflated); flags bit 0 marks it encrypted.
struct ZipMember {
    std::string name;
    std::string data;
    uint16_t method = 0;
    uint16_t flags = 0;
};

// A zip the way zip writers do it: local header + data per member, central directory, end record(s).
// With zip64, every size and offset goes through the zip64 extra field and the zip64 end record.
std::string buildZip(const std::vector<ZipMember> &members, bool zip64 = false, const std::string &comment = {});

// A zip of stored members (name, data), as torch.save writes them (without its 64-byte alignment padding).
std::string storedZip(const std::vector<std::pair<std::string, std::string>> &members);

// --- Fixture -------------------------------------------------------------------------------------------------

// A test fixture with a fresh temp folder, removed after each test; write() puts a file there.
class TempDirTest : public ::testing::Test {
protected:
    // Writes bytes to the file name in the temp folder and returns its path.
    std::string write(const std::string &name, const std::string &bytes) const;

    TempDir m_dir;
};

} // namespace testsupport
