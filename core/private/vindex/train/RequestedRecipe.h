#pragma once
// The one mapping from what a training request asks (vindex train, the studio's training dialog, vindex bench train)
// to the recipe and the encoder's size: every value the request leaves unset keeps UMBRAE's default.
#include "vindex/train/EncoderFactory.h"
#include "vindex/train/Trainer.h"
#include "vindex/train/TrainingRecipe.h"

#include <cstdint>

namespace vindex::train {

// UMBRAE's recipe with the request's values; not validated (TrainingRecipe::validate).
TrainingRecipe requestedRecipe(const TrainRequest &request);
// The encoder for these data (voxels) and targets (tokens × width), with the request's hidden width, depth, heads
// and head width where it gives them.
EncoderArchitecture requestedArchitecture(const TrainRequest &request, int64_t voxels, int64_t tokens, int64_t width);

} // namespace vindex::train
