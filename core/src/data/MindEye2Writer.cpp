#include "vindex/data/MindEye2Writer.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/io/Hdf5Writer.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/NpyObjectArray.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace vindex::data {

MindEye2Writer::MindEye2Writer(std::string root) : m_root(std::move(root))
{
    std::error_code ec;
    fs::create_directories(m_root, ec);
    if (!fs::is_directory(m_root))
        throw Error(m_root + ": cannot create the MindEye2 dataset folder" + (ec ? ": " + ec.message() : ""));
}

std::string MindEye2Writer::path(const std::string &fileName) const
{
    return (fs::path(m_root) / fileName).string();
}

void MindEye2Writer::writeSubject(int subject, int64_t voxelCount, const std::vector<int64_t> &imageIds,
                                  const RowFill &fill)
{
    if (subject < 1 || subject > 8 || voxelCount <= 0)
        throw Error(path(MindEye2Layout::betasFileName(subject)) + ": subject must be 1..8 and voxelCount > 0");
    const int64_t trials = static_cast<int64_t>(imageIds.size());
    io::Hdf5Writer writer(path(MindEye2Layout::betasFileName(subject)));
    writer.createDataset("betas", io::DType::F32, {trials, voxelCount});
    // Blocks of about 64 MB (a real session of 750 × 15724 floats is 47 MB).
    const int64_t blockRows = std::max<int64_t>(1, (int64_t(64) << 20) / (voxelCount * 4));
    for (int64_t begin = 0; begin < trials; begin += blockRows) {
        const int64_t rows = std::min(blockRows, trials - begin);
        io::HostTensor block = io::HostTensor::allocate(io::DType::F32, {rows, voxelCount});
        auto *data = reinterpret_cast<float *>(block.mutableData());
        for (int64_t r = 0; r < rows; ++r)
            fill(begin + r, std::span<float>(data + r * voxelCount, static_cast<std::size_t>(voxelCount)));
        writer.writeRows("betas", begin, block);
    }
    writer.commit();
    m_subjectIds[subject] = imageIds;
}

void MindEye2Writer::writeImages(const io::HostTensor &images, bool stimuli)
{
    const auto &shape = images.shape();
    if (shape.size() != 4 || shape[1] != 3 || !io::isFloatingPoint(images.dtype()))
        throw Error(path(MindEye2Layout::kImagesFile) + ": images should be float (N, 3, H, W), found " +
                    std::string(io::dtypeName(images.dtype())) + " " + images.shapeString());
    const int64_t n = shape[0], h = shape[2], w = shape[3];
    const int64_t perImage = 3 * h * w;
    io::Hdf5Writer halfWriter(path(MindEye2Layout::kImagesFile));
    halfWriter.createDataset("images", io::DType::F16, shape);
    std::optional<io::Hdf5Writer> brickWriter;
    if (stimuli) {
        brickWriter.emplace(path(MindEye2Layout::kStimuliFile));
        brickWriter->createDataset("imgBrick", io::DType::U8, {n, h, w, 3});
    }
    // One image at a time: converting the whole brick first would double its memory.
    io::HostTensor half = io::HostTensor::allocate(io::DType::F16, {1, 3, h, w});
    io::HostTensor bytes = io::HostTensor::allocate(io::DType::U8, {1, h, w, 3});
    auto *halfData = reinterpret_cast<uint16_t *>(half.mutableData());
    auto *byteData = reinterpret_cast<uint8_t *>(bytes.mutableData());
    for (int64_t i = 0; i < n; ++i) {
        for (int64_t c = 0; c < 3; ++c)
            for (int64_t y = 0; y < h; ++y)
                for (int64_t x = 0; x < w; ++x) {
                    const int64_t chw = (c * h + y) * w + x;
                    const auto value = static_cast<float>(images.valueAt(i * perImage + chw));
                    halfData[chw] = io::floatToHalf(value);
                    byteData[(y * w + x) * 3 + c] =
                        static_cast<uint8_t>(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
                }
        halfWriter.writeRows("images", i, half);
        if (brickWriter)
            brickWriter->writeRows("imgBrick", i, bytes);
    }
    halfWriter.commit();
    if (brickWriter)
        brickWriter->commit();
}

void MindEye2Writer::writeCaptions(const std::vector<std::vector<std::string>> &captions, int perImage)
{
    std::vector<std::string> flat;
    flat.reserve(captions.size() * static_cast<std::size_t>(perImage));
    for (std::size_t i = 0; i < captions.size(); ++i) {
        if (static_cast<int>(captions[i].size()) > perImage)
            throw Error(path(MindEye2Layout::kCaptionsFile) + ": image " + std::to_string(i) + " has " +
                        std::to_string(captions[i].size()) + " captions, at most " + std::to_string(perImage) + " fit");
        flat.insert(flat.end(), captions[i].begin(), captions[i].end());
        flat.resize(flat.size() + static_cast<std::size_t>(perImage) - captions[i].size());
    }
    io::NpyObjectArray::writeStrings(path(MindEye2Layout::kCaptionsFile),
                                     {static_cast<int64_t>(captions.size()), perImage}, flat);
}

void MindEye2Writer::writeShared(const std::vector<int64_t> &sharedIds, int64_t imageCount)
{
    io::HostTensor flags = io::HostTensor::allocate(io::DType::Bool, {imageCount});
    auto *data = reinterpret_cast<uint8_t *>(flags.mutableData());
    for (int64_t id : sharedIds) {
        if (id < 0 || id >= imageCount)
            throw Error(path(MindEye2Layout::kSharedFile) + ": shared image id " + std::to_string(id) +
                        " is outside [0, " + std::to_string(imageCount) + ")");
        data[id] = 1;
    }
    io::NpyFile::write(path(MindEye2Layout::kSharedFile), flags);
}

void MindEye2Writer::finish()
{
    io::Hdf5Writer writer(path(MindEye2Layout::kIndicesFile));
    for (const auto &[subject, ids] : m_subjectIds) {
        io::HostTensor tensor = io::HostTensor::allocate(io::DType::I64, {static_cast<int64_t>(ids.size())});
        std::copy(ids.begin(), ids.end(), reinterpret_cast<int64_t *>(tensor.mutableData()));
        writer.writeDataset("subj0" + std::to_string(subject), tensor);
    }
    writer.commit();
}

} // namespace vindex::data
