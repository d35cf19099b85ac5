#include "vindex/train/TrainingSession.h"

#include "vindex/core/Error.h"
#include "vindex/io/HostTensor.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"
#include "vindex/train/AutocastScope.h"
#include "vindex/train/DataParallelGroup.h"
#include "vindex/train/GradientClipping.h"
#include "vindex/train/TrainingCheckpoint.h"
#include "vindex/train/UmbraeCheckpoint.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace vindex::train {
namespace {

OneCycleOptions scheduleOptions(const TrainingRecipe &recipe, int64_t totalSteps)
{
    OneCycleOptions o;
    o.maxLr = recipe.maxLr;
    o.totalSteps = totalSteps;
    o.pctStart = recipe.effectivePctStart();
    o.annealStrategy = recipe.annealStrategy;
    o.cycleMomentum = recipe.cycleMomentum;
    o.baseMomentum = recipe.baseMomentum;
    o.maxMomentum = recipe.maxMomentum;
    o.divFactor = recipe.divFactor;
    o.finalDivFactor = recipe.finalDivFactor;
    return o;
}

// The default generators a step draws from: the CPU's (the denoiser's time steps, the data order) and, when training
// on a GPU, that device's (dropout in use_norm tokenizers, the denoiser's noise). Checkpoints keep both, so a resumed
// run draws what an uninterrupted one would.
std::vector<std::pair<std::string, at::Device>> generatorsOf(const at::Device &device)
{
    std::vector<std::pair<std::string, at::Device>> generators{{"rng.cpu", at::Device(at::kCPU)}};
    if (device.is_cuda())
        generators.emplace_back("rng.cuda", device); // a tensor's device: always with its index
    return generators;
}

at::Tensor generatorState(const at::Device &device)
{
    at::Generator generator = at::globalContext().defaultGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setGeneratorState(const at::Device &device, const at::Tensor &state)
{
    at::Generator generator = at::globalContext().defaultGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state.clone());
}

bool isDenoiserParameter(const std::string &name)
{
    return name.rfind("denoiser.", 0) == 0;
}

// The encoder's parameters in the order train.py's optimizer numbers them: group by group, denoiser left out.
std::vector<std::string> umbraeParameterOrder(const AdamW &optimizer)
{
    std::vector<std::string> names;
    for (const AdamWGroup &group : optimizer.groups())
        for (const std::string &name : group.names)
            if (!isDenoiserParameter(name))
                names.push_back(name);
    return names;
}

const char *kindName(models::BrainEncoder::Kind kind)
{
    return kind == models::BrainEncoder::Kind::BrainX ? "BrainX" : "BrainXS";
}

} // namespace

TrainingSession::TrainingSession(std::unique_ptr<models::BrainEncoder> encoder,
                                 const models::BrainEncoderOptions &architecture, TrainingRecipe recipe,
                                 int64_t totalSteps, const std::map<std::string, at::Tensor> *denoiserWeights)
    : m_encoder(std::move(encoder)), m_architecture(architecture), m_recipe(std::move(recipe)),
      m_totalSteps(totalSteps), m_objective(Objective::parse(m_recipe.loss))
{
    m_recipe.validate();
    m_encoder->makeTrainable();
    models::ParameterList parameters = m_encoder->parameters();
    if (m_recipe.freezePerceiver) {
        int64_t frozen = 0;
        for (const models::ParameterRef &p : parameters)
            if (p.name.rfind("perceiver.", 0) == 0) {
                p.tensor->requires_grad_(false);
                ++frozen;
            }
        if (frozen == 0)
            throw ModelError("training: freezing the perceiver, but the encoder has no perceiver.* parameters");
    }
    if (m_recipe.denoiserWeight > 0) {
        DenoiserOptions o;
        o.featureWidth = m_encoder->featureWidth();
        o.width = m_recipe.denoiserWidth;
        o.timeEmbedding = m_recipe.denoiserTimeEmbedding;
        o.steps = m_recipe.denoiserSteps;
        o.betaStart = m_recipe.denoiserBetaStart;
        o.betaEnd = m_recipe.denoiserBetaEnd;
        m_denoiser.emplace(denoiserWeights ? Denoiser::fromTensors(o, *denoiserWeights) : Denoiser::create(o));
        m_denoiser->to(parameters.front().tensor->device()); // beside the encoder, fresh or resumed
        m_denoiser->makeTrainable();
        for (const models::ParameterRef &p : m_denoiser->parameters())
            parameters.push_back(p);
    }
    m_optimizer = std::make_unique<AdamW>(AdamW::umbraeGroups(parameters, m_recipe.maxLr, m_recipe.weightDecay,
                                                              m_recipe.beta1, m_recipe.beta2, m_recipe.eps));
    m_scheduler = std::make_unique<OneCycleLR>(*m_optimizer, scheduleOptions(m_recipe, totalSteps));
    m_device = deviceOfParameters().type();
    if (m_recipe.precision == "f16")
        m_scaler.emplace();
    if (m_recipe.tf32)
        at::globalContext().setAllowTF32CuBLAS(true);
}

TrainingSession::~TrainingSession() = default;

at::Device TrainingSession::deviceOfParameters() const
{
    return m_optimizer->parameter(0).device();
}

std::vector<std::pair<std::string, at::Tensor>> TrainingSession::tensors() const
{
    std::vector<std::pair<std::string, at::Tensor>> all;
    for (std::size_t i = 0; i < m_optimizer->parameterCount(); ++i) {
        all.emplace_back(m_optimizer->name(i), m_optimizer->parameter(i));
        const AdamWParamState &s = m_optimizer->state(i);
        if (s.initialized) {
            all.emplace_back("optimizer.exp_avg." + m_optimizer->name(i), s.expAvg);
            all.emplace_back("optimizer.exp_avg_sq." + m_optimizer->name(i), s.expAvgSq);
        }
    }
    for (auto &[name, tensor] : m_encoder->stateDict())
        all.emplace_back("encoder." + name, tensor);
    return all;
}

double TrainingSession::step(const std::vector<TrainingBatch> &batches)
{
    if (batches.empty())
        throw Error("training step: no batch");
    m_encoder->setTraining(true);
    m_optimizer->zeroGrad();
    at::Tensor regression, denoising;
    {
        const AutocastScope autocast(m_recipe.precision, m_device);
        for (const TrainingBatch &batch : batches) {
            // Losses in fp32 whatever autocast computed the prediction in.
            const at::Tensor prediction = m_encoder->encode(batch.voxels, batch.subject).to(at::kFloat);
            const at::Tensor target = batch.targets.to(prediction.device(), at::kFloat);
            // A data-parallel shard's mean weighted by its share: the ranks' sum is the whole batch's mean.
            const int64_t rows = batch.voxels.size(0);
            const bool shard = batch.wholeSize > 0 && batch.wholeSize != rows;
            const double share = shard ? static_cast<double>(rows) / static_cast<double>(batch.wholeSize) : 1.0;
            at::Tensor part = m_objective(prediction, target);
            if (shard)
                part = part * share;
            regression = regression.defined() ? regression + part : part;
            if (m_denoiser) {
                at::Tensor d = m_denoiser->loss(target, prediction, batch.wholeSize, batch.offset).to(at::kFloat);
                if (shard)
                    d = d * share;
                denoising = denoising.defined() ? denoising + d : d;
            }
        }
    }
    const at::Tensor loss = m_denoiser ? regression + denoising * m_recipe.denoiserWeight : regression;
    double value = loss.item<double>();
    m_lastRegression = regression.item<double>();
    m_lastDenoiser = m_denoiser ? std::optional<double>(denoising.item<double>()) : std::nullopt;
    if (m_group) {
        // The whole batch's losses, so that every rank records the same and stops together on a divergence.
        const at::Tensor parts = at::tensor({value, m_lastRegression, m_lastDenoiser.value_or(0.0)}, at::kDouble);
        m_group->allReduceSum({parts});
        value = parts[0].item<double>();
        m_lastRegression = parts[1].item<double>();
        if (m_denoiser)
            m_lastDenoiser = parts[2].item<double>();
    }
    if (!std::isfinite(value)) // train.py's utils.check_loss
        throw Error("training step " + std::to_string(m_history.globalStep) + ": the loss is " + std::to_string(value) +
                    " (diverged; lower the learning rate or check the data)");
    std::vector<at::Tensor> parameters;
    for (const AdamWGroup &group : m_optimizer->groups())
        parameters.insert(parameters.end(), group.params.begin(), group.params.end());
    bool finite = true;
    if (m_scaler) {
        m_scaler->scaled(loss).backward();
        finite = m_scaler->unscale(parameters);
    } else {
        loss.backward();
    }
    if (m_group) {
        // Every rank has a non-empty shard of every batch, so the same parameters have gradients everywhere (those
        // without — another subject's tokenizer — are skipped by AdamW, as in one process). An overflow on any rank
        // makes every rank skip the update.
        std::vector<at::Tensor> gradients;
        for (const at::Tensor &p : parameters)
            if (p.grad().defined())
                gradients.push_back(p.grad());
        m_group->allReduceSum(gradients);
        if (m_scaler) {
            const at::Tensor overflowed = at::full({1}, finite ? 0 : 1, at::kLong);
            m_group->allReduceSum({overflowed});
            finite = overflowed.item<int64_t>() == 0;
        }
    }
    if (m_recipe.gradClip > 0 && finite) // after the exchange: the whole batch's gradient norm
        clipGradNorm(parameters, m_recipe.gradClip);
    if (finite) // GradScaler.step skips an update whose gradients overflowed
        m_optimizer->step();
    if (m_scaler)
        m_scaler->update(!finite);
    m_history.losses.push_back(value);
    m_history.lrs.push_back(m_optimizer->groups()[0].lr);
    ++m_history.globalStep;
    ++m_history.stepInEpoch;
    m_scheduler->step();
    return value;
}

void TrainingSession::broadcastWeights()
{
    if (!m_group)
        return;
    std::vector<at::Tensor> weights;
    for (const AdamWGroup &group : m_optimizer->groups())
        weights.insert(weights.end(), group.params.begin(), group.params.end());
    m_group->broadcast(weights, 0);
}

double TrainingSession::evaluate(const TrainingBatch &batch)
{
    at::NoGradGuard noGrad;
    m_encoder->setTraining(false);
    const AutocastScope autocast(m_recipe.precision, m_device);
    const at::Tensor prediction = m_encoder->encode(batch.voxels, batch.subject).to(at::kFloat);
    return m_objective(prediction, batch.targets.to(prediction.device(), at::kFloat)).item<double>();
}

void TrainingSession::save(const std::string &path) const
{
    std::vector<std::pair<std::string, at::Tensor>> tensors = m_encoder->stateDict();
    if (m_denoiser)
        for (const models::ParameterRef &p : const_cast<Denoiser &>(*m_denoiser).parameters())
            tensors.emplace_back(p.name, p.tensor->detach());
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    nlohmann::ordered_json steps = nlohmann::ordered_json::object();
    for (const AdamWGroup &g : m_optimizer->groups())
        groups.push_back({{"names", g.names},
                          {"lr", g.lr},
                          {"betas", {g.beta1, g.beta2}},
                          {"eps", g.eps},
                          {"weight_decay", g.weightDecay},
                          {"initial_lr", g.initialLr},
                          {"max_lr", g.maxLr},
                          {"min_lr", g.minLr},
                          {"max_momentum", g.maxMomentum},
                          {"base_momentum", g.baseMomentum}});
    for (std::size_t i = 0; i < m_optimizer->parameterCount(); ++i) {
        const AdamWParamState &s = m_optimizer->state(i);
        if (!s.initialized)
            continue;
        steps[m_optimizer->name(i)] = s.step;
        tensors.emplace_back("optimizer.exp_avg." + m_optimizer->name(i), s.expAvg);
        tensors.emplace_back("optimizer.exp_avg_sq." + m_optimizer->name(i), s.expAvgSq);
    }
    for (const auto &[name, device] : generatorsOf(deviceOfParameters()))
        tensors.emplace_back(name, generatorState(device));

    nlohmann::ordered_json state{
        {"recipe", m_recipe.toJson()},
        {"total_steps", m_totalSteps},
        {"encoder",
         {{"kind", kindName(m_encoder->kind())},
          {"heads", m_architecture.heads},
          {"dim_head", m_architecture.dimHead},
          {"layer_norm_eps", m_architecture.layerNormEps}}},
        {"optimizer", {{"groups", groups}, {"steps", steps}}},
        {"scheduler", {{"last_epoch", m_scheduler->lastEpoch()}, {"step_count", m_scheduler->stepCount()}}},
        {"history", m_history.toJson()},
        {"run", m_run}};
    if (m_scaler)
        state["loss_scaler"] = m_scaler->toJson();
    TrainingCheckpoint::write(path, std::move(state), tensors);
}

std::unique_ptr<TrainingSession> TrainingSession::resume(const std::string &checkpointPath,
                                                         const models::Compute &compute)
{
    const TrainingCheckpoint checkpoint(checkpointPath);
    const nlohmann::json &state = checkpoint.state();
    try {
        models::BrainEncoderOptions architecture;
        architecture.heads = state.at("encoder").at("heads").get<int64_t>();
        architecture.dimHead = state.at("encoder").at("dim_head").get<int64_t>();
        architecture.layerNormEps = state.at("encoder").at("layer_norm_eps").get<double>();
        auto encoder = models::BrainEncoder::load(models::WeightLoader(checkpointPath, compute), architecture);
        const TrainingRecipe recipe = TrainingRecipe::fromJson(state.at("recipe"));
        std::map<std::string, at::Tensor> denoiser;
        if (recipe.denoiserWeight > 0)
            for (const char *name : {"denoiser.0.weight", "denoiser.0.bias", "denoiser.2.weight", "denoiser.2.bias"})
                if (checkpoint.has(name))
                    denoiser[name] = checkpoint.tensor(name); // moved beside the encoder by the constructor
        auto session = std::make_unique<TrainingSession>(std::move(encoder), architecture, recipe,
                                                         state.at("total_steps").get<int64_t>(),
                                                         recipe.denoiserWeight > 0 ? &denoiser : nullptr);
        AdamW &optimizer = *session->m_optimizer;
        const auto &groups = state.at("optimizer").at("groups");
        if (groups.size() != optimizer.groups().size())
            throw FormatError(checkpointPath, "the optimizer has " + std::to_string(groups.size()) +
                                                  " parameter groups, the encoder gives " +
                                                  std::to_string(optimizer.groups().size()));
        for (std::size_t g = 0; g < groups.size(); ++g) {
            AdamWGroup &group = optimizer.groups()[g];
            if (groups[g].at("names").get<std::vector<std::string>>() != group.names)
                throw FormatError(checkpointPath, "optimizer group " + std::to_string(g) +
                                                      " names other parameters than the encoder has");
            group.lr = groups[g].at("lr").get<double>();
            group.beta1 = groups[g].at("betas").at(0).get<double>();
            group.beta2 = groups[g].at("betas").at(1).get<double>();
            group.eps = groups[g].at("eps").get<double>();
            group.weightDecay = groups[g].at("weight_decay").get<double>();
            group.initialLr = groups[g].at("initial_lr").get<double>();
            group.maxLr = groups[g].at("max_lr").get<double>();
            group.minLr = groups[g].at("min_lr").get<double>();
            group.maxMomentum = groups[g].at("max_momentum").get<double>();
            group.baseMomentum = groups[g].at("base_momentum").get<double>();
        }
        for (const auto &[name, step] : state.at("optimizer").at("steps").items()) {
            const int64_t index = optimizer.indexOf(name);
            if (index < 0)
                throw FormatError(checkpointPath, "optimizer state for unknown parameter '" + name + "'");
            AdamWParamState &s = optimizer.state(static_cast<std::size_t>(index));
            s.step = step.get<double>();
            // Own writable copies on the parameter's device (the file is a read-only mapping).
            const at::Tensor &param = optimizer.parameter(static_cast<std::size_t>(index));
            s.expAvg = checkpoint.tensor("optimizer.exp_avg." + name).to(param.options(), false, true);
            s.expAvgSq = checkpoint.tensor("optimizer.exp_avg_sq." + name).to(param.options(), false, true);
            s.initialized = true;
        }
        session->m_scheduler->restore(state.at("scheduler").at("last_epoch").get<int64_t>(),
                                      state.at("scheduler").at("step_count").get<int64_t>());
        session->m_history = TrainingHistory::fromJson(state.at("history"));
        session->m_run = state.value("run", nlohmann::json::object());
        if (session->m_scaler && state.contains("loss_scaler"))
            session->m_scaler->restore(state.at("loss_scaler"));
        for (const auto &[name, device] : generatorsOf(session->deviceOfParameters()))
            if (checkpoint.has(name))
                setGeneratorState(device, checkpoint.tensor(name));
        return session;
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(checkpointPath, std::string("the training document is incomplete: ") + e.what());
    }
}

std::unique_ptr<TrainingSession> TrainingSession::fromUmbrae(const std::string &path, const models::Compute &compute,
                                                             const models::BrainEncoderOptions &architecture,
                                                             TrainingRecipe recipe, int64_t totalSteps,
                                                             std::string *note)
{
    auto session = std::make_unique<TrainingSession>(models::BrainEncoder::load(path, compute, architecture),
                                                     architecture, std::move(recipe), totalSteps);
    const UmbraeCheckpoint::Contents contents = UmbraeCheckpoint::read(path);
    std::string taken = "weights";
    AdamW &optimizer = *session->m_optimizer;
    if (contents.hasOptimizer) {
        // torch numbers state by position in param_groups; the groups must be ours (decay first, then biases) without
        // the denoiser, which train.py does not have.
        const std::vector<std::string> encoderNames = umbraeParameterOrder(optimizer);
        bool same = contents.groups.size() == optimizer.groups().size();
        for (std::size_t g = 0; same && g < contents.groups.size(); ++g)
            same = static_cast<int64_t>(contents.groups[g].params.size()) ==
                   std::count_if(optimizer.groups()[g].names.begin(), optimizer.groups()[g].names.end(),
                                 [](const std::string &n) { return !isDenoiserParameter(n); });
        if (!same)
            throw ModelError(path + ": its optimizer groups do not match the encoder's parameters (expected " +
                             std::to_string(optimizer.groups().size()) + " groups: weights with decay, then biases)");
        for (const auto &[index, s] : contents.states) {
            if (index < 0 || static_cast<std::size_t>(index) >= encoderNames.size())
                throw ModelError(path + ": optimizer state for parameter " + std::to_string(index) + " of " +
                                 std::to_string(encoderNames.size()));
            const auto flat =
                static_cast<std::size_t>(optimizer.indexOf(encoderNames[static_cast<std::size_t>(index)]));
            const at::Tensor &param = optimizer.parameter(flat);
            const at::Tensor expAvg = models::toTorch(s.expAvg);
            if (!expAvg.sizes().equals(param.sizes()))
                throw ModelError(path + ": optimizer state " + std::to_string(index) + " does not fit parameter '" +
                                 optimizer.name(flat) + "'");
            AdamWParamState &state = optimizer.state(flat);
            state.step = s.step;
            state.expAvg = expAvg.to(param.options(), false, true);
            state.expAvgSq = models::toTorch(s.expAvgSq).to(param.options(), false, true);
            state.initialized = true;
        }
        taken +=
            ", AdamW moments (step " +
            std::to_string(contents.states.empty() ? 0 : static_cast<int64_t>(contents.states.begin()->second.step)) +
            ")";
    }
    if (contents.hasScheduler && contents.totalSteps == totalSteps && contents.lastEpoch < totalSteps &&
        contents.hasOptimizer) {
        // An interrupted run of the same length: continue its schedule and its lists.
        for (std::size_t g = 0; g < contents.groups.size(); ++g) {
            AdamWGroup &group = optimizer.groups()[g];
            const UmbraeCheckpoint::Group &saved = contents.groups[g];
            group.initialLr = saved.initialLr;
            group.maxLr = saved.maxLr;
            group.minLr = saved.minLr;
            group.maxMomentum = saved.maxMomentum;
            group.baseMomentum = saved.baseMomentum;
        }
        session->m_scheduler->restore(contents.lastEpoch, contents.stepCount);
        TrainingHistory &h = session->m_history;
        h.losses = contents.losses;
        h.lrs = contents.lrs;
        h.valLosses = contents.valLosses;
        h.globalStep = contents.lastEpoch;
        h.epoch = contents.epoch + 1;
        taken += ", the schedule at step " + std::to_string(contents.lastEpoch) + " of " + std::to_string(totalSteps) +
                 " and the loss history";
    } else if (contents.hasScheduler) {
        taken += "; a new schedule of " + std::to_string(totalSteps) + " steps (the file's ran " +
                 std::to_string(contents.lastEpoch) + " of " + std::to_string(contents.totalSteps) + ")";
    }
    if (note)
        *note = taken;
    return session;
}

void TrainingSession::exportUmbrae(const std::string &path) const
{
    // train.py's `epoch` is the epoch in progress; between epochs it still names the finished one.
    const int64_t epoch = m_history.stepInEpoch == 0 ? std::max<int64_t>(m_history.epoch - 1, 0) : m_history.epoch;
    UmbraeCheckpoint::write(path, *m_encoder, *m_optimizer, *m_scheduler, m_history, epoch);
}

} // namespace vindex::train
