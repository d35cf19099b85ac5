#include "vindex/data/NativeNsdWriter.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/NiftiWriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <unordered_map>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

std::string twoDigits(int n)
{
    std::string s = std::to_string(n);
    if (s.size() < 2)
        s.insert(s.begin(), '0');
    return s;
}

// Shortest text that reads back as value ("0", "0.125"), as Python prints the cropBox tuple.
std::string shortest(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

void createDirectory(const fs::path &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir))
        throw Error(dir.string() + ": cannot create the folder" + (ec ? ": " + ec.message() : ""));
}

void writeText(const std::string &path, const std::string &text)
{
    io::AtomicFile file(path);
    file.write(text);
    file.commit();
}

} // namespace

NativeNsdWriter::NativeNsdWriter(std::string root) : m_root(std::move(root))
{
    createDirectory(m_root);
}

std::string NativeNsdWriter::subjectDir(int subject) const
{
    return (fs::path(m_root) / "nsddata" / "ppdata" / ("subj" + twoDigits(subject)) / "func1pt8mm").string();
}

io::NiftiImage::Matrix4 NativeNsdWriter::defaultAffine()
{
    return io::NiftiWriter::scaleAffine(1.8);
}

std::array<double, 4> NativeNsdWriter::cropBoxFor(int width, int height)
{
    if (width > height)
        return {0, 0, (width - height) / (2.0 * width), (width - height) / (2.0 * width)};
    if (height > width)
        return {(height - width) / (2.0 * height), (height - width) / (2.0 * height), 0, 0};
    return {0, 0, 0, 0};
}

void NativeNsdWriter::writeSubject(int subject, const Volume &volume, const std::vector<int64_t> &trialImages,
                                   const RowFill &fill)
{
    writeSubject(subject, volume, trialImages, fill, Options{});
}

void NativeNsdWriter::writeSubject(int subject, const Volume &volume, const std::vector<int64_t> &trialImages,
                                   const RowFill &fill, const Options &options, const JobControl &job)
{
    const std::string dir = subjectDir(subject);
    const std::string what = dir + ": subject " + std::to_string(subject);
    if (subject < 1 || subject > 8)
        throw DataError(what + ": NSD subjects are 1..8");
    const auto [X, Y, Z] = volume.shape;
    if (X < 1 || Y < 1 || Z < 1 || X > 32767 || Y > 32767 || Z > 32767)
        throw DataError(what + ": volume shape must be 1..32767 per axis, found (" + std::to_string(X) + ", " +
                        std::to_string(Y) + ", " + std::to_string(Z) + ")");
    const auto voxels = static_cast<std::size_t>(X * Y * Z);
    if (volume.mask.size() != voxels)
        throw DataError(what + ": the ROI mask has " + std::to_string(volume.mask.size()) +
                        " values, the volume shape needs X·Y·Z = " + std::to_string(voxels));
    if (!volume.anatomy.empty() && volume.anatomy.size() != voxels)
        throw DataError(what + ": the anatomy has " + std::to_string(volume.anatomy.size()) +
                        " values, the volume shape needs X·Y·Z = " + std::to_string(voxels));
    if (trialImages.empty())
        throw DataError(what + ": no trials");
    if (options.trialsPerSession < 1 || options.trialsPerSession > 32767)
        throw DataError(what + ": trialsPerSession must be 1..32767, found " +
                        std::to_string(options.trialsPerSession));
    std::unordered_map<int64_t, int> shown;
    for (std::size_t t = 0; t < trialImages.size(); ++t) {
        if (trialImages[t] < 0)
            throw DataError(what + ": trial " + std::to_string(t) + " shows image " + std::to_string(trialImages[t]) +
                            " (expected a 0-based id)");
        if (++shown[trialImages[t]] > 3)
            throw DataError(what + ": image " + std::to_string(trialImages[t]) +
                            " is shown more than three times (nsd_stim_info_merged.csv has three repeat columns)");
    }

    // ROI voxel i = the i-th mask value > 0 in C order; its place in a NIfTI volume (x fastest) is x + X·(y + Y·z).
    std::vector<std::size_t> diskOffsets;
    std::vector<int16_t> maskDisk(voxels), anatomyDisk;
    std::vector<float> anatomy(voxels);
    for (int64_t x = 0; x < X; ++x)
        for (int64_t y = 0; y < Y; ++y)
            for (int64_t z = 0; z < Z; ++z) {
                const auto c = static_cast<std::size_t>((x * Y + y) * Z + z);
                const auto disk = static_cast<std::size_t>(x + X * (y + Y * z));
                const int8_t m = volume.mask[c];
                maskDisk[disk] = m;
                if (m > 0)
                    diskOffsets.push_back(disk);
                // A plain stand-in for a T1: dark outside the brain, grey matter brighter in the ROI.
                anatomy[disk] = volume.anatomy.empty() ? (m < 0 ? 0.0f : m == 0 ? 600.0f : 900.0f) : volume.anatomy[c];
            }
    if (diskOffsets.empty())
        throw DataError(what + ": the ROI mask has no voxel > 0");

    createDirectory(fs::path(dir) / "roi");
    createDirectory(fs::path(dir) / "betas_fithrf_GLMdenoise_RR");
    const std::vector<int64_t> shape3{X, Y, Z};
    io::NiftiWriter::write((fs::path(dir) / "roi" / "nsdgeneral.nii.gz").string(), io::DType::I16, shape3,
                           volume.affine, std::as_bytes(std::span<const int16_t>(maskDisk)), {});
    io::NiftiWriter::write((fs::path(dir) / "T1_to_func1pt8mm.nii.gz").string(), io::DType::F32, shape3, volume.affine,
                           std::as_bytes(std::span<const float>(anatomy)), {});

    const int64_t trials = static_cast<int64_t>(trialImages.size());
    const int64_t V = static_cast<int64_t>(diskOffsets.size());
    const int sessions = static_cast<int>((trials + options.trialsPerSession - 1) / options.trialsPerSession);
    std::vector<float> row(static_cast<std::size_t>(V));
    io::NiftiWriter::Options niftiOptions;
    niftiOptions.compressionLevel = options.betasCompressionLevel;
    for (int session = 1; session <= sessions; ++session) {
        const int64_t first = (session - 1) * options.trialsPerSession;
        const int64_t count = std::min(options.trialsPerSession, trials - first);
        const std::string path =
            (fs::path(dir) / "betas_fithrf_GLMdenoise_RR" / ("betas_session" + twoDigits(session) + ".nii.gz"))
                .string();
        io::NiftiWriter::write(
            path, io::DType::I16, {X, Y, Z, count}, volume.affine,
            [&](int64_t t, std::span<std::byte> bytes) {
                const int64_t trial = first + t;
                if (trial % 64 == 0)
                    job.reportFraction(static_cast<double>(trial) / static_cast<double>(trials),
                                       "native betas of subject " + std::to_string(subject));
                std::fill(row.begin(), row.end(), 0.0f);
                fill(trial, row);
                auto *out = reinterpret_cast<int16_t *>(bytes.data());
                for (int64_t i = 0; i < V; ++i) {
                    const double scaled = std::round(static_cast<double>(row[i]) * kBetaScale);
                    // NaN becomes 0 (no signal); values beyond int16 saturate instead of wrapping.
                    out[diskOffsets[i]] =
                        std::isnan(scaled) ? int16_t{0} : static_cast<int16_t>(std::clamp(scaled, -32768.0, 32767.0));
                }
            },
            niftiOptions);
    }
    job.reportFraction(1.0, "native betas of subject " + std::to_string(subject));
    m_trialImages[subject] = trialImages;
}

void NativeNsdWriter::finish(const std::vector<NativeStimulus> &stimuli)
{
    const std::string csvPath = (fs::path(m_root) / "nsd_stim_info_merged.csv").string();
    const int64_t n = static_cast<int64_t>(stimuli.size());
    // repeats[subject][image] = 1-based trial numbers in repeat order.
    std::map<int, std::unordered_map<int64_t, std::vector<int64_t>>> repeats;
    for (const auto &[subject, images] : m_trialImages)
        for (std::size_t t = 0; t < images.size(); ++t) {
            if (images[t] >= n)
                throw DataError(csvPath + ": subject " + std::to_string(subject) + " trial " + std::to_string(t) +
                                " shows image " + std::to_string(images[t]) + ", but only " + std::to_string(n) +
                                " stimuli are given");
            repeats[subject][images[t]].push_back(static_cast<int64_t>(t) + 1);
        }
    for (int64_t i = 0; i < n; ++i)
        if (stimuli[i].cocoSplit != "train2017" && stimuli[i].cocoSplit != "val2017")
            throw DataError(csvPath + ": stimulus " + std::to_string(i) + " has cocoSplit '" + stimuli[i].cocoSplit +
                            "' (expected train2017 or val2017)");

    // pandas' to_csv of NSD's table: an unnamed index column first.
    std::string csv = ",cocoId,cocoSplit,cropBox,loss,nsdId,flagged,BOLD5000,shared1000";
    for (int s = 1; s <= 8; ++s)
        csv += ",subject" + std::to_string(s);
    for (int s = 1; s <= 8; ++s)
        for (int r = 0; r < 3; ++r)
            csv += ",subject" + std::to_string(s) + "_rep" + std::to_string(r);
    csv += "\n";
    for (int64_t i = 0; i < n; ++i) {
        const NativeStimulus &stim = stimuli[i];
        const auto &box = stim.cropBox;
        csv += std::to_string(i) + "," + std::to_string(stim.cocoId) + "," + stim.cocoSplit + ",\"(" +
               shortest(box[0]) + ", " + shortest(box[1]) + ", " + shortest(box[2]) + ", " + shortest(box[3]) +
               ")\",0.0," + std::to_string(i) + ",False,False," + (stim.shared1000 ? "True" : "False");
        std::array<const std::vector<int64_t> *, 8> seen{};
        for (int s = 1; s <= 8; ++s) {
            const auto subject = repeats.find(s);
            if (subject != repeats.end()) {
                const auto it = subject->second.find(i);
                if (it != subject->second.end())
                    seen[s - 1] = &it->second;
            }
            csv += seen[s - 1] ? ",1" : ",0";
        }
        for (int s = 1; s <= 8; ++s)
            for (std::size_t r = 0; r < 3; ++r) {
                csv += ',';
                csv += std::to_string(seen[s - 1] && r < seen[s - 1]->size() ? (*seen[s - 1])[r] : 0);
            }
        csv += "\n";
    }
    writeText(csvPath, csv);

    // COCO caption files: {"images": [...], "annotations": [{id, image_id, caption}]}, one per split used.
    int64_t annotationId = 0;
    for (const std::string split : {"train2017", "val2017"}) {
        nlohmann::json images = nlohmann::json::array(), annotations = nlohmann::json::array();
        for (const NativeStimulus &stim : stimuli) {
            if (stim.cocoSplit != split)
                continue;
            char fileName[32];
            std::snprintf(fileName, sizeof fileName, "%012lld.jpg", static_cast<long long>(stim.cocoId));
            images.push_back(
                {{"id", stim.cocoId}, {"width", stim.width}, {"height", stim.height}, {"file_name", fileName}});
            for (const std::string &caption : stim.captions)
                annotations.push_back({{"id", annotationId++}, {"image_id", stim.cocoId}, {"caption", caption}});
        }
        if (images.empty())
            continue;
        const fs::path dir = fs::path(m_root) / "annotations";
        createDirectory(dir);
        writeText((dir / ("captions_" + split + ".json")).string(),
                  nlohmann::json{{"images", images}, {"annotations", annotations}}.dump() + "\n");
    }
}

} // namespace vindex::data
