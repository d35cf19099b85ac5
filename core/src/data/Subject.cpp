#include "vindex/data/Subject.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"

#include <algorithm>
#include <mutex>
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

const char *nsdLayoutName(NsdLayout layout)
{
    switch (layout) {
    case NsdLayout::Webdataset: return "webdataset";
    case NsdLayout::MindEye2: return "mindeye2";
    case NsdLayout::Native: return "native";
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
      m_webdatasetIndex(std::make_shared<WebdatasetIndex>())
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

    // The test order comes from the first layout that knows the test set; MindEye2 only does with shared1000.npy.
    for (NsdLayout layout : m_layouts) {
        if (layout == NsdLayout::Webdataset && m_webdataset->sampleCount(Split::Test) > 0) {
            const std::size_t n = m_webdataset->sampleCount(Split::Test);
            for (std::size_t i = 0; i < n; ++i)
                m_testImages.push_back(m_webdataset->imageId(Split::Test, i));
        } else if (layout == NsdLayout::MindEye2 && m_mindeye2->hasSharedInfo()) {
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

} // namespace vindex::data
