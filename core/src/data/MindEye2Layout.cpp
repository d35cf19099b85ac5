#include "vindex/data/MindEye2Layout.h"

#include "vindex/core/Error.h"
#include "vindex/io/Hdf5File.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/NpyObjectArray.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

std::string subjectName(int subject)
{
    return "subj0" + std::to_string(subject);
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

bool isFloat(io::DType dtype)
{
    return dtype == io::DType::F16 || dtype == io::DType::F32 || dtype == io::DType::F64;
}

std::vector<float> toVector(const io::HostTensor &tensor)
{
    std::vector<float> values(static_cast<std::size_t>(tensor.numel()));
    if (!values.empty())
        std::memcpy(values.data(), tensor.data(), values.size() * sizeof(float));
    return values;
}

} // namespace

// Caption array parsed on first use (73k × 5 strings take a while to unpickle; opening a subject must stay fast).
struct MindEye2Layout::Lazy {
    std::mutex mutex;
    std::optional<io::NpyObjectArray> captions;
};

MindEye2Layout::MindEye2Layout() : m_lazy(std::make_unique<Lazy>()) {}
MindEye2Layout::~MindEye2Layout() = default;
MindEye2Layout::MindEye2Layout(MindEye2Layout &&) noexcept = default;
MindEye2Layout &MindEye2Layout::operator=(MindEye2Layout &&) noexcept = default;

std::string MindEye2Layout::betasFileName(int subject)
{
    return "betas_all_" + subjectName(subject) + "_fp32_renorm.hdf5";
}

std::vector<int> MindEye2Layout::subjectsIn(const std::string &root)
{
    std::vector<int> subjects;
    std::error_code ec;
    for (int s = 1; s <= 8; ++s)
        if (fs::is_regular_file(fs::path(root) / betasFileName(s), ec))
            subjects.push_back(s);
    return subjects;
}

std::string MindEye2Layout::filePath(const char *fileName) const
{
    return (fs::path(m_root) / fileName).string();
}

std::string MindEye2Layout::betasPath() const
{
    return (fs::path(m_root) / betasFileName(m_subject)).string();
}

MindEye2Layout MindEye2Layout::open(const std::string &root, int subject)
{
    MindEye2Layout layout;
    layout.m_root = root;
    layout.m_subject = subject;
    const std::string subj = subjectName(subject);
    std::error_code ec;

    // Betas: the one file that makes the subject; everything about it must hold.
    const std::string betasPath = layout.betasPath();
    if (!fs::is_regular_file(betasPath, ec))
        throw DataError(betasPath + ": missing (the MindEye2 betas of " + subj + ")");
    layout.m_betas = io::Hdf5File::open(betasPath);
    if (!layout.m_betas->hasDataset("betas"))
        throw DataError(betasPath + ": no dataset 'betas' (found: " + [&] {
            std::string names;
            for (const auto &n : layout.m_betas->datasetNames())
                names += (names.empty() ? "" : ", ") + n;
            return names.empty() ? std::string("none") : names;
        }() + ")");
    const auto betasInfo = layout.m_betas->dataset("betas");
    if (betasInfo.shape.size() != 2)
        throw DataError(betasPath + ": 'betas' should be [trials, voxels], found shape " + shapeText(betasInfo.shape));
    if (!betasInfo.dtype || !isFloat(*betasInfo.dtype))
        throw DataError(betasPath + ": 'betas' should hold float32, found " + betasInfo.typeText);
    layout.m_voxelCount = betasInfo.shape[1];
    const int64_t rows = betasInfo.shape[0];

    // Trial → image ids.
    const std::string indicesPath = layout.filePath(kIndicesFile);
    if (!fs::is_regular_file(indicesPath, ec))
        throw DataError(indicesPath + ": missing (it maps the " + std::to_string(rows) + " betas rows of " + subj +
                        " to 73k image ids)");
    auto indices = io::Hdf5File::open(indicesPath);
    if (!indices->hasDataset(subj))
        throw DataError(indicesPath + ": no dataset '" + subj + "' for " + betasPath);
    const auto indexInfo = indices->dataset(subj);
    if (!indexInfo.dtype || isFloat(*indexInfo.dtype) || indexInfo.dtype == io::DType::Bool)
        throw DataError(indicesPath + ": '" + subj + "' should hold integer image ids, found " + indexInfo.typeText);
    const std::vector<int64_t> ids = indices->read(subj, io::DType::I64).toInt64Vector();
    if (static_cast<int64_t>(ids.size()) != rows)
        throw DataError(indicesPath + ": '" + subj + "' has " + std::to_string(ids.size()) + " image ids, but " +
                        betasPath + " has " + std::to_string(rows) + " betas rows");

    layout.m_trials.reserve(ids.size());
    for (int64_t t = 0; t < rows; ++t) {
        const int64_t id = ids[static_cast<std::size_t>(t)];
        if (id < 0)
            throw DataError(indicesPath + ": '" + subj + "'[" + std::to_string(t) + "] is " + std::to_string(id) +
                            ", not a 0-based image id");
        auto &repeats = layout.m_repeats[id];
        MindEye2Trial trial;
        trial.index = t;
        trial.session = static_cast<int>(t / kTrialsPerSession) + 1;
        trial.sessionIndex = t % kTrialsPerSession;
        trial.imageId = id;
        trial.repeat = static_cast<int>(repeats.size());
        repeats.push_back(t);
        layout.m_trials.push_back(trial);
    }
    const int64_t maxId = ids.empty() ? -1 : *std::max_element(ids.begin(), ids.end());

    // Optional shared files: a damaged or inconsistent one is a problem line, not a failure.
    const auto optionalHdf5 = [&](const char *fileName, const char *datasetName, int64_t &count,
                                  auto &&check) -> std::shared_ptr<const io::Hdf5File> {
        const std::string path = layout.filePath(fileName);
        if (!fs::is_regular_file(path, ec)) {
            layout.m_problems.push_back(path + ": missing (" + datasetName + " of the images)");
            return nullptr;
        }
        try {
            auto file = io::Hdf5File::open(path);
            if (!file->hasDataset(datasetName)) {
                layout.m_problems.push_back(path + ": no dataset '" + datasetName + "'");
                return nullptr;
            }
            const auto info = file->dataset(datasetName);
            const std::string complaint = check(info);
            if (!complaint.empty()) {
                layout.m_problems.push_back(path + ": '" + datasetName + "' " + complaint);
                return nullptr;
            }
            count = info.shape[0];
            if (maxId >= count)
                layout.m_problems.push_back(path + ": '" + datasetName + "' holds " + std::to_string(count) +
                                            " images, but " + subj + "'s trials refer to image id " +
                                            std::to_string(maxId));
            return file;
        } catch (const Error &e) {
            layout.m_problems.push_back(e.what());
            return nullptr;
        }
    };
    layout.m_images = optionalHdf5(kImagesFile, "images", layout.m_imageCount, [&](const auto &info) {
        if (info.shape.size() != 4 || info.shape[1] != 3)
            return "should be (N, 3, H, W), found shape " + shapeText(info.shape);
        if (!info.dtype || !isFloat(*info.dtype))
            return "should hold float16, found " + info.typeText;
        layout.m_imageShape.assign(info.shape.begin() + 1, info.shape.end()); // only once the file is accepted
        return std::string();
    });
    layout.m_stimuli = optionalHdf5(kStimuliFile, "imgBrick", layout.m_stimulusCount, [&](const auto &info) {
        if (info.shape.size() != 4 || info.shape[3] != 3)
            return "should be (N, H, W, 3), found shape " + shapeText(info.shape);
        if (info.dtype != io::DType::U8)
            return "should hold uint8, found " + info.typeText;
        return std::string();
    });
    if (!layout.hasCaptions())
        layout.m_problems.push_back(layout.filePath(kCaptionsFile) + ": missing (the COCO captions of the images)");

    const std::string sharedPath = layout.filePath(kSharedFile);
    if (fs::is_regular_file(sharedPath, ec)) {
        try {
            const io::HostTensor shared = io::NpyFile::read(sharedPath);
            if (shared.shape().size() != 1 || shared.dtype() != io::DType::Bool)
                throw DataError(sharedPath + ": should be a bool vector over the 73k images, found " +
                                std::string(io::dtypeName(shared.dtype())) + " " + shared.shapeString());
            const auto flags = shared.contiguous();
            const auto *p = reinterpret_cast<const uint8_t *>(flags.data());
            layout.m_shared.assign(p, p + flags.numel());
        } catch (const Error &e) {
            layout.m_problems.push_back(e.what());
        }
    }
    return layout;
}

const MindEye2Trial &MindEye2Layout::trial(int64_t index) const
{
    if (index < 0 || index >= trialCount())
        throw DataError(betasPath() + ": trial " + std::to_string(index) + " is outside [0, " +
                        std::to_string(trialCount()) + ") of " + subjectName(m_subject));
    return m_trials[static_cast<std::size_t>(index)];
}

std::vector<int64_t> MindEye2Layout::repeatsOf(int64_t imageId) const
{
    const auto it = m_repeats.find(imageId);
    return it == m_repeats.end() ? std::vector<int64_t>{} : it->second;
}

std::vector<int64_t> MindEye2Layout::imageIds() const
{
    std::vector<int64_t> ids;
    ids.reserve(m_repeats.size());
    for (const auto &[id, trials] : m_repeats)
        ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool MindEye2Layout::isShared(int64_t imageId) const
{
    return imageId >= 0 && imageId < static_cast<int64_t>(m_shared.size()) &&
           m_shared[static_cast<std::size_t>(imageId)] != 0;
}

std::vector<int64_t> MindEye2Layout::testImages() const
{
    std::vector<int64_t> ids;
    for (int64_t id : imageIds())
        if (isShared(id))
            ids.push_back(id);
    return ids;
}

std::vector<float> MindEye2Layout::betas(int64_t trialIndex) const
{
    trial(trialIndex); // range check with a DataError naming the subject
    return toVector(m_betas->readRow("betas", trialIndex, io::DType::F32));
}

std::vector<float> MindEye2Layout::betas(std::span<const int64_t> trialIndices) const
{
    for (int64_t t : trialIndices)
        trial(t);
    return toVector(m_betas->readRowsAt("betas", trialIndices, io::DType::F32));
}

std::vector<float> MindEye2Layout::meanBetas(int64_t imageId) const
{
    const auto it = m_repeats.find(imageId);
    if (it == m_repeats.end())
        throw DataError(betasPath() + ": " + subjectName(m_subject) + " never saw image " + std::to_string(imageId));
    const std::vector<float> rows = betas(it->second);
    std::vector<double> sum(static_cast<std::size_t>(m_voxelCount), 0.0);
    for (std::size_t r = 0; r < it->second.size(); ++r)
        for (std::size_t v = 0; v < sum.size(); ++v)
            sum[v] += rows[r * sum.size() + v];
    std::vector<float> mean(sum.size());
    for (std::size_t v = 0; v < sum.size(); ++v)
        mean[v] = static_cast<float>(sum[v] / static_cast<double>(it->second.size()));
    return mean;
}

void MindEye2Layout::checkImage(int64_t imageId, const char *fileName, int64_t count) const
{
    if (imageId < 0 || imageId >= count)
        throw DataError(filePath(fileName) + ": image id " + std::to_string(imageId) + " is outside [0, " +
                        std::to_string(count) + ")");
}

io::HostTensor MindEye2Layout::image(int64_t imageId, io::DType dtype) const
{
    if (!m_images)
        throw DataError(filePath(kImagesFile) + ": not available" +
                        (m_problems.empty() ? std::string() : " (see the layout's problems)"));
    checkImage(imageId, kImagesFile, m_imageCount);
    return m_images->readRow("images", imageId, dtype);
}

io::HostTensor MindEye2Layout::stimulus(int64_t imageId) const
{
    if (!m_stimuli)
        throw DataError(filePath(kStimuliFile) + ": not available");
    checkImage(imageId, kStimuliFile, m_stimulusCount);
    return m_stimuli->readRow("imgBrick", imageId, io::DType::U8);
}

bool MindEye2Layout::hasCaptions() const
{
    std::error_code ec;
    return fs::is_regular_file(filePath(kCaptionsFile), ec);
}

std::vector<std::string> MindEye2Layout::captions(int64_t imageId) const
{
    std::lock_guard<std::mutex> lock(m_lazy->mutex);
    if (!m_lazy->captions) {
        const std::string path = filePath(kCaptionsFile);
        if (!hasCaptions())
            throw DataError(path + ": missing (the COCO captions of the images)");
        io::NpyObjectArray array = io::NpyObjectArray::readStrings(path);
        if (array.shape().size() != 2)
            throw DataError(path + ": should be (N, 5) caption strings, found shape " + shapeText(array.shape()));
        m_lazy->captions = std::move(array);
    }
    const io::NpyObjectArray &array = *m_lazy->captions;
    checkImage(imageId, kCaptionsFile, array.shape()[0]);
    std::vector<std::string> result;
    for (auto &caption : array.row(imageId))
        if (!caption.empty())
            result.push_back(std::move(caption));
    return result;
}

} // namespace vindex::data
