#include "vindex/decode/BrainEncoding.h"

#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/data/Session.h"
#include "vindex/data/TrialRecord.h"
#include "vindex/data/TrialSelection.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/TorchTensors.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>

namespace vindex::decode {

using models::BrainEncoder;
using models::BrainEncoderOptions;
using models::Compute;
using models::fromTorch;
using models::toTorch;

namespace {

// [voxels], [trials, voxels] or [trials, repeats, voxels] (repeats averaged) → [trials, voxels] float.
at::Tensor readVoxelFile(const std::string &path, BrainEncodingResult &result)
{
    const io::HostTensor host = io::NpyFile::read(path);
    using io::DType;
    const DType dtype = host.dtype();
    if (!(dtype == DType::F16 || dtype == DType::BF16 || dtype == DType::F32 || dtype == DType::F64 ||
          dtype == DType::I8 || dtype == DType::U8 || dtype == DType::I16 || dtype == DType::I32 ||
          dtype == DType::I64))
        throw DataError(path + ": voxels must be numbers, found dtype " + std::string(io::dtypeName(host.dtype())));
    at::Tensor voxels = toTorch(host).to(at::kFloat);
    if (voxels.dim() == 1)
        voxels = voxels.unsqueeze(0);
    if (voxels.dim() == 3) {
        result.repeatsAveraged = voxels.size(1);
        voxels = voxels.mean(1);
    }
    if (voxels.dim() != 2)
        throw DataError(path + ": voxels have shape " + host.shapeString() +
                        ", expected [voxels], [trials, voxels] or [trials, repeats, voxels]");
    return voxels;
}

} // namespace

BrainEncodingResult encodeVoxelFile(const BrainEncodingRequest &request)
{
    if (request.batchSize < 1)
        throw Error("batch size must be at least 1, got " + std::to_string(request.batchSize));
    BrainEncoderOptions options;
    options.heads = request.heads;
    options.dimHead = request.dimHead;
    const auto encoder =
        BrainEncoder::load(request.checkpointPath, Compute::parse(request.device, request.dtype), options);

    BrainEncodingResult result;
    result.encoderKind = encoder->kindName();
    result.subject = request.subject;
    if (encoder->kind() == BrainEncoder::Kind::BrainX) {
        const auto subjects = encoder->subjects();
        if (result.subject == 0 && subjects.size() == 1)
            result.subject = subjects.front();
        if (std::find(subjects.begin(), subjects.end(), result.subject) == subjects.end())
            throw ModelError(request.checkpointPath + ": this BrainX checkpoint encodes subjects " +
                             BrainEncoder::subjectListText(subjects) + "; " +
                             (result.subject == 0 ? std::string("choose one with --subject")
                                                  : "subject " + std::to_string(result.subject) + " is not one"));
    } else {
        result.subject = 0;
    }

    at::Tensor voxels;
    std::vector<int64_t> imageIds;
    std::string inputName = request.voxelsPath;
    if (!request.root.empty()) {
        if (request.subject <= 0)
            throw Error("encode --root: give the NSD subject (--subject)");
        const data::Session nsd = data::Session::open(request.root);
        const data::Subject subject = nsd.subject(request.subject);
        const std::optional<data::Split> split = data::splitFromName(request.split);
        if (!split)
            throw Error("encode --split '" + request.split + "': expected train, val or test");
        const std::vector<data::Trial> all = subject.trials(*split);
        const std::vector<int64_t> chosen = data::parseTrialSelection(request.trials, static_cast<int64_t>(all.size()));
        if (chosen.empty())
            throw DataError(request.root + ": subject " + std::to_string(request.subject) + " has no " + request.split +
                            " trials");
        voxels = at::empty({static_cast<int64_t>(chosen.size()), subject.voxelCount()}, at::kFloat);
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const data::Trial &trial = all[static_cast<std::size_t>(chosen[i])];
            const std::vector<float> mean =
                data::TrialRecord::read(subject, trial, nullptr, {data::kTrialMeanBetas}).meanBetas;
            std::copy(mean.begin(), mean.end(), voxels[static_cast<int64_t>(i)].data_ptr<float>());
            imageIds.push_back(trial.imageId);
        }
        result.repeatsAveraged = all.empty() ? 0 : static_cast<int64_t>(all.front().repeats.size());
        inputName = request.root + " subject " + std::to_string(request.subject) + " " + request.split;
    } else {
        voxels = readVoxelFile(request.voxelsPath, result);
    }
    const int64_t expected = encoder->voxelCount(result.subject);
    if (voxels.dim() != 2 || voxels.size(1) != expected || voxels.size(0) == 0)
        throw DataError(inputName + ": voxels have shape [" + std::to_string(voxels.size(0)) + ", " +
                        std::to_string(voxels.dim() > 1 ? voxels.size(1) : 0) + "], expected [trials, " +
                        std::to_string(expected) + "] (trials × voxels, repeats averaged) for " + result.encoderKind +
                        (result.subject ? " subject " + std::to_string(result.subject) : std::string()) + " of " +
                        request.checkpointPath);
    result.trials = voxels.size(0);
    result.voxels = expected;
    result.tokens = encoder->tokenCount();
    result.width = encoder->featureWidth();

    at::NoGradGuard noGrad;
    std::vector<at::Tensor> parts;
    for (int64_t start = 0; start < result.trials; start += request.batchSize) {
        if (request.job && request.job->isCancelled())
            throw Cancelled();
        const int64_t end = std::min(result.trials, start + request.batchSize);
        parts.push_back(encoder->encode(voxels.slice(0, start, end), result.subject).to(at::kCPU, at::kFloat));
        if (request.job)
            request.job->report("encode", end, result.trials);
    }
    const at::Tensor features = at::cat(parts, 0);

    result.outputPath = request.outputPath;
    result.tensorName = "features";
    io::SafetensorsWriter writer;
    writer.add(result.tensorName, fromTorch(features));
    if (!imageIds.empty())
        writer.add("image_ids", fromTorch(at::tensor(imageIds, at::kLong)));
    writer.setMetadata("encoder", result.encoderKind);
    writer.setMetadata("checkpoint", request.checkpointPath);
    writer.setMetadata("subject", std::to_string(result.subject));
    writer.setMetadata("voxels", inputName);
    writer.write(request.outputPath);
    logInfo("encoded " + std::to_string(result.trials) + " trials with " + result.encoderKind + " → " +
            request.outputPath);
    return result;
}

} // namespace vindex::decode
