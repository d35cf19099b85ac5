#include "vindex/train/RequestedRecipe.h"

namespace vindex::train {

TrainingRecipe requestedRecipe(const TrainRequest &r)
{
    TrainingRecipe recipe;
    if (r.epochs)
        recipe.epochs = *r.epochs;
    if (r.batchSize)
        recipe.batchSize = *r.batchSize;
    if (r.maxLr)
        recipe.maxLr = *r.maxLr;
    if (r.gradClip)
        recipe.gradClip = *r.gradClip;
    if (r.loss)
        recipe.loss = *r.loss;
    if (r.seed)
        recipe.seed = *r.seed;
    if (r.denoiserWeight)
        recipe.denoiserWeight = *r.denoiserWeight;
    if (r.denoiserWidth)
        recipe.denoiserWidth = *r.denoiserWidth;
    recipe.freezePerceiver = r.freezePerceiver;
    if (r.precision)
        recipe.precision = *r.precision;
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
