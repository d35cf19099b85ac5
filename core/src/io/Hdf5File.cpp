#include "vindex/io/Hdf5File.h"

#include "Hdf5Support.h"
#include "vindex/core/Error.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace vindex::io {

namespace hdf5 {

std::recursive_mutex &mutex()
{
    static std::recursive_mutex instance;
    return instance;
}

Lock::Lock() : m_lock(mutex())
{
    // Per thread in thread-safe builds of HDF5, so set here rather than once.
    static thread_local bool silenced = false;
    if (!silenced) {
        H5open();
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        silenced = true;
    }
}

namespace {
herr_t collectError(unsigned, const H5E_error2_t *error, void *data)
{
    auto *messages = static_cast<std::vector<std::string> *>(data);
    if (error->desc && *error->desc)
        messages->emplace_back(error->desc);
    return 0;
}
} // namespace

std::string lastError()
{
    std::vector<std::string> messages;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collectError, &messages);
    H5Eclear2(H5E_DEFAULT);
    if (messages.empty())
        return "HDF5 error";
    if (messages.size() == 1 || messages.front() == messages.back())
        return messages.front();
    return messages.back() + " (" + messages.front() + ")";
}

} // namespace hdf5

namespace {

using hdf5::Hid;
using Hdf5Lock = hdf5::Lock;
using hdf5::lastError;

struct TypeFacts {
    std::optional<DType> dtype;
    bool isString = false;
    bool raw = false; // read with the file's own type and convert ourselves (float16, h5py bool enums)
    std::string text;
};

TypeFacts classify(hid_t type)
{
    TypeFacts facts;
    const H5T_class_t cls = H5Tget_class(type);
    const std::size_t size = H5Tget_size(type);
    switch (cls) {
    case H5T_FLOAT:
        if (size == 2) {
            facts.dtype = DType::F16;
            facts.raw = true;
        } else if (size == 4) {
            facts.dtype = DType::F32;
        } else if (size == 8) {
            facts.dtype = DType::F64;
        }
        facts.text = "float" + std::to_string(size * 8);
        break;
    case H5T_INTEGER: {
        const bool isSigned = H5Tget_sign(type) == H5T_SGN_2;
        switch (size) {
        case 1: facts.dtype = isSigned ? DType::I8 : DType::U8; break;
        case 2: facts.dtype = isSigned ? DType::I16 : DType::U16; break;
        case 4: facts.dtype = isSigned ? DType::I32 : DType::U32; break;
        case 8: facts.dtype = isSigned ? DType::I64 : DType::U64; break;
        default: break;
        }
        facts.text = std::string(isSigned ? "int" : "uint") + std::to_string(size * 8);
        break;
    }
    case H5T_ENUM:
        // h5py stores numpy bool as a 1-byte enum {FALSE, TRUE}.
        if (size == 1 && H5Tget_nmembers(type) == 2) {
            facts.dtype = DType::Bool;
            facts.raw = true;
        }
        facts.text = "enum";
        break;
    case H5T_STRING:
        facts.isString = true;
        facts.text = H5Tis_variable_str(type) > 0 ? "variable-length string" : "string" + std::to_string(size);
        break;
    case H5T_COMPOUND: facts.text = "compound"; break;
    case H5T_ARRAY: facts.text = "array"; break;
    case H5T_VLEN: facts.text = "variable-length sequence"; break;
    case H5T_REFERENCE: facts.text = "reference"; break;
    case H5T_OPAQUE: facts.text = "opaque"; break;
    case H5T_BITFIELD: facts.text = "bitfield"; break;
    default: facts.text = "unknown type"; break;
    }
    return facts;
}

hid_t nativeType(DType dtype)
{
    switch (dtype) {
    case DType::U8: return H5T_NATIVE_UINT8;
    case DType::I8: return H5T_NATIVE_INT8;
    case DType::I16: return H5T_NATIVE_INT16;
    case DType::U16: return H5T_NATIVE_UINT16;
    case DType::I32: return H5T_NATIVE_INT32;
    case DType::U32: return H5T_NATIVE_UINT32;
    case DType::I64: return H5T_NATIVE_INT64;
    case DType::U64: return H5T_NATIVE_UINT64;
    case DType::F32: return H5T_NATIVE_FLOAT;
    case DType::F64: return H5T_NATIVE_DOUBLE;
    default: return -1;
    }
}

template <typename T> void storeAll(const HostTensor &from, HostTensor &to)
{
    auto *out = reinterpret_cast<T *>(to.mutableData());
    const int64_t n = from.numel();
    if (from.dtype() == DType::F16) { // the common case (MindEye2 images): avoid the per-element switch
        const auto *in = reinterpret_cast<const uint16_t *>(from.data());
        for (int64_t i = 0; i < n; ++i)
            out[i] = static_cast<T>(halfToFloat(in[i]));
        return;
    }
    for (int64_t i = 0; i < n; ++i)
        out[i] = static_cast<T>(from.valueAt(i));
}

// Element-wise conversion of a contiguous tensor (C casts; float16/bfloat16 rounded to nearest even).
HostTensor convert(const HostTensor &from, DType to)
{
    if (from.dtype() == to)
        return from;
    HostTensor out = HostTensor::allocate(to, from.shape());
    const int64_t n = from.numel();
    switch (to) {
    case DType::Bool: {
        auto *p = reinterpret_cast<uint8_t *>(out.mutableData());
        for (int64_t i = 0; i < n; ++i)
            p[i] = from.valueAt(i) != 0.0 ? 1 : 0;
        break;
    }
    case DType::F16:
    case DType::BF16: {
        auto *p = reinterpret_cast<uint16_t *>(out.mutableData());
        for (int64_t i = 0; i < n; ++i) {
            const auto v = static_cast<float>(from.valueAt(i));
            p[i] = to == DType::F16 ? floatToHalf(v) : floatToBfloat16(v);
        }
        break;
    }
    case DType::F32: storeAll<float>(from, out); break;
    case DType::F64: storeAll<double>(from, out); break;
    case DType::U8: storeAll<uint8_t>(from, out); break;
    case DType::I8: storeAll<int8_t>(from, out); break;
    case DType::I16: storeAll<int16_t>(from, out); break;
    case DType::U16: storeAll<uint16_t>(from, out); break;
    case DType::I32: storeAll<int32_t>(from, out); break;
    case DType::U32: storeAll<uint32_t>(from, out); break;
    case DType::I64: storeAll<int64_t>(from, out); break;
    case DType::U64: storeAll<uint64_t>(from, out); break;
    default: throw Error(std::string("HDF5 reader: cannot convert to ") + std::string(dtypeName(to)));
    }
    return out;
}

std::string stripPadding(const char *data, std::size_t size)
{
    std::size_t n = 0;
    while (n < size && data[n] != '\0')
        ++n;
    std::string s(data, n);
    return s;
}

} // namespace

std::shared_ptr<const Hdf5File> Hdf5File::open(const std::string &path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw FormatError(path, "no such HDF5 file");
    Hdf5Lock lock;
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        throw FormatError(path, "not an HDF5 file (no HDF5 superblock)");
    }
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0)
        throw FormatError(path, "cannot open as HDF5: " + lastError());
    std::shared_ptr<Hdf5File> result(new Hdf5File());
    result->m_path = path;
    result->m_file = file;
    return result;
}

Hdf5File::~Hdf5File()
{
    if (m_file >= 0) {
        Hdf5Lock lock;
        H5Fclose(static_cast<hid_t>(m_file));
    }
}

std::vector<std::string> Hdf5File::datasetNames() const
{
    Hdf5Lock lock;
    std::vector<std::string> names;
    // Group traversal by index with version-stable calls; depth-limited so that hard-link loops cannot recurse forever.
    struct Walker {
        const Hdf5File *self;
        std::vector<std::string> &names;
        void walk(hid_t group, const std::string &prefix, int depth)
        {
            H5G_info_t info{};
            if (depth > 32 || H5Gget_info(group, &info) < 0) {
                H5Eclear2(H5E_DEFAULT);
                return;
            }
            for (hsize_t i = 0; i < info.nlinks; ++i) {
                const ssize_t length =
                    H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
                if (length < 0)
                    continue;
                std::string name(static_cast<std::size_t>(length) + 1, '\0');
                H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
                name.resize(static_cast<std::size_t>(length));
                Hid object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
                if (!object.valid()) { // dangling soft or external link
                    H5Eclear2(H5E_DEFAULT);
                    continue;
                }
                const H5I_type_t kind = H5Iget_type(object.get());
                if (kind == H5I_DATASET)
                    names.push_back(prefix + name);
                else if (kind == H5I_GROUP)
                    walk(object.get(), prefix + name + "/", depth + 1);
            }
        }
    };
    Walker{this, names}.walk(static_cast<hid_t>(m_file), "", 0);
    return names;
}

bool Hdf5File::hasDataset(const std::string &name) const
{
    Hdf5Lock lock;
    const hid_t file = static_cast<hid_t>(m_file);
    // H5Lexists checks one link at a time: walk the path so that "a/b" with a missing "a" is false, not an error.
    std::string prefix;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = name.find('/', start);
        prefix = name.substr(0, slash);
        if (prefix.empty() || H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) {
            H5Eclear2(H5E_DEFAULT);
            return false;
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    Hid object(H5Oopen(file, name.c_str(), H5P_DEFAULT), H5Oclose);
    if (!object.valid()) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    return H5Iget_type(object.get()) == H5I_DATASET;
}

Hdf5File::DatasetInfo Hdf5File::dataset(const std::string &name) const
{
    if (!hasDataset(name))
        throw FormatError(m_path, "no dataset '" + name + "'");
    Hdf5Lock lock;
    Hid dataset(H5Dopen2(static_cast<hid_t>(m_file), name.c_str(), H5P_DEFAULT), H5Dclose);
    if (!dataset.valid())
        throw FormatError(m_path, "dataset '" + name + "': " + lastError());
    Hid space(H5Dget_space(dataset.get()), H5Sclose);
    Hid type(H5Dget_type(dataset.get()), H5Tclose);
    if (!space.valid() || !type.valid())
        throw FormatError(m_path, "dataset '" + name + "': " + lastError());
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0)
        throw FormatError(m_path, "dataset '" + name + "': " + lastError());
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    DatasetInfo info;
    info.name = name;
    for (hsize_t d : dims)
        info.shape.push_back(static_cast<int64_t>(d));
    const TypeFacts facts = classify(type.get());
    info.dtype = facts.dtype;
    info.isString = facts.isString;
    info.typeText = facts.text;
    return info;
}

HostTensor Hdf5File::read(const std::string &name, DType dtype) const
{
    const DatasetInfo info = dataset(name);
    if (info.shape.empty())
        return readSelection(name, {}, false, dtype);
    return readSelection(name, {{0, info.shape[0]}}, false, dtype);
}

HostTensor Hdf5File::readRows(const std::string &name, int64_t begin, int64_t end, DType dtype) const
{
    return readSelection(name, {{begin, end}}, false, dtype);
}

HostTensor Hdf5File::readRow(const std::string &name, int64_t row, DType dtype) const
{
    return readSelection(name, {{row, row + 1}}, true, dtype);
}

HostTensor Hdf5File::readRowsAt(const std::string &name, std::span<const int64_t> rows, DType dtype) const
{
    // Consecutive rows become one range, so that a sorted batch costs few reads.
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (int64_t row : rows) {
        if (!ranges.empty() && ranges.back().second == row)
            ++ranges.back().second;
        else
            ranges.emplace_back(row, row + 1);
    }
    return readSelection(name, ranges, false, dtype);
}

HostTensor Hdf5File::readSelection(const std::string &name, const std::vector<std::pair<int64_t, int64_t>> &ranges,
                                   bool dropFirstDim, DType dtype) const
{
    const DatasetInfo info = dataset(name);
    const std::string where = "dataset '" + name + "'";
    if (!info.dtype)
        throw FormatError(m_path, where + " holds " + info.typeText + ", not numbers");
    if (dtype == DType::F8E4M3 || dtype == DType::F8E5M2)
        throw Error(m_path + ": " + where + ": cannot convert to " + std::string(dtypeName(dtype)));
    if (info.shape.empty() && !ranges.empty())
        throw Error(m_path + ": " + where + " is a scalar and has no rows");

    int64_t rowCount = 0;
    for (const auto &[begin, end] : ranges) {
        if (begin < 0 || end < begin || end > info.shape[0])
            throw Error(m_path + ": " + where + ": rows [" + std::to_string(begin) + ", " + std::to_string(end) +
                        ") are outside [0, " + std::to_string(info.shape[0]) + ")");
        rowCount += end - begin;
    }
    std::vector<int64_t> rowShape(info.shape.begin() + (info.shape.empty() ? 0 : 1), info.shape.end());
    int64_t rowElements = 1;
    for (int64_t d : rowShape)
        rowElements *= d;

    // float16 and bool enums are read as stored (no HDF5 conversion exists for them in 1.10) and converted here;
    // a float16 target goes through float32.
    const TypeFacts facts = [&] {
        Hdf5Lock lock;
        Hid dataset(H5Dopen2(static_cast<hid_t>(m_file), name.c_str(), H5P_DEFAULT), H5Dclose);
        Hid type(H5Dget_type(dataset.get()), H5Tclose);
        return classify(type.get());
    }();
    DType readAs = dtype;
    if (facts.raw)
        readAs = *info.dtype;
    else if (dtype == DType::F16 || dtype == DType::BF16)
        readAs = DType::F32;
    else if (dtype == DType::Bool)
        readAs = DType::U8;

    std::vector<int64_t> shape;
    if (info.shape.empty() || dropFirstDim) {
        shape = rowShape;
    } else {
        shape = rowShape;
        shape.insert(shape.begin(), rowCount);
    }
    HostTensor buffer = HostTensor::allocate(readAs, shape);
    {
        Hdf5Lock lock;
        Hid dataset(H5Dopen2(static_cast<hid_t>(m_file), name.c_str(), H5P_DEFAULT), H5Dclose);
        Hid fileSpace(H5Dget_space(dataset.get()), H5Sclose);
        Hid fileType(H5Dget_type(dataset.get()), H5Tclose);
        if (!dataset.valid() || !fileSpace.valid() || !fileType.valid())
            throw FormatError(m_path, where + ": " + lastError());
        hid_t memType = nativeType(readAs);
        std::unique_ptr<Hid> ownedType;
        if (facts.raw) {
            ownedType = std::make_unique<Hid>(H5Tcopy(fileType.get()), H5Tclose);
            memType = ownedType->get();
            if (H5Tget_size(memType) > 1)
                H5Tset_order(memType, H5T_ORDER_LE); // byte-swaps a big-endian file, a no-op otherwise
        }
        const std::size_t elementSize = dtypeSize(readAs);
        if (info.shape.empty()) {
            if (H5Dread(dataset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.mutableData()) < 0)
                throw FormatError(m_path, where + ": read failed: " + lastError());
        } else {
            std::byte *out = buffer.mutableData();
            const std::size_t rank = info.shape.size();
            for (const auto &[begin, end] : ranges) {
                if (end == begin)
                    continue;
                std::vector<hsize_t> start(rank, 0), count(rank);
                start[0] = static_cast<hsize_t>(begin);
                count[0] = static_cast<hsize_t>(end - begin);
                for (std::size_t d = 1; d < rank; ++d)
                    count[d] = static_cast<hsize_t>(info.shape[d]);
                if (H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) <
                    0)
                    throw FormatError(m_path, where + ": " + lastError());
                Hid memSpace(H5Screate_simple(static_cast<int>(rank), count.data(), nullptr), H5Sclose);
                if (H5Dread(dataset.get(), memType, memSpace.get(), fileSpace.get(), H5P_DEFAULT, out) < 0)
                    throw FormatError(m_path, where + ": read of rows [" + std::to_string(begin) + ", " +
                                                  std::to_string(end) + ") failed: " + lastError());
                out += static_cast<std::size_t>((end - begin) * rowElements) * elementSize;
            }
        }
    }
    return convert(buffer, dtype);
}

std::vector<std::string> Hdf5File::readStrings(const std::string &name) const
{
    const DatasetInfo info = dataset(name);
    const std::string where = "dataset '" + name + "'";
    if (!info.isString)
        throw FormatError(m_path, where + " holds " + info.typeText + ", not strings");
    std::size_t count = 1;
    for (int64_t d : info.shape)
        count *= static_cast<std::size_t>(d);
    Hdf5Lock lock;
    Hid dataset(H5Dopen2(static_cast<hid_t>(m_file), name.c_str(), H5P_DEFAULT), H5Dclose);
    Hid space(H5Dget_space(dataset.get()), H5Sclose);
    Hid fileType(H5Dget_type(dataset.get()), H5Tclose);
    std::vector<std::string> result;
    result.reserve(count);
    if (H5Tis_variable_str(fileType.get()) > 0) {
        Hid memType(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(memType.get(), H5T_VARIABLE);
        H5Tset_cset(memType.get(), H5Tget_cset(fileType.get()));
        std::vector<char *> pointers(count, nullptr);
        if (H5Dread(dataset.get(), memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
            throw FormatError(m_path, where + ": read failed: " + lastError());
        for (char *p : pointers)
            result.emplace_back(p ? p : "");
        H5Dvlen_reclaim(memType.get(), space.get(), H5P_DEFAULT, pointers.data());
    } else {
        const std::size_t size = H5Tget_size(fileType.get());
        std::vector<char> data(count * size);
        if (!data.empty() && H5Dread(dataset.get(), fileType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) < 0)
            throw FormatError(m_path, where + ": read failed: " + lastError());
        const bool spacePadded = H5Tget_strpad(fileType.get()) == H5T_STR_SPACEPAD;
        for (std::size_t i = 0; i < count; ++i) {
            std::string s = stripPadding(data.data() + i * size, size);
            if (spacePadded)
                s.erase(s.find_last_not_of(' ') + 1);
            result.push_back(std::move(s));
        }
    }
    return result;
}

std::optional<std::string> Hdf5File::stringAttribute(const std::string &objectName, const std::string &attribute) const
{
    Hdf5Lock lock;
    const hid_t file = static_cast<hid_t>(m_file);
    const std::string object = objectName.empty() || objectName == "/" ? "." : objectName;
    if (H5Aexists_by_name(file, object.c_str(), attribute.c_str(), H5P_DEFAULT) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    Hid attr(H5Aopen_by_name(file, object.c_str(), attribute.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    Hid type(H5Aget_type(attr.get()), H5Tclose);
    Hid space(H5Aget_space(attr.get()), H5Sclose);
    if (!attr.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
        H5Sget_simple_extent_npoints(space.get()) != 1) {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    if (H5Tis_variable_str(type.get()) > 0) {
        Hid memType(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(memType.get(), H5T_VARIABLE);
        H5Tset_cset(memType.get(), H5Tget_cset(type.get()));
        char *p = nullptr;
        if (H5Aread(attr.get(), memType.get(), &p) < 0) {
            H5Eclear2(H5E_DEFAULT);
            return std::nullopt;
        }
        std::string value = p ? p : "";
        H5Dvlen_reclaim(memType.get(), space.get(), H5P_DEFAULT, &p);
        return value;
    }
    const std::size_t size = H5Tget_size(type.get());
    std::vector<char> data(size);
    if (H5Aread(attr.get(), type.get(), data.data()) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    std::string value = stripPadding(data.data(), size);
    if (H5Tget_strpad(type.get()) == H5T_STR_SPACEPAD)
        value.erase(value.find_last_not_of(' ') + 1);
    return value;
}

} // namespace vindex::io
