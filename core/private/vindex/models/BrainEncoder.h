#pragma once
// A brain encoder maps one trial's voxels to the visual tokens a vision tower would give for the stimulus
// (UMBRAE's BrainXS / BrainX: a subject tokenizer, then a shared perceiver). load() reads UMBRAE checkpoints as
// train.py / train_brainx.py write them, or bare state dicts, and picks the class from the tensor names.
#include "vindex/models/BrainPerceiver.h"
#include "vindex/models/Compute.h"
#include "vindex/models/ParameterList.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::models {

class WeightLoader;

struct BrainEncoderOptions {
    // The perceiver's head split is not recorded in UMBRAE's checkpoints (only heads × dimHead is); UMBRAE uses
    // 16 × 96. Our training checkpoints record it: 0 here means "as recorded, else 16 × 96" (see load()).
    int64_t heads = 16;
    int64_t dimHead = 96;
    double layerNormEps = 1e-5;
};

class BrainEncoder {
public:
    enum class Kind {
        BrainXS, // one subject (also UMBRAE's BrainXC adaptation models: the same state-dict layout and forward)
        BrainX   // cross-subject: one tokenizer per subject, shared perceiver
    };

    virtual ~BrainEncoder();
    BrainEncoder(const BrainEncoder &) = delete;
    BrainEncoder &operator=(const BrainEncoder &) = delete;

    // checkpointPath: a .pth/.pt/.bin torch.save file — a UMBRAE training checkpoint (weights under
    // "model_state_dict") or a plain state dict — or a .safetensors file / model folder. Throws ModelError naming
    // the file and the expected keys when it holds no brain encoder, FormatError when it cannot be read.
    // options.heads / dimHead ≤ 0: the head split recorded with the checkpoint, else UMBRAE's 16 × 96.
    static std::unique_ptr<BrainEncoder> load(const std::string &checkpointPath, const Compute &compute,
                                              BrainEncoderOptions options = {});
    // The head split our training checkpoints record in their safetensors metadata (kTrainingMetadataKey's
    // document, "encoder": heads, dim_head, layer_norm_eps); nullopt for any other file.
    static std::optional<BrainEncoderOptions> recordedOptions(const std::string &checkpointPath);
    static constexpr const char *kTrainingMetadataKey = "vindex.training";
    // Over weights already open (names as in the model's state dict: "lin1.weight", "perceiver.…").
    static std::unique_ptr<BrainEncoder> load(const WeightLoader &weights, BrainEncoderOptions options = {});
    // The state dict of a checkpoint file as a WeightLoader (model_state_dict of a training checkpoint, a
    // DataParallel "module." prefix removed).
    static WeightLoader openWeights(const std::string &checkpointPath, const Compute &compute);

    virtual Kind kind() const = 0;
    std::string kindName() const; // "BrainXS" / "BrainX"
    // "1, 2, 5" for messages.
    static std::string subjectListText(const std::vector<int> &subjects);
    // The subjects a BrainX has tokenizers for, ascending; empty for BrainXS (its subject is not recorded).
    virtual std::vector<int> subjects() const = 0;
    // Voxels per trial for a subject (ignored by BrainXS); throws ModelError for a subject BrainX does not know.
    virtual int64_t voxelCount(int subject) const = 0;

    // voxels [B, voxelCount(subject)] (any real dtype, any device) → [B, tokenCount(), featureWidth()] in the
    // compute dtype on the compute device. subject selects BrainX's tokenizer ("fmri{subject}"); BrainXS ignores
    // it (pass 0). Throws ModelError naming the subject and both counts when the voxel count differs.
    virtual at::Tensor encode(const at::Tensor &voxels, int subject) const = 0;

    int64_t tokenCount() const { return m_perceiver.resampler().latentCount(); }
    int64_t featureWidth() const { return m_perceiver.outputWidth(); }
    int64_t hiddenWidth() const { return m_perceiver.width(); }
    int64_t depth() const { return m_perceiver.resampler().depth(); }
    const BrainPerceiver &perceiver() const { return m_perceiver; }

    // Training: the encoder's learnable tensors under their state-dict names, in torch's named_parameters() order
    // (see ParameterList.h). encode() is the training forward too: with parameters that require grad, autograd
    // records it.
    ParameterList parameters();
    // Gives every parameter its own writable, contiguous copy that requires grad — loaded weights are read-only
    // mappings of the checkpoint file and must never be updated in place.
    void makeTrainable();
    // Training mode switches on the dropout of use_norm tokenizers (the only train/eval difference in UMBRAE).
    virtual void setTraining(bool training) = 0;
    // Detached copies of the parameters, state-dict order (what a checkpoint stores).
    std::vector<std::pair<std::string, at::Tensor>> stateDict() const;
    const std::string &source() const { return m_source; }
    const Compute &compute() const { return m_compute; }

protected:
    BrainEncoder(BrainPerceiver perceiver, std::string source, Compute compute);
    // Checks rank and voxel count (subjectText names the subject in the error) and converts to the compute
    // dtype/device.
    at::Tensor prepareVoxels(const at::Tensor &voxels, int64_t expectedVoxels, const std::string &subjectText) const;
    virtual void appendParameters(ParameterList &out) = 0;

    BrainPerceiver m_perceiver;

private:
    std::string m_source;
    Compute m_compute;
};

} // namespace vindex::models
