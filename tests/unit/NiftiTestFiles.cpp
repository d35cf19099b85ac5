#include "NiftiTestFiles.h"

namespace niftitest {

namespace {

class ByteWriter {
public:
    ByteWriter(std::vector<uint8_t> &out, bool bigEndian) : m_out(out), m_bigEndian(bigEndian) {}
    template <typename T> void put(std::size_t offset, T value)
    {
        uint8_t raw[sizeof(T)];
        std::memcpy(raw, &value, sizeof(T));
        if (m_bigEndian)
            std::reverse(raw, raw + sizeof(T));
        if (m_out.size() < offset + sizeof(T))
            m_out.resize(offset + sizeof(T));
        std::memcpy(m_out.data() + offset, raw, sizeof(T));
    }

private:
    std::vector<uint8_t> &m_out;
    bool m_bigEndian;
};

uint32_t crc32Of(const std::vector<uint8_t> &bytes)
{
    uint32_t crc = 0xffffffffu;
    for (uint8_t b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

} // namespace

std::vector<uint8_t> buildNifti(const NiftiSpec &s, const std::vector<uint8_t> &data)
{
    std::vector<uint8_t> out(348, 0);
    ByteWriter w(out, s.bigEndian);
    w.put<int32_t>(0, s.sizeofHdr);
    w.put<int16_t>(40, static_cast<int16_t>(s.dims.size()));
    for (std::size_t i = 0; i < s.dims.size() && i < 7; ++i)
        w.put<int16_t>(42 + 2 * i, s.dims[i]);
    for (std::size_t i = s.dims.size(); i < 7; ++i)
        w.put<int16_t>(42 + 2 * i, 1);
    w.put<int16_t>(70, s.datatype);
    w.put<int16_t>(72, s.bitpix);
    for (int i = 0; i < 8; ++i)
        w.put<float>(76 + 4 * i, s.pixdim[i]);
    w.put<float>(108, s.voxOffset);
    w.put<float>(112, s.sclSlope);
    w.put<float>(116, s.sclInter);
    std::memcpy(out.data() + 148, s.description.data(), std::min<std::size_t>(80, s.description.size()));
    w.put<int16_t>(252, s.qformCode);
    w.put<int16_t>(254, s.sformCode);
    for (int i = 0; i < 6; ++i)
        w.put<float>(256 + 4 * i, s.quatern[i]);
    for (int i = 0; i < 12; ++i)
        w.put<float>(280 + 4 * i, s.srow[i]);
    std::memcpy(out.data() + 344, s.magic.data(), std::min<std::size_t>(4, s.magic.size()));
    const auto offset = static_cast<std::size_t>(s.dataAt >= 0 ? s.dataAt : static_cast<int64_t>(s.voxOffset));
    if (out.size() < offset)
        out.resize(offset, 0);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

std::vector<uint8_t> gzipStored(const std::vector<uint8_t> &payload, std::size_t blockSize)
{
    std::vector<uint8_t> out = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    std::size_t pos = 0;
    do {
        const std::size_t n = std::min<std::size_t>(std::min<std::size_t>(blockSize, 65535), payload.size() - pos);
        const bool last = pos + n == payload.size();
        out.push_back(last ? 1 : 0);
        out.push_back(static_cast<uint8_t>(n & 0xff));
        out.push_back(static_cast<uint8_t>(n >> 8));
        out.push_back(static_cast<uint8_t>(~n & 0xff));
        out.push_back(static_cast<uint8_t>((~n >> 8) & 0xff));
        out.insert(out.end(), payload.begin() + pos, payload.begin() + pos + n);
        pos += n;
    } while (pos < payload.size());
    const uint32_t crc = crc32Of(payload);
    const auto size = static_cast<uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<uint8_t>(crc >> (8 * i)));
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<uint8_t>(size >> (8 * i)));
    return out;
}

} // namespace niftitest
