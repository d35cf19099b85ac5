#include "vindex/io/ImageFile.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

namespace vindex::io {

namespace {

// PIL's Image.MAX_IMAGE_PIXELS * 2: above this PIL refuses to open an image (DecompressionBombError).
constexpr uint64_t kMaxPixels = 178956970;

void checkSize(uint64_t width, uint64_t height, const std::string &name)
{
    if (width == 0 || height == 0)
        throw FormatError(name, "image has no pixels (" + std::to_string(width) + "x" + std::to_string(height) + ")");
    if (width * height > kMaxPixels)
        throw FormatError(name, "image is " + std::to_string(width) + "x" + std::to_string(height) +
                                    " pixels, more than the limit of " + std::to_string(kMaxPixels));
}

RgbImage decodePng(const std::string &bytes, const std::string &name)
{
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
        throw FormatError(name, std::string("not a readable PNG (") + image.message + ")");
    // RGBA then drop alpha: PIL's convert("RGB") discards alpha rather than compositing it (8-bit RGBA output of
    // the simplified API is not premultiplied).
    image.format = PNG_FORMAT_RGBA;
    // 16-bit files without gAMA/sRGB are sRGB-encoded like PIL assumes, not linear (libpng's default).
    image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    try {
        checkSize(image.width, image.height, name);
    } catch (...) {
        png_image_free(&image);
        throw;
    }
    std::vector<uint8_t> rgba(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) {
        const std::string message = image.message;
        png_image_free(&image);
        throw FormatError(name, "corrupt or truncated PNG (" + message + ")");
    }
    RgbImage out(static_cast<int>(image.width), static_cast<int>(image.height));
    for (size_t i = 0, n = static_cast<size_t>(out.width) * out.height; i < n; ++i)
        std::memcpy(&out.pixels[i * 3], &rgba[i * 4], 3);
    return out;
}

// libjpeg reports errors through error_exit, which must not return: jump back to the decoder's setjmp.
struct JpegError {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool truncated;
};

void jpegErrorExit(j_common_ptr info)
{
    auto *error = reinterpret_cast<JpegError *>(info->err);
    (*info->err->format_message)(info, error->message);
    std::longjmp(error->jump, 1);
}

void jpegMessage(j_common_ptr info, int level)
{
    auto *error = reinterpret_cast<JpegError *>(info->err);
    // libjpeg pads a truncated stream with an EOI marker and only warns; PIL refuses such files ("image file is
    // truncated"), and so do we.
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF)
        error->truncated = true;
}

RgbImage decodeJpeg(const std::string &bytes, const std::string &name)
{
    jpeg_decompress_struct info;
    JpegError error;
    error.truncated = false;
    error.message[0] = '\0';
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpegErrorExit;
    error.manager.emit_message = jpegMessage;
    // Only plain data lives across setjmp; the image buffer is allocated after the header was read.
    RgbImage *volatile result = nullptr;
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        delete result;
        throw FormatError(name, std::string("corrupt JPEG (") + error.message + ")");
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
    jpeg_read_header(&info, TRUE);
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        jpeg_destroy_decompress(&info);
        throw FormatError(name, "CMYK JPEG images are not supported");
    }
    if (info.image_width == 0 || info.image_height == 0 ||
        static_cast<uint64_t>(info.image_width) * info.image_height > kMaxPixels) {
        const auto width = info.image_width, height = info.image_height;
        jpeg_destroy_decompress(&info);
        checkSize(width, height, name);
    }
    info.out_color_space = JCS_RGB; // also expands greyscale
    jpeg_start_decompress(&info);
    result = new RgbImage(static_cast<int>(info.output_width), static_cast<int>(info.output_height));
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = result->at(0, static_cast<int>(info.output_scanline));
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    RgbImage out = std::move(*result);
    delete result;
    if (error.truncated)
        throw FormatError(name, "truncated JPEG (premature end of data)");
    return out;
}

} // namespace

RgbImage ImageFile::decode(const std::string &bytes, const std::string &name)
{
    static const unsigned char pngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), pngSignature, 8) == 0)
        return decodePng(bytes, name);
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xff &&
        static_cast<unsigned char>(bytes[1]) == 0xd8 && static_cast<unsigned char>(bytes[2]) == 0xff)
        return decodeJpeg(bytes, name);
    throw FormatError(name, "not a PNG or JPEG image (unknown signature; " + std::to_string(bytes.size()) + " bytes)");
}

RgbImage ImageFile::read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, "cannot be opened");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return decode(buffer.str(), path);
}

std::string ImageFile::encodePng(const RgbImage &image, const std::string &name)
{
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGB;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), 0, nullptr))
        throw FormatError(name, std::string("cannot encode PNG (") + png.message + ")");
    std::string bytes(size, '\0');
    if (!png_image_write_to_memory(&png, bytes.data(), &size, 0, image.pixels.data(), 0, nullptr))
        throw FormatError(name, std::string("cannot encode PNG (") + png.message + ")");
    bytes.resize(size);
    return bytes;
}

void ImageFile::writePng(const std::string &path, const RgbImage &image)
{
    const std::string bytes = encodePng(image, path);
    AtomicFile file(path);
    file.write(bytes);
    file.commit();
}

std::string ImageFile::encodeJpeg(const RgbImage &image, const std::string &name, int quality)
{
    jpeg_compress_struct info;
    JpegError error;
    error.truncated = false;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpegErrorExit;
    unsigned char *buffer = nullptr;
    unsigned long size = 0;
    if (setjmp(error.jump)) {
        jpeg_destroy_compress(&info);
        std::free(buffer);
        throw FormatError(name, std::string("cannot encode JPEG (") + error.message + ")");
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        auto *row = const_cast<JSAMPROW>(image.at(0, static_cast<int>(info.next_scanline)));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    const std::string bytes(reinterpret_cast<const char *>(buffer), size);
    std::free(buffer);
    return bytes;
}

void ImageFile::writeJpeg(const std::string &path, const RgbImage &image, int quality)
{
    const std::string bytes = encodeJpeg(image, path, quality);
    AtomicFile file(path);
    file.write(bytes);
    file.commit();
}

} // namespace vindex::io
