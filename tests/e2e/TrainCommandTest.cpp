// `vindex train` as a user runs it: on the built-in demo dataset with llava-tiny's SE targets (16 × 64, brain-tiny's
// encoder size), validation loss below the untrained encoder's; a run killed with SIGKILL midway and resumed ends
// with exactly the weights, optimizer state and history of an uninterrupted run; resumes refuse changed settings;
// two processes (Gloo on localhost, launched with torchrun's variables) reach the weights of one process.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path;
    explicit TempFolder(const std::string &name)
        : path(fs::temp_directory_path() / ("vindex-train-" + name + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    std::string file(const std::string &name) const { return (path / name).string(); }
};

// A small encoder on the demo subject: 200 voxels, llava-tiny targets; one CPU thread (deterministic).
std::vector<std::string> trainArgs(const std::string &nsd, const std::string &out, int epochs)
{
    return {"train",
            "--root",
            nsd,
            "--subject",
            "1",
            "--space",
            "se",
            "--mllm",
            fixture("llava-tiny"),
            "--out",
            out,
            "--epochs",
            std::to_string(epochs),
            "--batch",
            "4",
            "--hidden",
            "64",
            "--depth",
            "2",
            "--heads",
            "4",
            "--dim-head",
            "16",
            "--threads",
            "1"};
}

std::string makeDemo(const TempFolder &dir)
{
    const auto demo = runCli({"demo", "--out", dir.file("nsd"), "--subjects", "1", "--voxels", "200", "--trials", "120",
                              "--layouts", "webdataset"});
    EXPECT_EQ(demo.exitCode, 0) << demo.err;
    return dir.file("nsd");
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A .safetensors file split into its tensors' bytes, checking every offset (a half-written file fails here).
struct Safetensors {
    nlohmann::json header;
    std::map<std::string, std::string> tensors;
};

Safetensors readSafetensors(const std::string &path)
{
    const std::string bytes = readFile(path);
    Safetensors s;
    if (bytes.size() < 8)
        throw std::runtime_error(path + ": shorter than a safetensors header");
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    if (8 + headerSize > bytes.size())
        throw std::runtime_error(path + ": header runs past the end");
    s.header = nlohmann::json::parse(bytes.substr(8, headerSize));
    const std::size_t data = 8 + headerSize;
    for (const auto &[name, info] : s.header.items()) {
        if (name == "__metadata__")
            continue;
        const auto begin = info["data_offsets"][0].get<std::size_t>(), end = info["data_offsets"][1].get<std::size_t>();
        if (data + end > bytes.size() || begin > end)
            throw std::runtime_error(path + ": tensor " + name + " runs past the end");
        s.tensors[name] = bytes.substr(data + begin, end - begin);
    }
    return s;
}

nlohmann::json trainingDocument(const Safetensors &s)
{
    return nlohmann::json::parse(s.header["__metadata__"]["vindex.training"].get<std::string>());
}

std::vector<nlohmann::json> logLines(const std::string &path)
{
    std::vector<nlohmann::json> lines;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        auto json = nlohmann::json::parse(line, nullptr, false);
        if (!json.is_discarded())
            lines.push_back(json);
    }
    return lines;
}

} // namespace

TEST(TrainCommand, TrainsBelowTheUntrainedValidationLossWithCheckpointsAndLog)
{
    TempFolder dir("demo");
    const std::string nsd = makeDemo(dir);
    auto args = trainArgs(nsd, dir.file("run"), 4);
    args.insert(args.begin(), "--json");
    args.push_back("--export-pth");
    const auto result = runCli(args);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto document = nlohmann::json::parse(result.out);
    EXPECT_EQ(document["steps_per_epoch"], 8); // floor(35 training trials / 4)
    EXPECT_EQ(document["global_step"], 32);
    EXPECT_EQ(document["epoch_val_losses"].size(), 4u);
    std::cout << "[ demo subject 1: validation loss untrained " << document["initial_val_loss"].get<double>()
              << " → best " << document["best_val_loss"].get<double>() << " after 4 epochs ]\n";
    EXPECT_LT(document["best_val_loss"].get<double>(), 0.9 * document["initial_val_loss"].get<double>());

    for (const char *file : {"last.safetensors", "last.json", "best.safetensors", "best.json", "last.pth", "best.pth",
                             "targets.h5", "train_log.jsonl"})
        EXPECT_TRUE(fs::exists(dir.file("run/") + file)) << file;
    // The checkpoint is also a plain encoder file for `vindex encode` / `caption`.
    EXPECT_EQ(trainingDocument(readSafetensors(dir.file("run/last.safetensors")))["history"]["global_step"], 32);
    const auto inspect = inspectJson(dir.file("run/last.pth"));
    EXPECT_FALSE(inspect.dump().empty());

    int steps = 0, validations = 0;
    for (const auto &line : logLines(dir.file("run/train_log.jsonl"))) {
        if (line["event"] == "step") {
            ++steps;
            for (const char *field :
                 {"epoch", "step", "global_step", "loss", "lr", "samples_per_second", "eta_seconds"})
                EXPECT_TRUE(line.contains(field)) << field;
        }
        validations += line["event"] == "validation";
    }
    EXPECT_EQ(steps, 32);
    EXPECT_EQ(validations, 5); // the untrained encoder, then every epoch
}

TEST(TrainCommand, SigkillMidwayThenResumeEqualsAnUninterruptedRun)
{
    TempFolder dir("kill");
    const std::string nsd = makeDemo(dir);
    const int epochs = 20; // 160 steps: long enough to be killed midway
    auto straightArgs = trainArgs(nsd, dir.file("straight"), epochs);
    straightArgs.insert(straightArgs.end(), {"--checkpoint-every", "11"});
    const auto straight = runCli(straightArgs);
    ASSERT_EQ(straight.exitCode, 0) << straight.err;

    // The same run, killed without warning once it is well into training (and past a mid-epoch checkpoint).
    auto killedArgs = trainArgs(nsd, dir.file("killed"), epochs);
    killedArgs.insert(killedArgs.end(),
                      {"--checkpoint-every", "11", "--targets-cache", dir.file("straight/targets.h5")});
    std::string command = std::string(VINDEX_CLI);
    for (const auto &a : killedArgs)
        command += " '" + a + "'";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        execl("/bin/sh", "sh", "-c", ("exec " + command + " >/dev/null 2>&1").c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    int64_t reached = 0;
    for (int i = 0; i < 6000 && reached < 40; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const auto lines = logLines(dir.file("killed/train_log.jsonl"));
        for (const auto &line : lines)
            if (line["event"] == "step")
                reached = std::max<int64_t>(reached, line["global_step"].get<int64_t>());
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
    // Whatever was on disk is whole: the last checkpoint parses and names a step the run had reached.
    const auto partial = readSafetensors(dir.file("killed/last.safetensors"));
    const int64_t saved = trainingDocument(partial)["history"]["global_step"];
    EXPECT_GT(saved, 0);
    EXPECT_LT(saved, 160);
    std::cout << "[ killed after step " << reached << "; resuming from the checkpoint at step " << saved << " ]\n";

    auto resumeArgs = killedArgs;
    resumeArgs.insert(resumeArgs.end(), {"--resume", dir.file("killed")});
    const auto resumed = runCli(resumeArgs);
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;

    const auto a = readSafetensors(dir.file("straight/last.safetensors"));
    const auto b = readSafetensors(dir.file("killed/last.safetensors"));
    ASSERT_EQ(a.tensors.size(), b.tensors.size());
    for (const auto &[name, bytes] : a.tensors) {
        ASSERT_TRUE(b.tensors.count(name)) << name;
        EXPECT_TRUE(bytes == b.tensors.at(name)) << name << " differs"; // weights, AdamW moments, generator
    }
    const auto historyA = trainingDocument(a)["history"], historyB = trainingDocument(b)["history"];
    EXPECT_EQ(historyA, historyB);
    EXPECT_EQ(historyB["global_step"], 160);
    for (const auto &entry : fs::directory_iterator(dir.file("killed")))
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

TEST(TrainCommand, ResumeRefusesOtherSettingsAndBadInputIsExit2)
{
    TempFolder dir("refuse");
    const std::string nsd = makeDemo(dir);
    ASSERT_EQ(runCli(trainArgs(nsd, dir.file("run"), 1)).exitCode, 0);

    auto again = runCli(trainArgs(nsd, dir.file("run"), 1)); // would overwrite the run
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;

    auto longer = trainArgs(nsd, dir.file("run"), 2);
    longer.insert(longer.end(), {"--resume", dir.file("run")});
    const auto changed = runCli(longer);
    EXPECT_EQ(changed.exitCode, 2);
    EXPECT_NE(changed.err.find("--epochs"), std::string::npos) << changed.err;

    auto otherSubject = trainArgs(nsd, dir.file("other"), 1);
    otherSubject[4] = "3";
    const auto missing = runCli(otherSubject);
    EXPECT_EQ(missing.exitCode, 2) << missing.err;

    const auto both = runCli({"train", "--root", nsd, "--subject", "1", "--mllm", fixture("llava-tiny"), "--vision",
                              fixture("clip-vit-tiny"), "--out", dir.file("both")});
    EXPECT_EQ(both.exitCode, 2);
}

// --recipe umbrae on mini-nsd subject 1: fits expected.json's train + val trials, chooses best on its test trials (in
// whole batches of --val-batch), augments by default; the checkpoint names the recipe. The default stays train / val.
TEST(TrainCommand, RecipeUmbraeFitsTrainAndValAndSelectsOnTest)
{
    TempFolder dir("recipe");
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"))["subjects"]["1"]["splits"];
    auto args = trainArgs(fixture("mini-nsd"), dir.file("umbrae"), 1);
    args.insert(args.begin(), "--json");
    args.insert(args.end(), {"--recipe", "umbrae", "--val-batch", "4", "--no-augment"});
    const auto umbrae = runCli(args);
    ASSERT_EQ(umbrae.exitCode, 0) << umbrae.err;
    const auto document = nlohmann::json::parse(umbrae.out);
    EXPECT_EQ(document["recipe"], "umbrae");
    EXPECT_EQ(document["fit_splits"], (nlohmann::json{"train", "val"}));
    EXPECT_EQ(document["select_split"], "test");
    EXPECT_EQ(document["augment"], false); // --no-augment overrides the recipe's
    EXPECT_EQ(document["train_trials"], expected["train"].size() + expected["val"].size());
    EXPECT_EQ(document["val_trials"], expected["test"].size());
    EXPECT_FALSE(document["best"].get<std::string>().empty());
    const auto best = readJsonFile(dir.file("umbrae/best.json"));
    EXPECT_EQ(best["run"]["recipe"]["name"], "umbrae");
    EXPECT_EQ(best["run"]["recipe"]["select_split"], "test");

    auto plain = trainArgs(fixture("mini-nsd"), dir.file("clean"), 1);
    plain.insert(plain.begin(), "--json");
    const auto clean = runCli(plain);
    ASSERT_EQ(clean.exitCode, 0) << clean.err;
    const auto defaults = nlohmann::json::parse(clean.out);
    EXPECT_EQ(defaults["recipe"], "clean");
    EXPECT_EQ(defaults["select_split"], "val");
    EXPECT_EQ(defaults["train_trials"], expected["train"].size());
    EXPECT_EQ(defaults["val_trials"], expected["val"].size());

    auto wrong = trainArgs(fixture("mini-nsd"), dir.file("wrong"), 1);
    wrong.insert(wrong.end(), {"--recipe", "mindeye"});
    EXPECT_EQ(runCli(wrong).exitCode, 2);
}

// A trained checkpoint records its perceiver's head split: `vindex encode` on NSD trials needs no --heads/--dim-head,
// gives what the explicit split gives, and another split of the same width (16 × 4) computes something else.
TEST(TrainCommand, EncodeUsesTheHeadSplitTheCheckpointRecords)
{
    TempFolder dir("heads");
    const std::string nsd = fixture("mini-nsd");
    auto args = trainArgs(nsd, dir.file("run"), 2);
    ASSERT_EQ(runCli(args).exitCode, 0);
    const std::string brain = dir.file("run/last.safetensors");
    const auto encode = [&](const std::string &out, std::vector<std::string> extra) {
        std::vector<std::string> a{"encode", "--brain", brain,  "--root", nsd,          "--subject",
                                   "1",      "--split", "test", "--out",  dir.file(out)};
        a.insert(a.end(), extra.begin(), extra.end());
        const auto r = runCli(a);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return readSafetensors(dir.file(out));
    };
    const auto recorded = encode("recorded.safetensors", {});
    const auto explicitSplit = encode("explicit.safetensors", {"--heads", "4", "--dim-head", "16"});
    const auto other = encode("other.safetensors", {"--heads", "16", "--dim-head", "4"});
    EXPECT_EQ(recorded.tensors.at("features"), explicitSplit.tensors.at("features"));
    EXPECT_NE(recorded.tensors.at("features"), other.tensors.at("features"));
    // One row per test trial, in expected.json's order of test images.
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"))["subjects"]["1"]["splits"]["test"];
    ASSERT_EQ(recorded.header["image_ids"]["shape"], nlohmann::json::array({expected.size()}));
    std::vector<int64_t> ids(expected.size());
    std::memcpy(ids.data(), recorded.tensors.at("image_ids").data(), ids.size() * sizeof(int64_t));
    EXPECT_EQ(nlohmann::json(ids), expected);
    EXPECT_EQ(recorded.header["features"]["shape"], nlohmann::json::array({expected.size(), 16, 64}));
}

// Data-parallel training (issue 7, acceptance 4): processes launched as torchrun launches them, on localhost.
namespace {

// A TCP port nobody listens on right now (the kernel's choice for port 0).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        throw std::runtime_error("no free port");
    ::close(fd);
    return ntohs(address.sin_port);
}

// `vindex train ARGS` as WORLD_SIZE processes at once, each with its RANK; their results in rank order.
std::vector<CliResult> runRanks(const std::vector<std::string> &args, int worldSize)
{
    const std::string port = std::to_string(freePort());
    std::vector<CliResult> results(static_cast<std::size_t>(worldSize));
    std::vector<std::thread> ranks;
    for (int rank = 0; rank < worldSize; ++rank)
        ranks.emplace_back([&, rank] {
            results[static_cast<std::size_t>(rank)] =
                runCli(args, {"WORLD_SIZE=" + std::to_string(worldSize), "RANK=" + std::to_string(rank),
                              "LOCAL_RANK=" + std::to_string(rank), "MASTER_ADDR=127.0.0.1", "MASTER_PORT=" + port});
        });
    for (auto &t : ranks)
        t.join();
    return results;
}

std::vector<float> floats(const std::string &bytes)
{
    std::vector<float> values(bytes.size() / sizeof(float));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
    return values;
}

} // namespace

TEST(TrainCommand, TwoGlooProcessesReachTheWeightsOfOneProcessOnTheWholeBatch)
{
    TempFolder dir("dp");
    const std::string nsd = makeDemo(dir);
    // Batch 7 of 35 training trials: shards of 4 and 3 (unequal shares), 5 steps per epoch. The VINDEX objective
    // (the denoiser draws noise per sample) and clipping (after the exchange) are on. The demo's BrainXS has no
    // dropout (no use_norm tokenizer), so one process and two draw the same random numbers.
    const auto args = [&](const std::string &out) {
        auto a = trainArgs(nsd, dir.file(out), 3);
        a.insert(a.begin(), "--json");
        *(std::find(a.begin(), a.end(), "--batch") + 1) = "7";
        a.insert(a.end(), {"--objective", "vindex", "--denoiser-width", "32", "--grad-clip", "0.05", "--targets-cache",
                           dir.file("targets.h5")});
        return a;
    };
    const auto one = runCli(args("one"));
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const auto two = runRanks(args("two"), 2);
    ASSERT_EQ(two[0].exitCode, 0) << two[0].err;
    ASSERT_EQ(two[1].exitCode, 0) << two[1].err;

    for (const auto &rank : two) {
        const auto document = nlohmann::json::parse(rank.out);
        EXPECT_EQ(document["world_size"], 2);
        EXPECT_EQ(document["steps_per_epoch"], 5); // the whole batch decides the steps, not the shard
        EXPECT_EQ(document["global_step"], 15);
    }
    // Only rank 0 writes the run folder's files; its log names the shards.
    bool sharded = false;
    for (const auto &line : logLines(dir.file("two/train_log.jsonl")))
        sharded = sharded || (line["event"] == "note" &&
                              line["text"].get<std::string>().find("4 of each batch's 7") != std::string::npos);
    EXPECT_TRUE(sharded);

    const auto a = readSafetensors(dir.file("one/last.safetensors"));
    const auto b = readSafetensors(dir.file("two/last.safetensors"));
    ASSERT_EQ(a.tensors.size(), b.tensors.size());
    double worstWeight = 0;
    int weights = 0;
    for (const auto &[name, bytes] : a.tensors) {
        ASSERT_TRUE(b.tensors.count(name)) << name;
        if (a.header[name]["dtype"] != "F32") { // the generator's state: both drew the same numbers
            EXPECT_TRUE(bytes == b.tensors.at(name)) << name << " differs";
            continue;
        }
        const auto x = floats(bytes), y = floats(b.tensors.at(name));
        ASSERT_EQ(x.size(), y.size()) << name;
        const bool weight = name.rfind("optimizer.", 0) != 0;
        weights += weight;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double error = std::abs(double(x[i]) - double(y[i]));
            if (weight) {
                worstWeight = std::max(worstWeight, error);
                ASSERT_LE(error, 1e-5) << name << "[" << i << "]: one process " << x[i] << ", two " << y[i];
            } else { // AdamW's moments: relative to their size
                ASSERT_LE(error, 1e-5 * std::max(1.0, std::abs(double(x[i])))) << name << "[" << i << "]";
            }
        }
    }
    EXPECT_GT(weights, 10); // encoder and denoiser weights were compared
    std::cout << "[ two Gloo processes vs one: largest weight difference " << worstWeight << " after 15 steps ]\n";

    const auto historyA = trainingDocument(a)["history"], historyB = trainingDocument(b)["history"];
    EXPECT_EQ(historyA["global_step"], historyB["global_step"]);
    ASSERT_EQ(historyA["train_losses"].size(), 15u);
    ASSERT_EQ(historyB["train_losses"].size(), 15u);
    for (std::size_t i = 0; i < historyA["train_losses"].size(); ++i)
        EXPECT_NEAR(historyA["train_losses"][i].get<double>(), historyB["train_losses"][i].get<double>(),
                    1e-5 * std::abs(historyA["train_losses"][i].get<double>()))
            << "step " << i;
    ASSERT_EQ(historyA["val_losses"].size(), historyB["val_losses"].size());
    for (std::size_t i = 0; i < historyA["val_losses"].size(); ++i)
        EXPECT_NEAR(historyA["val_losses"][i].get<double>(), historyB["val_losses"][i].get<double>(),
                    1e-5 * std::abs(historyA["val_losses"][i].get<double>()));
}

TEST(TrainCommand, DataParallelLaunchErrorsNameTheProblem)
{
    TempFolder dir("dp-errors");
    const std::vector<std::string> args{
        "train", "--root",        dir.file("nsd"),  "--subject", "1", "--mllm", fixture("llava-tiny"),
        "--out", dir.file("run"), "--join-timeout", "2"};
    const auto noRank = runCli(args, {"WORLD_SIZE=2", "MASTER_ADDR=127.0.0.1", "MASTER_PORT=29500"});
    EXPECT_EQ(noRank.exitCode, 2);
    EXPECT_NE(noRank.err.find("RANK is not set"), std::string::npos) << noRank.err;
    const auto badRank = runCli(args, {"WORLD_SIZE=2", "RANK=2", "MASTER_ADDR=127.0.0.1", "MASTER_PORT=29500"});
    EXPECT_EQ(badRank.exitCode, 2);
    EXPECT_NE(badRank.err.find("RANK='2'"), std::string::npos) << badRank.err;
    const auto noPort = runCli(args, {"WORLD_SIZE=2", "RANK=0", "MASTER_ADDR=127.0.0.1"});
    EXPECT_EQ(noPort.exitCode, 2);
    EXPECT_NE(noPort.err.find("MASTER_PORT"), std::string::npos) << noPort.err;
    // Rank 1 alone: nobody listens at MASTER_PORT; it gives up after --join-timeout with the address.
    const std::string port = std::to_string(freePort());
    const auto started = std::chrono::steady_clock::now();
    const auto alone = runCli(args, {"WORLD_SIZE=2", "RANK=1", "MASTER_ADDR=127.0.0.1", "MASTER_PORT=" + port});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(alone.exitCode, 2);
    EXPECT_NE(alone.err.find("could not reach rank 0 at 127.0.0.1:" + port), std::string::npos) << alone.err;
    EXPECT_LT(seconds, 60);
    // Rank 0 alone waits as long for the others, and has written nothing.
    const auto lonely = runCli(args, {"WORLD_SIZE=2", "RANK=0", "MASTER_ADDR=127.0.0.1", "MASTER_PORT=" + port});
    EXPECT_EQ(lonely.exitCode, 2);
    EXPECT_NE(lonely.err.find("only 1 of 2 joined"), std::string::npos) << lonely.err;
    EXPECT_FALSE(fs::exists(dir.file("run")));
}

// One rank's Ctrl-C (SIGTERM to rank 1 only) stops both processes at the same step with a checkpoint; the two ranks
// resumed from it end where one process running straight through ends.
TEST(TrainCommand, TwoProcessRunStoppedOnOneRankResumesToTheWeightsOfOneProcess)
{
    TempFolder dir("dp-resume");
    const std::string nsd = makeDemo(dir);
    const auto args = [&](const std::string &out) {
        auto a = trainArgs(nsd, dir.file(out), 20); // 100 steps of batch 7
        *(std::find(a.begin(), a.end(), "--batch") + 1) = "7";
        a.insert(a.end(), {"--checkpoint-every", "7", "--targets-cache", dir.file("targets.h5")});
        return a;
    };
    const auto one = runCli(args("one"));
    ASSERT_EQ(one.exitCode, 0) << one.err;

    const std::string port = std::to_string(freePort());
    std::vector<pid_t> ranks;
    for (int rank = 0; rank < 2; ++rank) {
        std::string command = "exec env WORLD_SIZE=2 RANK=" + std::to_string(rank) +
                              " MASTER_ADDR=127.0.0.1 MASTER_PORT=" + port + " " + VINDEX_CLI;
        for (const auto &a : args("two"))
            command += " '" + a + "'";
        command += " >" + dir.file("rank" + std::to_string(rank) + ".log") + " 2>&1";
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char *>(nullptr));
            _exit(127);
        }
        ranks.push_back(child);
    }
    int64_t reached = 0;
    for (int i = 0; i < 12000 && reached < 20; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        for (const auto &line : logLines(dir.file("two/train_log.jsonl")))
            if (line["event"] == "step")
                reached = std::max<int64_t>(reached, line["global_step"].get<int64_t>());
    }
    kill(ranks[1], SIGTERM);
    for (const pid_t pid : ranks) {
        int status = 0;
        waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFEXITED(status));
        EXPECT_EQ(WEXITSTATUS(status), 1) << "the run finished before it could be stopped, or failed:\n"
                                          << readFile(dir.file(pid == ranks[0] ? "rank0.log" : "rank1.log"));
    }
    int64_t stopped = -1;
    for (const auto &line : logLines(dir.file("two/train_log.jsonl")))
        if (line["event"] == "cancelled")
            stopped = line["global_step"].get<int64_t>();
    ASSERT_GT(stopped, 0) << "rank 0 did not stop with a checkpoint";
    EXPECT_LT(stopped, 100);
    EXPECT_EQ(trainingDocument(readSafetensors(dir.file("two/last.safetensors")))["history"]["global_step"], stopped);
    std::cout << "[ SIGTERM to rank 1 after step " << reached << "; both stopped at step " << stopped << " ]\n";

    auto resumeArgs = args("two");
    resumeArgs.insert(resumeArgs.end(), {"--resume", dir.file("two")});
    const auto resumed = runRanks(resumeArgs, 2);
    ASSERT_EQ(resumed[0].exitCode, 0) << resumed[0].err;
    ASSERT_EQ(resumed[1].exitCode, 0) << resumed[1].err;

    const auto a = readSafetensors(dir.file("one/last.safetensors"));
    const auto b = readSafetensors(dir.file("two/last.safetensors"));
    EXPECT_EQ(trainingDocument(b)["history"]["global_step"], 100);
    ASSERT_EQ(a.tensors.size(), b.tensors.size());
    for (const auto &[name, bytes] : a.tensors) {
        if (a.header[name]["dtype"] != "F32" || name.rfind("optimizer.", 0) == 0)
            continue;
        const auto x = floats(bytes), y = floats(b.tensors.at(name));
        ASSERT_EQ(x.size(), y.size()) << name;
        for (std::size_t i = 0; i < x.size(); ++i)
            ASSERT_LE(std::abs(double(x[i]) - double(y[i])), 1e-5) << name << "[" << i << "]";
    }
}

// The method's cross-subject and adaptation commands (train_brainx.py --subj 1 2 …, train_adaptation.py) on the demo:
// BrainX keeps one tokenizer per subject under UMBRAE's names (lin1.fmri{s}, lin2.fmri{s}) and one perceiver; an
// adaptation with --freeze-perceiver trains a new subject's tokenizer in front of that perceiver, which stays
// bit-identical.
TEST(TrainCommand, CrossSubjectThenAdaptationAsTheMethodRunsThem)
{
    TempFolder dir("cross");
    const auto demo = runCli({"demo", "--out", dir.file("nsd"), "--subjects", "1,2", "--voxels", "200", "--trials",
                              "120", "--layouts", "webdataset"});
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    const std::vector<std::string> small{"--space",   "se", "--vision",   fixture("clip-vit-tiny"),
                                         "--epochs",  "1",  "--batch",    "4",
                                         "--hidden",  "64", "--depth",    "2",
                                         "--heads",   "4",  "--dim-head", "16",
                                         "--threads", "1"};
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"train", "--root", dir.file("nsd")});
        args.insert(args.end(), small.begin(), small.end());
        return runCli(args);
    };
    const auto cross = run({"--subject", "1,2", "--out", dir.file("cross")});
    ASSERT_EQ(cross.exitCode, 0) << cross.err;
    const auto brainx = readSafetensors(dir.file("cross/last.safetensors"));
    for (const char *name : {"lin1.fmri1.weight", "lin1.fmri2.weight", "lin2.fmri1.weight", "lin2.fmri2.weight",
                             "perceiver.llm_proj.weight"})
        EXPECT_TRUE(brainx.tensors.count(name)) << name;

    const auto adapted = run({"--subject", "2", "--adapt-from", dir.file("cross/last.safetensors"),
                              "--freeze-perceiver", "--out", dir.file("adapted")});
    ASSERT_EQ(adapted.exitCode, 0) << adapted.err;
    const auto brainxc = readSafetensors(dir.file("adapted/last.safetensors"));
    int perceiverTensors = 0;
    for (const auto &[name, bytes] : brainxc.tensors)
        if (name.rfind("perceiver.", 0) == 0) {
            ++perceiverTensors;
            ASSERT_TRUE(brainx.tensors.count(name)) << name;
            EXPECT_EQ(bytes, brainx.tensors.at(name)) << name << " changed although the perceiver was frozen";
        }
    EXPECT_GT(perceiverTensors, 0);
}
