#include "vindex/models/BeamSearch.h"

#include "vindex/core/Error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace vindex::models {

namespace {

// transformers' _gather_beams: tensor [B, K', ...] indexed by [B, K] along dim 1.
at::Tensor gatherBeams(const at::Tensor &tensor, at::Tensor indices)
{
    while (indices.dim() < tensor.dim())
        indices = indices.unsqueeze(-1);
    return at::take_along_dim(tensor, indices, 1);
}

at::Tensor flattenBeams(const at::Tensor &t)
{
    std::vector<int64_t> shape{t.size(0) * t.size(1)};
    for (int64_t d = 2; d < t.dim(); ++d)
        shape.push_back(t.size(d));
    return t.reshape(shape);
}

} // namespace

BeamSearch::BeamSearch(Settings settings) : m_settings(settings)
{
    if (m_settings.numBeams < 1 || m_settings.numReturnSequences < 1 ||
        m_settings.numReturnSequences > m_settings.numBeams)
        throw Error("beam search needs num_beams >= 1 and 1 <= num_return_sequences <= num_beams");
}

BeamSearch::Result BeamSearch::run(const at::Tensor &prompt, const NextLogits &nextLogits, const ReorderCache &reorder,
                                   const DropFinishedRows &dropFinished) const
{
    const auto &s = m_settings;
    int64_t B = prompt.size(0);
    const int64_t K = s.numBeams, P = prompt.size(1), maxLength = s.maxLength;
    if (maxLength <= P)
        throw Error("beam search: max_length " + std::to_string(maxLength) + " leaves no room after a prompt of " +
                    std::to_string(P) + " tokens");
    const auto device = prompt.device();
    const auto longs = at::TensorOptions().dtype(at::kLong).device(device);
    const auto floats = at::TensorOptions().dtype(at::kFloat).device(device);
    const auto bools = at::TensorOptions().dtype(at::kBool).device(device);
    const int64_t beamsToKeep = 2 * K; // max(2, 1 + number of eos ids) * K with one eos id
    const auto topBeamMask = at::cat({at::ones({K}, bools), at::zeros({beamsToKeep - K}, bools)});
    const bool stopWhenFull = s.earlyStopping == EarlyStopping::WhenKFinished;
    // generate's output_fill_value: `pad_token_id or eos_token_id[0]` (a pad id of 0 is falsy there).
    const int64_t fill = s.padTokenId != 0 && s.padTokenId >= 0 ? s.padTokenId : s.eosTokenId;

    auto runningSequences = at::full({B, K, maxLength}, fill, longs);
    runningSequences.slice(2, 0, P).copy_(prompt.to(longs).unsqueeze(1).expand({B, K, P}));
    auto sequences = runningSequences.clone();
    auto runningScores = at::zeros({B, K}, floats);
    runningScores.slice(1, 1).fill_(-1e9);
    auto beamScores = at::full({B, K}, -1e9, floats);
    auto finished = at::zeros({B, K}, bools);
    auto improvable = at::ones({B, 1}, bools); // is_early_stop_heuristic_unsatisfied
    auto hits = at::zeros({B, K}, bools);      // next_token_hits_stopping_criteria
    auto runningBeamIndices = at::full({B, K, maxLength - P}, -1, longs);
    auto beamIndices = runningBeamIndices.clone();
    // Results of the input rows, stored when a row leaves the batch (or at the end); alive: the running rows' places.
    auto doneSequences = sequences.clone(), doneScores = beamScores.clone(), doneIndices = beamIndices.clone();
    auto alive = at::arange(B, longs);
    const auto store = [&](const at::Tensor &rows) {
        doneSequences.index_copy_(0, alive.index_select(0, rows), sequences.index_select(0, rows));
        doneScores.index_copy_(0, alive.index_select(0, rows), beamScores.index_select(0, rows));
        doneIndices.index_copy_(0, alive.index_select(0, rows), beamIndices.index_select(0, rows));
    };

    int64_t curLength = P;
    for (;;) {
        const auto last = flattenBeams(runningSequences.slice(2, curLength - 1, curLength));
        const auto logits = nextLogits(last, curLength).to(floats);
        if (logits.dim() != 2 || logits.size(0) != B * K)
            throw Error("beam search: the model returned logits of the wrong shape");
        const int64_t V = logits.size(1);
        auto logProbs = at::log_softmax(logits, -1).view({B, K, V}) + runningScores.unsqueeze(-1);
        logProbs = logProbs.reshape({B, K * V});

        // c. top-2K continuations over all beams
        auto [topLogProbs, topIndices] = at::topk(logProbs, beamsToKeep);
        const auto topBeams = at::div(topIndices, V, "floor");
        auto topBeamIndices = gatherBeams(runningBeamIndices, topBeams);
        auto topSequences = gatherBeams(runningSequences, topBeams);
        const auto topIds = at::remainder(topIndices, V);
        topSequences.select(2, curLength).copy_(topIds);
        const auto batchOffset = at::arange(B, longs).view({-1, 1}) * K;
        topBeamIndices.select(2, curLength - P).copy_(topBeams + batchOffset);

        // d. stopping criteria per candidate: max_length reached or EOS
        hits = topIds.eq(s.eosTokenId);
        if (curLength + 1 >= maxLength)
            hits = at::ones_like(hits);

        // e. the best K unfinished continue
        const auto runningLogProbs = topLogProbs + hits.to(at::kFloat) * -1.0e9;
        const auto nextIndices = std::get<1>(at::topk(runningLogProbs, K));
        runningSequences = gatherBeams(topSequences, nextIndices);
        runningScores = gatherBeams(runningLogProbs, nextIndices);
        runningBeamIndices = gatherBeams(topBeamIndices, nextIndices);

        // f. finished hypotheses among the first K candidates, length-normalised, merged with the kept ones
        const auto justFinished = hits & topBeamMask.unsqueeze(0);
        auto candidateScores = topLogProbs / std::pow(static_cast<double>(curLength + 1 - P), s.lengthPenalty);
        const auto full = stopWhenFull ? at::all(finished, -1, true) : at::zeros({B, 1}, bools);
        candidateScores = candidateScores + full.to(at::kFloat) * -1.0e9;
        candidateScores = candidateScores + improvable.logical_not().to(at::kFloat) * -1.0e9;
        candidateScores = candidateScores + justFinished.logical_not() * -1.0e9;
        const auto mergedSequences = at::cat({sequences, topSequences}, 1);
        const auto mergedScores = at::cat({beamScores, candidateScores}, 1);
        const auto mergedIndices = at::cat({beamIndices, topBeamIndices}, 1);
        const auto mergedFinished = at::cat({finished, justFinished}, 1);
        const auto keep = std::get<1>(at::topk(mergedScores, K));
        sequences = gatherBeams(mergedSequences, keep);
        beamScores = gatherBeams(mergedScores, keep);
        beamIndices = gatherBeams(mergedIndices, keep);
        finished = gatherBeams(mergedFinished, keep);

        // g. the cache follows the continuing beams
        reorder(flattenBeams(runningBeamIndices.select(2, curLength - P)));
        curLength += 1;

        const bool never = s.earlyStopping == EarlyStopping::Never;
        const double bestLength = static_cast<double>((never && s.lengthPenalty > 0.0 ? maxLength : curLength) - P);
        const auto bestPossible = runningScores.slice(1, 0, 1) / std::pow(bestLength, s.lengthPenalty);
        const auto worstFinished =
            at::where(finished, std::get<0>(at::min(beamScores, 1, true)), at::full_like(beamScores, -1.0e9));
        improvable = improvable & at::any(bestPossible.gt(worstFinished), -1, true);

        // A row that can no longer improve (or, with early_stopping true, has K finished hypotheses) keeps its
        // result whatever the other rows do: it leaves the batch, the same output with less work.
        if (dropFinished) {
            auto done = improvable.squeeze(1).logical_not();
            if (stopWhenFull)
                done = done | at::all(finished, -1);
            if (at::any(done).item<bool>()) {
                store(at::nonzero(done).squeeze(1));
                const auto keep = at::nonzero(done.logical_not()).squeeze(1);
                B = keep.size(0);
                if (B == 0)
                    break;
                for (auto *state : {&runningSequences, &sequences, &runningScores, &beamScores, &finished, &improvable,
                                    &runningBeamIndices, &beamIndices})
                    *state = state->index_select(0, keep);
                alive = alive.index_select(0, keep);
                dropFinished((keep.unsqueeze(1) * K + at::arange(K, longs).unsqueeze(0)).reshape({-1}));
            }
        }

        const bool improvementPossible = at::any(improvable).item<bool>();
        const bool openBeam = !(at::all(finished).item<bool>() && stopWhenFull);
        const bool validContinuations = !at::all(hits).item<bool>();
        if (!(improvementPossible && openBeam && validContinuations))
            break;
    }

    if (B > 0)
        store(at::arange(B, longs));
    const int64_t R = s.numReturnSequences;
    const auto outSequences = flattenBeams(doneSequences.slice(1, 0, R));
    const auto outScores = flattenBeams(doneScores.slice(1, 0, R));
    const auto outIndices = flattenBeams(doneIndices.slice(1, 0, R));
    const int64_t generated = outIndices.ne(-1).sum(1).max().item<int64_t>();
    return Result{outSequences.slice(1, 0, P + generated).contiguous(), outScores.contiguous()};
}

} // namespace vindex::models
