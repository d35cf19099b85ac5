#include "vindex/io/Hdf5Writer.h"

#include "Hdf5Support.h"
#include "vindex/core/Error.h"

#include <algorithm>
#include <filesystem>
#include <memory>

namespace vindex::io {

namespace {

using hdf5::Hid;

// File and memory type of a dtype: standard little-endian types, and h5py's spellings of float16 and bool.
// The returned type is always a copy the caller closes.
hid_t fileTypeFor(DType dtype, const std::string &path)
{
    switch (dtype) {
    case DType::U8: return H5Tcopy(H5T_STD_U8LE);
    case DType::I8: return H5Tcopy(H5T_STD_I8LE);
    case DType::I16: return H5Tcopy(H5T_STD_I16LE);
    case DType::U16: return H5Tcopy(H5T_STD_U16LE);
    case DType::I32: return H5Tcopy(H5T_STD_I32LE);
    case DType::U32: return H5Tcopy(H5T_STD_U32LE);
    case DType::I64: return H5Tcopy(H5T_STD_I64LE);
    case DType::U64: return H5Tcopy(H5T_STD_U64LE);
    case DType::F32: return H5Tcopy(H5T_IEEE_F32LE);
    case DType::F64: return H5Tcopy(H5T_IEEE_F64LE);
    case DType::F16: { // what h5py builds (HDF5 1.10 has no predefined half type)
        const hid_t type = H5Tcopy(H5T_IEEE_F32LE);
        H5Tset_fields(type, 15, 10, 5, 0, 10);
        H5Tset_size(type, 2);
        H5Tset_ebias(type, 15);
        return type;
    }
    case DType::Bool: {
        const hid_t type = H5Tenum_create(H5T_NATIVE_INT8);
        const int8_t no = 0, yes = 1;
        H5Tenum_insert(type, "FALSE", &no);
        H5Tenum_insert(type, "TRUE", &yes);
        return type;
    }
    default: throw Error(path + ": HDF5 has no standard type for " + std::string(dtypeName(dtype)));
    }
}

std::vector<hsize_t> toDims(const std::vector<int64_t> &shape)
{
    return std::vector<hsize_t>(shape.begin(), shape.end());
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

} // namespace

Hdf5Writer::Hdf5Writer(std::string path) : m_path(std::move(path)), m_partPath(m_path + ".part")
{
    hdf5::Lock lock;
    const hid_t file = H5Fcreate(m_partPath.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        throw Error(m_path + ": cannot create the HDF5 file: " + hdf5::lastError());
    m_file = file;
}

Hdf5Writer::~Hdf5Writer()
{
    if (m_file >= 0) { // never committed: drop the partial file
        hdf5::Lock lock;
        H5Fclose(static_cast<hid_t>(m_file));
        std::error_code ec;
        std::filesystem::remove(m_partPath, ec);
    }
}

void Hdf5Writer::ensureOpen() const
{
    if (m_file < 0)
        throw Error(m_path + ": the HDF5 writer was already committed");
}

const Hdf5Writer::Created &Hdf5Writer::created(const std::string &name) const
{
    for (const auto &c : m_created)
        if (c.name == name)
            return c;
    throw Error(m_path + ": no dataset '" + name + "' was created by this writer");
}

void Hdf5Writer::createDataset(const std::string &name, DType dtype, const std::vector<int64_t> &shape,
                               int64_t chunkRows)
{
    ensureOpen();
    hdf5::Lock lock;
    Hid type(fileTypeFor(dtype, m_path), H5Tclose);
    const auto dims = toDims(shape);
    Hid space(shape.empty() ? H5Screate(H5S_SCALAR)
                            : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
              H5Sclose);
    Hid linkProps(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(linkProps.get(), 1);
    Hid createProps(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    if (chunkRows > 0 && !shape.empty() && shape[0] > 0) {
        auto chunk = dims;
        chunk[0] = static_cast<hsize_t>(std::min<int64_t>(chunkRows, shape[0]));
        for (auto &d : chunk)
            d = std::max<hsize_t>(d, 1);
        H5Pset_chunk(createProps.get(), static_cast<int>(chunk.size()), chunk.data());
    } else {
        // Contiguous storage is allocated when first written; allocate now so that rows never written read as 0.
        H5Pset_alloc_time(createProps.get(), H5D_ALLOC_TIME_EARLY);
    }
    Hid dataset(H5Dcreate2(static_cast<hid_t>(m_file), name.c_str(), type.get(), space.get(), linkProps.get(),
                           createProps.get(), H5P_DEFAULT),
                H5Dclose);
    if (!dataset.valid())
        throw Error(m_path + ": cannot create dataset '" + name + "': " + hdf5::lastError());
    m_created.push_back({name, dtype, shape});
}

void Hdf5Writer::writeRows(const std::string &name, int64_t beginRow, const HostTensor &rows)
{
    ensureOpen();
    const Created &target = created(name);
    if (rows.dtype() != target.dtype)
        throw Error(m_path + ": dataset '" + name + "' holds " + std::string(dtypeName(target.dtype)) + ", rows are " +
                    std::string(dtypeName(rows.dtype())));
    const bool scalar = target.shape.empty();
    if (!scalar && (rows.shape().size() != target.shape.size() ||
                    !std::equal(rows.shape().begin() + 1, rows.shape().end(), target.shape.begin() + 1) ||
                    beginRow < 0 || beginRow + rows.shape()[0] > target.shape[0]))
        throw Error(m_path + ": dataset '" + name + "': rows " + rows.shapeString() + " at row " +
                    std::to_string(beginRow) + " do not fit its shape " + shapeText(target.shape));
    const HostTensor data = rows.contiguous();
    hdf5::Lock lock;
    Hid dataset(H5Dopen2(static_cast<hid_t>(m_file), name.c_str(), H5P_DEFAULT), H5Dclose);
    Hid type(fileTypeFor(target.dtype, m_path), H5Tclose); // memory type = file type: LE host, no conversion
    herr_t status;
    if (scalar) {
        status = H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data());
    } else {
        if (data.shape()[0] == 0)
            return;
        Hid fileSpace(H5Dget_space(dataset.get()), H5Sclose);
        std::vector<hsize_t> start(target.shape.size(), 0);
        start[0] = static_cast<hsize_t>(beginRow);
        const auto count = toDims(data.shape());
        H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
        Hid memSpace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
        status = H5Dwrite(dataset.get(), type.get(), memSpace.get(), fileSpace.get(), H5P_DEFAULT, data.data());
    }
    if (status < 0)
        throw Error(m_path + ": writing dataset '" + name + "' failed: " + hdf5::lastError());
}

void Hdf5Writer::writeDataset(const std::string &name, const HostTensor &tensor, int64_t chunkRows)
{
    createDataset(name, tensor.dtype(), tensor.shape(), chunkRows);
    writeRows(name, 0, tensor);
}

void Hdf5Writer::writeStrings(const std::string &name, const std::vector<std::string> &values, bool variableLength)
{
    ensureOpen();
    hdf5::Lock lock;
    Hid type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    std::size_t longest = 1;
    for (const auto &v : values)
        longest = std::max(longest, v.size());
    if (variableLength) {
        H5Tset_size(type.get(), H5T_VARIABLE);
    } else {
        H5Tset_size(type.get(), longest);
        H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
    }
    const hsize_t count = values.size();
    Hid space(H5Screate_simple(1, &count, nullptr), H5Sclose);
    Hid linkProps(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(linkProps.get(), 1);
    Hid dataset(H5Dcreate2(static_cast<hid_t>(m_file), name.c_str(), type.get(), space.get(), linkProps.get(),
                           H5P_DEFAULT, H5P_DEFAULT),
                H5Dclose);
    if (!dataset.valid())
        throw Error(m_path + ": cannot create dataset '" + name + "': " + hdf5::lastError());
    herr_t status = 0;
    if (variableLength) {
        std::vector<const char *> pointers;
        for (const auto &v : values)
            pointers.push_back(v.c_str());
        if (!pointers.empty())
            status = H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data());
    } else {
        std::vector<char> packed(values.size() * longest, '\0');
        for (std::size_t i = 0; i < values.size(); ++i)
            std::copy(values[i].begin(), values[i].end(), packed.begin() + static_cast<std::ptrdiff_t>(i * longest));
        if (!packed.empty())
            status = H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data());
    }
    if (status < 0)
        throw Error(m_path + ": writing dataset '" + name + "' failed: " + hdf5::lastError());
}

void Hdf5Writer::setStringAttribute(const std::string &objectName, const std::string &attribute,
                                    const std::string &value)
{
    ensureOpen();
    hdf5::Lock lock;
    const std::string object = objectName.empty() || objectName == "/" ? "." : objectName;
    Hid type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    Hid space(H5Screate(H5S_SCALAR), H5Sclose);
    if (H5Aexists_by_name(static_cast<hid_t>(m_file), object.c_str(), attribute.c_str(), H5P_DEFAULT) > 0)
        H5Adelete_by_name(static_cast<hid_t>(m_file), object.c_str(), attribute.c_str(), H5P_DEFAULT);
    Hid attr(H5Acreate_by_name(static_cast<hid_t>(m_file), object.c_str(), attribute.c_str(), type.get(), space.get(),
                               H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
             H5Aclose);
    const char *text = value.c_str();
    if (!attr.valid() || H5Awrite(attr.get(), type.get(), &text) < 0)
        throw Error(m_path + ": cannot set attribute '" + attribute + "' on '" + object + "': " + hdf5::lastError());
}

void Hdf5Writer::commit()
{
    ensureOpen();
    {
        hdf5::Lock lock;
        const herr_t status = H5Fclose(static_cast<hid_t>(m_file));
        m_file = -1;
        if (status < 0) {
            const std::string message = hdf5::lastError();
            std::error_code ec;
            std::filesystem::remove(m_partPath, ec);
            throw Error(m_path + ": closing the HDF5 file failed: " + message);
        }
    }
    std::error_code ec;
    std::filesystem::rename(m_partPath, m_path, ec);
    if (ec)
        throw Error(m_path + ": cannot move the finished file into place: " + ec.message());
}

} // namespace vindex::io
