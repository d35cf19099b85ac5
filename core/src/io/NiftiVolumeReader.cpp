#include "vindex/io/NiftiVolumeReader.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace vindex::io {

namespace {

// deflate never expands better than ~1032:1; a header that asks for more than this cannot be satisfied by the stream.
constexpr uint64_t kMaxDeflateRatio = 1032;
// Compressed input is handed to zlib in pieces of this size, and the pieces consumed are dropped from the process.
constexpr std::size_t kInputChunk = std::size_t{1} << 20;
constexpr std::size_t kReleaseEvery = std::size_t{8} << 20;

void byteSwapInPlace(std::byte *data, std::size_t count, std::size_t itemSize)
{
    if (itemSize == 1)
        return;
    for (std::size_t i = 0; i < count; ++i)
        std::reverse(data + i * itemSize, data + (i + 1) * itemSize);
}

} // namespace

// The inflated bytes of a memory-mapped gzip file, in order, counting where in them it stands. Concatenated members are
// read on as gzip(1) does; rewind() starts again from the first byte.
class NiftiVolumeReader::GzipStream {
public:
    explicit GzipStream(std::shared_ptr<const MappedFile> file) : m_file(std::move(file))
    {
        if (inflateInit2(&m_stream, 15 + 16) != Z_OK)
            throw FormatError(m_file->path(), "cannot initialise zlib");
        start();
    }
    ~GzipStream() { inflateEnd(&m_stream); }
    GzipStream(const GzipStream &) = delete;
    GzipStream &operator=(const GzipStream &) = delete;

    // Where the next read() starts, in inflated bytes from the start of the file.
    uint64_t position() const { return m_position; }

    void rewind()
    {
        if (inflateReset(&m_stream) != Z_OK)
            throw FormatError(m_file->path(), "cannot reset zlib");
        start();
    }

    // Fills dst with up to n bytes; returns how many it got before the compressed data ended.
    std::size_t read(std::byte *dst, std::size_t n)
    {
        std::size_t got = 0;
        while (got < n && !m_finished) {
            if (m_stream.avail_in == 0 && m_fed < m_file->size())
                feed();
            const std::size_t chunk = std::min<std::size_t>(n - got, std::numeric_limits<uInt>::max());
            m_stream.next_out = reinterpret_cast<Bytef *>(dst + got);
            m_stream.avail_out = static_cast<uInt>(chunk);
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            const std::size_t produced = chunk - m_stream.avail_out;
            got += produced;
            m_position += produced;
            handle(rc);
        }
        releaseConsumed();
        return got;
    }

    // Discards n bytes; returns how many were there.
    std::size_t skip(uint64_t n)
    {
        std::array<std::byte, 16384> scratch;
        uint64_t done = 0;
        while (done < n) {
            const std::size_t want = static_cast<std::size_t>(std::min<uint64_t>(scratch.size(), n - done));
            const std::size_t got = read(scratch.data(), want);
            done += got;
            if (got < want)
                break;
        }
        return static_cast<std::size_t>(done);
    }

    // Reads on to the end of the current member, so that zlib checks its CRC and length trailer. Trailing bytes after
    // the image are allowed, but only a bounded amount is inflated to get past them.
    void verifyTrailer()
    {
        std::array<std::byte, 4096> scratch;
        std::size_t extra = 0;
        while (!m_finished && extra < (std::size_t{1} << 20))
            extra += read(scratch.data(), scratch.size());
    }

private:
    const std::string &path() const { return m_file->path(); }

    void start()
    {
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<std::byte *>(m_file->data()));
        m_stream.avail_in = 0;
        m_fed = 0;
        m_released = 0;
        m_position = 0;
        m_finished = false;
        feed();
    }

    // The mapping is contiguous: feeding is letting zlib see further into it.
    void feed()
    {
        const std::size_t chunk = std::min(kInputChunk, m_file->size() - m_fed);
        m_stream.avail_in += static_cast<uInt>(chunk);
        m_fed += chunk;
    }

    void releaseConsumed()
    {
        const std::size_t consumed = m_fed - m_stream.avail_in;
        if (consumed - m_released >= kReleaseEvery) {
            m_file->releasePages(m_released, consumed - m_released);
            m_released = consumed;
        }
    }

    void handle(int rc)
    {
        if (rc == Z_STREAM_END) {
            // Another gzip member may follow (concatenated .gz files are valid).
            while (m_stream.avail_in < 2 && m_fed < m_file->size())
                feed();
            if (m_stream.avail_in >= 2 && m_stream.next_in[0] == 0x1f && m_stream.next_in[1] == 0x8b) {
                if (inflateReset(&m_stream) != Z_OK)
                    throw FormatError(path(), "cannot reset zlib");
            } else {
                m_finished = true;
            }
            return;
        }
        if (rc == Z_OK)
            return;
        if (rc == Z_BUF_ERROR) {
            if (m_stream.avail_in == 0 && m_fed < m_file->size()) {
                feed();
                return;
            }
            if (m_stream.avail_in == 0)
                throw FormatError(path(), "truncated gzip stream: the compressed data ends after " +
                                              std::to_string(m_position) +
                                              " decompressed bytes, before its end-of-stream marker");
            // No progress with input and output space left: never loop on it.
            throw FormatError(path(), "corrupt gzip data (zlib made no progress)");
        }
        const char *message = m_stream.msg ? m_stream.msg : "unknown error";
        throw FormatError(path(), std::string("corrupt gzip data (zlib: ") + message + ")");
    }

    std::shared_ptr<const MappedFile> m_file;
    z_stream m_stream{};
    std::size_t m_fed = 0;      // bytes of the file handed to zlib so far
    std::size_t m_released = 0; // bytes of the file dropped from the process again
    uint64_t m_position = 0;
    bool m_finished = false;
};

NiftiVolumeReader::NiftiVolumeReader(const std::string &path) : m_file(MappedFile::open(path))
{
    const std::byte *bytes = m_file->data();
    const std::size_t fileSize = m_file->size();
    if (fileSize >= 2 && bytes[0] == std::byte{0x1f} && bytes[1] == std::byte{0x8b}) {
        m_gzip = std::make_unique<GzipStream>(m_file);
        std::array<std::byte, NiftiHeader::kSize> header{};
        const std::size_t got = m_gzip->read(header.data(), header.size());
        m_header = NiftiHeader::parse(header.data(), got, path);
        const uint64_t needed = m_header.voxOffset + m_header.dataBytes;
        if (needed > static_cast<uint64_t>(fileSize) * kMaxDeflateRatio + 4096)
            throw FormatError(path, "the header needs " + std::to_string(needed) +
                                        " decompressed bytes, more than a gzip stream of " + std::to_string(fileSize) +
                                        " bytes can hold");
    } else {
        m_header = NiftiHeader::parse(bytes, fileSize, path);
    }
}

NiftiVolumeReader::~NiftiVolumeReader() = default;

std::size_t NiftiVolumeReader::volumeBytes() const
{
    return static_cast<std::size_t>(m_header.volumeElements()) * m_header.itemSize;
}

void NiftiVolumeReader::checkInFile(uint64_t end) const
{
    const uint64_t needed = m_header.voxOffset + m_header.dataBytes;
    if (end > m_file->size())
        throw FormatError(path(), "truncated: the header needs " + std::to_string(needed) + " bytes (vox_offset " +
                                      std::to_string(m_header.voxOffset) + " + " + std::to_string(m_header.dataBytes) +
                                      " bytes of data), the file has " + std::to_string(m_file->size()));
}

const std::byte *NiftiVolumeReader::mappedData() const
{
    if (m_gzip)
        return nullptr;
    checkInFile(m_header.voxOffset + m_header.dataBytes);
    return m_file->data() + m_header.voxOffset;
}

void NiftiVolumeReader::readData(uint64_t offset, std::size_t size, std::byte *out)
{
    const std::size_t item = m_header.itemSize;
    if (offset % item != 0 || size % item != 0 || offset > m_header.dataBytes || size > m_header.dataBytes - offset)
        throw std::out_of_range(path() + ": bytes " + std::to_string(offset) + " + " + std::to_string(size) +
                                " are not whole elements of the " + std::to_string(m_header.dataBytes) +
                                " bytes of data");
    const uint64_t start = m_header.voxOffset + offset;
    if (!m_gzip) {
        checkInFile(start + size);
        if (size > 0)
            std::memcpy(out, m_file->data() + start, size);
        m_file->releasePages(static_cast<std::size_t>(start), size);
    } else {
        if (m_gzip->position() > start)
            m_gzip->rewind();
        const uint64_t gap = start - m_gzip->position();
        if (m_gzip->skip(gap) < gap)
            throw FormatError(path(), "truncated: expected the data to start at vox_offset " +
                                          std::to_string(m_header.voxOffset) + ", but the decompressed file has only " +
                                          std::to_string(m_gzip->position()) + " bytes");
        const std::size_t got = m_gzip->read(out, size);
        if (got < size)
            throw FormatError(path(),
                              "truncated: the header needs " + std::to_string(m_header.voxOffset + m_header.dataBytes) +
                                  " decompressed bytes (vox_offset " + std::to_string(m_header.voxOffset) + " + " +
                                  std::to_string(m_header.dataBytes) + " bytes of data), the gzip stream holds only " +
                                  std::to_string(m_gzip->position()));
        if (offset + size == m_header.dataBytes)
            m_gzip->verifyTrailer();
    }
    if (m_header.swapped)
        byteSwapInPlace(out, size / item, item);
}

void NiftiVolumeReader::readVolumes(int64_t first, int64_t count, std::byte *out)
{
    if (first < 0 || count < 0 || first > volumeCount() || count > volumeCount() - first)
        throw std::out_of_range(path() + ": volumes " + std::to_string(first) + " .. " +
                                std::to_string(first + count - 1) + " requested, the image has " +
                                std::to_string(volumeCount()));
    const uint64_t bytes = volumeBytes();
    readData(static_cast<uint64_t>(first) * bytes, static_cast<std::size_t>(count) * bytes, out);
}

std::vector<std::byte> NiftiVolumeReader::readVolume(int64_t t)
{
    std::vector<std::byte> volume(volumeBytes());
    readVolumes(t, 1, volume.data());
    return volume;
}

} // namespace vindex::io
