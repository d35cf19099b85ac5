#include "vindex/train/OneCycleLR.h"

#include "vindex/core/Error.h"
#include "vindex/train/AdamW.h"

#include <cmath>
#include <numbers>

namespace vindex::train {
namespace {

double groupValue(const AdamWGroup &group, const std::string &key)
{
    if (key == "initial_lr")
        return group.initialLr;
    if (key == "max_lr")
        return group.maxLr;
    if (key == "min_lr")
        return group.minLr;
    if (key == "max_momentum")
        return group.maxMomentum;
    if (key == "base_momentum")
        return group.baseMomentum;
    throw Error("OneCycleLR: unknown group key '" + key + "'");
}

} // namespace

OneCycleLR::OneCycleLR(AdamW &optimizer, OneCycleOptions options, bool fresh)
    : m_optimizer(optimizer), m_options(std::move(options))
{
    const OneCycleOptions &o = m_options;
    if (o.totalSteps <= 0)
        throw Error("OneCycleLR: expected a positive number of total steps, got " + std::to_string(o.totalSteps));
    if (o.pctStart < 0 || o.pctStart > 1)
        throw Error("OneCycleLR: pct_start must be between 0 and 1, got " + std::to_string(o.pctStart));
    if (o.annealStrategy != "cos" && o.annealStrategy != "linear")
        throw Error("OneCycleLR: anneal strategy must be 'cos' or 'linear', got '" + o.annealStrategy + "'");

    const double total = static_cast<double>(o.totalSteps);
    if (o.threePhase)
        m_phases = {{o.pctStart * total - 1, false, "initial_lr", "max_lr", "max_momentum", "base_momentum"},
                    {2 * o.pctStart * total - 2, false, "max_lr", "initial_lr", "base_momentum", "max_momentum"},
                    {total - 1, true, "initial_lr", "min_lr", "max_momentum", "max_momentum"}};
    else
        m_phases = {{o.pctStart * total - 1, false, "initial_lr", "max_lr", "max_momentum", "base_momentum"},
                    {total - 1, true, "max_lr", "min_lr", "base_momentum", "max_momentum"}};

    for (AdamWGroup &group : m_optimizer.groups()) {
        if (fresh) {
            group.initialLr = o.maxLr / o.divFactor;
            group.maxLr = o.maxLr;
            group.minLr = group.initialLr / o.finalDivFactor;
            if (o.cycleMomentum) {
                group.beta1 = o.maxMomentum;
                group.maxMomentum = o.maxMomentum;
                group.baseMomentum = o.baseMomentum;
            }
        }
        m_baseLrs.push_back(group.initialLr);
    }
    if (fresh) {
        // LRScheduler.__init__'s _initial_step.
        m_stepCount = 0;
        step();
    }
}

double OneCycleLR::annealCos(double start, double end, double pct)
{
    const double cosOut = std::cos(std::numbers::pi * pct) + 1;
    return end + (start - end) / 2.0 * cosOut;
}

double OneCycleLR::annealLinear(double start, double end, double pct)
{
    return (end - start) * pct + start;
}

void OneCycleLR::step()
{
    ++m_stepCount;
    ++m_lastEpoch;
    apply();
}

void OneCycleLR::restore(int64_t lastEpoch, int64_t stepCount)
{
    m_lastEpoch = lastEpoch;
    m_stepCount = stepCount;
    apply();
}

void OneCycleLR::apply()
{
    const int64_t stepNum = m_lastEpoch;
    if (stepNum > m_options.totalSteps)
        throw Error("OneCycleLR: tried to step " + std::to_string(stepNum) + " times; the schedule has " +
                    std::to_string(m_options.totalSteps) + " total steps");
    const bool cos = m_options.annealStrategy == "cos";
    m_lastLr.clear();
    for (AdamWGroup &group : m_optimizer.groups()) {
        double startStep = 0.0, lr = 0.0, momentum = 0.0;
        for (std::size_t i = 0; i < m_phases.size(); ++i) {
            const Phase &phase = m_phases[i];
            if (static_cast<double>(stepNum) <= phase.endStep || i + 1 == m_phases.size()) {
                const double pct = (static_cast<double>(stepNum) - startStep) / (phase.endStep - startStep);
                const double lrStart = groupValue(group, phase.startLr), lrEnd = groupValue(group, phase.endLr);
                lr = cos ? annealCos(lrStart, lrEnd, pct) : annealLinear(lrStart, lrEnd, pct);
                if (m_options.cycleMomentum) {
                    const double mStart = groupValue(group, phase.startMomentum);
                    const double mEnd = groupValue(group, phase.endMomentum);
                    momentum = cos ? annealCos(mStart, mEnd, pct) : annealLinear(mStart, mEnd, pct);
                }
                break;
            }
            startStep = phase.endStep;
        }
        group.lr = lr;
        if (m_options.cycleMomentum)
            group.beta1 = momentum;
        m_lastLr.push_back(lr);
    }
}

} // namespace vindex::train
