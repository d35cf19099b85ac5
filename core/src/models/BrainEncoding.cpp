#include "vindex/models/BrainEncoding.h"

#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/TorchTensors.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace vindex::models {

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

    const io::HostTensor host = io::NpyFile::read(request.voxelsPath);
    using io::DType;
    const DType dtype = host.dtype();
    if (!(dtype == DType::F16 || dtype == DType::BF16 || dtype == DType::F32 || dtype == DType::F64 ||
          dtype == DType::I8 || dtype == DType::U8 || dtype == DType::I16 || dtype == DType::I32 ||
          dtype == DType::I64))
        throw DataError(request.voxelsPath + ": voxels must be numbers, found dtype " +
                        std::string(io::dtypeName(host.dtype())));
    at::Tensor voxels = toTorch(host).to(at::kFloat);
    if (voxels.dim() == 1)
        voxels = voxels.unsqueeze(0);
    if (voxels.dim() == 3) {
        result.repeatsAveraged = voxels.size(1);
        voxels = voxels.mean(1);
    }
    const int64_t expected = encoder->voxelCount(result.subject);
    if (voxels.dim() != 2 || voxels.size(1) != expected || voxels.size(0) == 0)
        throw DataError(request.voxelsPath + ": voxels have shape " + host.shapeString() + ", expected [" +
                        std::to_string(expected) + "], [trials, " + std::to_string(expected) + "] or [trials, " +
                        "repeats, " + std::to_string(expected) + "] for " + result.encoderKind +
                        (result.subject ? " subject " + std::to_string(result.subject) : std::string()) + " of " +
                        request.checkpointPath);
    result.trials = voxels.size(0);
    result.voxels = expected;
    result.tokens = encoder->tokenCount();
    result.width = encoder->featureWidth();

    at::NoGradGuard noGrad;
    std::vector<at::Tensor> parts;
    for (int64_t start = 0; start < result.trials; start += request.batchSize) {
        if (request.cancel && request.cancel->load())
            throw Cancelled();
        const int64_t end = std::min(result.trials, start + request.batchSize);
        parts.push_back(encoder->encode(voxels.slice(0, start, end), result.subject).to(at::kCPU, at::kFloat));
        if (request.progress)
            request.progress(end, result.trials);
    }
    const at::Tensor features = at::cat(parts, 0);

    result.outputPath = request.outputPath;
    result.tensorName = "features";
    io::SafetensorsWriter writer;
    writer.add(result.tensorName, fromTorch(features));
    writer.setMetadata("encoder", result.encoderKind);
    writer.setMetadata("checkpoint", request.checkpointPath);
    writer.setMetadata("subject", std::to_string(result.subject));
    writer.setMetadata("voxels", request.voxelsPath);
    writer.write(request.outputPath);
    logInfo("encoded " + std::to_string(result.trials) + " trials with " + result.encoderKind + " → " +
            request.outputPath);
    return result;
}

} // namespace vindex::models
