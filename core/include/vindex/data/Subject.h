#pragma once
// One NSD subject as a Session sees it: the layouts that opened for it, one voxel space, and the test set in the
// order UMBRAE / BrainHub index it (0..N-1), so that captions and boxes attach to the right image. Every layout reads
// lazily; a Subject is a cheap handle (copies share the layouts and the caches).
#include "vindex/data/RoiMask.h"
#include "vindex/data/Trial.h"
#include "vindex/io/RgbImage.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vindex::data {

class WebdatasetLayout;
class MindEye2Layout;
class NativeNsdLayout;

enum class NsdLayout { Webdataset, MindEye2, Native };
const char *nsdLayoutName(NsdLayout layout); // "webdataset", "mindeye2", "native"
// How a layout's betas are scaled, as run manifests record it: every layout gives betas z-scored per voxel per session
// (MindEye's files are; native betas are z-scored on reading, NativeNsdLayout::betas), said with where it happens.
const char *nsdBetasScaling(NsdLayout layout);

class Subject {
public:
    // UMBRAE trains and evaluates on the webdataset train/val/test splits, so that order wins by default.
    static std::vector<NsdLayout> defaultPreference();

    // The layouts found for the subject (null = absent), tried in preference order. Throws DataError when none is.
    Subject(int id, std::shared_ptr<const WebdatasetLayout> webdataset, std::shared_ptr<const MindEye2Layout> mindeye2,
            std::shared_ptr<const NativeNsdLayout> native,
            const std::vector<NsdLayout> &preference = defaultPreference());

    int id() const { return m_id; }
    // The voxel count of the preferred layout (Session reports layouts that disagree as problems).
    int64_t voxelCount() const;
    // Available layouts in preference order; the first one answers whatever is asked without a layout.
    const std::vector<NsdLayout> &layouts() const { return m_layouts; }
    bool hasLayout(NsdLayout layout) const;
    NsdLayout preferredLayout() const { return m_layouts.front(); }

    const WebdatasetLayout &webdataset() const; // DataError when the layout is absent
    const MindEye2Layout &mindEye2() const;
    const NativeNsdLayout &native() const;

    // ROI geometry (shape, affine, voxel index → (x, y, z)) exists only in the native layout.
    bool hasRoi() const { return static_cast<bool>(m_native); }
    const RoiMask &roi() const; // DataError when the native layout is absent

    // The test set, in one order whichever layout reads the betas: BrainHub's keys 0…981 follow UMBRAE's test order,
    // the sample order of the webdataset test tars, so when the tars are there that order is used for every layout
    // (whatever the preference). Without them the order is derived from the 73k ids: ascending id, over MindEye2's
    // shared1000 images (with shared1000.npy), else the native shared1000 images, in preference order. Ascending id
    // is UMBRAE's order too: MindEye2 decodes its test images in np.unique (ascending 73k id) order
    // (MindEyeV2 src/recon_inference.ipynb) and BrainHub scores those captions, keyed 0…981, against its own
    // references (weihaox/BrainHub data/caption/comparison/mindeye2/). It names BrainHub's images only when the
    // derived set is UMBRAE's set, i.e. has as many images as BrainHub has keys: see checkBrainHubOrder().
    // testOrderLayout() says which layout gave the order.
    NsdLayout testOrderLayout() const { return m_testOrderLayout; }
    // "umbrae (webdataset test tars)" or "ascending 73k id (<layout> shared1000)": how runs record the order.
    std::string testOrderDescription() const;
    // Throws DataError, naming what is missing, when test index i cannot be known to be BrainHub's key i: the order
    // is derived (no test tars) and the test set has another size than BrainHub's `keys` (e.g. the 1,000 shared
    // images of the full release instead of UMBRAE's 982).
    void checkBrainHubOrder(int64_t keys) const;
    const std::vector<int64_t> &testImages() const { return m_testImages; }
    int64_t testImageCount() const { return static_cast<int64_t>(m_testImages.size()); }
    int64_t testImage(int64_t index) const; // DataError out of range
    // Mean over the repeats of test image `index` [V], from the preferred layout or the given one.
    std::vector<float> testVoxels(int64_t index) const;
    std::vector<float> testVoxels(int64_t index, NsdLayout layout) const;

    // The betas of each repeat of an image [repeats][V], as that layout stores them (float16 tars: the rows of the
    // image's sample in any split; MindEye2: float32 rows; native: int16 ÷ 300). DataError when the layout is absent
    // or the subject never saw the image there.
    std::vector<std::vector<float>> betasOfImage(int64_t imageId, NsdLayout layout) const;
    std::vector<float> meanBetasOfImage(int64_t imageId, NsdLayout layout) const;

    // The trials of a split. With the webdataset layout preferred: its train / val / test samples in reading order,
    // as UMBRAE trains and evaluates. Otherwise test = testImages(); MindEye2 and native NSD define no validation
    // split, so val holds out some of the other images the preferred layout saw — MindEye1's val images (the val
    // tar's, in its order) where the subject's tars are present, else v = max(1, round(n · 300 / 8859)) of the n
    // non-test images (none when n < 2) at positions floor((2j + 1) · n / (2v)), j = 0 … v − 1, of the ascending ids
    // — and train is the rest, ascending id.
    // Repeats are the preferred layout's trial numbers (the tars' trial.npy, or the rows / trials of each repeat).
    std::vector<Trial> trials(Split split) const;
    int64_t trialCount(Split split) const;
    Trial trial(Split split, int64_t index) const; // DataError naming the range when out of range
    // A trial's betas [repeats][V] and their mean [V], from the preferred layout.
    std::vector<std::vector<float>> repeatBetas(const Trial &trial) const;
    std::vector<float> meanBetas(const Trial &trial) const;

    // Captions of an image: MindEye2's COCO_73k_annots_curated.npy, else the COCO caption files (annotations/ or
    // nsddata_stimuli/stimuli/nsd/annotations/ under the root) through the native CSV's cocoId; empty when the image
    // has none. hasCaptions() says whether any source exists.
    bool hasCaptions() const;
    std::vector<std::string> captions(int64_t imageId) const;
    // The stimulus, decoded on demand: from the webdataset sample when the tars hold the image, else MindEye2's
    // imgBrick or 224-px float16 images, else nsd_stimuli.hdf5 next to the native tree. DataError when no layout has
    // it.
    io::RgbImage image(int64_t imageId) const;

private:
    struct WebdatasetIndex;
    struct Extras;
    const WebdatasetIndex &webdatasetIndex() const;
    Extras &extras() const;

    int m_id = 0;
    std::shared_ptr<const WebdatasetLayout> m_webdataset;
    std::shared_ptr<const MindEye2Layout> m_mindeye2;
    std::shared_ptr<const NativeNsdLayout> m_native;
    std::vector<NsdLayout> m_layouts;
    NsdLayout m_testOrderLayout = NsdLayout::Native;
    std::vector<int64_t> m_testImages;
    std::shared_ptr<WebdatasetIndex> m_webdatasetIndex; // imageId → sample, built on first use, shared by copies
    std::shared_ptr<Extras> m_extras;                   // trial lists, COCO captions, stimuli file: on first use
};

} // namespace vindex::data
