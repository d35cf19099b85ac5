#include "vindex/io/NiftiImage.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>

namespace vindex::io {
namespace {

static_assert(std::endian::native == std::endian::little, "the readers assume a little-endian host");

constexpr std::size_t kHeaderSize = 348;
constexpr int64_t kMinSingleFileOffset = 352; // 348-byte header + 4-byte extension flag
// deflate never expands better than ~1032:1; a header that asks for more than this cannot be satisfied by the stream.
constexpr uint64_t kMaxDeflateRatio = 1032;

// Reads the fixed fields of the 348-byte header in the file's byte order.
class HeaderView {
public:
    HeaderView(const std::byte *bytes, bool swap) : m_bytes(bytes), m_swap(swap) {}

    template <typename T> T get(std::size_t offset) const
    {
        std::array<std::byte, sizeof(T)> raw;
        std::memcpy(raw.data(), m_bytes + offset, sizeof(T));
        if (m_swap)
            std::reverse(raw.begin(), raw.end());
        return std::bit_cast<T>(raw);
    }
    int16_t i16(std::size_t offset) const { return get<int16_t>(offset); }
    int32_t i32(std::size_t offset) const { return get<int32_t>(offset); }
    float f32(std::size_t offset) const { return get<float>(offset); }
    std::string text(std::size_t offset, std::size_t maxLength) const
    {
        const char *p = reinterpret_cast<const char *>(m_bytes + offset);
        return std::string(p, strnlen(p, maxLength));
    }

private:
    const std::byte *m_bytes;
    bool m_swap;
};

std::optional<DType> dtypeForCode(int16_t code)
{
    switch (code) {
    case 2: return DType::U8;
    case 4: return DType::I16;
    case 8: return DType::I32;
    case 16: return DType::F32;
    case 64: return DType::F64;
    case 256: return DType::I8;
    case 512: return DType::U16;
    case 768: return DType::U32;
    case 1024: return DType::I64;
    case 1280: return DType::U64;
    default: return std::nullopt;
    }
}

std::string datatypeName(int16_t code)
{
    switch (code) {
    case 1: return "binary (1 bit)";
    case 32: return "complex64";
    case 128: return "rgb24";
    case 1536: return "float128";
    case 1792: return "complex128";
    case 2048: return "complex256";
    case 2304: return "rgba32";
    default: return "unknown";
    }
}

bool mulOverflows(uint64_t a, uint64_t b, uint64_t &out)
{
    return __builtin_mul_overflow(a, b, &out);
}

void byteSwapInPlace(std::byte *data, std::size_t count, std::size_t itemSize)
{
    if (itemSize == 1)
        return;
    for (std::size_t i = 0; i < count; ++i)
        std::reverse(data + i * itemSize, data + (i + 1) * itemSize);
}

// Streaming gzip reader over an in-memory file; handles concatenated members as gzip(1) does.
class GzipStream {
public:
    GzipStream(const std::string &path, const std::byte *data, std::size_t size) : m_path(path)
    {
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<std::byte *>(data));
        m_stream.avail_in = 0;
        m_remaining = size;
        if (inflateInit2(&m_stream, 15 + 16) != Z_OK)
            throw FormatError(path, "cannot initialise zlib");
        feed();
    }
    ~GzipStream() { inflateEnd(&m_stream); }
    GzipStream(const GzipStream &) = delete;
    GzipStream &operator=(const GzipStream &) = delete;

    // Fills dst with exactly n bytes; returns how many it got before the compressed data ended.
    std::size_t read(std::byte *dst, std::size_t n)
    {
        std::size_t got = 0;
        while (got < n && !m_finished) {
            const std::size_t chunk = std::min<std::size_t>(n - got, std::numeric_limits<uInt>::max());
            m_stream.next_out = reinterpret_cast<Bytef *>(dst + got);
            m_stream.avail_out = static_cast<uInt>(chunk);
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            got += chunk - m_stream.avail_out;
            m_produced += chunk - m_stream.avail_out;
            handle(rc);
        }
        return got;
    }

    // Discards n bytes (an extension block before the data); returns how many were available.
    std::size_t skip(std::size_t n)
    {
        std::array<std::byte, 16384> scratch;
        std::size_t done = 0;
        while (done < n) {
            const std::size_t want = std::min(scratch.size(), n - done);
            const std::size_t got = read(scratch.data(), want);
            done += got;
            if (got < want)
                break;
        }
        return done;
    }

    // Reads past the data to the end of the current member so that zlib checks the CRC and length trailer.
    // Trailing bytes after the image are allowed, but only a bounded amount is inflated to verify them.
    void verifyTrailer()
    {
        std::array<std::byte, 4096> scratch;
        std::size_t extra = 0;
        while (!m_finished && extra < (std::size_t{1} << 20))
            extra += read(scratch.data(), scratch.size());
    }

    uint64_t produced() const { return m_produced; }

private:
    void feed()
    {
        const std::size_t chunk = std::min<std::size_t>(m_remaining, std::numeric_limits<uInt>::max());
        m_stream.avail_in = static_cast<uInt>(chunk);
        m_remaining -= chunk;
    }

    void handle(int rc)
    {
        if (rc == Z_STREAM_END) {
            // Another gzip member may follow (concatenated .gz files are valid).
            if (m_stream.avail_in == 0 && m_remaining > 0)
                feed();
            if (m_stream.avail_in >= 2 && m_stream.next_in[0] == 0x1f && m_stream.next_in[1] == 0x8b) {
                if (inflateReset(&m_stream) != Z_OK)
                    throw FormatError(m_path, "cannot reset zlib");
            } else {
                m_finished = true;
            }
            return;
        }
        if (rc == Z_OK)
            return;
        if (rc == Z_BUF_ERROR) {
            if (m_stream.avail_in == 0 && m_remaining > 0) {
                feed();
                return;
            }
            if (m_stream.avail_in == 0)
                throw FormatError(m_path, "truncated gzip stream: the compressed data ends after " +
                                              std::to_string(m_produced) +
                                              " decompressed bytes, before its end-of-stream marker");
            // No progress with input and output space left: never loop on it.
            throw FormatError(m_path, "corrupt gzip data (zlib made no progress)");
        }
        const char *message = m_stream.msg ? m_stream.msg : "unknown error";
        throw FormatError(m_path, std::string("corrupt gzip data (zlib: ") + message + ")");
    }

    std::string m_path;
    z_stream m_stream{};
    std::size_t m_remaining = 0;
    uint64_t m_produced = 0;
    bool m_finished = false;
};

} // namespace

NiftiImage NiftiImage::read(const std::string &path)
{
    const auto file = MappedFile::open(path);
    const std::byte *bytes = file->data();
    const std::size_t fileSize = file->size();
    const bool gzipped = fileSize >= 2 && bytes[0] == std::byte{0x1f} && bytes[1] == std::byte{0x8b};

    std::optional<GzipStream> gz;
    std::array<std::byte, kHeaderSize> headerBytes{};
    if (gzipped) {
        gz.emplace(path, bytes, fileSize);
        const std::size_t got = gz->read(headerBytes.data(), kHeaderSize);
        if (got < kHeaderSize)
            throw FormatError(path, "expected a 348-byte NIfTI-1 header, found only " + std::to_string(got) +
                                        " bytes after decompression");
    } else {
        if (fileSize < kHeaderSize)
            throw FormatError(path, "expected a 348-byte NIfTI-1 header, found a file of " + std::to_string(fileSize) +
                                        " bytes");
        std::memcpy(headerBytes.data(), bytes, kHeaderSize);
    }

    // Byte order: sizeof_hdr reads 348 in the file's own order.
    int32_t sizeofHdr;
    std::memcpy(&sizeofHdr, headerBytes.data(), 4);
    bool swap = false;
    if (sizeofHdr != 348) {
        if (static_cast<int32_t>(__builtin_bswap32(static_cast<uint32_t>(sizeofHdr))) == 348) {
            swap = true;
        } else if (sizeofHdr == 540 ||
                   static_cast<int32_t>(__builtin_bswap32(static_cast<uint32_t>(sizeofHdr))) == 540) {
            throw FormatError(path, "NIfTI-2 files (sizeof_hdr 540) are not supported; expected NIfTI-1 (348)");
        } else {
            throw FormatError(path, "expected sizeof_hdr 348 (NIfTI-1) in either byte order, found " +
                                        std::to_string(sizeofHdr) + (gzipped ? "" : " (not a NIfTI file?)"));
        }
    }
    const HeaderView h(headerBytes.data(), swap);

    const std::string magic = h.text(344, 4);
    if (magic == "ni1")
        throw FormatError(path, "a two-file NIfTI pair (magic 'ni1', .hdr/.img) is not supported; expected a "
                                "single .nii file (magic 'n+1')");
    if (std::memcmp(headerBytes.data() + 344, "n+1\0", 4) != 0)
        throw FormatError(path, "expected NIfTI-1 magic 'n+1', found '" + magic + "'");

    NiftiImage image;
    image.m_path = path;

    const int16_t rank = h.i16(40);
    if (rank < 1 || rank > 7)
        throw FormatError(path, "expected dim[0] between 1 and 7, found " + std::to_string(rank));
    uint64_t numel = 1;
    for (int i = 1; i <= rank; ++i) {
        const int16_t d = h.i16(40 + 2 * i);
        if (d <= 0)
            throw FormatError(path, "expected positive dim[" + std::to_string(i) + "], found " + std::to_string(d));
        image.m_shape.push_back(d);
        if (mulOverflows(numel, static_cast<uint64_t>(d), numel))
            throw FormatError(path, "the dimensions overflow a 64-bit element count");
    }

    image.m_datatypeCode = h.i16(70);
    const std::optional<DType> dtype = dtypeForCode(image.m_datatypeCode);
    if (!dtype)
        throw FormatError(path, "unsupported NIfTI datatype " + std::to_string(image.m_datatypeCode) + " (" +
                                    datatypeName(image.m_datatypeCode) +
                                    "); expected one of uint8, int8, int16, uint16, int32, uint32, int64, uint64, "
                                    "float32, float64");
    const std::size_t itemSize = dtypeSize(*dtype);

    std::array<float, 8> pixdim;
    for (int i = 0; i < 8; ++i)
        pixdim[i] = h.f32(76 + 4 * i);
    for (int i = 0; i < 4; ++i)
        image.m_pixdim[i] = pixdim[i + 1];

    // vox_offset is a float in the header; nibabel truncates it and moves offsets below 352 up to 352.
    const float voxOffsetField = h.f32(108);
    if (!std::isfinite(voxOffsetField) || voxOffsetField < 0 || voxOffsetField > 9.0e15f)
        throw FormatError(path, "expected a non-negative vox_offset, found " + std::to_string(voxOffsetField));
    const uint64_t voxOffset =
        std::max<uint64_t>(kMinSingleFileOffset, static_cast<uint64_t>(std::trunc(voxOffsetField)));

    uint64_t nbytes = 0;
    uint64_t needed = 0;
    if (mulOverflows(numel, itemSize, nbytes) || __builtin_add_overflow(voxOffset, nbytes, &needed))
        throw FormatError(path, "the data size overflows 64 bits (dimensions " + std::to_string(numel) +
                                    " elements of " + std::to_string(itemSize) + " bytes)");

    // Scaling: slope 0 or non-finite means the stored values are the values.
    const float slope = h.f32(112);
    const float inter = h.f32(116);
    image.m_sclSlope = std::isfinite(slope) ? slope : 0.0f;
    image.m_sclInter = inter;
    if (image.m_sclSlope != 0.0f && !std::isfinite(inter))
        throw FormatError(path, "scl_slope is " + std::to_string(slope) + " but scl_inter is not finite");
    if (image.m_sclSlope == 0.0f)
        image.m_sclInter = std::isfinite(inter) ? inter : 0.0f;

    image.m_qformCode = h.i16(252);
    image.m_sformCode = h.i16(254);
    image.m_description = h.text(148, 80);

    Matrix4 &a = image.m_affine;
    a = Matrix4{};
    a[3][3] = 1.0;
    if (image.m_sformCode > 0) {
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 4; ++c)
                a[r][c] = h.f32(280 + 16 * r + 4 * c);
    } else if (image.m_qformCode > 0) {
        // The quaternion (a, b, c, d) with a = sqrt(1 - b² - c² - d²), as in nifti1_io.c's nifti_quatern_to_mat44.
        double b = h.f32(256), c = h.f32(260), d = h.f32(264);
        double qa = 1.0 - (b * b + c * c + d * d);
        if (qa < 1.0e-7) { // a 180° rotation (or slightly unnormalised): renormalise b, c, d
            qa = 1.0 / std::sqrt(b * b + c * c + d * d);
            b *= qa;
            c *= qa;
            d *= qa;
            qa = 0.0;
        } else {
            qa = std::sqrt(qa);
        }
        const double dx = pixdim[1] > 0 ? pixdim[1] : 1.0;
        const double dy = pixdim[2] > 0 ? pixdim[2] : 1.0;
        double dz = pixdim[3] > 0 ? pixdim[3] : 1.0;
        if (pixdim[0] < 0) // qfac = -1 flips the third axis; 0 counts as 1
            dz = -dz;
        const double R[3][3] = {{qa * qa + b * b - c * c - d * d, 2 * (b * c - qa * d), 2 * (b * d + qa * c)},
                                {2 * (b * c + qa * d), qa * qa + c * c - b * b - d * d, 2 * (c * d - qa * b)},
                                {2 * (b * d - qa * c), 2 * (c * d + qa * b), qa * qa + d * d - c * c - b * b}};
        const double zoom[3] = {dx, dy, dz};
        for (int r = 0; r < 3; ++r)
            for (int col = 0; col < 3; ++col)
                a[r][col] = R[r][col] * zoom[col];
        a[0][3] = h.f32(268);
        a[1][3] = h.f32(272);
        a[2][3] = h.f32(276);
    } else {
        // Method 1 of the standard: grid spacing only.
        for (int i = 0; i < 3; ++i)
            a[i][i] = pixdim[i + 1];
    }

    // The data tensor: [x][y][z][t...] with x fastest in memory.
    std::vector<int64_t> strides(image.m_shape.size());
    int64_t stride = 1;
    for (std::size_t i = 0; i < image.m_shape.size(); ++i) {
        strides[i] = stride;
        stride *= image.m_shape[i];
    }

    if (gzipped) {
        if (needed > static_cast<uint64_t>(fileSize) * kMaxDeflateRatio + 4096)
            throw FormatError(path, "the header needs " + std::to_string(needed) +
                                        " decompressed bytes, more than a gzip stream of " + std::to_string(fileSize) +
                                        " bytes can hold");
        const std::size_t skipped = gz->skip(voxOffset - kHeaderSize);
        if (skipped < voxOffset - kHeaderSize)
            throw FormatError(path, "expected the data to start at vox_offset " + std::to_string(voxOffset) +
                                        ", but the decompressed file has only " +
                                        std::to_string(kHeaderSize + skipped) + " bytes");
        // Grow the buffer as data actually arrives, so that a lying header cannot make us allocate up front.
        auto storage = std::make_shared<std::vector<std::byte>>();
        std::size_t filled = 0;
        while (filled < nbytes) {
            const std::size_t target =
                static_cast<std::size_t>(std::min<uint64_t>(nbytes, std::max<uint64_t>(2 * filled, 1u << 24)));
            storage->resize(target);
            filled += gz->read(storage->data() + filled, target - filled);
            if (filled < target)
                throw FormatError(path, "truncated: the header needs " + std::to_string(needed) +
                                            " decompressed bytes (vox_offset " + std::to_string(voxOffset) + " + " +
                                            std::to_string(nbytes) + " bytes of data), the gzip stream holds only " +
                                            std::to_string(voxOffset + filled));
        }
        if (storage->empty())
            storage->resize(1); // a valid pointer even for empty data
        gz->verifyTrailer();
        if (swap)
            byteSwapInPlace(storage->data(), numel, itemSize);
        const std::byte *data = storage->data();
        image.m_data =
            HostTensor(*dtype, image.m_shape, std::move(strides), 0, data, std::shared_ptr<const void>(storage, data));
    } else {
        if (needed > fileSize)
            throw FormatError(path, "truncated: the header needs " + std::to_string(needed) + " bytes (vox_offset " +
                                        std::to_string(voxOffset) + " + " + std::to_string(nbytes) +
                                        " bytes of data), the file has " + std::to_string(fileSize));
        const std::byte *source = bytes + voxOffset;
        const bool aligned = reinterpret_cast<uintptr_t>(source) % itemSize == 0;
        if (!swap && aligned) { // zero-copy: the tensor keeps the mapping alive
            image.m_data = HostTensor(*dtype, image.m_shape, std::move(strides), 0, source,
                                      std::shared_ptr<const void>(file, file.get()));
        } else {
            auto buffer = std::make_shared_for_overwrite<std::byte[]>(std::max<std::size_t>(nbytes, 1));
            std::memcpy(buffer.get(), source, nbytes);
            if (swap)
                byteSwapInPlace(buffer.get(), numel, itemSize);
            const std::byte *data = buffer.get();
            image.m_data = HostTensor(*dtype, image.m_shape, std::move(strides), 0, data,
                                      std::shared_ptr<const void>(buffer, buffer.get()));
        }
    }
    return image;
}

namespace {

template <typename T> double loadAs(const std::byte *p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return static_cast<double>(v);
}

double loadElement(DType dtype, const std::byte *p)
{
    switch (dtype) {
    case DType::U8: return loadAs<uint8_t>(p);
    case DType::I8: return loadAs<int8_t>(p);
    case DType::I16: return loadAs<int16_t>(p);
    case DType::U16: return loadAs<uint16_t>(p);
    case DType::I32: return loadAs<int32_t>(p);
    case DType::U32: return loadAs<uint32_t>(p);
    case DType::I64: return loadAs<int64_t>(p);
    case DType::U64: return loadAs<uint64_t>(p);
    case DType::F32: return loadAs<float>(p);
    case DType::F64: return loadAs<double>(p);
    default: throw Error("NiftiImage: unexpected dtype " + std::string(dtypeName(dtype)));
    }
}

} // namespace

double NiftiImage::value(int64_t x, int64_t y, int64_t z, int64_t t) const
{
    const int64_t index[4] = {x, y, z, t};
    int64_t offset = 0;
    for (int i = 0; i < 4; ++i) {
        const int64_t extent = i < static_cast<int>(m_shape.size()) ? m_shape[i] : 1;
        if (index[i] < 0 || index[i] >= extent)
            throw std::out_of_range(m_path + ": voxel (" + std::to_string(x) + ", " + std::to_string(y) + ", " +
                                    std::to_string(z) + ", " + std::to_string(t) + ") is outside the image");
        if (i < static_cast<int>(m_shape.size()))
            offset += index[i] * m_data.strides()[i];
    }
    const double stored =
        loadElement(m_data.dtype(), m_data.data() + offset * static_cast<int64_t>(dtypeSize(m_data.dtype())));
    return m_sclSlope != 0.0f ? stored * m_sclSlope + m_sclInter : stored;
}

std::vector<float> NiftiImage::scaledVolume(int64_t t) const
{
    int64_t volume = 1;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, m_shape.size()); ++i)
        volume *= m_shape[i];
    const int64_t volumes = m_data.numel() / std::max<int64_t>(volume, 1);
    if (t < 0 || t >= volumes)
        throw std::out_of_range(m_path + ": volume " + std::to_string(t) + " of " + std::to_string(volumes));
    const std::size_t itemSize = dtypeSize(m_data.dtype());
    const std::byte *base = m_data.data() + t * volume * static_cast<int64_t>(itemSize);
    std::vector<float> out(static_cast<std::size_t>(volume));
    const bool scaled = m_sclSlope != 0.0f;
    for (int64_t i = 0; i < volume; ++i) {
        const double v = loadElement(m_data.dtype(), base + i * static_cast<int64_t>(itemSize));
        out[i] = static_cast<float>(scaled ? v * m_sclSlope + m_sclInter : v);
    }
    return out;
}

} // namespace vindex::io
