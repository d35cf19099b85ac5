#include "vindex/data/WebdatasetLayout.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/io/MappedFile.h"
#include "vindex/io/NpyFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

using Member = io::TarArchive::Member;

// "<tar>: member '<name>'" — how every message points at a member.
std::string where(const std::string &tarPath, const std::string &member)
{
    return tarPath + ": member '" + member + "'";
}

bool isIntegerType(io::DType dtype)
{
    using io::DType;
    return dtype == DType::I8 || dtype == DType::I16 || dtype == DType::I32 || dtype == DType::I64 ||
           dtype == DType::U8 || dtype == DType::U16 || dtype == DType::U32 || dtype == DType::U64;
}

int64_t numelOf(const std::vector<int64_t> &shape)
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

std::string shapeString(const std::vector<int64_t> &shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

// Tars of one split and subject, with their shard number: <split>_subj<SS>_<N>.tar.
struct ShardFile {
    int64_t number = 0;
    std::string path;
};

std::vector<ShardFile> listShards(const std::string &directory, const char *split, int subject)
{
    std::vector<ShardFile> out;
    const fs::path folder = fs::path(directory) / split;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return out;
    const std::regex pattern(std::string(split) + R"(_subj(\d{1,6})_(\d{1,9})\.tar)");
    for (const auto &entry : fs::directory_iterator(folder, ec)) {
        std::smatch m;
        const std::string name = entry.path().filename().string();
        if (!std::regex_match(name, m, pattern) || std::stoi(m[1].str()) != subject)
            continue;
        out.push_back({std::stoll(m[2].str()), entry.path().string()});
    }
    // Numeric order: train_subj01_10 comes after train_subj01_9.
    std::sort(out.begin(), out.end(), [](const ShardFile &a, const ShardFile &b) { return a.number < b.number; });
    return out;
}

} // namespace

std::string WebdatasetLayout::findDirectory(const std::string &root)
{
    std::error_code ec;
    const fs::path nested = fs::path(root) / "webdataset_avg_split";
    if (fs::is_directory(nested, ec))
        return nested.string();
    for (Split split : kSplits)
        if (fs::is_directory(fs::path(root) / splitName(split), ec))
            return root;
    return {};
}

std::vector<int> WebdatasetLayout::findSubjects(const std::string &root)
{
    const std::string directory = findDirectory(root);
    std::set<int> subjects;
    if (directory.empty())
        return {};
    std::error_code ec;
    for (Split split : kSplits) {
        const fs::path folder = fs::path(directory) / splitName(split);
        if (!fs::is_directory(folder, ec))
            continue;
        const std::regex pattern(std::string(splitName(split)) + R"(_subj(\d{1,6})_(\d{1,9})\.tar)");
        for (const auto &entry : fs::directory_iterator(folder, ec)) {
            std::smatch m;
            const std::string name = entry.path().filename().string();
            if (std::regex_match(name, m, pattern))
                subjects.insert(std::stoi(m[1].str()));
        }
    }
    return {subjects.begin(), subjects.end()};
}

WebdatasetLayout WebdatasetLayout::open(const std::string &root, int subject, Policy policy)
{
    WebdatasetLayout layout;
    layout.m_subject = subject;
    layout.m_directory = findDirectory(root);
    if (layout.m_directory.empty())
        throw DataError(root + ": no webdataset_avg_split folder (nor train/val/test folders) found");

    std::size_t tars = 0;
    for (Split split : kSplits) {
        SplitData &data = layout.m_splits[index(split)];
        const auto files = listShards(layout.m_directory, splitName(split), subject);
        if (files.empty()) {
            char expected[80];
            std::snprintf(expected, sizeof expected, "%s/%s_subj%02d_N.tar", splitName(split), splitName(split),
                          subject);
            layout.m_problems.push_back(layout.m_directory + ": split " + splitName(split) + " has no tars (expected " +
                                        expected + ")");
        }
        tars += files.size();
        for (const ShardFile &file : files) {
            std::optional<io::TarArchive> archive;
            ShardScan scan;
            try {
                archive = io::TarArchive::open(file.path);
                scan = scanShard(*archive, data.shards.size());
                archive->file()->releasePages(); // the header scan touched pages all over the file
            } catch (const Error &e) {
                if (policy == Policy::Strict)
                    throw;
                layout.m_problems.push_back(std::string(e.what()) + " (shard left out)");
                continue;
            }
            // Across shards a different voxel count means tars of another subject or ROI: no side can be trusted.
            if (scan.voxelCount >= 0) {
                if (layout.m_voxelCount < 0) {
                    layout.m_voxelCount = scan.voxelCount;
                    layout.m_voxelCountSource = scan.voxelSource;
                } else if (scan.voxelCount != layout.m_voxelCount) {
                    throw DataError(scan.voxelSource + " has " + std::to_string(scan.voxelCount) + " voxels, but " +
                                    layout.m_voxelCountSource + " has " + std::to_string(layout.m_voxelCount));
                }
            }
            for (Sample &sample : scan.samples)
                data.samples.push_back(std::move(sample));
            data.shards.push_back(std::move(*archive));
        }
    }
    if (tars == 0) {
        char pattern[64];
        std::snprintf(pattern, sizeof pattern, "{train,val,test}/*_subj%02d_N.tar", subject);
        throw DataError(layout.m_directory + ": no tars for subject " + std::to_string(subject) + " (expected " +
                        pattern + ")");
    }
    if (layout.m_voxelCount < 0)
        throw DataError(layout.m_directory + ": subject " + std::to_string(subject) + " has no readable samples" +
                        (layout.m_problems.empty() ? std::string() : " (" + layout.m_problems.back() + ")"));

    char metaName[64];
    std::snprintf(metaName, sizeof metaName, "metadata_subj%02d.json", subject);
    const fs::path metaPath = fs::path(layout.m_directory) / metaName;
    std::error_code ec;
    if (fs::exists(metaPath, ec))
        try {
            std::ifstream in(metaPath);
            const nlohmann::json meta = nlohmann::json::parse(in, nullptr, false);
            if (meta.is_discarded() || !meta.is_object())
                throw FormatError(metaPath.string(), "not a JSON object");
            if (meta.contains("totals")) {
                const auto &totals = meta["totals"];
                if (!totals.is_object())
                    throw FormatError(metaPath.string(), "'totals' is not an object");
                for (const auto &[name, value] : totals.items()) {
                    if (!value.is_number_integer())
                        throw FormatError(metaPath.string(), "'totals." + name + "' is not an integer");
                    layout.m_metadataTotals[name] = value.get<int64_t>();
                }
            }
            for (Split split : kSplits) {
                const auto it = layout.m_metadataTotals.find(splitName(split));
                if (it != layout.m_metadataTotals.end() &&
                    it->second != static_cast<int64_t>(layout.sampleCount(split)))
                    layout.m_problems.push_back(metaPath.string() + ": totals." + splitName(split) + " is " +
                                                std::to_string(it->second) + ", but the " + splitName(split) +
                                                " tars hold " + std::to_string(layout.sampleCount(split)) + " samples");
            }
        } catch (const FormatError &e) {
            // The totals are informative only: a broken metadata file need not stop a lenient open.
            if (policy == Policy::Strict)
                throw;
            layout.m_metadataTotals.clear();
            layout.m_problems.push_back(e.what());
        }
    return layout;
}

WebdatasetLayout::ShardScan WebdatasetLayout::scanShard(const io::TarArchive &archive, std::size_t shardIndex)
{
    ShardScan scan;
    const std::string &tarPath = archive.path();
    // webdataset's grouping: consecutive members with the same key form one sample; the key is the path up to the
    // first dot of the basename, the rest (lower-cased) names the member.
    struct Pending {
        std::string key;
        std::map<std::string, const Member *> members;
    };
    std::vector<Pending> groups;
    for (const Member &member : archive.members()) {
        const std::size_t slash = member.name.rfind('/');
        const std::size_t baseStart = slash == std::string::npos ? 0 : slash + 1;
        const std::size_t dot = member.name.find('.', baseStart);
        if (dot == std::string::npos || dot == baseStart)
            continue; // no extension: webdataset skips such members too
        const std::string key = member.name.substr(0, dot);
        std::string ext = member.name.substr(dot + 1);
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (groups.empty() || groups.back().key != key)
            groups.push_back({key, {}});
        groups.back().members[ext] = &member;
    }

    for (const Pending &group : groups) {
        auto require = [&](const std::string &ext) -> const Member & {
            const auto it = group.members.find(ext);
            if (it == group.members.end())
                throw DataError(where(tarPath, group.key + "." + ext) + " is missing (sample '" + group.key + "')");
            return *it->second;
        };
        Sample sample;
        sample.key = group.key;
        sample.shard = shardIndex;
        for (const char *ext : {"jpg", "jpeg", "png"}) {
            const auto it = group.members.find(ext);
            if (it != group.members.end()) {
                sample.imageExt = ext;
                sample.image = *it->second;
                break;
            }
        }
        if (sample.imageExt.empty())
            throw DataError(where(tarPath, group.key + ".jpg") + " is missing (nor .png): sample '" + group.key +
                            "' has no image");
        sample.voxels = require("nsdgeneral.npy");
        sample.coco = require("coco73k.npy");
        sample.trial = require("trial.npy");
        if (const auto it = group.members.find("num_uniques.npy"); it != group.members.end())
            sample.numUniques = *it->second;

        // Headers only: cheap, and a broken sample is reported when the subject opens, not in the middle of a run.
        auto header = [&](const Member &m) {
            const auto bytes = archive.read(m);
            return io::NpyFile::parseHeader(bytes.data, bytes.size, where(tarPath, m.name));
        };
        const auto voxels = header(sample.voxels);
        if (voxels.shape.size() != 2 || voxels.shape[0] < 1 || !isFloatingPoint(voxels.dtype))
            throw DataError(where(tarPath, sample.voxels.name) + ": expected a float (repeats, voxels) array, found " +
                            voxels.descr + " " + shapeString(voxels.shape));
        if (scan.voxelCount < 0) {
            scan.voxelCount = voxels.shape[1];
            scan.voxelSource = where(tarPath, sample.voxels.name);
        } else if (voxels.shape[1] != scan.voxelCount) {
            throw DataError(where(tarPath, sample.voxels.name) + " has " + std::to_string(voxels.shape[1]) +
                            " voxels, but " + scan.voxelSource + " has " + std::to_string(scan.voxelCount));
        }
        const auto coco = header(sample.coco);
        if (!isIntegerType(coco.dtype) || numelOf(coco.shape) != 1)
            throw DataError(where(tarPath, sample.coco.name) + ": expected one integer image id, found " + coco.descr +
                            " " + shapeString(coco.shape));
        const auto trial = header(sample.trial);
        if (!isIntegerType(trial.dtype) || numelOf(trial.shape) < 1)
            throw DataError(where(tarPath, sample.trial.name) + ": expected integer trial ids, found " + trial.descr +
                            " " + shapeString(trial.shape));
        if (sample.numUniques) {
            const auto uniques = header(*sample.numUniques);
            if (!isIntegerType(uniques.dtype) || numelOf(uniques.shape) != 1)
                throw DataError(where(tarPath, sample.numUniques->name) + ": expected one integer, found " +
                                uniques.descr + " " + shapeString(uniques.shape));
        }
        scan.samples.push_back(std::move(sample));
    }
    return scan;
}

std::vector<std::string> WebdatasetLayout::shardPaths(Split split) const
{
    std::vector<std::string> out;
    for (const auto &shard : m_splits[index(split)].shards)
        out.push_back(shard.path());
    return out;
}

const WebdatasetLayout::Sample &WebdatasetLayout::sample(Split split, std::size_t i) const
{
    const auto &list = samples(split);
    if (i >= list.size())
        throw DataError(m_directory + ": subject " + std::to_string(m_subject) + " split " + splitName(split) +
                        " has " + std::to_string(list.size()) + " samples; sample " + std::to_string(i) +
                        " was asked for");
    return list[i];
}

const io::TarArchive &WebdatasetLayout::shardOf(Split split, const Sample &s) const
{
    return m_splits[index(split)].shards[s.shard];
}

io::HostTensor WebdatasetLayout::readNpy(Split split, const Sample &s, const Member &member) const
{
    const io::TarArchive &tar = shardOf(split, s);
    const auto bytes = tar.read(member);
    return io::NpyFile::fromBytes(bytes.owner, bytes.data, bytes.size, where(tar.path(), member.name));
}

io::HostTensor WebdatasetLayout::voxels(Split split, std::size_t i) const
{
    const Sample &s = sample(split, i);
    return readNpy(split, s, s.voxels);
}

std::vector<float> WebdatasetLayout::meanVoxels(Split split, std::size_t i) const
{
    const io::HostTensor t = voxels(split, i);
    const int64_t repeats = t.shape()[0];
    const int64_t nvox = t.shape()[1];
    const std::vector<float> all = t.toFloatVector();
    release(split, sample(split, i), sample(split, i).voxels);
    std::vector<float> mean(static_cast<std::size_t>(nvox), 0.0f);
    // Summed in double: the mean of float16 values should not depend on the order of three additions.
    for (int64_t v = 0; v < nvox; ++v) {
        double sum = 0;
        for (int64_t r = 0; r < repeats; ++r)
            sum += all[static_cast<std::size_t>(r * nvox + v)];
        mean[static_cast<std::size_t>(v)] = static_cast<float>(sum / static_cast<double>(repeats));
    }
    return mean;
}

int64_t WebdatasetLayout::imageId(Split split, std::size_t i) const
{
    const Sample &s = sample(split, i);
    const int64_t id = readNpy(split, s, s.coco).toInt64Vector().at(0);
    release(split, s, s.coco);
    if (id < 0)
        throw DataError(where(shardOf(split, s).path(), s.coco.name) + ": negative image id " + std::to_string(id));
    return id;
}

std::vector<int64_t> WebdatasetLayout::trials(Split split, std::size_t i) const
{
    const Sample &s = sample(split, i);
    std::vector<int64_t> trials = readNpy(split, s, s.trial).toInt64Vector();
    release(split, s, s.trial);
    return trials;
}

std::optional<int64_t> WebdatasetLayout::numUniques(Split split, std::size_t i) const
{
    const Sample &s = sample(split, i);
    if (!s.numUniques)
        return std::nullopt;
    return readNpy(split, s, *s.numUniques).toInt64Vector().at(0);
}

void WebdatasetLayout::release(Split split, const Sample &s, const Member &member) const
{
    shardOf(split, s).file()->releasePages(member.dataOffset, member.size);
}

io::TarArchive::Data WebdatasetLayout::imageBytes(Split split, std::size_t i) const
{
    const Sample &s = sample(split, i);
    return shardOf(split, s).read(s.image);
}

io::RgbImage WebdatasetLayout::image(Split split, std::size_t i) const
{
    const Sample &s = sample(split, i);
    const auto bytes = shardOf(split, s).read(s.image);
    return io::ImageFile::decode(std::string(bytes.view()), where(shardOf(split, s).path(), s.image.name));
}

} // namespace vindex::data
