// `vindex caption` over NSD trials: the brain path on every test trial of mini-nsd subject 1 writes BrainHub's
// {"idx": caption} file that `vindex eval captions` scores; re-running resumes; a run killed with SIGKILL midway
// completes on the next call without decoding finished trials again; prompts break the method's <image> rules.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path;
    explicit TempFolder(const std::string &name)
        : path(fs::temp_directory_path() / ("vindex-run-" + name + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    std::string file(const std::string &name) const { return (path / name).string(); }
};

// brain-tiny's BrainXS (16 tokens × 64, what llava-tiny's SE space takes) with lin2 resized to `voxels` inputs:
// a safetensors file written byte by byte from brainxs_init.safetensors.
void writeEncoder(const std::string &path, int voxels)
{
    std::ifstream in(fixture("brain-tiny/brainxs_init.safetensors"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    const auto header = nlohmann::json::parse(bytes.substr(8, headerSize));
    const std::string data = bytes.substr(8 + headerSize);
    nlohmann::json out = nlohmann::json::object();
    std::string payload;
    for (const auto &[name, info] : header.items()) {
        if (name == "__metadata__")
            continue;
        std::string tensor;
        auto shape = info["shape"];
        if (name == "lin2.weight") {
            shape = {64, voxels};
            for (int i = 0; i < 64 * voxels; ++i) {
                const float value = 0.01f * static_cast<float>((i * 37) % 19 - 9);
                tensor.append(reinterpret_cast<const char *>(&value), 4);
            }
        } else {
            const auto begin = info["data_offsets"][0].get<std::size_t>(),
                       end = info["data_offsets"][1].get<std::size_t>();
            tensor = data.substr(begin, end - begin);
        }
        out[name] = {{"dtype", info["dtype"]},
                     {"shape", shape},
                     {"data_offsets", {payload.size(), payload.size() + tensor.size()}}};
        payload += tensor;
    }
    writeSafetensors(path, out, payload);
}

} // namespace

TEST(CaptionRun, BrainPathOverTheTestTrialsScoresWithEvalCaptions)
{
    TempFolder dir("brain");
    writeEncoder(dir.file("brain217.safetensors"), 217);
    const auto r = runCli({"--json",
                           "caption",
                           "--mllm",
                           fixture("llava-tiny"),
                           "--root",
                           fixture("mini-nsd"),
                           "--subject",
                           "1",
                           "--brain",
                           dir.file("brain217.safetensors"),
                           "--heads",
                           "4",
                           "--dim-head",
                           "16",
                           "--max-new-tokens",
                           "6",
                           "--batch",
                           "4",
                           "--out",
                           dir.file("sub01.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"));
    const auto testImages = expected["subjects"]["1"]["splits"]["test"];
    const auto results = readJsonFile(dir.file("sub01.json"));
    ASSERT_EQ(results.size(), testImages.size());
    const auto manifest = readJsonFile(dir.file("sub01.json.manifest.json"));
    EXPECT_EQ(manifest["fingerprint"]["inputs"]["kind"], "brain");
    EXPECT_EQ(manifest["fingerprint"]["space"], "se");
    bool hashed = false;
    for (const auto &m : manifest["models"])
        for (const auto &f : m["files"])
            hashed |= f["sha256"].get<std::string>().size() == 64;
    EXPECT_TRUE(hashed);

    // References for the same test indices from expected.json's captions: eval accepts the results file.
    nlohmann::json references = nlohmann::json::object();
    for (std::size_t i = 0; i < testImages.size(); ++i)
        references[std::to_string(i)] = {expected["captions"][std::to_string(testImages[i].get<int>())]};
    std::ofstream(dir.file("refs.json")) << references.dump();
    const auto scored = runCli(
        {"--json", "eval", "captions", "--candidates", dir.file("sub01.json"), "--references", dir.file("refs.json")});
    ASSERT_EQ(scored.exitCode, 0) << scored.err;
    EXPECT_EQ(nlohmann::json::parse(scored.out)["trials"], testImages.size());

    // Same settings again: nothing left to decode.
    const auto again = runCli({"--json",
                               "caption",
                               "--mllm",
                               fixture("llava-tiny"),
                               "--root",
                               fixture("mini-nsd"),
                               "--subject",
                               "1",
                               "--brain",
                               dir.file("brain217.safetensors"),
                               "--heads",
                               "4",
                               "--dim-head",
                               "16",
                               "--max-new-tokens",
                               "6",
                               "--batch",
                               "2",
                               "--out",
                               dir.file("sub01.json")});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(nlohmann::json::parse(again.out)["resumed"], testImages.size());
    EXPECT_EQ(readJsonFile(dir.file("sub01.json")), results);

    // Other settings into the same file: refused, naming what differs.
    const auto other = runCli({"caption", "--mllm", fixture("llava-tiny"), "--root", fixture("mini-nsd"), "--subject",
                               "1", "--brain", dir.file("brain217.safetensors"), "--heads", "4", "--dim-head", "16",
                               "--max-new-tokens", "7", "--out", dir.file("sub01.json")});
    EXPECT_EQ(other.exitCode, 2);
    EXPECT_NE(other.err.find("decoding"), std::string::npos) << other.err;

    // An encoder for another voxel count names both counts.
    writeEncoder(dir.file("brain100.safetensors"), 100);
    const auto wrong = runCli({"caption", "--mllm", fixture("llava-tiny"), "--root", fixture("mini-nsd"), "--subject",
                               "1", "--brain", dir.file("brain100.safetensors"), "--heads", "4", "--dim-head", "16"});
    EXPECT_EQ(wrong.exitCode, 2);
    EXPECT_NE(wrong.err.find("100"), std::string::npos) << wrong.err;
    EXPECT_NE(wrong.err.find("217"), std::string::npos) << wrong.err;
}

TEST(CaptionRun, KilledRunCompletesWithoutRedoingFinishedTrials)
{
    TempFolder dir("kill");
    const auto demo = runCli({"demo", "--out", dir.file("nsd"), "--subjects", "1", "--voxels", "200", "--trials", "120",
                              "--layouts", "mindeye2"});
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    const std::string results = dir.file("train.json");
    std::string command = std::string(VINDEX_CLI) + " caption --mllm " + fixture("llava-tiny") + " --root " +
                          dir.file("nsd") + " --subject 1 --split train --brain " +
                          fixture("brain-tiny/brainxs_last.pth") +
                          " --heads 4 --dim-head 16 --max-new-tokens 48 --batch 1 --out " + results;
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        execl("/bin/sh", "sh", "-c", ("exec " + command + " >/dev/null 2>&1").c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    // Wait until a few captions are saved, then kill without warning.
    std::size_t saved = 0;
    for (int i = 0; i < 3000 && saved < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::ifstream in(results);
        const auto json = nlohmann::json::parse(in, nullptr, false);
        saved = json.is_object() ? json.size() : 0;
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    const auto partial = readJsonFile(results); // never half-written
    ASSERT_GE(partial.size(), 3u);
    ASSERT_LT(partial.size(), 87u) << "the run finished before it could be killed"; // 87 train trials

    const auto resumed = runCli({"--json",
                                 "caption",
                                 "--mllm",
                                 fixture("llava-tiny"),
                                 "--root",
                                 dir.file("nsd"),
                                 "--subject",
                                 "1",
                                 "--split",
                                 "train",
                                 "--brain",
                                 fixture("brain-tiny/brainxs_last.pth"),
                                 "--heads",
                                 "4",
                                 "--dim-head",
                                 "16",
                                 "--max-new-tokens",
                                 "48",
                                 "--batch",
                                 "1",
                                 "--out",
                                 results});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    const auto document = nlohmann::json::parse(resumed.out);
    EXPECT_EQ(document["resumed"], partial.size());
    const auto all = readJsonFile(results);
    EXPECT_EQ(all.size(), document["captions"].size());
    for (const auto &[key, text] : partial.items())
        EXPECT_EQ(all[key], text) << key; // finished trials kept, not decoded again
}

TEST(CaptionRun, PromptsFollowTheImageMarkerRules)
{
    const auto llava = runCli({"caption", "--mllm", fixture("llava-tiny"), "--image", fixture("llava-tiny/image.png"),
                               "--prompt", "What is in <image>?"});
    EXPECT_EQ(llava.exitCode, 2);
    EXPECT_NE(llava.err.find("must not contain <image>"), std::string::npos) << llava.err;
    const auto shikra = runCli({"caption", "--mllm", fixture("shikra-tiny"), "--space", "shikra", "--image",
                                fixture("llava-tiny/image.png"), "--prompt", "Describe this image."});
    EXPECT_EQ(shikra.exitCode, 2);
    EXPECT_NE(shikra.err.find("must contain <image>"), std::string::npos) << shikra.err;
    const auto space = runCli(
        {"caption", "--mllm", fixture("shikra-tiny"), "--space", "se", "--image", fixture("llava-tiny/image.png")});
    EXPECT_EQ(space.exitCode, 2);
    EXPECT_NE(space.err.find("shikra"), std::string::npos) << space.err;
}
