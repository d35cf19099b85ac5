#include "vindex/io/NiftiWriter.h"

#include "vindex/core/Error.h"
#include "vindex/io/NiftiHeader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace vindex::io {

namespace {

static_assert(std::endian::native == std::endian::little, "the writer emits little-endian NIfTI files");

constexpr std::size_t kHeaderSize = NiftiHeader::kSize;
constexpr float kVoxOffset = static_cast<float>(NiftiHeader::kMinVoxOffset); // header + the 4-byte extension flag

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

template <typename T> void store(std::array<std::byte, kHeaderSize> &h, std::size_t offset, T value)
{
    std::memcpy(h.data() + offset, &value, sizeof value);
}

} // namespace

// A gzip stream (zlib's deflate with a gzip wrapper) whose output goes to the atomic file in 256 KiB pieces.
struct NiftiWriter::Deflater {
    std::string path;
    z_stream stream{};
    std::vector<unsigned char> out = std::vector<unsigned char>(1 << 18);

    Deflater(const std::string &filePath, int level) : path(filePath)
    {
        if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            throw Error(path + ": cannot initialise zlib (level " + std::to_string(level) + ")");
    }
    ~Deflater() { deflateEnd(&stream); }

    template <typename Sink> void feed(const void *data, std::size_t size, int flush, Sink &&sink)
    {
        const auto *p = static_cast<const unsigned char *>(data);
        do {
            const std::size_t chunk = std::min<std::size_t>(size, std::numeric_limits<uInt>::max());
            stream.next_in = const_cast<Bytef *>(p);
            stream.avail_in = static_cast<uInt>(chunk);
            const int mode = chunk == size ? flush : Z_NO_FLUSH;
            int rc;
            do {
                stream.next_out = out.data();
                stream.avail_out = static_cast<uInt>(out.size());
                rc = deflate(&stream, mode);
                if (rc == Z_STREAM_ERROR)
                    throw Error(path + ": zlib deflate failed");
                sink(out.data(), out.size() - stream.avail_out);
            } while (stream.avail_out == 0 || (mode == Z_FINISH && rc != Z_STREAM_END));
            p += chunk;
            size -= chunk;
        } while (size > 0);
    }
};

NiftiWriter::NiftiWriter(std::string path, DType dtype, std::vector<int64_t> shape, const NiftiImage::Matrix4 &affine)
    : NiftiWriter(std::move(path), dtype, std::move(shape), affine, Options{})
{
}

NiftiWriter::NiftiWriter(std::string path, DType dtype, std::vector<int64_t> shape, const NiftiImage::Matrix4 &affine,
                         const Options &options)
    : m_path(path), m_file(path)
{
    const int16_t code = NiftiHeader::datatypeCodeOf(dtype);
    if (code == 0)
        throw Error(m_path + ": NIfTI-1 cannot store dtype " + std::string(dtypeName(dtype)) +
                    " (expected U8, I8, I16, U16, I32, U32, I64, U64, F32 or F64)");
    if (shape.empty() || shape.size() > 7)
        throw Error(m_path + ": NIfTI-1 images have 1 to 7 dimensions, found " + std::to_string(shape.size()));
    for (int64_t d : shape)
        if (d < 1 || d > std::numeric_limits<int16_t>::max())
            throw Error(m_path + ": NIfTI-1 dimensions must lie in 1..32767, found " + std::to_string(d));
    if (options.description.size() > 79)
        throw Error(m_path + ": the description holds at most 79 bytes, found " +
                    std::to_string(options.description.size()));
    const bool gzip = endsWith(m_path, ".gz");
    if (gzip && (options.compressionLevel < 0 || options.compressionLevel > 9))
        throw Error(m_path + ": zlib compression level must be 0..9, found " +
                    std::to_string(options.compressionLevel));

    m_itemSize = dtypeSize(dtype);
    m_volumeItems = 1;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, shape.size()); ++i)
        m_volumeItems *= shape[i];
    m_volumes = 1;
    for (std::size_t i = 3; i < shape.size(); ++i)
        m_volumes *= shape[i];

    std::array<std::byte, kHeaderSize> h{};
    store<int32_t>(h, 0, static_cast<int32_t>(kHeaderSize));
    store<int16_t>(h, 40, static_cast<int16_t>(shape.size()));
    for (int i = 0; i < 7; ++i)
        store<int16_t>(h, 42 + 2 * i, static_cast<int16_t>(i < static_cast<int>(shape.size()) ? shape[i] : 1));
    store<int16_t>(h, 70, code);
    store<int16_t>(h, 72, static_cast<int16_t>(8 * m_itemSize));
    // pixdim[0] = qfac 1; pixdim[1..3] = voxel sizes (the affine's column lengths); the rest (TR, ...) 1.
    std::array<float, 8> pixdim{1, 1, 1, 1, 1, 1, 1, 1};
    for (int c = 0; c < 3; ++c)
        pixdim[c + 1] = static_cast<float>(
            std::sqrt(affine[0][c] * affine[0][c] + affine[1][c] * affine[1][c] + affine[2][c] * affine[2][c]));
    for (int i = 0; i < 8; ++i)
        store<float>(h, 76 + 4 * i, pixdim[i]);
    store<float>(h, 108, kVoxOffset);
    store<float>(h, 112, 0.0f); // scl_slope 0: no scaling
    store<float>(h, 116, 0.0f);
    h[123] = std::byte{2 | 8}; // xyzt_units: mm and seconds
    std::memcpy(h.data() + 148, options.description.data(), options.description.size());
    store<int16_t>(h, 252, 0); // qform_code: unknown; the sform says it all
    store<int16_t>(h, 254, 2); // sform_code: aligned anatomical
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c)
            store<float>(h, 280 + 16 * r + 4 * c, static_cast<float>(affine[r][c]));
    std::memcpy(h.data() + 344, "n+1\0", 4);

    if (gzip)
        m_deflater = std::make_unique<Deflater>(m_path, options.compressionLevel);
    put(h.data(), h.size());
    const std::array<std::byte, 4> noExtension{};
    put(noExtension.data(), noExtension.size());
}

NiftiWriter::~NiftiWriter() = default;

void NiftiWriter::put(const void *data, std::size_t size)
{
    if (!m_deflater) {
        m_file.write(data, size);
        return;
    }
    m_deflater->feed(data, size, Z_NO_FLUSH, [&](const void *bytes, std::size_t n) {
        if (n)
            m_file.write(bytes, n);
    });
}

void NiftiWriter::writeVolume(std::span<const std::byte> bytes)
{
    const std::size_t expected = static_cast<std::size_t>(m_volumeItems) * m_itemSize;
    if (m_committed || m_written >= m_volumes)
        throw Error(m_path + ": all " + std::to_string(m_volumes) + " volumes are already written");
    if (bytes.size() != expected)
        throw Error(m_path + ": volume " + std::to_string(m_written) + " has " + std::to_string(bytes.size()) +
                    " bytes, expected " + std::to_string(expected));
    put(bytes.data(), bytes.size());
    ++m_written;
}

void NiftiWriter::commit()
{
    if (m_committed)
        throw Error(m_path + ": already committed");
    if (m_written != m_volumes)
        throw Error(m_path + ": " + std::to_string(m_written) + " of " + std::to_string(m_volumes) +
                    " volumes written; the file would be truncated");
    if (m_deflater)
        m_deflater->feed(nullptr, 0, Z_FINISH, [&](const void *bytes, std::size_t n) {
            if (n)
                m_file.write(bytes, n);
        });
    m_file.commit();
    m_committed = true;
}

void NiftiWriter::write(const std::string &path, DType dtype, const std::vector<int64_t> &shape,
                        const NiftiImage::Matrix4 &affine, const VolumeFill &fill, const Options &options)
{
    NiftiWriter writer(path, dtype, shape, affine, options);
    std::vector<std::byte> volume(static_cast<std::size_t>(writer.volumeSize()) * writer.m_itemSize);
    for (int64_t t = 0; t < writer.volumeCount(); ++t) {
        std::fill(volume.begin(), volume.end(), std::byte{0});
        fill(t, volume);
        writer.writeVolume(std::span<const std::byte>(volume));
    }
    writer.commit();
}

void NiftiWriter::write(const std::string &path, DType dtype, const std::vector<int64_t> &shape,
                        const NiftiImage::Matrix4 &affine, std::span<const std::byte> data, const Options &options)
{
    NiftiWriter writer(path, dtype, shape, affine, options);
    const std::size_t volumeBytes = static_cast<std::size_t>(writer.volumeSize()) * writer.m_itemSize;
    if (data.size() != volumeBytes * static_cast<std::size_t>(writer.volumeCount()))
        throw Error(path + ": " + std::to_string(data.size()) + " bytes of data given, the shape needs " +
                    std::to_string(volumeBytes * static_cast<std::size_t>(writer.volumeCount())));
    for (int64_t t = 0; t < writer.volumeCount(); ++t)
        writer.writeVolume(data.subspan(static_cast<std::size_t>(t) * volumeBytes, volumeBytes));
    writer.commit();
}

NiftiImage::Matrix4 NiftiWriter::scaleAffine(double voxelSize)
{
    NiftiImage::Matrix4 a{};
    for (int i = 0; i < 3; ++i)
        a[i][i] = voxelSize;
    a[3][3] = 1.0;
    return a;
}

} // namespace vindex::io
