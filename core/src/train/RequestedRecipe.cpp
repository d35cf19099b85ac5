#include "vindex/train/RequestedRecipe.h"

namespace vindex::train {

TrainingRecipe requestedRecipe(const TrainRequest &r)
{
    TrainingRecipe recipe;
    recipe.epochs = r.epochs.value_or(recipe.epochs);
    recipe.batchSize = r.batchSize.value_or(recipe.batchSize);
    recipe.valBatchSize = r.valBatchSize.value_or(recipe.valBatchSize);
    recipe.maxLr = r.maxLr.value_or(recipe.maxLr);
    recipe.gradClip = r.gradClip.value_or(recipe.gradClip);
    recipe.loss = r.loss.value_or(recipe.loss);
    recipe.seed = r.seed.value_or(recipe.seed);
    recipe.denoiserWeight = r.denoiserWeight.value_or(recipe.denoiserWeight);
    recipe.denoiserWidth = r.denoiserWidth.value_or(recipe.denoiserWidth);
    recipe.freezePerceiver = r.freezePerceiver;
    recipe.precision = r.precision.value_or(recipe.precision);
    recipe.tf32 = r.tf32;
    return recipe;
}

EncoderArchitecture requestedArchitecture(const TrainRequest &r, int64_t voxels, int64_t tokens, int64_t width)
{
    EncoderArchitecture architecture;
    architecture.voxels = voxels;
    architecture.latents = tokens;
    architecture.outWidth = width;
    architecture.hidden = r.hidden.value_or(architecture.hidden);
    architecture.depth = r.depth.value_or(architecture.depth);
    architecture.heads = r.heads.value_or(architecture.heads);
    architecture.dimHead = r.dimHead.value_or(architecture.dimHead);
    return architecture;
}

} // namespace vindex::train
