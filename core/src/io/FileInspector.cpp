#include "vindex/io/FileInspector.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"
#include "vindex/io/NiftiImage.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/SafetensorsFile.h"

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
    d["metadata"] = Json{{"version", header.majorVersion},
                         {"descr", header.descr},
                         {"fortran_order", header.fortranOrder}};
    d["tensors"] = Json::array({Json{{"name", "array"},
                                     {"dtype", std::string(dtypeName(header.dtype))},
                                     {"shape", header.shape}}});
    return d;
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
    if (endsWith(path, ".safetensors"))
        return inspectSafetensors(path);
    if (endsWith(path, ".npy"))
        return inspectNpy(path);
    if (endsWith(path, ".nii") || endsWith(path, ".nii.gz"))
        return inspectNifti(path);
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
                << shapeText(t["shape"]) << '\n';
        }
    }
    return out.str();
}

} // namespace vindex::io
