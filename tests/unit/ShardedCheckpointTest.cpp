#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/io/ShardedCheckpoint.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace vindex::io;
using testsupport::fixture;

namespace {

// Splits the CLIP fixture into two shards with an HF-style index, as `save_pretrained(max_shard_size=...)` does.
nlohmann::json writeShards(const testsupport::TempDir &dir, const SafetensorsFile &source)
{
    SafetensorsWriter first, second;
    nlohmann::json weightMap = nlohmann::json::object();
    const auto &names = source.names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const bool inFirst = i < names.size() / 2;
        (inFirst ? first : second).add(names[i], source.tensor(names[i]));
        weightMap[names[i]] = inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
    }
    first.write(dir.file("model-00001-of-00002.safetensors"));
    second.write(dir.file("model-00002-of-00002.safetensors"));
    nlohmann::json index{{"metadata", {{"total_size", 12345}}}, {"weight_map", weightMap}};
    testsupport::writeBytes(dir.file("model.safetensors.index.json"), index.dump());
    return index;
}

void expectErrorNaming(const std::string &path, const std::string &fragment)
{
    try {
        ShardedCheckpoint::open(path).tensor("embeddings.class_embedding");
        FAIL() << "no error for " << path;
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

} // namespace

TEST(ShardedCheckpoint, ReadsEveryTensorThroughTheIndex)
{
    testsupport::TempDir dir;
    const auto source = SafetensorsFile::open(fixture("clip-vit-tiny/model.safetensors"));
    writeShards(dir, source);
    for (const auto &path : {dir.path().string(), dir.file("model.safetensors.index.json")}) {
        const auto checkpoint = ShardedCheckpoint::open(path);
        EXPECT_EQ(checkpoint.names().size(), source.names().size());
        EXPECT_EQ(checkpoint.shardFiles().size(), 2u);
        EXPECT_EQ(checkpoint.metadata().at("total_size"), "12345");
        for (const auto &name : source.names()) {
            const auto t = checkpoint.tensor(name);
            EXPECT_EQ(t.shape(), source.tensor(name).shape()) << name;
            EXPECT_EQ(t.toFloatVector(), source.tensor(name).toFloatVector()) << name;
        }
    }
}

TEST(ShardedCheckpoint, FolderWithOneWeightsFile)
{
    const auto checkpoint = ShardedCheckpoint::open(fixture("llava-tiny"));
    const auto config = testsupport::readJson(fixture("llava-tiny/config.json"));
    const int64_t vocab = config["vocab_size"], hidden = config["hidden_size"];
    EXPECT_EQ(checkpoint.tensor("model.embed_tokens.weight").shape(), (std::vector<int64_t>{vocab, hidden}));
    EXPECT_THROW(checkpoint.tensor("no.such.tensor"), vindex::FormatError);
}

TEST(ShardedCheckpointHostile, ShardOutsideTheFolderIsRefused)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("model.safetensors.index.json"), R"({"weight_map": {"a": "../../etc/passwd"}})");
    expectErrorNaming(dir.path().string(), "not a file beside the index");
    testsupport::writeBytes(dir.file("model.safetensors.index.json"), R"({"weight_map": {"a": "/etc/passwd"}})");
    expectErrorNaming(dir.path().string(), "not a file beside the index");
}

TEST(ShardedCheckpointHostile, MissingShardOrTensor)
{
    testsupport::TempDir dir;
    const auto source = SafetensorsFile::open(fixture("clip-vit-tiny/model.safetensors"));
    auto index = writeShards(dir, source);
    std::filesystem::remove(dir.file("model-00002-of-00002.safetensors"));
    expectErrorNaming(dir.path().string(), "shard 'model-00002-of-00002.safetensors' is missing");

    writeShards(dir, source);
    index["weight_map"]["ghost.weight"] = "model-00001-of-00002.safetensors";
    testsupport::writeBytes(dir.file("model.safetensors.index.json"), index.dump());
    try {
        ShardedCheckpoint::open(dir.path().string()).tensor("ghost.weight");
        FAIL();
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find("model-00001-of-00002.safetensors"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("ghost.weight"), std::string::npos) << e.what();
    }
}

TEST(ShardedCheckpointHostile, BrokenIndex)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("model.safetensors.index.json"), "{\"weight_map\": [1, 2");
    expectErrorNaming(dir.file("model.safetensors.index.json"), "not valid JSON");
    testsupport::writeBytes(dir.file("model.safetensors.index.json"), "{\"metadata\": {}}");
    expectErrorNaming(dir.file("model.safetensors.index.json"), "weight_map");
    testsupport::TempDir empty;
    expectErrorNaming(empty.path().string(), "folder holds no");
}
