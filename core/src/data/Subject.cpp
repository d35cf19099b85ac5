#include "vindex/data/Subject.h"

#include "vindex/core/Error.h"
#include "vindex/data/CocoCaptions.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"
#include "vindex/io/Hdf5File.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

namespace vindex::data {

using Split = WebdatasetLayout::Split;

// Where each image's sample lies in the tars. Reading every sample's coco73k.npy costs one small read per sample,
// so it waits until someone asks for an image by id.
struct Subject::WebdatasetIndex {
    std::once_flag built;
    std::unordered_map<int64_t, std::pair<Split, std::size_t>> samples;
};

// What is built on first use and shared by copies: the trial lists, the COCO caption files, the native stimuli.
struct Subject::Extras {
    std::once_flag trialsBuilt;
    std::array<std::vector<Trial>, 3> trials;
    std::once_flag cocoRead;
    std::optional<CocoCaptions> coco;
    std::once_flag stimuliOpened;
    std::shared_ptr<const io::Hdf5File> stimuli;
};

namespace {

namespace fs = std::filesystem;

std::string firstExisting(const std::vector<fs::path> &candidates)
{
    std::error_code ec;
    for (const fs::path &path : candidates)
        if (fs::exists(path, ec))
            return path.string();
    return {};
}

// Where NSD keeps the COCO captions (nsd_access's layout) or where a user puts them.
std::string cocoAnnotationsDir(const std::string &root)
{
    return firstExisting({fs::path(root) / "annotations", fs::path(root) / "nsddata_stimuli/stimuli/nsd/annotations"});
}

std::string nativeStimuliPath(const std::string &root)
{
    return firstExisting(
        {fs::path(root) / "nsd_stimuli.hdf5", fs::path(root) / "nsddata_stimuli/stimuli/nsd/nsd_stimuli.hdf5"});
}

// (H, W, 3) uint8, as imgBrick stores a stimulus.
io::RgbImage rgbFromHwc(const io::HostTensor &pixels, const std::string &file)
{
    if (pixels.shape().size() != 3 || pixels.shape()[2] != 3)
        throw FormatError(file, "imgBrick rows should be (H, W, 3) uint8 RGB");
    io::RgbImage image(static_cast<int>(pixels.shape().at(1)), static_cast<int>(pixels.shape().at(0)));
    const auto *data = reinterpret_cast<const uint8_t *>(pixels.data());
    std::copy(data, data + image.pixels.size(), image.pixels.begin());
    return image;
}

// (3, H, W) floats in [0, 1], as coco_images_224_float16.hdf5 stores an image.
io::RgbImage rgbFromChw(const io::HostTensor &planes)
{
    const int height = static_cast<int>(planes.shape().at(1));
    const int width = static_cast<int>(planes.shape().at(2));
    const std::vector<float> values = planes.toFloatVector();
    io::RgbImage image(width, height);
    const std::size_t plane = static_cast<std::size_t>(width) * height;
    for (std::size_t p = 0; p < plane; ++p)
        for (std::size_t c = 0; c < 3; ++c)
            image.pixels[p * 3 + c] =
                static_cast<uint8_t>(std::lround(std::clamp(values[c * plane + p], 0.0f, 1.0f) * 255.0f));
    return image;
}

// MindEye2 and native NSD define no validation split; the images held out for one, from the non-test images a layout
// saw (ascending 73k id). Where the subject's webdataset tars are present, MindEye1's own val membership: the val
// tar's images, in its order. Otherwise a fixed share chosen by image id, MindEye1's proportion of 300 val images in
// 8,859 train + val: v = max(1, round(n · 300 / 8859)) of the n images (none when n < 2), those at the positions
// floor((2j + 1) · n / (2v)), j = 0 … v − 1, of the ascending ids — evenly spread, the same on every machine.
std::vector<int64_t> heldOutForValidation(const std::vector<int64_t> &candidates, const WebdatasetLayout *tars)
{
    std::vector<int64_t> held;
    if (tars && tars->sampleCount(Split::Val) > 0) {
        const std::set<int64_t> seen(candidates.begin(), candidates.end());
        for (std::size_t i = 0; i < tars->sampleCount(Split::Val); ++i)
            if (seen.count(tars->imageId(Split::Val, i)))
                held.push_back(tars->imageId(Split::Val, i));
        return held;
    }
    const auto n = static_cast<int64_t>(candidates.size());
    if (n < 2)
        return held;
    constexpr double kMindEye1ValShare = 300.0 / 8859.0;
    const int64_t v = std::max<int64_t>(1, std::llround(static_cast<double>(n) * kMindEye1ValShare));
    for (int64_t j = 0; j < v; ++j)
        held.push_back(candidates[static_cast<std::size_t>((2 * j + 1) * n / (2 * v))]);
    return held;
}

} // namespace

const char *nsdLayoutName(NsdLayout layout)
{
    switch (layout) {
    case NsdLayout::Webdataset: return "webdataset";
    case NsdLayout::MindEye2: return "mindeye2";
    case NsdLayout::Native: return "native";
    }
    return "?";
}

const char *nsdBetasScaling(NsdLayout layout)
{
    switch (layout) {
    case NsdLayout::Webdataset: return "z-scored per voxel per session (MindEye1's tars, as stored)";
    case NsdLayout::MindEye2: return "z-scored per voxel per session (MindEye2's HDF5, as stored)";
    case NsdLayout::Native: return NativeNsdLayout::kBetasScaling;
    }
    return "?";
}

std::vector<NsdLayout> Subject::defaultPreference()
{
    return {NsdLayout::Webdataset, NsdLayout::MindEye2, NsdLayout::Native};
}

Subject::Subject(int id, std::shared_ptr<const WebdatasetLayout> webdataset,
                 std::shared_ptr<const MindEye2Layout> mindeye2, std::shared_ptr<const NativeNsdLayout> native,
                 const std::vector<NsdLayout> &preference)
    : m_id(id), m_webdataset(std::move(webdataset)), m_mindeye2(std::move(mindeye2)), m_native(std::move(native)),
      m_webdatasetIndex(std::make_shared<WebdatasetIndex>()), m_extras(std::make_shared<Extras>())
{
    // The caller's order first; layouts it did not name still count, after it, in the default order.
    auto add = [this](NsdLayout layout) {
        if (hasLayout(layout))
            return;
        const bool present = (layout == NsdLayout::Webdataset && m_webdataset) ||
                             (layout == NsdLayout::MindEye2 && m_mindeye2) || (layout == NsdLayout::Native && m_native);
        if (present)
            m_layouts.push_back(layout);
    };
    for (NsdLayout layout : preference)
        add(layout);
    for (NsdLayout layout : defaultPreference())
        add(layout);
    if (m_layouts.empty())
        throw DataError("subject " + std::to_string(id) + ": no layout opened (webdataset, mindeye2 or native)");

    // One test order for every layout (see testImages in Subject.h): UMBRAE's, from the test tars, wherever they are
    // in the preference; else ascending 73k id from the first layout that knows the shared images (MindEye2 only
    // does with shared1000.npy).
    if (m_webdataset && m_webdataset->sampleCount(Split::Test) > 0) {
        const std::size_t n = m_webdataset->sampleCount(Split::Test);
        for (std::size_t i = 0; i < n; ++i)
            m_testImages.push_back(m_webdataset->imageId(Split::Test, i));
        m_testOrderLayout = NsdLayout::Webdataset;
        return;
    }
    for (NsdLayout layout : m_layouts) {
        if (layout == NsdLayout::MindEye2 && m_mindeye2->hasSharedInfo()) {
            m_testImages = m_mindeye2->testImages();
        } else if (layout == NsdLayout::Native) {
            m_testImages = m_native->testImages();
        } else {
            continue;
        }
        m_testOrderLayout = layout;
        break;
    }
    if (m_testImages.empty())
        m_testOrderLayout = m_layouts.front();
}

std::string Subject::testOrderDescription() const
{
    if (m_testOrderLayout == NsdLayout::Webdataset && !m_testImages.empty())
        return "umbrae (webdataset test tars)";
    return std::string("ascending 73k id (") + nsdLayoutName(m_testOrderLayout) + " shared1000)";
}

void Subject::checkBrainHubOrder(int64_t keys) const
{
    if (m_testOrderLayout == NsdLayout::Webdataset && !m_testImages.empty())
        return; // the tars' order is UMBRAE's own
    if (testImageCount() == keys)
        return; // the derived order over a set of BrainHub's size: UMBRAE's
    throw DataError("subject " + std::to_string(m_id) + ": BrainHub's " + std::to_string(keys) +
                    " test keys follow UMBRAE's test set, but without the webdataset test tars this subject's test set "
                    "is the " +
                    std::to_string(testImageCount()) + " shared1000 images of the " + nsdLayoutName(m_testOrderLayout) +
                    " layout (ascending 73k id), so which image each key names cannot be known; add "
                    "webdataset_avg_split/test/test_subj0" +
                    std::to_string(m_id) + "_*.tar (MindEye1's files) under the root");
}

bool Subject::hasLayout(NsdLayout layout) const
{
    return std::find(m_layouts.begin(), m_layouts.end(), layout) != m_layouts.end();
}

int64_t Subject::voxelCount() const
{
    switch (preferredLayout()) {
    case NsdLayout::Webdataset: return m_webdataset->voxelCount();
    case NsdLayout::MindEye2: return m_mindeye2->voxelCount();
    case NsdLayout::Native: return m_native->voxelCount();
    }
    return 0;
}

namespace {
[[noreturn]] void absent(int id, NsdLayout layout)
{
    throw DataError("subject " + std::to_string(id) + ": the " + nsdLayoutName(layout) + " layout is not available");
}
} // namespace

const WebdatasetLayout &Subject::webdataset() const
{
    if (!m_webdataset)
        absent(m_id, NsdLayout::Webdataset);
    return *m_webdataset;
}

const MindEye2Layout &Subject::mindEye2() const
{
    if (!m_mindeye2)
        absent(m_id, NsdLayout::MindEye2);
    return *m_mindeye2;
}

const NativeNsdLayout &Subject::native() const
{
    if (!m_native)
        absent(m_id, NsdLayout::Native);
    return *m_native;
}

const RoiMask &Subject::roi() const
{
    if (!m_native)
        throw DataError("subject " + std::to_string(m_id) +
                        ": no ROI geometry (it comes from the native layout's nsdgeneral.nii.gz, which is absent)");
    return m_native->roi();
}

int64_t Subject::testImage(int64_t index) const
{
    if (index < 0 || index >= testImageCount())
        throw DataError("subject " + std::to_string(m_id) + ": test index " + std::to_string(index) +
                        " out of range [0, " + std::to_string(testImageCount()) + ")");
    return m_testImages[static_cast<std::size_t>(index)];
}

std::vector<float> Subject::testVoxels(int64_t index) const
{
    return testVoxels(index, preferredLayout());
}

std::vector<float> Subject::testVoxels(int64_t index, NsdLayout layout) const
{
    const int64_t imageId = testImage(index);
    // The webdataset test split is the order itself: sample i is test image i, no lookup needed.
    if (layout == NsdLayout::Webdataset && m_testOrderLayout == NsdLayout::Webdataset)
        return m_webdataset->meanVoxels(Split::Test, static_cast<std::size_t>(index));
    return meanBetasOfImage(imageId, layout);
}

const Subject::WebdatasetIndex &Subject::webdatasetIndex() const
{
    const WebdatasetLayout &layout = webdataset();
    std::call_once(m_webdatasetIndex->built, [&] {
        for (Split split : WebdatasetLayout::kSplits)
            for (std::size_t i = 0; i < layout.sampleCount(split); ++i)
                m_webdatasetIndex->samples.emplace(layout.imageId(split, i), std::make_pair(split, i));
    });
    return *m_webdatasetIndex;
}

std::vector<std::vector<float>> Subject::betasOfImage(int64_t imageId, NsdLayout layout) const
{
    std::vector<std::vector<float>> rows;
    const std::string never = "subject " + std::to_string(m_id) + ": image " + std::to_string(imageId) +
                              " was never seen in the " + nsdLayoutName(layout) + " layout";
    switch (layout) {
    case NsdLayout::Webdataset: {
        const auto &index = webdatasetIndex().samples;
        const auto it = index.find(imageId);
        if (it == index.end())
            throw DataError(never);
        const io::HostTensor t = m_webdataset->voxels(it->second.first, it->second.second);
        const int64_t repeats = t.shape().at(0);
        const auto nvox = static_cast<std::size_t>(t.shape().at(1));
        const std::vector<float> all = t.toFloatVector();
        for (int64_t r = 0; r < repeats; ++r) {
            const auto begin = all.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * nvox);
            rows.emplace_back(begin, begin + static_cast<std::ptrdiff_t>(nvox));
        }
        break;
    }
    case NsdLayout::MindEye2:
        for (int64_t trial : mindEye2().repeatsOf(imageId))
            rows.push_back(m_mindeye2->betas(trial));
        break;
    case NsdLayout::Native:
        for (int64_t trial : native().repeatsOf(imageId))
            rows.push_back(m_native->betas(trial));
        break;
    }
    if (rows.empty())
        throw DataError(never);
    return rows;
}

std::vector<float> Subject::meanBetasOfImage(int64_t imageId, NsdLayout layout) const
{
    switch (layout) {
    case NsdLayout::Webdataset: {
        const auto &index = webdatasetIndex().samples;
        const auto it = index.find(imageId);
        if (it == index.end())
            throw DataError("subject " + std::to_string(m_id) + ": image " + std::to_string(imageId) +
                            " was never seen in the webdataset layout");
        return m_webdataset->meanVoxels(it->second.first, it->second.second);
    }
    case NsdLayout::MindEye2: return mindEye2().meanBetas(imageId);
    case NsdLayout::Native: return native().meanBetas(imageId);
    }
    return {};
}

Subject::Extras &Subject::extras() const
{
    return *m_extras;
}

std::vector<Trial> Subject::trials(Split split) const
{
    Extras &lazy = extras();
    std::call_once(lazy.trialsBuilt, [&] {
        if (preferredLayout() == NsdLayout::Webdataset) {
            for (Split s : WebdatasetLayout::kSplits) {
                auto &list = lazy.trials[static_cast<std::size_t>(s)];
                for (std::size_t i = 0; i < m_webdataset->sampleCount(s); ++i)
                    list.push_back(
                        Trial{s, static_cast<int64_t>(i), m_webdataset->imageId(s, i), m_webdataset->trials(s, i)});
            }
            return;
        }
        const bool mindeye2 = preferredLayout() == NsdLayout::MindEye2;
        const auto repeatsOf = [&](int64_t image) {
            return mindeye2 ? m_mindeye2->repeatsOf(image) : m_native->repeatsOf(image);
        };
        const std::set<int64_t> test(m_testImages.begin(), m_testImages.end());
        auto &testList = lazy.trials[static_cast<std::size_t>(Split::Test)];
        for (std::size_t i = 0; i < m_testImages.size(); ++i)
            testList.push_back(
                Trial{Split::Test, static_cast<int64_t>(i), m_testImages[i], repeatsOf(m_testImages[i])});
        std::vector<int64_t> rest; // the non-test images, ascending id
        for (int64_t image : mindeye2 ? m_mindeye2->imageIds() : m_native->imageIds())
            if (test.count(image) == 0)
                rest.push_back(image);
        const std::vector<int64_t> held = heldOutForValidation(rest, m_webdataset.get());
        auto &valList = lazy.trials[static_cast<std::size_t>(Split::Val)];
        for (int64_t image : held)
            valList.push_back(Trial{Split::Val, static_cast<int64_t>(valList.size()), image, repeatsOf(image)});
        const std::set<int64_t> val(held.begin(), held.end());
        auto &trainList = lazy.trials[static_cast<std::size_t>(Split::Train)];
        for (int64_t image : rest)
            if (val.count(image) == 0)
                trainList.push_back(
                    Trial{Split::Train, static_cast<int64_t>(trainList.size()), image, repeatsOf(image)});
    });
    return lazy.trials[static_cast<std::size_t>(split)];
}

int64_t Subject::trialCount(Split split) const
{
    (void)trials(split);
    return static_cast<int64_t>(m_extras->trials[static_cast<std::size_t>(split)].size());
}

Trial Subject::trial(Split split, int64_t index) const
{
    const int64_t count = trialCount(split);
    if (index < 0 || index >= count)
        throw DataError("subject " + std::to_string(m_id) + ": " + splitName(split) + " trial " +
                        std::to_string(index) + " out of range [0, " + std::to_string(count) + ")");
    return m_extras->trials[static_cast<std::size_t>(split)][static_cast<std::size_t>(index)];
}

std::vector<std::vector<float>> Subject::repeatBetas(const Trial &trial) const
{
    return betasOfImage(trial.imageId, preferredLayout());
}

std::vector<float> Subject::meanBetas(const Trial &trial) const
{
    // The webdataset sample is addressed directly; the image → sample index would cost a pass over every sample.
    if (preferredLayout() == NsdLayout::Webdataset)
        return m_webdataset->meanVoxels(trial.split, static_cast<std::size_t>(trial.index));
    return meanBetasOfImage(trial.imageId, preferredLayout());
}

bool Subject::hasCaptions() const
{
    return (m_mindeye2 && m_mindeye2->hasCaptions()) || (m_native && !cocoAnnotationsDir(m_native->root()).empty());
}

std::vector<std::string> Subject::captions(int64_t imageId) const
{
    if (m_mindeye2 && m_mindeye2->hasCaptions())
        return m_mindeye2->captions(imageId);
    if (!m_native)
        return {};
    Extras &lazy = extras();
    std::call_once(lazy.cocoRead, [&] {
        const std::string dir = cocoAnnotationsDir(m_native->root());
        if (!dir.empty())
            lazy.coco = CocoCaptions::readDirectory(dir);
    });
    if (!lazy.coco)
        return {};
    return lazy.coco->captions(m_native->cocoId(imageId));
}

io::RgbImage Subject::image(int64_t imageId) const
{
    for (NsdLayout layout : m_layouts) {
        if (layout == NsdLayout::Webdataset) {
            const auto &index = webdatasetIndex().samples;
            const auto it = index.find(imageId);
            if (it != index.end())
                return m_webdataset->image(it->second.first, it->second.second);
        } else if (layout == NsdLayout::MindEye2 && m_mindeye2->hasStimuli()) {
            return rgbFromHwc(m_mindeye2->stimulus(imageId), m_mindeye2->filePath(MindEye2Layout::kStimuliFile));
        } else if (layout == NsdLayout::MindEye2 && m_mindeye2->hasImages()) {
            return rgbFromChw(m_mindeye2->image(imageId));
        } else if (layout == NsdLayout::Native) {
            Extras &lazy = extras();
            std::call_once(lazy.stimuliOpened, [&] {
                const std::string path = nativeStimuliPath(m_native->root());
                if (!path.empty())
                    lazy.stimuli = io::Hdf5File::open(path);
            });
            if (lazy.stimuli) {
                const int64_t count = lazy.stimuli->dataset("imgBrick").shape.at(0);
                if (imageId < 0 || imageId >= count)
                    throw DataError(lazy.stimuli->path() + ": image id " + std::to_string(imageId) +
                                    " is outside [0, " + std::to_string(count) + ")");
                return rgbFromHwc(lazy.stimuli->readRow("imgBrick", imageId, io::DType::U8), lazy.stimuli->path());
            }
        }
    }
    throw DataError("subject " + std::to_string(m_id) + ": no layout holds the stimulus of image " +
                    std::to_string(imageId));
}

} // namespace vindex::data
