#pragma once
// NumPy .npy files (format versions 1.0, 2.0 and 3.0): reading into HostTensor (zero-copy over a memory map when
// the data is little-endian and aligned) and writing version 1.0 files atomically. Object arrays ('|O') hold pickled
// Python objects and are never loaded here.
#include "vindex/io/HostTensor.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::io {

class NpyFile {
public:
    // What the header says.
    struct Header {
        int majorVersion = 1;
        std::string descr; // as written, e.g. "<f4"
        DType dtype = DType::F32;
        bool bigEndian = false;
        bool fortranOrder = false;
        std::vector<int64_t> shape;
        std::size_t dataOffset = 0; // bytes from the start of the file to the data
        std::size_t dataBytes = 0;  // product(shape) × itemsize
    };

    // Parses and validates magic, version and header dict of the bytes of a whole .npy file; checks that the data
    // fills exactly the rest. Throws FormatError naming nameForErrors.
    static Header parseHeader(const std::byte *data, std::size_t size, const std::string &nameForErrors);
    // Its first half, for readers of what parseHeader refuses (object arrays): magic, version and the header dict
    // (majorVersion, descr as written, fortranOrder, shape, dataOffset); dtype, bigEndian and dataBytes are left unset
    // and the data is not looked at.
    static Header parseHeaderDict(const std::byte *data, std::size_t size, const std::string &nameForErrors);
    // Python's repr of a shape tuple, as numpy writes it in the header: "(3,)", "(2, 5)", "()".
    static std::string shapeRepr(const std::vector<int64_t> &shape);

    // Reads a .npy file. Fortran-order arrays come back with Fortran strides; big-endian data is converted to native
    // order in an owned buffer.
    static HostTensor read(const std::string &path);
    // The same for a .npy file held in memory (e.g. a tar member); owner keeps data alive and is shared by the
    // returned tensor when no copy is needed.
    static HostTensor fromBytes(std::shared_ptr<const void> owner, const std::byte *data, std::size_t size,
                                const std::string &nameForErrors);

    // Reads and checks dtype and shape: expectedShape entries of -1 match any extent; its length is the rank.
    static HostTensor readExpecting(const std::string &path, std::optional<DType> dtype,
                                    const std::vector<int64_t> &expectedShape);
    // Throws FormatError naming nameForErrors when tensor does not have the dtype / shape (-1 = any extent).
    static void checkTensor(const HostTensor &tensor, std::optional<DType> dtype,
                            const std::vector<int64_t> &expectedShape, const std::string &nameForErrors);

    // Writes tensor as a version 1.0 file (C order, little-endian; version 2.0 only when the header would not fit
    // in 64 KiB, as numpy does), atomically: a temporary file next to path, then rename. BF16 and FP8 have no numpy
    // dtype and are refused.
    static void write(const std::string &path, const HostTensor &tensor);
    // The complete file contents write() would produce.
    static std::vector<std::byte> toBytes(const HostTensor &tensor);

    // The numpy descr for a dtype ("<f4", "|b1", ...); throws Error for BF16 / FP8.
    static std::string descrFor(DType dtype);
};

} // namespace vindex::io
