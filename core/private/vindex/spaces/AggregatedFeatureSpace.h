#pragma once
// AF: Dense Connector. From one tower pass, the final features plus layers of the hidden-state stack:
//   DCI (default): concat(final, mean of the lower half of the layers, mean of the upper half) over channels → 3C
//   SCI: concat(final, layer 7, layer 15) over channels → 3C
//   STI: final, then layers 7 and 15 average-pooled 8:1 over tokens, concatenated over tokens → C
// CLIP: final = layer −2 without CLS, the stack = embeddings + blocks 1..L−1 (CLS dropped everywhere). SigLIP: Dense
// Connector deletes the last block, so final = block L−1's output (no post-norm) and the stack is embeddings +
// blocks 1..L−2. The halves split that stack's first n entries (n = its length − 1) at n/2: CLIP-L 0–11 | 12–23,
// SigLIP-so400m 0–12 | 13–25. The mode comes from config.json "mm_dense_connector_type".
#include "vindex/spaces/FeatureSpace.h"

#include <string>

namespace vindex::spaces {

class AggregatedFeatureSpace : public FeatureSpace {
public:
    enum class Mode { Dci, Sci, Sti };

    explicit AggregatedFeatureSpace(const models::MultimodalModel &model);
    Mode mode() const { return m_mode; }
    at::Tensor imageFeatures(const at::Tensor &pixelValues) const override;

protected:
    at::Tensor tokensFromFeatures(const at::Tensor &features) const override;

private:
    Mode m_mode = Mode::Dci;
};

} // namespace vindex::spaces
