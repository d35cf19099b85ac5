#pragma once
// Which trials a training run fits, which it picks its best checkpoint on, and whether its targets are augmented:
// the two recipes `vindex train --recipe` and the studio's training dialog offer.
//  - clean (the default): fit the train split, select on the val split (every trial, the last batch may be smaller),
//    no augmentation; the test split stays unseen until evaluation.
//  - umbrae: what UMBRAE's train.py / train_brainx.py / train_adaptation.py do — fit train + val (the train tars then
//    the val tar: 8,559 + 300 = 8,859 images), score the test split after every epoch (982 images, the mean of each
//    image's repeats) and keep the checkpoint whose score is strictly the lowest so far, with image augmentation on
//    (--use_image_aug defaults to True). The score is the mean of the losses of the whole batches of val_batch_size
//    (300) test trials in split order: the loader batches with partial=False, so 982 trials score 3 × 300 = 900. With
//    several subjects (train_brainx.py) only the last subject's test split is scored.
// No LibTorch here: the CLI and the GUI list the recipes from it.
#include "vindex/data/Trial.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace vindex::train {

struct DataRecipe {
    std::string name;                      // "clean" | "umbrae"
    std::vector<data::Split> fit;          // the trials trained on, these splits one after the other
    data::Split select = data::Split::Val; // the trials the best checkpoint is chosen on
    bool augment = false;                  // the recipe's augmentation when the request leaves it unset
    bool wholeSelectionBatches = false;    // score only whole batches of the validation batch size
    bool lastSubjectSelects = false;       // several subjects: select on the last one's trials only

    static constexpr const char *kDefault = "clean";
    static std::vector<std::string> names(); // "clean", "umbrae"
    // Throws Error naming the recipes for any other name.
    static DataRecipe named(const std::string &name);

    // {"name", "fit_splits", "select_split", "whole_selection_batches", "last_subject_selects"}: what a checkpoint
    // records of the recipe that made it.
    nlohmann::ordered_json toJson() const;
};

} // namespace vindex::train
