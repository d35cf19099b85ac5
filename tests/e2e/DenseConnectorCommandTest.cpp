// The method's AF configuration as a user runs it, on tests/fixtures/dense-connector-tiny (made by
// tests/reference/make_dense_connector_fixture.py from HJYao00/DenseConnector's own code): a Dense Connector model on
// CLIP (mm_hidden_size 3C, the CLIP-336 variant) and on SigLIP (729 tokens, feat_dim 3C, the SigLIP-384 variant).
// `vindex caption --space af` with brain features of the tower's token count (and, on CLIP, of another: a 256-token
// encoder into a 576-token model) gives the reference's greedy ids; `vindex train --space af` trains an encoder on
// the aggregated targets with the method's batch 32, and its checkpoint decodes through the same model.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const fs::path kFixture = projectFixture("dense-connector-tiny");

nlohmann::json header(const std::string &path)
{
    const std::string all = readFileBytes(path);
    uint64_t length = 0;
    std::memcpy(&length, all.data(), 8);
    return nlohmann::json::parse(all.substr(8, length));
}

// A tensor of the fixture's expected.safetensors: its header entry and bytes; the ids of one.
std::pair<nlohmann::json, std::string> referenceTensor(const std::string &name)
{
    return safetensorsTensor((kFixture / "expected.safetensors").string(), name);
}

std::vector<int64_t> referenceIds(const std::string &name)
{
    return safetensorsIds((kFixture / "expected.safetensors").string(), name);
}

struct TempFolder {
    fs::path path;
    explicit TempFolder(const std::string &name)
        : path(fs::temp_directory_path() / ("vindex-dc-" + name + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    std::string file(const std::string &name) const { return (path / name).string(); }
};

// The reference's brain features [N', 3C] as the features file `vindex caption --features` reads ([1, N', 3C]).
std::string featuresFile(const TempFolder &dir, const std::string &name)
{
    const auto [info, bytes] = referenceTensor(name);
    nlohmann::json shape = nlohmann::json::array({1});
    for (const auto &d : info["shape"])
        shape.push_back(d);
    const std::string path = dir.file(name + ".safetensors");
    writeSafetensors(path, {{"features", {{"dtype", "F32"}, {"shape", shape}, {"data_offsets", {0, bytes.size()}}}}},
                     bytes);
    return path;
}

} // namespace

TEST(DenseConnectorCommand, BrainFeaturesOnClipAndSiglipGiveTheReferenceIds)
{
    TempFolder dir("caption");
    const auto facts = readJsonFile((kFixture / "expected.json").string());
    for (const auto &[model, suffix] : std::vector<std::pair<std::string, std::string>>{
             {"clip-dci", "brain"}, {"clip-dci", "brain9"}, {"siglip-dci", "brain"}}) {
        std::string key = model;
        std::replace(key.begin(), key.end(), '-', '_');
        const std::string features = featuresFile(dir, key + "_" + suffix + "_features");
        const auto r =
            runCli({"--json", "caption", "--mllm", (kFixture / model).string(), "--space", "af", "--features", features,
                    "--max-new-tokens", std::to_string(facts["new_tokens"].get<int>())});
        // The reference ran with EOS disabled; none of its ids is EOS (2), so a plain run gives all of them.
        ASSERT_EQ(r.exitCode, 0) << model << " " << suffix << ": " << r.err;
        const auto document = nlohmann::json::parse(r.out);
        EXPECT_EQ(document["captions"][0]["ids"].get<std::vector<int64_t>>(),
                  referenceIds(key + "_" + suffix + "_generated"))
            << model << " " << suffix;
    }
}

TEST(DenseConnectorCommand, TrainsOnAggregatedTargetsAndDecodesTheCheckpoint)
{
    TempFolder dir("train");
    const auto facts = readJsonFile((kFixture / "expected.json").string());
    for (const std::string model : {"clip-dci", "siglip-dci"}) {
        // The method's train_dc.py: batch 32 (its 500 epochs cut to 1 here).
        const auto trained = runCli({"--json",     "train",
                                     "--root",     fixture("mini-nsd"),
                                     "--subject",  "1",
                                     "--space",    "af",
                                     "--mllm",     (kFixture / model).string(),
                                     "--out",      dir.file(model),
                                     "--epochs",   "1",
                                     "--batch",    "32",
                                     "--hidden",   "64",
                                     "--depth",    "2",
                                     "--heads",    "4",
                                     "--dim-head", "16",
                                     "--threads",  "1"});
        ASSERT_EQ(trained.exitCode, 0) << model << ": " << trained.err;
        const std::string best = nlohmann::json::parse(trained.out)["best"];
        const auto training =
            nlohmann::json::parse(header(best)["__metadata__"]["vindex.training"].get<std::string>())["run"];
        // The encoder's output is the aggregated feature shape the reference's dense_connector() gives.
        const auto shape = facts["cases"][model]["feature_shape"];
        EXPECT_EQ(training["architecture"]["latents"], shape[0]) << model;
        EXPECT_EQ(training["architecture"]["out_width"], shape[1]) << model;
        EXPECT_EQ(training["targets"]["space"], "af") << model;

        const auto captioned = runCli({"--json", "caption", "--mllm", (kFixture / model).string(), "--space", "af",
                                       "--root", fixture("mini-nsd"), "--subject", "1", "--brain", best,
                                       "--max-new-tokens", "4", "--batch", "4", "--out", dir.file(model + ".json")});
        ASSERT_EQ(captioned.exitCode, 0) << model << ": " << captioned.err;
        const auto results = readJsonFile(dir.file(model + ".json"));
        EXPECT_EQ(results.size(),
                  readJsonFile(fixture("mini-nsd/expected.json"))["subjects"]["1"]["splits"]["test"].size())
            << model;
    }
}
