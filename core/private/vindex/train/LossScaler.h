#pragma once
// Dynamic loss scaling for fp16 training, with torch.cuda.amp.GradScaler's defaults and rules: the loss is
// multiplied by the scale before backward; unscale() divides the gradients by it and reports whether any is
// inf/NaN; a step with such gradients is skipped and the scale multiplied by backoffFactor, and after
// growthInterval clean steps in a row the scale grows by growthFactor.
#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace vindex::train {

struct LossScalerOptions {
    double initialScale = 65536.0; // 2^16
    double growthFactor = 2.0, backoffFactor = 0.5;
    int64_t growthInterval = 2000;
};

class LossScaler {
public:
    explicit LossScaler(LossScalerOptions options = {});

    double scale() const { return m_scale; }
    at::Tensor scaled(const at::Tensor &loss) const;
    // Divides every defined gradient by the scale, in place; true when all of them are finite.
    bool unscale(const std::vector<at::Tensor> &parameters) const;
    // After a step: found = unscale()'s result was false (the step was skipped).
    void update(bool foundNonFinite);
    int64_t skippedSteps() const { return m_skipped; }

    nlohmann::ordered_json toJson() const;
    void restore(const nlohmann::json &state);

private:
    LossScalerOptions m_options;
    double m_scale;
    int64_t m_growthTracker = 0, m_skipped = 0;
};

} // namespace vindex::train
