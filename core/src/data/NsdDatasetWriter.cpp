#include "vindex/data/NsdDatasetWriter.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Writer.h"
#include "vindex/data/SessionZScore.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/HostTensor.h"
#include "vindex/io/ImageFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <numbers>
#include <numeric>
#include <set>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

using Split = WebdatasetLayout::Split;

std::string subjectName(int id)
{
    return "subject " + std::to_string(id);
}

int64_t roiCount(const std::vector<int8_t> &mask)
{
    return std::count_if(mask.begin(), mask.end(), [](int8_t v) { return v > 0; });
}

// Bilinear resize (pixel centres aligned) for MindEye2's square image brick.
io::RgbImage resizeBilinear(const io::RgbImage &image, int size)
{
    io::RgbImage out(size, size);
    const double sx = static_cast<double>(image.width) / size, sy = static_cast<double>(image.height) / size;
    for (int y = 0; y < size; ++y) {
        const double fy = std::clamp((y + 0.5) * sy - 0.5, 0.0, image.height - 1.0);
        const int y0 = static_cast<int>(fy), y1 = std::min(y0 + 1, image.height - 1);
        const double wy = fy - y0;
        for (int x = 0; x < size; ++x) {
            const double fx = std::clamp((x + 0.5) * sx - 0.5, 0.0, image.width - 1.0);
            const int x0 = static_cast<int>(fx), x1 = std::min(x0 + 1, image.width - 1);
            const double wx = fx - x0;
            for (int c = 0; c < 3; ++c) {
                const double top = image.at(x0, y0)[c] * (1 - wx) + image.at(x1, y0)[c] * wx;
                const double bottom = image.at(x0, y1)[c] * (1 - wx) + image.at(x1, y1)[c] * wx;
                out.at(x, y)[c] = static_cast<uint8_t>(std::lround(top * (1 - wy) + bottom * wy));
            }
        }
    }
    return out;
}

void writeJson(const fs::path &path, const nlohmann::ordered_json &json)
{
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (!fs::is_directory(path.parent_path()))
        throw Error(path.parent_path().string() + ": cannot create the folder" + (ec ? ": " + ec.message() : ""));
    io::AtomicFile file(path.string());
    file.write(json.dump() + "\n");
    file.commit();
}

// Everything about one subject that the layouts share, worked out once.
struct PreparedSubject {
    const NsdSubjectDescription *description = nullptr;
    NativeNsdWriter::Volume volume;
    int64_t voxelCount = 0;
    std::vector<int> repeat;                         // per trial
    std::map<int64_t, std::vector<int64_t>> repeats; // image → trials in repeat order (ascending image id)
    // Options::zScoreMindEyeCopies: each session's statistics, computed on first use.
    mutable std::map<int64_t, std::shared_ptr<const SessionZScore>> sessionStats;
};

// A row as the native tree stores and reads it: int16 round(value × 300) (saturating; NaN → 0), then ÷ 300.
void asStoredNatively(std::span<float> row)
{
    for (float &value : row) {
        const double scaled = std::round(static_cast<double>(value) * NativeNsdWriter::kBetaScale);
        const double stored = std::isnan(scaled) ? 0.0 : std::clamp(scaled, -32768.0, 32767.0);
        value = static_cast<float>(stored * (1.0 / NativeNsdWriter::kBetaScale));
    }
}

} // namespace

void NsdDatasetWriter::write(const std::string &root, const NsdDatasetDescription &description)
{
    write(root, description, Options{});
}

std::vector<int64_t> NsdDatasetWriter::testOrder(const NsdDatasetDescription &description)
{
    std::vector<int64_t> ids;
    for (std::size_t i = 0; i < description.images.size(); ++i)
        if (description.images[i].split == Split::Test)
            ids.push_back(static_cast<int64_t>(i));
    return ids;
}

NativeNsdWriter::Volume NsdDatasetWriter::ballVolume(int64_t voxelCount, std::array<int64_t, 3> shape)
{
    if (voxelCount < 1)
        throw DataError("ROI ball: voxelCount must be at least 1, found " + std::to_string(voxelCount));
    const double radius = std::cbrt(3.0 * static_cast<double>(voxelCount) / (4.0 * std::numbers::pi));
    if (shape == std::array<int64_t, 3>{0, 0, 0}) {
        const int64_t side = 2 * static_cast<int64_t>(std::ceil(radius)) + 3;
        shape = {side, side, side};
    }
    const auto [X, Y, Z] = shape;
    if (X < 1 || Y < 1 || Z < 1 || voxelCount > X * Y * Z)
        throw DataError("ROI ball: " + std::to_string(voxelCount) + " voxels do not fit a volume of shape (" +
                        std::to_string(X) + ", " + std::to_string(Y) + ", " + std::to_string(Z) + ")");
    const double cx = (X - 1) / 2.0, cy = (Y - 1) / 2.0, cz = (Z - 1) / 2.0;
    std::vector<double> distance(static_cast<std::size_t>(X * Y * Z));
    for (int64_t x = 0; x < X; ++x)
        for (int64_t y = 0; y < Y; ++y)
            for (int64_t z = 0; z < Z; ++z)
                distance[static_cast<std::size_t>((x * Y + y) * Z + z)] =
                    std::sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz));
    std::vector<std::size_t> order(distance.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return distance[a] < distance[b]; });

    NativeNsdWriter::Volume volume;
    volume.shape = shape;
    const double brain = distance[order[static_cast<std::size_t>(voxelCount) - 1]] + 1.0;
    volume.mask.resize(distance.size());
    for (std::size_t i = 0; i < distance.size(); ++i)
        volume.mask[i] = distance[i] <= brain ? int8_t{0} : int8_t{-1};
    for (int64_t k = 0; k < voxelCount; ++k)
        volume.mask[order[static_cast<std::size_t>(k)]] = 1;
    return volume;
}

NativeNsdWriter::Volume NsdDatasetWriter::volumeOf(const NsdSubjectDescription &subject)
{
    NativeNsdWriter::Volume volume;
    if (subject.mask.empty()) {
        volume = ballVolume(subject.voxelCount, subject.shape);
    } else {
        const auto [X, Y, Z] = subject.shape;
        if (X < 1 || Y < 1 || Z < 1 || static_cast<int64_t>(subject.mask.size()) != X * Y * Z)
            throw DataError(subjectName(subject.id) + ": the ROI mask has " + std::to_string(subject.mask.size()) +
                            " values, its shape (" + std::to_string(X) + ", " + std::to_string(Y) + ", " +
                            std::to_string(Z) + ") needs X·Y·Z");
        const int64_t count = roiCount(subject.mask);
        if (count == 0)
            throw DataError(subjectName(subject.id) + ": the ROI mask has no voxel > 0");
        if (subject.voxelCount != 0 && subject.voxelCount != count)
            throw DataError(subjectName(subject.id) + ": voxelCount is " + std::to_string(subject.voxelCount) +
                            ", but the ROI mask has " + std::to_string(count) + " voxels > 0");
        volume.shape = subject.shape;
        volume.mask = subject.mask;
    }
    if (!subject.anatomy.empty() && subject.anatomy.size() != volume.mask.size())
        throw DataError(subjectName(subject.id) + ": the anatomy has " + std::to_string(subject.anatomy.size()) +
                        " values, the grid has " + std::to_string(volume.mask.size()));
    volume.anatomy = subject.anatomy;
    volume.affine = subject.affine;
    return volume;
}

namespace {

// One write of a whole dataset: the description checked before the first byte is written, then each layout the
// options ask for, with progress as a fraction of the subjects' layouts and cancellation every few trials.
class DatasetWrite {
public:
    DatasetWrite(const std::string &root, const NsdDatasetDescription &description,
                 const NsdDatasetWriter::Options &options, const JobControl &job)
        : root(root), description(description), options(options), job(job), images(description.images),
          imageCount(static_cast<int64_t>(description.images.size()))
    {
    }

    void check()
    {
        if (images.empty())
            throw DataError(root + ": the dataset description has no images");
        if (description.subjects.empty())
            throw DataError(root + ": the dataset description has no subjects");
        if (!description.response)
            throw DataError(root + ": the dataset description has no voxel response callback");
        checkImages();
        prepareSubjects();
        steps = static_cast<double>(subjects.size()) * 3 + 2;
    }

    void run()
    {
        std::error_code ec;
        fs::create_directories(root, ec);
        if (!fs::is_directory(root))
            throw Error(root + ": cannot create the dataset folder" + (ec ? ": " + ec.message() : ""));
        if (options.webdataset)
            writeWebdataset();
        else
            step += static_cast<double>(subjects.size());
        if (options.mindEye2)
            writeMindEye2();
        else
            step += static_cast<double>(subjects.size()) + 1;
        if (options.native)
            writeNative();
        else
            step += static_cast<double>(subjects.size());
        if (options.brainHub)
            writeBrainHub();
        job.reportFraction(1.0, "dataset written");
    }

private:
    void checkImages() const
    {
        for (int64_t i = 0; i < imageCount; ++i) {
            const NsdImage &image = images[i];
            const std::string what = root + ": image " + std::to_string(i);
            if (image.image.empty() ||
                image.image.pixels.size() != static_cast<std::size_t>(image.image.width) * image.image.height * 3)
                throw DataError(what + ": expected width × height × 3 RGB bytes, found " +
                                std::to_string(image.image.pixels.size()) + " for " +
                                std::to_string(image.image.width) + " × " + std::to_string(image.image.height));
            if (options.mindEye2 && options.mindEye2ImageSize == 0 &&
                (image.image.width != images[0].image.width || image.image.height != images[0].image.height))
                throw DataError(what + " is " + std::to_string(image.image.width) + " × " +
                                std::to_string(image.image.height) + ", image 0 is " +
                                std::to_string(images[0].image.width) + " × " + std::to_string(images[0].image.height) +
                                " (MindEye2's image brick needs one size: set mindEye2ImageSize)");
            for (const NsdBox &box : image.boxes) {
                const auto &b = box.xyxy;
                if (box.category.empty() ||
                    !std::all_of(b.begin(), b.end(), [](double v) { return std::isfinite(v); }) || b[2] < b[0] ||
                    b[3] < b[1])
                    throw DataError(what + ": a box needs a category and finite x0 ≤ x1, y0 ≤ y1 (category '" +
                                    box.category + "')");
            }
            if (image.cocoSplit != "train2017" && image.cocoSplit != "val2017")
                throw DataError(what + ": cocoSplit must be train2017 or val2017, found '" + image.cocoSplit + "'");
        }
    }

    void prepareSubjects()
    {
        std::set<int> ids;
        for (const NsdSubjectDescription &subject : description.subjects) {
            const std::string what = root + ": " + subjectName(subject.id);
            if (subject.id < 1 || subject.id > 8 || !ids.insert(subject.id).second)
                throw DataError(what + ": subject ids must be 1..8 and distinct");
            if (subject.trialImages.empty())
                throw DataError(what + ": no trials");
            if (subject.trialsPerSession < 1)
                throw DataError(what + ": trialsPerSession must be at least 1");
            PreparedSubject prepared;
            prepared.description = &subject;
            prepared.volume = NsdDatasetWriter::volumeOf(subject);
            prepared.voxelCount = roiCount(prepared.volume.mask);
            prepared.repeat.resize(subject.trialImages.size());
            for (std::size_t t = 0; t < subject.trialImages.size(); ++t) {
                const int64_t id = subject.trialImages[t];
                if (id < 0 || id >= imageCount)
                    throw DataError(what + ": trial " + std::to_string(t) + " shows image " + std::to_string(id) +
                                    ", expected 0.." + std::to_string(imageCount - 1));
                auto &list = prepared.repeats[id];
                prepared.repeat[t] = static_cast<int>(list.size());
                list.push_back(static_cast<int64_t>(t));
                if (list.size() > 3)
                    throw DataError(what + ": image " + std::to_string(id) +
                                    " is shown more than three times (NSD's tables hold three repeats)");
            }
            subjects.push_back(std::move(prepared));
        }
    }

    // A row of one trial, checked for size by the caller's span; cancellation is checked every few trials.
    void fillTrial(const PreparedSubject &s, int64_t trial, std::span<float> row) const
    {
        if (trial % 256 == 0)
            job.checkCancelled();
        const int id = s.description->id;
        description.response(id, trial, s.description->trialImages[static_cast<std::size_t>(trial)],
                             s.repeat[static_cast<std::size_t>(trial)], row);
    }

    // A row for MindEye's tars and HDF5: the response, or (zScoreMindEyeCopies) the native betas z-scored per session.
    void fillMindEyeTrial(const PreparedSubject &s, int64_t trial, std::span<float> row) const
    {
        fillTrial(s, trial, row);
        if (!options.zScoreMindEyeCopies)
            return;
        asStoredNatively(row);
        const int64_t perSession = s.description->trialsPerSession;
        const int64_t session = trial / perSession;
        auto &stats = s.sessionStats[session];
        if (!stats) {
            auto z = std::make_shared<SessionZScore>(s.voxelCount);
            std::vector<float> other(static_cast<std::size_t>(s.voxelCount));
            const int64_t end =
                std::min<int64_t>((session + 1) * perSession, static_cast<int64_t>(s.description->trialImages.size()));
            for (int64_t t = session * perSession; t < end; ++t) {
                fillTrial(s, t, other);
                asStoredNatively(other);
                z->add(other.data());
            }
            z->finish();
            stats = std::move(z);
        }
        stats->apply(row.data(), row.data());
    }

    void report(const std::string &message) { job.reportFraction(step++ / steps, message); }

    // Per subject and split, the images it saw in ascending id; rows = repeats cycled to three.
    void writeWebdataset()
    {
        std::vector<std::string> encoded(images.size());
        const bool png = options.webdatasetOptions.imageFormat == WebdatasetWriter::ImageFormat::Png;
        for (const PreparedSubject &s : subjects) {
            report("webdataset tars of " + subjectName(s.description->id));
            WebdatasetWriter writer(root, s.description->id, s.voxelCount, options.webdatasetOptions);
            std::vector<float> rows(static_cast<std::size_t>(3 * s.voxelCount));
            for (const auto &[image, trials] : s.repeats) {
                job.checkCancelled();
                std::array<int64_t, 3> sampleTrials{};
                for (std::size_t r = 0; r < 3; ++r) {
                    sampleTrials[r] = trials[r % trials.size()];
                    const std::span<float> row(rows.data() + r * static_cast<std::size_t>(s.voxelCount),
                                               static_cast<std::size_t>(s.voxelCount));
                    if (r < trials.size())
                        fillMindEyeTrial(s, sampleTrials[r], row);
                    else // a repeated trial: the same row again
                        std::copy_n(rows.begin() + static_cast<std::ptrdiff_t>((r % trials.size()) * row.size()),
                                    row.size(), row.begin());
                }
                std::string &bytes = encoded[static_cast<std::size_t>(image)];
                const io::RgbImage &rgb = images[static_cast<std::size_t>(image)].image;
                const std::string name = root + ": image " + std::to_string(image);
                if (bytes.empty())
                    bytes = png ? io::ImageFile::encodePng(rgb, name)
                                : io::ImageFile::encodeJpeg(rgb, name, options.webdatasetOptions.jpegQuality);
                writer.addSample(images[static_cast<std::size_t>(image)].split, image, sampleTrials, rows, bytes,
                                 png ? "png" : "jpg");
            }
            writer.finish();
        }
    }

    // Betas rows in trial order, then the image brick, captions and shared1000 of the image space.
    void writeMindEye2()
    {
        MindEye2Writer writer(root);
        for (const PreparedSubject &s : subjects) {
            report("MindEye2 betas of " + subjectName(s.description->id));
            writer.writeSubject(s.description->id, s.voxelCount, s.description->trialImages,
                                [&](int64_t trial, std::span<float> row) { fillMindEyeTrial(s, trial, row); });
        }
        report("MindEye2 images and captions");
        const int w = options.mindEye2ImageSize > 0 ? options.mindEye2ImageSize : images[0].image.width;
        const int h = options.mindEye2ImageSize > 0 ? options.mindEye2ImageSize : images[0].image.height;
        io::HostTensor brick = io::HostTensor::allocate(io::DType::F16, {imageCount, 3, h, w});
        auto *half = reinterpret_cast<uint16_t *>(brick.mutableData());
        std::vector<std::vector<std::string>> captions;
        for (int64_t i = 0; i < imageCount; ++i) {
            const io::RgbImage &source = images[i].image;
            const io::RgbImage resized = options.mindEye2ImageSize > 0 ? resizeBilinear(source, w) : io::RgbImage{};
            const io::RgbImage &rgb = options.mindEye2ImageSize > 0 ? resized : source;
            for (int c = 0; c < 3; ++c)
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x)
                        half[((i * 3 + c) * h + y) * w + x] = io::floatToHalf(rgb.at(x, y)[c] / 255.0f);
            // The curated file keeps five captions per image.
            const auto &all = images[i].captions;
            captions.emplace_back(all.begin(),
                                  all.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, all.size())));
        }
        writer.writeImages(brick);
        writer.writeCaptions(captions);
        writer.writeShared(NsdDatasetWriter::testOrder(description), imageCount);
        writer.finish();
    }

    // A NIfTI tree per subject, then the stimulus table and the COCO caption files.
    void writeNative()
    {
        std::vector<NativeStimulus> stimuli(images.size());
        for (int64_t i = 0; i < imageCount; ++i) {
            const NsdImage &image = images[i];
            NativeStimulus &stim = stimuli[i];
            stim.cocoId = image.cocoId >= 0 ? image.cocoId : 100000 + i;
            stim.cocoSplit = image.cocoSplit;
            stim.shared1000 = image.split == Split::Test;
            stim.cropBox = NativeNsdWriter::cropBoxFor(image.image.width, image.image.height);
            stim.width = image.image.width;
            stim.height = image.image.height;
            stim.captions = image.captions;
        }
        NativeNsdWriter writer(root);
        for (const PreparedSubject &s : subjects) {
            report("native NSD files of " + subjectName(s.description->id));
            NativeNsdWriter::Options nativeOptions;
            nativeOptions.trialsPerSession = s.description->trialsPerSession;
            nativeOptions.betasCompressionLevel = options.betasCompressionLevel;
            writer.writeSubject(
                s.description->id, s.volume, s.description->trialImages,
                [&](int64_t trial, std::span<float> row) { fillTrial(s, trial, row); }, nativeOptions);
        }
        writer.finish(stimuli);
    }

    // Keyed by test index; boxes as fractions of the image's width and height.
    void writeBrainHub()
    {
        report("BrainHub annotations");
        nlohmann::ordered_json captions = nlohmann::ordered_json::object(), boxes = nlohmann::ordered_json::object();
        const std::vector<int64_t> order = NsdDatasetWriter::testOrder(description);
        for (std::size_t k = 0; k < order.size(); ++k) {
            const NsdImage &image = images[static_cast<std::size_t>(order[k])];
            const std::string key = std::to_string(k);
            captions[key] = image.captions;
            nlohmann::ordered_json byCategory = nlohmann::ordered_json::object();
            for (const NsdBox &box : image.boxes) {
                const double w = image.image.width, h = image.image.height;
                if (!byCategory.contains(box.category))
                    byCategory[box.category] = nlohmann::ordered_json::array();
                byCategory[box.category].push_back(
                    {box.xyxy[0] / w, box.xyxy[1] / h, box.xyxy[2] / w, box.xyxy[3] / h});
            }
            boxes[key] = std::move(byCategory);
        }
        const fs::path folder = fs::path(root) / options.brainHubFolder;
        writeJson(folder / "caption" / "fmri_cococap.json", captions);
        writeJson(folder / "bbox" / "coco_bbox_categorized.json", boxes);
    }

    const std::string &root;
    const NsdDatasetDescription &description;
    const NsdDatasetWriter::Options &options;
    const JobControl &job;
    const std::vector<NsdImage> &images;
    const int64_t imageCount;
    std::vector<PreparedSubject> subjects;
    double steps = 0, step = 0;
};

} // namespace

void NsdDatasetWriter::write(const std::string &root, const NsdDatasetDescription &description, const Options &options,
                             const JobControl &job)
{
    DatasetWrite write(root, description, options, job);
    write.check();
    write.run();
}

} // namespace vindex::data
