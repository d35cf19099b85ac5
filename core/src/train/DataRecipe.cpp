#include "vindex/train/DataRecipe.h"

#include "vindex/core/Error.h"

namespace vindex::train {

std::vector<std::string> DataRecipe::names()
{
    return {"clean", "umbrae"};
}

DataRecipe DataRecipe::named(const std::string &name)
{
    DataRecipe recipe;
    recipe.name = name;
    if (name == "clean") {
        recipe.fit = {data::Split::Train};
        recipe.select = data::Split::Val;
        return recipe;
    }
    if (name == "umbrae") {
        // train.py: train_url = train tars {0..17} + the val tar, val_url = the test tars, use_image_aug = True,
        // val loader batched(300, partial=False); train_brainx.py validates with the last subject's encoder.
        recipe.fit = {data::Split::Train, data::Split::Val};
        recipe.select = data::Split::Test;
        recipe.augment = true;
        recipe.wholeSelectionBatches = true;
        recipe.lastSubjectSelects = true;
        return recipe;
    }
    throw Error("training recipe '" + name +
                "': expected clean (fit train, select on val) or umbrae (fit train + "
                "val, select on test, augmented, as UMBRAE's train.py)");
}

nlohmann::ordered_json DataRecipe::toJson() const
{
    nlohmann::ordered_json fitSplits = nlohmann::ordered_json::array();
    for (const data::Split split : fit)
        fitSplits.push_back(data::splitName(split));
    return {{"name", name},
            {"fit_splits", fitSplits},
            {"select_split", data::splitName(select)},
            {"whole_selection_batches", wholeSelectionBatches},
            {"last_subject_selects", lastSubjectSelects}};
}

} // namespace vindex::train
