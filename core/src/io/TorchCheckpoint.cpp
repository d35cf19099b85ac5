#include "vindex/io/TorchCheckpoint.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"
#include "vindex/io/Unpickler.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

namespace vindex::io {
namespace {

// A DAG of shared values could make the flattened list exponentially long; no real checkpoint comes near this.
constexpr uint64_t kMaxFlattenVisits = uint64_t{1} << 24;

// torch.save before 1.6 wrote a bare pickle that starts with PROTO 2 and this magic number as a LONG1.
constexpr unsigned char kLegacyMagic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c,
                                          0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};

void checkNotLegacy(const MappedFile &file)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(file.data());
    const std::size_t size = file.size();
    if (size >= sizeof kLegacyMagic && std::memcmp(bytes, kLegacyMagic, sizeof kLegacyMagic) == 0)
        throw FormatError(file.path(), "expected a torch.save zip archive, found a legacy torch.save file "
                                       "(PyTorch < 1.6, not a zip); load it in PyTorch and save it again");
    if (size >= 2 && bytes[0] == 0x80 && bytes[1] <= 5)
        throw FormatError(file.path(), "expected a torch.save zip archive, found a bare Python pickle");
    if (size >= 262 && std::memcmp(bytes + 257, "ustar", 5) == 0)
        throw FormatError(file.path(), "expected a torch.save zip archive, found a tar file (the tar format of "
                                       "very old torch.save versions is not supported)");
}

// How many values a walk from value visits, counting shared sub-values once per path (saturating). Each distinct
// value is counted once, so this is cheap even when the walk itself would be astronomically long.
uint64_t walkLength(const PickleValue &value, std::unordered_map<const PickleValue *, uint64_t> &known)
{
    const bool container = value.isDict() || value.isSequence();
    if (!container)
        return 1;
    if (const auto it = known.find(&value); it != known.end())
        return it->second;
    uint64_t n = 1;
    for (const auto &item : value.dictItems())
        n = std::min(kMaxFlattenVisits + 1, n + walkLength(*item.value, known));
    for (const auto &item : value.items())
        n = std::min(kMaxFlattenVisits + 1, n + walkLength(*item, known));
    known.emplace(&value, n);
    return n;
}

std::string keyName(const PickleValue &key)
{
    if (key.isString())
        return key.toStr();
    if (key.type() == PickleValue::Type::Int)
        return std::to_string(key.toInt());
    return key.toString(80);
}

} // namespace

TorchCheckpoint TorchCheckpoint::load(const std::string &path)
{
    auto file = MappedFile::open(path);
    checkNotLegacy(*file);
    const ZipArchive zip = ZipArchive::open(file);

    // Members all live under one folder whose name torch takes from the file name (or "archive").
    const ZipArchive::Entry *pickle = nullptr;
    for (const auto &entry : zip.entries()) {
        const auto slash = entry.name.find('/');
        if (slash == std::string::npos || slash == 0)
            continue;
        const std::string rest = entry.name.substr(slash + 1);
        if (rest == "constants.pkl" || rest.rfind("code/", 0) == 0)
            throw FormatError(path, "expected a torch.save checkpoint, found a TorchScript archive (torch.jit.save, "
                                    "member '" +
                                        entry.name + "'); save its state_dict() with torch.save instead");
        if (rest == "data.pkl") {
            if (pickle)
                throw FormatError(path, "expected one <archive>/data.pkl member, found '" + pickle->name + "' and '" +
                                            entry.name + "'");
            pickle = &entry;
        }
    }
    if (!pickle)
        throw FormatError(path, "expected a torch.save checkpoint with an <archive>/data.pkl member, found a zip "
                                "archive without one");

    TorchCheckpoint checkpoint;
    checkpoint.m_path = path;
    checkpoint.m_archiveName = pickle->name.substr(0, pickle->name.find('/'));
    const std::string prefix = checkpoint.m_archiveName + "/";

    if (const auto *byteorder = zip.find(prefix + "byteorder")) {
        const auto order = zip.read(*byteorder);
        if (order.view() != "little")
            throw FormatError(path, "expected little-endian storages, found byteorder '" +
                                        std::string(order.view().substr(0, 16)) + "'");
    }

    const ZipArchive::Data pickleData = zip.read(*pickle);
    std::map<std::string, ZipArchive::Data> members; // each storage member read (inflated) once
    Unpickler unpickler(path, pickleData.bytes(), pickle->name);
    unpickler.setStorageResolver([&](const std::string &key, DType dtype, int64_t numel, const std::string &) {
        const std::string memberName = prefix + "data/" + key;
        auto it = members.find(memberName);
        if (it == members.end()) {
            if (!zip.contains(memberName))
                throw FormatError(path, "storage '" + key + "' of " + pickle->name + " expects a member '" +
                                            memberName + "', found none");
            it = members.emplace(memberName, zip.read(memberName)).first;
        }
        const ZipArchive::Data &data = it->second;
        const std::size_t elementSize = dtypeSize(dtype);
        if (static_cast<uint64_t>(numel) > data.size / elementSize)
            throw FormatError(path, "storage '" + key + "' declares " + std::to_string(numel) + " " +
                                        std::string(dtypeName(dtype)) + " elements (" + std::to_string(numel) + " x " +
                                        std::to_string(elementSize) + " bytes), but member '" + memberName +
                                        "' holds only " + std::to_string(data.size) + " bytes");
        // torch aligns storages to 64 bytes; older writers did not, and tensors expect aligned elements.
        if (reinterpret_cast<std::uintptr_t>(data.data) % elementSize != 0) {
            HostTensor copy = HostTensor::allocate(dtype, {numel});
            std::memcpy(copy.mutableData(), data.data, static_cast<std::size_t>(numel) * elementSize);
            return copy;
        }
        return HostTensor(dtype, {numel}, data.data, data.owner);
    });
    checkpoint.m_root = unpickler.load();
    return checkpoint;
}

std::vector<TorchCheckpoint::NamedTensor> TorchCheckpoint::stateDict(const std::string &key) const
{
    if (key.empty())
        return flattenTensors(*m_root);
    if (!m_root->isDict())
        throw FormatError(m_path, "expected a dict at the top of the checkpoint, found " + m_root->typeName());
    const PickleValue *value = m_root->find(key);
    if (!value)
        throw FormatError(m_path, "expected an entry '" + key + "' in the checkpoint, found none");
    if (!value->isDict())
        throw FormatError(m_path, "expected '" + key + "' to be a dict of tensors, found " + value->typeName());
    return flattenTensors(*value);
}

std::vector<TorchCheckpoint::NamedTensor> TorchCheckpoint::flattenTensors(const PickleValue &value) const
{
    std::unordered_map<const PickleValue *, uint64_t> known;
    if (walkLength(value, known) > kMaxFlattenVisits)
        throw FormatError(m_path, "expected a tree of tensors, found more than " + std::to_string(kMaxFlattenVisits) +
                                      " entries through shared sub-values");
    std::vector<NamedTensor> out;
    // Recursion depth is bounded by the Unpickler's nesting limit.
    auto walk = [&](auto &self, const PickleValue &v, const std::string &name) -> void {
        const std::string dot = name.empty() ? "" : name + ".";
        switch (v.type()) {
        case PickleValue::Type::Tensor: out.emplace_back(name, v.tensor()); break;
        case PickleValue::Type::Dict:
            for (const auto &item : v.dictItems())
                self(self, *item.value, dot + keyName(*item.key));
            break;
        case PickleValue::Type::List:
        case PickleValue::Type::Tuple:
            for (std::size_t i = 0; i < v.items().size(); ++i)
                self(self, *v.items()[i], dot + std::to_string(i));
            break;
        default: break;
        }
    };
    walk(walk, value, {});
    return out;
}

} // namespace vindex::io
