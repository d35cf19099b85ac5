#include "vindex/io/NpyFile.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace vindex::io {
namespace {

static_assert(std::endian::native == std::endian::little, "the readers assume a little-endian host");

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
constexpr std::size_t kAlign = 64; // numpy pads the header so that the data starts on a 64-byte boundary
// numpy leaves room for the first axis to grow to 21 digits (GROWTH_AXIS_MAX_DIGITS).
constexpr std::size_t kGrowthDigits = 21;

struct DescrInfo {
    std::string_view code; // without the byte-order character
    DType dtype;
};

constexpr DescrInfo kDescrs[] = {
    {"f2", DType::F16}, {"f4", DType::F32}, {"f8", DType::F64}, {"i1", DType::I8},
    {"i2", DType::I16}, {"i4", DType::I32}, {"i8", DType::I64}, {"u1", DType::U8},
    {"u2", DType::U16}, {"u4", DType::U32}, {"u8", DType::U64}, {"b1", DType::Bool},
};

constexpr const char *kSupported = "<f2 <f4 <f8 <i1 <i2 <i4 <i8 <u1 <u2 <u4 <u8 |b1 |u1 |i1 (or their '>' variants)";

// A strict reader of the Python literal that numpy writes as the header: a dict with the keys 'descr' (a string),
// 'fortran_order' (True or False) and 'shape' (a tuple of non-negative ints). Nothing is evaluated.
class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string &name) : m_text(text), m_name(name) {}

    void parse(NpyFile::Header &header)
    {
        bool haveDescr = false, haveOrder = false, haveShape = false;
        skipSpace();
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}')
                break;
            const std::string key = parseString("a key");
            skipSpace();
            expect(':');
            skipSpace();
            if (key == "descr") {
                if (haveDescr)
                    fail("the key 'descr' appears twice");
                haveDescr = true;
                if (peek() == '[')
                    fail("structured dtypes (a list as 'descr') are not supported; expected one of " +
                         std::string(kSupported));
                header.descr = parseString("the 'descr' string");
            } else if (key == "fortran_order") {
                if (haveOrder)
                    fail("the key 'fortran_order' appears twice");
                haveOrder = true;
                header.fortranOrder = parseBool();
            } else if (key == "shape") {
                if (haveShape)
                    fail("the key 'shape' appears twice");
                haveShape = true;
                header.shape = parseShape();
            } else {
                fail("unexpected key '" + key + "'; expected only 'descr', 'fortran_order' and 'shape'");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() != '}')
                fail(std::string("expected ',' or '}' in the header dict, found ") + describe());
        }
        expect('}');
        skipSpace();
        if (m_pos != m_text.size())
            fail("unexpected text after the header dict: " + describe());
        if (!haveDescr || !haveOrder || !haveShape)
            fail(std::string("the header dict lacks ") + (!haveDescr   ? "'descr'"
                                                          : !haveOrder ? "'fortran_order'"
                                                                       : "'shape'"));
    }

private:
    [[noreturn]] void fail(const std::string &what) const { throw FormatError(m_name, "npy header: " + what); }

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    std::string describe() const
    {
        if (m_pos >= m_text.size())
            return "the end of the header";
        std::string s(m_text.substr(m_pos, 20));
        for (char &c : s)
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
                c = '?';
        return "'" + s + "'";
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    void expect(char c)
    {
        if (peek() != c)
            fail(std::string("expected '") + c + "', found " + describe());
        ++m_pos;
    }

    std::string parseString(const char *what)
    {
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            fail(std::string("expected ") + what + " in quotes, found " + describe());
        ++m_pos;
        const std::size_t end = m_text.find(quote, m_pos);
        if (end == std::string_view::npos)
            fail(std::string("unterminated string for ") + what);
        std::string s(m_text.substr(m_pos, end - m_pos));
        if (s.find('\\') != std::string::npos || s.find('\n') != std::string::npos)
            fail(std::string("unexpected escape or line break in ") + what);
        m_pos = end + 1;
        return s;
    }

    bool parseBool()
    {
        if (m_text.substr(m_pos, 4) == "True") {
            m_pos += 4;
            return true;
        }
        if (m_text.substr(m_pos, 5) == "False") {
            m_pos += 5;
            return false;
        }
        fail("expected True or False for 'fortran_order', found " + describe());
    }

    int64_t parseInt()
    {
        if (peek() == '-')
            fail("expected a non-negative extent in 'shape', found " + describe());
        if (peek() < '0' || peek() > '9')
            fail("expected an integer in 'shape', found " + describe());
        const std::size_t start = m_pos;
        uint64_t value = 0;
        while (peek() >= '0' && peek() <= '9') {
            const uint64_t digit = static_cast<uint64_t>(peek() - '0');
            if (value > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - digit) / 10)
                fail("an extent in 'shape' exceeds 2^63-1");
            value = value * 10 + digit;
            ++m_pos;
        }
        if (m_text[start] == '0' && m_pos - start > 1)
            fail("an extent in 'shape' has leading zeros");
        if (peek() == 'L' || peek() == 'l') // Python 2 long suffix in files from old numpy
            ++m_pos;
        return static_cast<int64_t>(value);
    }

    std::vector<int64_t> parseShape()
    {
        std::vector<int64_t> shape;
        expect('(');
        skipSpace();
        bool trailingComma = false;
        while (peek() != ')') {
            shape.push_back(parseInt());
            skipSpace();
            trailingComma = false;
            if (peek() == ',') {
                ++m_pos;
                trailingComma = true;
                skipSpace();
            } else if (peek() != ')') {
                fail("expected ',' or ')' in 'shape', found " + describe());
            }
            if (shape.size() > 64)
                fail("'shape' has more than 64 dimensions");
        }
        ++m_pos;
        // "(3)" is the int 3 in Python, not a tuple.
        if (shape.size() == 1 && !trailingComma)
            fail("'shape' must be a tuple; a one-element tuple needs a trailing comma, as in (3,)");
        return shape;
    }

    std::string_view m_text;
    const std::string &m_name;
    std::size_t m_pos = 0;
};

void byteSwapInPlace(std::byte *data, std::size_t count, std::size_t itemSize)
{
    if (itemSize == 1)
        return;
    for (std::size_t i = 0; i < count; ++i)
        std::reverse(data + i * itemSize, data + (i + 1) * itemSize);
}

std::vector<int64_t> fortranStrides(const std::vector<int64_t> &shape)
{
    std::vector<int64_t> strides(shape.size(), 1);
    for (std::size_t i = 1; i < shape.size(); ++i)
        strides[i] = strides[i - 1] * shape[i - 1];
    return strides;
}

std::string expectedShapeString(const std::vector<int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + (shape[i] < 0 ? std::string("*") : std::to_string(shape[i]));
    return s + "]";
}

// The header block (magic, version, length, dict, padding, newline) exactly as numpy.lib.format writes it.
std::string encodeHeader(DType dtype, const std::vector<int64_t> &shape)
{
    std::string dict = "{'descr': '" + NpyFile::descrFor(dtype) +
                       "', 'fortran_order': False, 'shape': " + NpyFile::shapeRepr(shape) + ", }";
    if (!shape.empty())
        dict.append(kGrowthDigits - std::min(kGrowthDigits, std::to_string(shape[0]).size()), ' ');
    for (int major : {1, 2}) {
        const std::size_t lengthSize = major == 1 ? 2 : 4;
        const std::size_t prefix = kMagicSize + 2 + lengthSize;
        const std::size_t hlen = dict.size() + 1; // with the final newline
        const std::size_t padding = kAlign - (prefix + hlen) % kAlign;
        const std::size_t total = hlen + padding;
        if (major == 1 && total > 0xffff)
            continue;
        std::string out(kMagic, kMagicSize);
        out.push_back(static_cast<char>(major));
        out.push_back('\0');
        for (std::size_t i = 0; i < lengthSize; ++i)
            out.push_back(static_cast<char>((total >> (8 * i)) & 0xff));
        out += dict;
        out.append(padding, ' ');
        out.push_back('\n');
        return out;
    }
    throw Error("npy: header too long");
}

void writeAll(int fd, const void *data, std::size_t size, const std::string &path)
{
    const auto *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, std::min<std::size_t>(size, 1u << 30));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw Error(path + ": cannot write: " + std::strerror(errno));
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

} // namespace

std::string NpyFile::shapeRepr(const std::vector<int64_t> &shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1)
        s += ",";
    return s + ")";
}

std::string NpyFile::descrFor(DType dtype)
{
    switch (dtype) {
    case DType::Bool: return "|b1";
    case DType::U8: return "|u1";
    case DType::I8: return "|i1";
    case DType::I16: return "<i2";
    case DType::U16: return "<u2";
    case DType::I32: return "<i4";
    case DType::U32: return "<u4";
    case DType::I64: return "<i8";
    case DType::U64: return "<u8";
    case DType::F16: return "<f2";
    case DType::F32: return "<f4";
    case DType::F64: return "<f8";
    case DType::BF16:
    case DType::F8E4M3:
    case DType::F8E5M2: break;
    }
    throw Error(std::string(dtypeName(dtype)) + " has no numpy dtype; convert it to float32 first");
}

NpyFile::Header NpyFile::parseHeaderDict(const std::byte *data, std::size_t size, const std::string &name)
{
    if (size < kMagicSize + 4 || std::memcmp(data, kMagic, kMagicSize) != 0)
        throw FormatError(name, size < kMagicSize + 4
                                    ? "expected a .npy file, found only " + std::to_string(size) + " bytes"
                                    : "expected the .npy magic '\\x93NUMPY', found other bytes");
    Header header;
    header.majorVersion = static_cast<int>(data[6]);
    const int minor = static_cast<int>(data[7]);
    if (header.majorVersion < 1 || header.majorVersion > 3 || minor != 0)
        throw FormatError(name, "expected .npy format version 1.0, 2.0 or 3.0, found " +
                                    std::to_string(header.majorVersion) + "." + std::to_string(minor));
    const std::size_t lengthSize = header.majorVersion == 1 ? 2 : 4;
    const std::size_t prefix = kMagicSize + 2 + lengthSize;
    if (size < prefix)
        throw FormatError(name, "truncated: the header length field needs " + std::to_string(prefix) +
                                    " bytes, the file has " + std::to_string(size));
    std::size_t headerLength = 0;
    for (std::size_t i = 0; i < lengthSize; ++i)
        headerLength |= static_cast<std::size_t>(data[8 + i]) << (8 * i);
    if (headerLength > size - prefix)
        throw FormatError(name, "truncated: the header declares " + std::to_string(headerLength) + " bytes, only " +
                                    std::to_string(size - prefix) + " follow");
    header.dataOffset = prefix + headerLength;

    const std::string_view text(reinterpret_cast<const char *>(data + prefix), headerLength);
    for (char c : text)
        if (c == '\0')
            throw FormatError(name, "npy header: unexpected NUL byte in the header dict");
    HeaderParser(text, name).parse(header);
    return header;
}

NpyFile::Header NpyFile::parseHeader(const std::byte *data, std::size_t size, const std::string &name)
{
    Header header = parseHeaderDict(data, size, name);

    // descr: a byte-order character and a type code.
    const std::string &descr = header.descr;
    const char order = descr.empty() ? '\0' : descr[0];
    const std::string_view code = (order == '<' || order == '>' || order == '|' || order == '=')
                                      ? std::string_view(descr).substr(1)
                                      : std::string_view(descr);
    if (!code.empty() && code[0] == 'O')
        throw FormatError(name, "dtype '" + descr +
                                    "' is an object array: its elements are pickled Python objects, which are never "
                                    "loaded from .npy files (e.g. COCO_73k_annots_curated.npy, whose captions a "
                                    "restricted unpickler reads instead)");
    std::optional<DType> dtype;
    for (const auto &d : kDescrs)
        if (d.code == code)
            dtype = d.dtype;
    const bool oneByte = dtype && dtypeSize(*dtype) == 1;
    if (!dtype || order == '\0' || (!oneByte && order == '|') ||
        (order != '<' && order != '>' && order != '|' && order != '='))
        throw FormatError(name, "unsupported dtype '" + descr + "'; expected one of " + kSupported);
    header.dtype = *dtype;
    header.bigEndian = order == '>' && !oneByte;

    uint64_t count = 1;
    for (int64_t d : header.shape)
        if (__builtin_mul_overflow(count, static_cast<uint64_t>(d), &count))
            throw FormatError(name, "the shape " + shapeRepr(header.shape) + " overflows a 64-bit element count");
    uint64_t bytes = 0;
    if (count > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
        __builtin_mul_overflow(count, static_cast<uint64_t>(dtypeSize(header.dtype)), &bytes))
        throw FormatError(name, "the shape " + shapeRepr(header.shape) + " overflows a 64-bit byte count");
    const std::size_t remaining = size - header.dataOffset;
    if (bytes != remaining)
        throw FormatError(name, "expected " + std::to_string(bytes) + " bytes of data for shape " +
                                    shapeRepr(header.shape) + " of '" + descr + "', found " +
                                    std::to_string(remaining) + (bytes > remaining ? " (truncated)" : ""));
    header.dataBytes = static_cast<std::size_t>(bytes);
    return header;
}

HostTensor NpyFile::fromBytes(std::shared_ptr<const void> owner, const std::byte *data, std::size_t size,
                              const std::string &name)
{
    const Header header = parseHeader(data, size, name);
    const std::size_t itemSize = dtypeSize(header.dtype);
    const std::size_t count = header.dataBytes / itemSize;
    std::vector<int64_t> strides =
        header.fortranOrder ? fortranStrides(header.shape) : HostTensor::contiguousStrides(header.shape);
    const std::byte *source = data + header.dataOffset;
    const bool aligned = reinterpret_cast<uintptr_t>(source) % itemSize == 0;
    if (!header.bigEndian && aligned)
        return HostTensor(header.dtype, header.shape, std::move(strides), 0, source, std::move(owner));

    // Big-endian or misaligned data: a native, aligned copy.
    auto buffer = std::make_shared_for_overwrite<std::byte[]>(std::max<std::size_t>(header.dataBytes, 1));
    if (header.dataBytes > 0)
        std::memcpy(buffer.get(), source, header.dataBytes);
    if (header.bigEndian)
        byteSwapInPlace(buffer.get(), count, itemSize);
    const std::byte *copy = buffer.get();
    return HostTensor(header.dtype, header.shape, std::move(strides), 0, copy,
                      std::shared_ptr<const void>(buffer, copy));
}

HostTensor NpyFile::read(const std::string &path)
{
    const auto file = MappedFile::open(path);
    return fromBytes(std::shared_ptr<const void>(file, file.get()), file->data(), file->size(), path);
}

void NpyFile::checkTensor(const HostTensor &tensor, std::optional<DType> dtype,
                          const std::vector<int64_t> &expectedShape, const std::string &name)
{
    bool ok = !dtype || tensor.dtype() == *dtype;
    ok = ok && tensor.shape().size() == expectedShape.size();
    for (std::size_t i = 0; ok && i < expectedShape.size(); ++i)
        ok = expectedShape[i] < 0 || expectedShape[i] == tensor.shape()[i];
    if (!ok)
        throw FormatError(name, "expected " + (dtype ? std::string(dtypeName(*dtype)) : std::string("any dtype")) +
                                    " with shape " + expectedShapeString(expectedShape) + ", found " +
                                    std::string(dtypeName(tensor.dtype())) + " with shape " + tensor.shapeString());
}

HostTensor NpyFile::readExpecting(const std::string &path, std::optional<DType> dtype,
                                  const std::vector<int64_t> &expectedShape)
{
    HostTensor tensor = read(path);
    checkTensor(tensor, dtype, expectedShape, path);
    return tensor;
}

std::vector<std::byte> NpyFile::toBytes(const HostTensor &tensor)
{
    const std::string header = encodeHeader(tensor.dtype(), tensor.shape());
    const HostTensor data = tensor.contiguous();
    std::vector<std::byte> out(header.size() + data.nbytes());
    std::memcpy(out.data(), header.data(), header.size());
    if (data.nbytes() > 0)
        std::memcpy(out.data() + header.size(), data.data(), data.nbytes());
    return out;
}

void NpyFile::write(const std::string &path, const HostTensor &tensor)
{
    std::string header;
    try {
        header = encodeHeader(tensor.dtype(), tensor.shape());
    } catch (const Error &e) {
        throw FormatError(path, e.what());
    }
    const HostTensor data = tensor.contiguous();

    // Temporary file in the same directory, so that rename() replaces the target atomically.
    static std::atomic<unsigned> counter{0};
    std::string temp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        throw Error(path + ": cannot create a temporary file: " + std::strerror(errno));
    try {
        writeAll(fd, header.data(), header.size(), path);
        writeAll(fd, data.data(), data.nbytes(), path);
        if (::fsync(fd) != 0)
            throw Error(path + ": cannot write: " + std::strerror(errno));
        const int rc = ::close(fd);
        fd = -1;
        if (rc != 0)
            throw Error(path + ": cannot write: " + std::strerror(errno));
        if (::rename(temp.c_str(), path.c_str()) != 0)
            throw Error(path + ": cannot replace the file: " + std::strerror(errno));
    } catch (...) {
        if (fd >= 0)
            ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
}

} // namespace vindex::io
