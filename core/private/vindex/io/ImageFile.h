#pragma once
// Reads PNG and JPEG files into RGB (the format is told by the file's signature, not its name), the way PIL's
// Image.open(...).convert("RGB") does: alpha is dropped, grey is replicated, palettes are expanded. Truncated or
// corrupt files throw FormatError naming the file (never a crash, never a half-grey image). Writes PNG/JPEG too.
#include "vindex/io/RgbImage.h"

#include <string>

namespace vindex::io {

class ImageFile {
public:
    // Throws FormatError "<path>: ..." for unreadable, unknown, truncated or corrupt files and for images larger
    // than PIL's decompression-bomb limit (178956970 pixels).
    static RgbImage read(const std::string &path);
    // Decodes bytes already in memory; `name` is used in errors.
    static RgbImage decode(const std::string &bytes, const std::string &name);

    // Atomic writes (temp + rename). quality: libjpeg's 1..100.
    static void writePng(const std::string &path, const RgbImage &image);
    static void writeJpeg(const std::string &path, const RgbImage &image, int quality = 95);
    // The bytes those writes would store (e.g. for a tar member); `name` is used in errors.
    static std::string encodePng(const RgbImage &image, const std::string &name);
    static std::string encodeJpeg(const RgbImage &image, const std::string &name, int quality = 95);
};

} // namespace vindex::io
