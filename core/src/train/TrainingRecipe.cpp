#include "vindex/train/TrainingRecipe.h"

#include "vindex/core/Error.h"

namespace vindex::train {

void TrainingRecipe::validate() const
{
    const auto fail = [](const std::string &what) { throw Error("training recipe: " + what); };
    if (epochs <= 0)
        fail("epochs must be positive, got " + std::to_string(epochs));
    if (batchSize <= 0 || valBatchSize <= 0)
        fail("batch sizes must be positive");
    if (!(maxLr > 0))
        fail("max_lr must be positive");
    if (weightDecay < 0)
        fail("weight_decay must not be negative");
    if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1)
        fail("betas must lie in [0, 1)");
    const double pct = effectivePctStart();
    if (pct < 0 || pct > 1)
        fail("pct_start must lie in [0, 1], got " + std::to_string(pct) + (pctStart > 0 ? "" : " (2 / epochs)"));
    if (annealStrategy != "cos" && annealStrategy != "linear")
        fail("anneal strategy must be cos or linear, got '" + annealStrategy + "'");
    if (loss != "mse" && loss != "l1" && loss != "huber" && loss != "quantile")
        fail("loss must be mse, l1, huber or quantile, got '" + loss + "'");
    if (gradClip < 0)
        fail("grad_clip must not be negative");
    if (precision != "f32" && precision != "bf16" && precision != "f16")
        fail("precision must be f32, bf16 or f16, got '" + precision + "'");
    if (denoiserWeight < 0)
        fail("the denoiser weight must not be negative");
    if (denoiserWeight > 0 &&
        (denoiserWidth <= 0 || denoiserSteps <= 0 || denoiserTimeEmbedding <= 0 || denoiserTimeEmbedding % 2 != 0 ||
         !(denoiserBetaStart > 0) || denoiserBetaEnd < denoiserBetaStart || denoiserBetaEnd >= 1))
        fail("the denoiser needs positive sizes, an even time embedding and 0 < beta_start <= beta_end < 1");
}

nlohmann::ordered_json TrainingRecipe::toJson() const
{
    return {{"epochs", epochs},
            {"batch_size", batchSize},
            {"val_batch_size", valBatchSize},
            {"max_lr", maxLr},
            {"weight_decay", weightDecay},
            {"betas", {beta1, beta2}},
            {"eps", eps},
            {"pct_start", effectivePctStart()},
            {"div_factor", divFactor},
            {"final_div_factor", finalDivFactor},
            {"anneal_strategy", annealStrategy},
            {"cycle_momentum", cycleMomentum},
            {"base_momentum", baseMomentum},
            {"max_momentum", maxMomentum},
            {"loss", loss},
            {"grad_clip", gradClip},
            {"seed", seed},
            {"freeze_perceiver", freezePerceiver},
            {"precision", precision},
            {"tf32", tf32},
            {"denoiser",
             {{"weight", denoiserWeight},
              {"width", denoiserWidth},
              {"time_embedding", denoiserTimeEmbedding},
              {"steps", denoiserSteps},
              {"beta_start", denoiserBetaStart},
              {"beta_end", denoiserBetaEnd}}}};
}

TrainingRecipe TrainingRecipe::fromJson(const nlohmann::json &json)
{
    TrainingRecipe r;
    try {
        r.epochs = json.value("epochs", r.epochs);
        r.batchSize = json.value("batch_size", r.batchSize);
        r.valBatchSize = json.value("val_batch_size", r.valBatchSize);
        r.maxLr = json.value("max_lr", r.maxLr);
        r.weightDecay = json.value("weight_decay", r.weightDecay);
        if (json.contains("betas")) {
            r.beta1 = json["betas"].at(0).get<double>();
            r.beta2 = json["betas"].at(1).get<double>();
        }
        r.eps = json.value("eps", r.eps);
        r.pctStart = json.value("pct_start", r.pctStart);
        r.divFactor = json.value("div_factor", r.divFactor);
        r.finalDivFactor = json.value("final_div_factor", r.finalDivFactor);
        r.annealStrategy = json.value("anneal_strategy", r.annealStrategy);
        r.cycleMomentum = json.value("cycle_momentum", r.cycleMomentum);
        r.baseMomentum = json.value("base_momentum", r.baseMomentum);
        r.maxMomentum = json.value("max_momentum", r.maxMomentum);
        r.loss = json.value("loss", r.loss);
        r.gradClip = json.value("grad_clip", r.gradClip);
        r.seed = json.value("seed", r.seed);
        r.freezePerceiver = json.value("freeze_perceiver", r.freezePerceiver);
        r.precision = json.value("precision", r.precision);
        r.tf32 = json.value("tf32", r.tf32);
        if (json.contains("denoiser")) {
            const auto &d = json["denoiser"];
            r.denoiserWeight = d.value("weight", r.denoiserWeight);
            r.denoiserWidth = d.value("width", r.denoiserWidth);
            r.denoiserTimeEmbedding = d.value("time_embedding", r.denoiserTimeEmbedding);
            r.denoiserSteps = d.value("steps", r.denoiserSteps);
            r.denoiserBetaStart = d.value("beta_start", r.denoiserBetaStart);
            r.denoiserBetaEnd = d.value("beta_end", r.denoiserBetaEnd);
        }
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("training recipe: ") + e.what());
    }
    return r;
}

} // namespace vindex::train
