#include "vindex/train/UmbraeCheckpoint.h"

#include "vindex/core/Error.h"
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/io/TorchSaveWriter.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/train/AdamW.h"
#include "vindex/train/OneCycleLR.h"
#include "vindex/train/TrainingHistory.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace vindex::train {
namespace {

void doubles(io::PickleWriter &p, const std::vector<double> &values)
{
    p.emptyList().mark();
    for (double v : values)
        p.real(v);
    p.appends();
}

std::vector<double> readDoubles(const io::PickleValue *value)
{
    std::vector<double> out;
    if (value && value->isSequence())
        for (const auto &item : value->items())
            out.push_back(item->toDouble());
    return out;
}

} // namespace

void UmbraeCheckpoint::write(const std::string &path, models::BrainEncoder &encoder, const AdamW &optimizer,
                             const OneCycleLR &scheduler, const TrainingHistory &history, int64_t epoch)
{
    // torch.save names the archive after the file ("brainxs_last" for brainxs_last.pth).
    io::TorchSaveWriter writer(std::filesystem::path(path).stem().string());
    io::PickleWriter &p = writer.pickle();
    p.emptyDict().mark();

    p.string("epoch").integer(epoch);

    p.string("model_state_dict");
    writer.beginOrderedDict();
    for (const auto &[name, tensor] : encoder.stateDict()) {
        p.string(name);
        writer.tensor(models::fromTorch(tensor));
    }
    p.setItems();

    // Optimizer.state_dict(): {'state': {index: {...}}, 'param_groups': [...]}, keys in torch's order.
    p.string("optimizer_state_dict").emptyDict().mark();
    // train.py's model has no denoiser (VINDEX objective): its parameters and their state are left out and the
    // encoder's renumbered.
    const auto exported = [&](std::size_t flat) { return optimizer.name(flat).rfind("denoiser.", 0) != 0; };
    p.string("state").emptyDict().mark();
    int64_t exportedIndex = 0;
    for (std::size_t i = 0; i < optimizer.parameterCount(); ++i) {
        if (!exported(i))
            continue;
        const int64_t index = exportedIndex++;
        const AdamWParamState &s = optimizer.state(i);
        if (!s.initialized)
            continue;
        p.integer(index).emptyDict().mark();
        p.string("step");
        writer.tensor(models::fromTorch(at::scalar_tensor(s.step, at::kFloat))); // torch: a float32 0-dim tensor
        p.string("exp_avg");
        writer.tensor(models::fromTorch(s.expAvg));
        p.string("exp_avg_sq");
        writer.tensor(models::fromTorch(s.expAvgSq));
        p.setItems();
    }
    p.setItems();
    p.string("param_groups").emptyList().mark();
    int64_t index = 0;
    for (const AdamWGroup &g : optimizer.groups()) {
        p.emptyDict().mark();
        p.string("weight_decay").real(g.weightDecay);
        p.string("lr").real(g.lr);
        p.string("betas").mark().real(g.beta1).real(g.beta2).tuple();
        p.string("eps").real(g.eps);
        p.string("amsgrad").boolean(false);
        p.string("maximize").boolean(false);
        p.string("foreach").none();
        p.string("capturable").boolean(false);
        p.string("differentiable").boolean(false);
        p.string("fused").none();
        p.string("decoupled_weight_decay").boolean(true);
        p.string("initial_lr").real(g.initialLr);
        p.string("max_lr").real(g.maxLr);
        p.string("min_lr").real(g.minLr);
        if (scheduler.options().cycleMomentum) {
            p.string("max_momentum").real(g.maxMomentum);
            p.string("base_momentum").real(g.baseMomentum);
        }
        p.string("params").emptyList().mark();
        for (const std::string &name : g.names)
            if (name.rfind("denoiser.", 0) != 0)
                p.integer(index++);
        p.appends();
        p.setItems();
    }
    p.appends();
    p.setItems();

    // OneCycleLR.state_dict() as PyTorch 2.x has it (__dict__ without the optimizer).
    p.string("lr_scheduler").emptyDict().mark();
    p.string("total_steps").integer(scheduler.options().totalSteps);
    p.string("_schedule_phases").emptyList().mark();
    for (const OneCycleLR::Phase &phase : scheduler.phases()) {
        p.emptyDict().mark();
        p.string("end_step");
        if (phase.endStepIsInteger)
            p.integer(static_cast<int64_t>(phase.endStep));
        else
            p.real(phase.endStep);
        p.string("start_lr").string(phase.startLr);
        p.string("end_lr").string(phase.endLr);
        p.string("start_momentum").string(phase.startMomentum);
        p.string("end_momentum").string(phase.endMomentum);
        p.setItems();
    }
    p.appends();
    p.string("_anneal_func_type").string(scheduler.options().annealStrategy);
    p.string("cycle_momentum").boolean(scheduler.options().cycleMomentum);
    if (scheduler.options().cycleMomentum)
        p.string("use_beta1").boolean(true);
    p.string("base_lrs");
    doubles(p, scheduler.baseLrs());
    p.string("last_epoch").integer(scheduler.lastEpoch());
    p.string("_step_count").integer(scheduler.stepCount());
    p.string("_is_initial").boolean(false);
    p.string("_get_lr_called_within_step").boolean(false);
    p.string("_last_lr");
    doubles(p, scheduler.lastLr());
    p.setItems();

    p.string("train_losses");
    doubles(p, history.losses);
    p.string("val_losses");
    doubles(p, history.valLosses);
    p.string("lrs");
    doubles(p, history.lrs);
    p.setItems();
    writer.write(path);
}

UmbraeCheckpoint::Contents UmbraeCheckpoint::read(const std::string &path)
{
    const auto checkpoint = io::TorchCheckpoint::load(path);
    const io::PickleValue &root = checkpoint.root();
    Contents c;
    if (!root.isDict())
        throw FormatError(path, "expected a dict at the top of the checkpoint, found " + root.typeName());
    try {
        if (const auto *epoch = root.find("epoch"); epoch && epoch->isNumber())
            c.epoch = epoch->toInt();
        c.losses = readDoubles(root.find("train_losses"));
        c.valLosses = readDoubles(root.find("val_losses"));
        c.lrs = readDoubles(root.find("lrs"));

        if (const auto *optimizer = root.find("optimizer_state_dict"); optimizer && optimizer->isDict()) {
            c.hasOptimizer = true;
            for (const auto &item : optimizer->at("param_groups").items()) {
                const io::PickleValue &g = *item;
                Group group;
                for (const auto &index : g.at("params").items())
                    group.params.push_back(index->toInt());
                group.lr = g.at("lr").toDouble();
                group.beta1 = g.at("betas").at(0).toDouble();
                group.beta2 = g.at("betas").at(1).toDouble();
                group.eps = g.at("eps").toDouble();
                group.weightDecay = g.at("weight_decay").toDouble();
                const auto optional = [&](const char *key) {
                    const io::PickleValue *v = g.find(key);
                    return v && v->isNumber() ? v->toDouble() : 0.0;
                };
                group.initialLr = optional("initial_lr");
                group.maxLr = optional("max_lr");
                group.minLr = optional("min_lr");
                group.maxMomentum = optional("max_momentum");
                group.baseMomentum = optional("base_momentum");
                c.groups.push_back(std::move(group));
            }
            for (const auto &[key, value] : optimizer->at("state").dictItems()) {
                ParamState s;
                const io::PickleValue &step = value->at("step");
                s.step = step.isTensor() ? step.tensor().valueAt(0) : step.toDouble();
                s.expAvg = value->at("exp_avg").tensor();
                s.expAvgSq = value->at("exp_avg_sq").tensor();
                c.states.emplace(key->toInt(), std::move(s));
            }
        }
        if (const auto *scheduler = root.find("lr_scheduler");
            scheduler && scheduler->isDict() && scheduler->find("total_steps")) {
            c.hasScheduler = true;
            c.totalSteps = scheduler->at("total_steps").toInt();
            c.lastEpoch = scheduler->at("last_epoch").toInt();
            c.stepCount = scheduler->at("_step_count").toInt();
        }
    } catch (const FormatError &e) {
        throw FormatError(path, std::string("not a train.py checkpoint as expected: ") + e.what());
    }
    return c;
}

} // namespace vindex::train
