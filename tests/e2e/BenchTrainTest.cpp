// `vindex bench train` (issue 7, acceptance 6) on a small BrainXS: the numbers it reports hang together, the encoder
// it times has the parameter count of UMBRAE's BrainXS written out, and its steps train.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

// The Python reference's training speed as shared/measurements.md records it (the row of UMBRAE's training step:
// "… → **686 samples/s** …"); -1 when the file or the row is missing.
double measuredReferenceSamplesPerSecond()
{
    std::ifstream file(std::string(VINDEX_FIXTURES_DIR) + "/../measurements.md");
    std::string line;
    const std::regex row(R"(UMBRAE training step.*\*\*([0-9.,]+) samples/s\*\*)");
    while (std::getline(file, line)) {
        std::smatch match;
        if (std::regex_search(line, match, row)) {
            std::string number = match[1];
            number.erase(std::remove(number.begin(), number.end(), ','), number.end());
            return std::stod(number);
        }
    }
    return -1.0;
}

// UMBRAE's BrainXS(in_dim V, h, out_dim W, num_latents T) with a perceiver of `depth` layers, heads × dimHead and
// feed-forward ×4: lin1 Linear(1, T), lin2 Linear(V, h), ln_vision, llm_proj Linear(h, W), latents [T, h],
// media_pos_emb [1, 1, h], per layer norm_media, norm_latents, to_q, to_kv, to_out (no bias), LayerNorm +
// Linear(h, 4h) + Linear(4h, h) (no bias), and the final norm.
int64_t brainXsParameters(int64_t v, int64_t t, int64_t w, int64_t h, int64_t depth, int64_t heads, int64_t dimHead)
{
    const int64_t inner = heads * dimHead;
    const int64_t layer = 2 * h + 2 * h + h * inner + h * 2 * inner + inner * h + 2 * h + h * 4 * h + 4 * h * h;
    return (t + t) + (v * h + h) + 2 * h + (h * w + w) + t * h + h + depth * layer + 2 * h;
}

} // namespace

TEST(BenchTrain, ReportsSamplesPerSecondOfTrainingSteps)
{
    const auto r =
        runCli({"--json", "bench",    "train", "--voxels",  "300", "--tokens",   "16", "--width", "64", "--hidden",
                "64",     "--depth",  "2",     "--heads",   "4",   "--dim-head", "16", "--batch", "4",  "--steps",
                "3",      "--warmup", "1",     "--threads", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto d = nlohmann::json::parse(r.out);
    EXPECT_EQ(d["benchmark"], "train");
    EXPECT_EQ(d["parameters"].get<int64_t>(), brainXsParameters(300, 16, 64, 64, 2, 4, 16));
    const double perStep = d["mean_step_seconds"].get<double>();
    ASSERT_GT(perStep, 0.0);
    EXPECT_NEAR(d["samples_per_second"].get<double>(), 4.0 / perStep, 1e-9 * 4.0 / perStep);
    EXPECT_LE(d["best_step_seconds"].get<double>(), perStep);
    EXPECT_LT(d["last_loss"].get<double>(), d["first_loss"].get<double>()); // the steps do train
    EXPECT_EQ(d["reference_samples_per_second"].get<double>(), measuredReferenceSamplesPerSecond());
    EXPECT_FALSE(d.contains("ratio_to_reference")); // a CPU run is not compared with a GPU number
}

TEST(BenchTrain, DefaultsAreTheFullSizeBrainXsAndBadSizesAreExit2)
{
    const auto help = runCli({"bench", "train", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    for (const char *value : {"--voxels INT:POSITIVE=15724", "--tokens INT:POSITIVE=256", "--width INT:POSITIVE=1024",
                              "--hidden INT:POSITIVE=1024", "--depth INT:POSITIVE=6", "--heads INT:POSITIVE=16",
                              "--dim-head INT:POSITIVE=96"})
        EXPECT_NE(help.out.find(value), std::string::npos) << value << "\n" << help.out;
    EXPECT_EQ(runCli({"bench", "train", "--batch", "0"}).exitCode, 2);
    const auto f16 =
        runCli({"--dtype",  "f16", "bench",   "train", "--voxels", "10", "--tokens",   "2", "--width", "8",
                "--hidden", "8",   "--depth", "1",     "--heads",  "2",  "--dim-head", "4", "--steps", "1"});
    EXPECT_EQ(f16.exitCode, 2);
    EXPECT_NE(f16.err.find("f16"), std::string::npos) << f16.err;
}
