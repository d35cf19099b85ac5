#pragma once
// Writes HDF5 files the way h5py does (float16 as a 16-bit IEEE float, bool as an int8 enum {FALSE, TRUE},
// little-endian numbers, UTF-8 strings), for synthetic datasets in the MindEye2 / NSD layouts and for tests.
// The file is written under "<path>.part" and renamed onto path by commit(); a writer destroyed without commit()
// removes the partial file. Takes the same process-wide lock as Hdf5File (serial HDF5 is not thread-safe).
#include "vindex/io/HostTensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vindex::io {

class Hdf5Writer {
public:
    // Creates (truncates) "<path>.part". Throws Error naming path when it cannot be created.
    explicit Hdf5Writer(std::string path);
    ~Hdf5Writer();
    Hdf5Writer(const Hdf5Writer &) = delete;
    Hdf5Writer &operator=(const Hdf5Writer &) = delete;

    const std::string &path() const { return m_path; }

    // A dataset holding tensor (any strides; BF16 / FP8 are refused). Names may contain groups ("a/b/x"), which are
    // created. chunkRows > 0 stores it chunked by that many rows of the first dimension (else contiguous).
    void writeDataset(const std::string &name, const HostTensor &tensor, int64_t chunkRows = 0);
    // An empty (zero-filled) dataset of shape, to be filled with writeRows: large matrices never need to be in memory.
    void createDataset(const std::string &name, DType dtype, const std::vector<int64_t> &shape, int64_t chunkRows = 0);
    // Writes rows [beginRow, beginRow + rows.shape()[0]) of a dataset made by createDataset; rows must have the
    // dataset's dtype and row shape.
    void writeRows(const std::string &name, int64_t beginRow, const HostTensor &rows);
    // A 1-D string dataset: variable-length UTF-8 (h5py's str) or fixed-length, NUL-padded to the longest value.
    void writeStrings(const std::string &name, const std::vector<std::string> &values, bool variableLength = true);
    // A variable-length UTF-8 string attribute on a dataset or group ("" or "/" for the root).
    void setStringAttribute(const std::string &objectName, const std::string &attribute, const std::string &value);

    // Closes the file and renames it onto path. Throws Error naming path on failure.
    void commit();

private:
    struct Created {
        std::string name;
        DType dtype;
        std::vector<int64_t> shape;
    };
    void ensureOpen() const;
    const Created &created(const std::string &name) const;

    std::string m_path;
    std::string m_partPath;
    int64_t m_file = -1; // hid_t
    std::vector<Created> m_created;
};

} // namespace vindex::io
