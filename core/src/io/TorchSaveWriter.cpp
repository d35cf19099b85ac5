#include "vindex/io/TorchSaveWriter.h"

#include "vindex/core/Error.h"
#include "vindex/io/ZipWriter.h"

namespace vindex::io {
namespace {

const char *storageClass(DType dtype)
{
    switch (dtype) {
    case DType::F32: return "FloatStorage";
    case DType::F64: return "DoubleStorage";
    case DType::F16: return "HalfStorage";
    case DType::BF16: return "BFloat16Storage";
    case DType::I64: return "LongStorage";
    case DType::I32: return "IntStorage";
    case DType::I16: return "ShortStorage";
    case DType::I8: return "CharStorage";
    case DType::U8: return "ByteStorage";
    case DType::Bool: return "BoolStorage";
    default: return nullptr;
    }
}

} // namespace

TorchSaveWriter::TorchSaveWriter(std::string archiveName) : m_archive(std::move(archiveName)) {}

void TorchSaveWriter::beginOrderedDict()
{
    m_pickle.global("collections", "OrderedDict").emptyTuple().reduce().mark();
}

void TorchSaveWriter::tensor(const HostTensor &tensor)
{
    const char *storage = storageClass(tensor.dtype());
    if (!storage)
        throw Error("torch.save: no torch storage class for dtype " + std::string(dtypeName(tensor.dtype())));
    const std::string key = std::to_string(m_storages.size());
    m_storages.push_back(tensor.contiguous());

    PickleWriter &p = m_pickle;
    p.global("torch._utils", "_rebuild_tensor_v2").mark();
    p.mark().string("storage").global("torch", storage).string(key).string("cpu").integer(tensor.numel()).tuple();
    p.persistentId();
    p.integer(0); // storage offset
    p.mark();
    for (int64_t extent : tensor.shape())
        p.integer(extent);
    p.tuple();
    p.mark();
    for (int64_t stride : HostTensor::contiguousStrides(tensor.shape()))
        p.integer(stride);
    p.tuple();
    p.boolean(false); // requires_grad
    beginOrderedDict();
    p.setItems(); // backward hooks: an empty OrderedDict
    p.tuple().reduce();
}

void TorchSaveWriter::write(const std::string &path) const
{
    ZipWriter zip(path);
    zip.add(m_archive + "/data.pkl", m_pickle.finish());
    zip.add(m_archive + "/.format_version", std::string("1"));
    zip.add(m_archive + "/.storage_alignment", std::string("64"));
    zip.add(m_archive + "/byteorder", std::string("little"));
    for (std::size_t i = 0; i < m_storages.size(); ++i)
        zip.add(m_archive + "/data/" + std::to_string(i), m_storages[i].data(), m_storages[i].nbytes());
    zip.add(m_archive + "/version", std::string("3\n"));
    zip.finish();
}

} // namespace vindex::io
