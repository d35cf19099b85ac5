#pragma once
// Read-only access to HDF5 files (the MindEye2 and native NSD data) over the HDF5 C API, without any HDF5 type in
// this header. Datasets are read whole, by rows of their first dimension (a hyperslab, so that a 30000 × 15724
// betas matrix is never loaded to fetch one trial) or by a list of rows, converted to the DType asked for.
//
// HDF5 1.10 as packaged is built without its thread-safety option, so every call into the library takes one
// process-wide mutex; instances may be shared between threads. HDF5's own error printing is switched off: its
// messages end up in the FormatError instead, which names the file and the dataset.
#include "vindex/io/HostTensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vindex::io {

class Hdf5File {
public:
    struct DatasetInfo {
        std::string name;           // path inside the file without the leading '/': "betas", "group/images"
        std::vector<int64_t> shape; // empty for a scalar dataset
        // Element type when it is a number: floats of 2/4/8 bytes (a 2-byte float is F16; HDF5 1.10 has no
        // predefined half type, h5py writes a custom 16-bit IEEE float), integers, 1-byte enums (h5py's bool) as Bool.
        std::optional<DType> dtype;
        bool isString = false; // fixed- or variable-length string dataset
        std::string typeText;  // "float16", "int64", "string", "compound", ... for messages
    };

    // Opens path read-only. Throws FormatError naming the file when it is missing, not HDF5 or damaged
    // (a truncated file fails here: the superblock records the file's end).
    static std::shared_ptr<const Hdf5File> open(const std::string &path);
    ~Hdf5File();
    Hdf5File(const Hdf5File &) = delete;
    Hdf5File &operator=(const Hdf5File &) = delete;

    const std::string &path() const { return m_path; }

    // Every dataset in the file, depth first, in name order ("betas", "group/x").
    std::vector<std::string> datasetNames() const;
    bool hasDataset(const std::string &name) const;
    // Throws FormatError naming the file and the dataset when it does not exist.
    DatasetInfo dataset(const std::string &name) const;

    // The whole dataset, as dtype. Numeric conversions follow C casts (HDF5's own conversion for ints and floats,
    // ours for float16/bfloat16). Throws FormatError for non-numeric datasets.
    HostTensor read(const std::string &name, DType dtype) const;
    // Rows [begin, end) of the first dimension: shape (end - begin, dims[1:]...). Throws Error naming the file, the
    // dataset and the valid range when the rows are out of range.
    HostTensor readRows(const std::string &name, int64_t begin, int64_t end, DType dtype) const;
    // One row of the first dimension: shape dims[1:].
    HostTensor readRow(const std::string &name, int64_t row, DType dtype) const;
    // The given rows in the given order (repeats allowed): shape (rows.size(), dims[1:]...).
    HostTensor readRowsAt(const std::string &name, std::span<const int64_t> rows, DType dtype) const;

    // A string dataset (fixed or variable length, any rank) flattened in C order; fixed-length entries lose their
    // padding (NULs or spaces).
    std::vector<std::string> readStrings(const std::string &name) const;
    // A string attribute of a dataset or group ("" or "/" for the root group); nullopt when absent or not a string.
    std::optional<std::string> stringAttribute(const std::string &objectName, const std::string &attribute) const;

private:
    Hdf5File() = default;
    HostTensor readSelection(const std::string &name, const std::vector<std::pair<int64_t, int64_t>> &ranges,
                             bool dropFirstDim, DType dtype) const;

    std::string m_path;
    int64_t m_file = -1; // hid_t
};

} // namespace vindex::io
