#pragma once
// NumPy object arrays of strings in .npy files ('|O', saved with allow_pickle=True), such as MindEye2's
// COCO_73k_annots_curated.npy (73000 × 5 captions). numpy stores them as a pickle of the array:
// numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b') followed by BUILD with the state
// (version, shape, numpy.dtype('O8', ...), is_fortran, [objects in C order]). The restricted Unpickler evaluates
// none of those globals; this class only reads the shape and the list out of the recorded state, so a hostile file
// can at worst be refused.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::io {

class NpyObjectArray {
public:
    NpyObjectArray() = default;

    // Reads a .npy object array whose elements are str (or None / bytes). Throws FormatError naming the file when it
    // is not an object array, is truncated, or holds another kind of object (naming the element index and type).
    static NpyObjectArray readStrings(const std::string &path);
    static NpyObjectArray fromBytes(const std::byte *data, std::size_t size, const std::string &nameForErrors);

    // Writes strings (C order) as numpy's np.save(..., allow_pickle=True) does for an object array of str: a version
    // 1.0 header and a protocol 3 pickle, loadable by numpy and by readStrings. Strings must be UTF-8. Atomic
    // (temporary file, then rename). Throws Error naming path when shape does not match the count.
    static void writeStrings(const std::string &path, const std::vector<int64_t> &shape,
                             const std::vector<std::string> &strings);
    static std::string toBytes(const std::vector<int64_t> &shape, const std::vector<std::string> &strings);

    const std::vector<int64_t> &shape() const { return m_shape; }
    // All elements in C order; None and '' are empty strings, bytes are kept as they are.
    const std::vector<std::string> &strings() const { return m_strings; }
    std::size_t size() const { return m_strings.size(); }
    // Element (row, column) of a 2-D array; throws std::out_of_range.
    const std::string &at(int64_t row, int64_t column) const;
    // The elements of one row (first index) of an array of rank >= 1.
    std::vector<std::string> row(int64_t row) const;

private:
    std::vector<int64_t> m_shape;
    std::vector<std::string> m_strings;
};

} // namespace vindex::io
