// NF pooling against M3's own arithmetic run live by PyTorch (the build's reference Python): llava_arch.py's
// matryoshka_vis_token_process — side = int(√T), kernel = stride = int(np.sqrt(T / S)), F.avg_pool2d, row-major —
// on the 16 × 16 grid of a clip_224 encoder and CLIP-336's 24 × 24, at the five trained scales. Where the reference
// fails (kernel 0), ours must refuse.
#include "vindex/core/Error.h"
#include "vindex/spaces/NestedFeatureSpace.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace {

const char *const kScript = R"(
import json, numpy as np, torch, torch.nn.functional as F
out = {}
for T in (256, 576):
    x = torch.sin(torch.arange(T * 3, dtype=torch.float64) * 0.37).float().reshape(1, T, 3)
    for S in (1, 9, 36, 144, 576):
        N, HW, C = x.shape
        H = W = int(HW ** 0.5)
        k = int(np.sqrt(HW / S))
        try:
            y = F.avg_pool2d(x.view(N, H, W, C).permute(0, 3, 1, 2), kernel_size=k, stride=k)
            out["%d/%d" % (T, S)] = y.permute(0, 2, 3, 1).reshape(N, -1, C).flatten().tolist()
        except Exception:
            out["%d/%d" % (T, S)] = None
print(json.dumps(out))
)";

std::string runReference(std::string &error)
{
    const std::string command =
        std::string(VINDEX_REFERENCE_PYTHON) + " -c \"$(cat <<'PYEOF'\n" + kScript + "\nPYEOF\n)\" 2>&1";
    std::unique_ptr<FILE, int (*)(FILE *)> pipe(popen(command.c_str(), "r"), pclose);
    std::string output;
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()))
        output += buffer.data();
    error = output;
    return output;
}

} // namespace

TEST(M3Pooling, MatchesTheReferenceArithmeticOnBothGrids)
{
    if (std::system((std::string(VINDEX_REFERENCE_PYTHON) + " -c 'import torch, numpy' >/dev/null 2>&1").c_str()) != 0)
        GTEST_SKIP() << VINDEX_REFERENCE_PYTHON << " has no PyTorch (packaging/install-deps.sh installs it)";
    std::string error;
    nlohmann::json reference;
    try {
        reference = nlohmann::json::parse(runReference(error));
    } catch (const std::exception &) {
        FAIL() << "the reference script failed:\n" << error;
    }
    using vindex::spaces::NestedFeatureSpace;
    for (int64_t tokens : {256, 576}) {
        const at::Tensor x = at::sin(at::arange(tokens * 3, at::kDouble) * 0.37).to(at::kFloat).reshape({1, tokens, 3});
        for (int64_t scale : {1, 9, 36, 144, 576}) {
            const auto &expected = reference[std::to_string(tokens) + "/" + std::to_string(scale)];
            if (expected.is_null()) {
                EXPECT_THROW(NestedFeatureSpace::poolTokens(x, scale), vindex::Error) << tokens << "/" << scale;
                continue;
            }
            const at::Tensor ours = NestedFeatureSpace::poolTokens(x, scale).contiguous();
            ASSERT_EQ(ours.numel(), static_cast<int64_t>(expected.size())) << tokens << "/" << scale;
            EXPECT_EQ(NestedFeatureSpace::pooledTokenCount(tokens, scale) * 3, ours.numel());
            const float *values = ours.data_ptr<float>();
            for (std::size_t i = 0; i < expected.size(); ++i)
                ASSERT_NEAR(values[i], expected[i].get<double>(), 1e-6) << tokens << "/" << scale << " at " << i;
        }
    }
}
