#include "vindex/io/PickleWriter.h"

#include <cstring>

namespace vindex::io {

PickleWriter::PickleWriter()
{
    m_bytes = "\x80\x02";
}

PickleWriter &PickleWriter::none()
{
    m_bytes += 'N';
    return *this;
}

PickleWriter &PickleWriter::boolean(bool value)
{
    m_bytes += value ? '\x88' : '\x89';
    return *this;
}

PickleWriter &PickleWriter::integer(int64_t value)
{
    if (value >= 0 && value < 256) {
        m_bytes += 'K';
        m_bytes += static_cast<char>(value);
    } else if (value >= 0 && value < 65536) {
        m_bytes += 'M';
        m_bytes += static_cast<char>(value & 0xFF);
        m_bytes += static_cast<char>(value >> 8);
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        m_bytes += 'J';
        const auto v = static_cast<uint32_t>(static_cast<int32_t>(value));
        for (int i = 0; i < 4; ++i)
            m_bytes += static_cast<char>((v >> (8 * i)) & 0xFF);
    } else {
        // LONG1: little-endian two's complement, 8 bytes always suffice for an int64.
        m_bytes += '\x8a';
        m_bytes += '\x08';
        const auto v = static_cast<uint64_t>(value);
        for (int i = 0; i < 8; ++i)
            m_bytes += static_cast<char>((v >> (8 * i)) & 0xFF);
    }
    return *this;
}

PickleWriter &PickleWriter::real(double value)
{
    m_bytes += 'G'; // big-endian IEEE 754
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    for (int i = 7; i >= 0; --i)
        m_bytes += static_cast<char>((bits >> (8 * i)) & 0xFF);
    return *this;
}

PickleWriter &PickleWriter::string(std::string_view utf8)
{
    m_bytes += 'X';
    const auto size = static_cast<uint32_t>(utf8.size());
    for (int i = 0; i < 4; ++i)
        m_bytes += static_cast<char>((size >> (8 * i)) & 0xFF);
    m_bytes.append(utf8);
    return *this;
}

PickleWriter &PickleWriter::mark()
{
    m_bytes += '(';
    return *this;
}

PickleWriter &PickleWriter::emptyDict()
{
    m_bytes += '}';
    return *this;
}

PickleWriter &PickleWriter::setItems()
{
    m_bytes += 'u';
    return *this;
}

PickleWriter &PickleWriter::emptyList()
{
    m_bytes += ']';
    return *this;
}

PickleWriter &PickleWriter::appends()
{
    m_bytes += 'e';
    return *this;
}

PickleWriter &PickleWriter::tuple()
{
    m_bytes += 't';
    return *this;
}

PickleWriter &PickleWriter::emptyTuple()
{
    m_bytes += ')';
    return *this;
}

PickleWriter &PickleWriter::global(std::string_view module, std::string_view name)
{
    m_bytes += 'c';
    m_bytes.append(module);
    m_bytes += '\n';
    m_bytes.append(name);
    m_bytes += '\n';
    return *this;
}

PickleWriter &PickleWriter::reduce()
{
    m_bytes += 'R';
    return *this;
}

PickleWriter &PickleWriter::persistentId()
{
    m_bytes += 'Q';
    return *this;
}

} // namespace vindex::io
