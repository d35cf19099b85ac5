#include "vindex/io/FileInspector.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"
#include "vindex/io/NiftiImage.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/ShardedCheckpoint.h"
#include "vindex/io/TorchCheckpoint.h"

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace vindex::io {
namespace {

using Json = nlohmann::ordered_json;

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Json tensorJson(const std::string &name, const HostTensor &t)
{
    return Json{{"name", name}, {"dtype", std::string(dtypeName(t.dtype()))}, {"shape", t.shape()}};
}

Json inspectSafetensors(const std::string &path)
{
    const auto file = SafetensorsFile::open(path);
    Json d{{"path", path}, {"format", "safetensors"}};
    d["metadata"] = Json(file.metadata());
    Json tensors = Json::array();
    for (const auto &name : file.names())
        tensors.push_back(tensorJson(name, file.tensor(name)));
    d["tensors"] = std::move(tensors);
    return d;
}

Json inspectNifti(const std::string &path)
{
    const auto image = NiftiImage::read(path);
    Json d{{"path", path}, {"format", "nifti1"}};
    Json header;
    header["dim"] = image.shape();
    const auto pixdim = image.pixdim();
    header["pixdim"] = std::vector<double>(pixdim.begin(), pixdim.end());
    header["datatype"] = image.datatypeCode();
    header["scl_slope"] = image.sclSlope();
    header["scl_inter"] = image.sclInter();
    header["sform_code"] = image.sformCode();
    header["qform_code"] = image.qformCode();
    Json affine = Json::array();
    for (const auto &row : image.affine())
        affine.push_back(std::vector<double>(row.begin(), row.end()));
    header["affine"] = std::move(affine);
    header["descrip"] = image.description();
    d["metadata"] = std::move(header);
    d["tensors"] = Json::array({tensorJson("data", image.data())});
    return d;
}

Json inspectNpy(const std::string &path)
{
    const auto file = MappedFile::open(path);
    const auto header = NpyFile::parseHeader(file->data(), file->size(), path);
    Json d{{"path", path}, {"format", "npy"}};
    d["metadata"] =
        Json{{"version", header.majorVersion}, {"descr", header.descr}, {"fortran_order", header.fortranOrder}};
    d["tensors"] = Json::array(
        {Json{{"name", "array"}, {"dtype", std::string(dtypeName(header.dtype))}, {"shape", header.shape}}});
    return d;
}

// The pickle tree as JSON: tensors become {"tensor": {dtype, shape}}, unknown globals {"opaque": name, ...}.
Json pickleJson(const PickleValue &v)
{
    switch (v.type()) {
    case PickleValue::Type::None: return nullptr;
    case PickleValue::Type::Bool: return v.toBool();
    case PickleValue::Type::Int: return v.toInt();
    case PickleValue::Type::Float: return v.toDouble();
    case PickleValue::Type::String: return v.toStr();
    case PickleValue::Type::Bytes: return Json{{"bytes", v.bytes().size()}};
    case PickleValue::Type::List:
    case PickleValue::Type::Tuple: {
        Json items = Json::array();
        for (const auto &item : v.items())
            items.push_back(pickleJson(*item));
        return items;
    }
    case PickleValue::Type::Dict: {
        Json object = Json::object();
        for (const auto &[key, value] : v.dictItems())
            object[key->isString() ? key->toStr() : key->toString(80)] = pickleJson(*value);
        return object;
    }
    case PickleValue::Type::Tensor:
    case PickleValue::Type::Storage:
        return Json{{v.type() == PickleValue::Type::Tensor ? "tensor" : "storage",
                     {{"dtype", std::string(dtypeName(v.tensor().dtype()))}, {"shape", v.tensor().shape()}}}};
    case PickleValue::Type::Opaque: {
        Json object{{"opaque", v.qualifiedName()}};
        if (v.args())
            object["args"] = pickleJson(*v.args());
        if (v.state())
            object["state"] = pickleJson(*v.state());
        return object;
    }
    }
    return nullptr;
}

Json inspectTorch(const std::string &path)
{
    const auto checkpoint = TorchCheckpoint::load(path);
    Json d{{"path", path}, {"format", "pytorch-zip"}};
    d["metadata"] = Json{{"archive", checkpoint.archiveName()}};
    Json tensors = Json::array();
    for (const auto &[name, tensor] : checkpoint.stateDict())
        tensors.push_back(tensorJson(name, tensor));
    d["tensors"] = std::move(tensors);
    d["entries"] = pickleJson(checkpoint.root());
    return d;
}

// A sharded checkpoint (index.json or a model folder): every tensor with the shard that holds it.
Json inspectSharded(const std::string &path)
{
    const auto checkpoint = ShardedCheckpoint::open(path);
    Json d{{"path", path}, {"format", "checkpoint"}};
    Json metadata(checkpoint.metadata());
    metadata["index"] = checkpoint.path();
    metadata["shards"] = checkpoint.shardFiles().size();
    d["metadata"] = std::move(metadata);
    Json tensors = Json::array();
    for (const auto &name : checkpoint.names()) {
        Json t = tensorJson(name, checkpoint.tensor(name));
        t["shard"] = fs::path(checkpoint.shardOf(name)).filename().string();
        tensors.push_back(std::move(t));
    }
    d["tensors"] = std::move(tensors);
    return d;
}

int countTensors(const Json &value)
{
    if (value.is_object() && (value.contains("tensor") || value.contains("storage")) && value.size() == 1)
        return 1;
    int n = 0;
    if (value.is_structured())
        for (const auto &item : value)
            n += countTensors(item);
    return n;
}

// One line for a value in the text listing: plain values whole, containers of many tensors summarised.
std::string entryText(const Json &value)
{
    std::string text;
    const int tensors = countTensors(value);
    if (tensors > 3 && value.is_object()) {
        const bool flat = tensors == static_cast<int>(value.size());
        if (flat)
            return std::to_string(tensors) + " tensors";
        text = "{";
        for (const auto &[key, item] : value.items())
            text += (text.size() > 1 ? ", " : "") + key + ": " +
                    (countTensors(item) > 3 ? std::to_string(item.size()) + " entries with " +
                                                  std::to_string(countTensors(item)) + " tensors"
                                            : item.dump());
        text += "}";
    } else {
        text = value.dump();
    }
    if (text.size() > 400)
        text = text.substr(0, 397) + "...";
    return text;
}

std::string shapeText(const Json &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i].get<int64_t>());
    return s + "]";
}

} // namespace

Json FileInspector::inspect(const std::string &path)
{
    if (!fs::exists(path))
        throw FormatError(path, "no such file or folder");
    if (fs::is_directory(path) || endsWith(path, ".index.json"))
        return inspectSharded(path);
    if (endsWith(path, ".safetensors"))
        return inspectSafetensors(path);
    if (endsWith(path, ".npy"))
        return inspectNpy(path);
    if (endsWith(path, ".nii") || endsWith(path, ".nii.gz"))
        return inspectNifti(path);
    if (endsWith(path, ".pth") || endsWith(path, ".pt") || endsWith(path, ".bin") || endsWith(path, ".ckpt"))
        return inspectTorch(path);
    throw FormatError(path, "unrecognised file type (expected .safetensors, .pth/.pt/.bin, *.index.json, a "
                            "checkpoint folder, .npy, .nii or .nii.gz)");
}

std::string FileInspector::toText(const Json &d)
{
    std::ostringstream out;
    out << d.value("path", "") << "  (" << d.value("format", "") << ")\n";
    if (d.contains("metadata") && !d["metadata"].empty()) {
        out << "metadata:\n";
        for (const auto &[key, value] : d["metadata"].items())
            out << "  " << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
    }
    if (d.contains("tensors")) {
        const auto &tensors = d["tensors"];
        std::size_t width = 4;
        for (const auto &t : tensors)
            width = std::max(width, t["name"].get<std::string>().size());
        out << tensors.size() << " tensors:\n";
        for (const auto &t : tensors) {
            const auto name = t["name"].get<std::string>();
            out << "  " << name << std::string(width - name.size() + 2, ' ') << t["dtype"].get<std::string>()
                << std::string(6 - std::min<std::size_t>(5, t["dtype"].get<std::string>().size()), ' ')
                << shapeText(t["shape"]);
            if (t.contains("shard"))
                out << "  " << t["shard"].get<std::string>();
            out << '\n';
        }
    }
    if (d.contains("entries") && d["entries"].is_object()) {
        out << "entries:\n";
        for (const auto &[key, value] : d["entries"].items())
            out << "  " << key << ": " << entryText(value) << '\n';
    }
    return out.str();
}

} // namespace vindex::io
