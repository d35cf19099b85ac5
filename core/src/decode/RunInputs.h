#pragma once
// The inputs of a decoding run (CaptionRun, GroundRun) as work items: images, the rows of a features file, or the
// trials of an NSD split — through a brain encoder (voxels, mean of the repeats) or their stimulus images. Each item
// says where its features come from and, for grounding, how large its image is (Shikra answers in the frame of the
// white-padded square, BrainHub in fractions of the image). Private to core: it holds LibTorch tensors.
#include "vindex/decode/RunOptions.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::models {
class BrainEncoder;
class MultimodalModel;
struct Compute;
} // namespace vindex::models

namespace vindex::spaces {
class FeatureSpace;
}

namespace vindex::data {
class Session;
}

namespace vindex::decode {

class RunInputs {
public:
    enum class Kind { Images, Features, Stimuli, Brain };

    struct Loaded {
        at::Tensor features;           // [N, C] in the space's feature layout
        int64_t width = 0, height = 0; // the input's image; 0 when there is none to ask (features files)
    };
    struct Item {
        std::string key;    // images: the path; otherwise the index as text
        std::string source; // image path, "features[i]", "subj01 test 5 (image 2950)"
        int64_t index = 0;  // position among the images / feature rows, or the trial's index in its split
        // imageSize: a brain input also reads its stimulus, only for its size (its features need no image).
        std::function<Loaded(bool imageSize)> load;
    };

    // command names the command in errors ("caption", "ground"). Loads the brain encoder and checks it against the
    // subject's voxel count and the space's feature width. model and space must outlive the items.
    // A brain checkpoint may be a folder of encoders (BrainEncoderFolder.h, MMVP's --brainx_path): the me space
    // runs its CLIP and DINO encoders on the same voxels and takes [N, C_clip + C_dino], CLIP first; every other
    // space takes the folder's CLIP encoder (SE, NF and grounding are CLIP spaces; AF's width check refuses it).
    RunInputs(const RunInputOptions &options, const std::string &command, const models::MultimodalModel &model,
              const spaces::FeatureSpace &space, const models::Compute &compute);
    ~RunInputs();
    RunInputs(const RunInputs &) = delete;
    RunInputs &operator=(const RunInputs &) = delete;

    Kind kind() const { return m_kind; }
    const std::vector<Item> &items() const { return m_items; }
    // {"kind", ...paths made absolute, subject, split, trials, layout, brain checkpoint}: fingerprints and manifests.
    const nlohmann::ordered_json &description() const { return m_description; }
    // Weight files of everything the run loaded — the MLLM folder, its vision and DINO towers, the brain encoder —
    // with their SHA-256, for the manifest.
    nlohmann::ordered_json weightFiles() const;

    // Error for requests that name no input kind or several, or a brain encoder without trials: cheap, so runs call
    // it before loading a model.
    static void check(const RunInputOptions &options, const std::string &command);
    // "0:982", "3,5,10:20" → indices in order, each < count; Error naming the part that is wrong.
    static std::vector<int64_t> parseTrials(const std::string &text, int64_t count);
    // Absolute and normalised where the path exists; as given otherwise.
    static std::string absolutePath(const std::string &path);

private:
    const models::MultimodalModel &m_model;
    Kind m_kind = Kind::Images;
    std::string m_brainCheckpoint;     // the (CLIP-side) encoder file the run loaded
    std::string m_dinoBrainCheckpoint; // ME from an encoder folder: the DINO-side encoder file
    std::string m_dinoTower;           // ME: the DINOv2 weights the space loaded (file or folder)
    bool m_dinoTowerIsFolder = false;
    std::vector<Item> m_items;
    nlohmann::ordered_json m_description;
    std::shared_ptr<data::Session> m_session;
    std::shared_ptr<models::BrainEncoder> m_encoder;
    std::shared_ptr<models::BrainEncoder> m_dinoEncoder; // ME from an encoder folder; its features follow CLIP's
};

} // namespace vindex::decode
