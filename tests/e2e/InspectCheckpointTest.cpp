// `vindex inspect` on UMBRAE training checkpoints (torch.save zip) reads them whole: model weights, AdamW state,
// scheduler and loss history — checked against brain-tiny/config.json, which the reference training wrote.
#include "CliRunner.h"
#include "ExpectedLayout.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace {

// name → shape of the tensors listed under a prefix ("model_state_dict."), in listed order.
std::vector<std::pair<std::string, std::vector<int64_t>>> tensorsUnder(const nlohmann::json &d,
                                                                       const std::string &prefix)
{
    std::vector<std::pair<std::string, std::vector<int64_t>>> out;
    for (const auto &t : d["tensors"]) {
        const auto name = t["name"].get<std::string>();
        if (name.rfind(prefix, 0) == 0)
            out.emplace_back(name.substr(prefix.size()), t["shape"].get<std::vector<int64_t>>());
    }
    return out;
}

class BrainXsCheckpoint : public ::testing::Test {
protected:
    void SetUp() override
    {
        config = readJsonFile(fixture("brain-tiny/config.json"));
        inspected = inspectJson(fixture("brain-tiny/brainxs_last.pth"));
    }
    nlohmann::json config, inspected;
};

} // namespace

TEST_F(BrainXsCheckpoint, ModelStateDictHasTheConfigKeysAndShapes)
{
    const auto model = tensorsUnder(inspected, "model_state_dict.");
    const auto keys = config["keys"].get<std::vector<std::string>>();
    ASSERT_EQ(model.size(), 34u);
    ASSERT_EQ(model.size(), keys.size());
    const Layout expected = brainXsLayout(config["brainxs"]);
    for (std::size_t i = 0; i < model.size(); ++i) {
        EXPECT_EQ(model[i].first, keys[i]) << "state dict order";
        EXPECT_EQ(model[i].second, expected.at(model[i].first)) << model[i].first;
    }
}

TEST_F(BrainXsCheckpoint, LossHistoryEqualsTheReferenceTraining)
{
    const auto &entries = inspected["entries"];
    EXPECT_EQ(entries["train_losses"].get<std::vector<double>>(), config["train"]["losses"].get<std::vector<double>>());
    EXPECT_EQ(entries["lrs"].get<std::vector<double>>(), config["train"]["lrs"].get<std::vector<double>>());
    ASSERT_TRUE(entries["val_losses"].is_array());
    EXPECT_TRUE(entries["epoch"].is_number_integer());
}

TEST_F(BrainXsCheckpoint, AdamWStateMatchesTheParameters)
{
    // config.json: AdamW betas (0.9, 0.999), eps 1e-8, weight decay 1e-2 for names without 'bias', else 0.
    const auto &optimizer = inspected["entries"]["optimizer_state_dict"];
    const auto &groups = optimizer["param_groups"];
    ASSERT_EQ(groups.size(), 2u);
    const auto keys = config["keys"].get<std::vector<std::string>>();
    std::vector<std::string> order; // parameters in the order the groups number them
    for (const auto &k : keys)
        if (k.find("bias") == std::string::npos)
            order.push_back(k);
    const std::size_t decayed = order.size();
    for (const auto &k : keys)
        if (k.find("bias") != std::string::npos)
            order.push_back(k);
    EXPECT_DOUBLE_EQ(groups[0]["weight_decay"].get<double>(), 1e-2);
    EXPECT_DOUBLE_EQ(groups[1]["weight_decay"].get<double>(), 0.0);
    EXPECT_EQ(groups[0]["params"].size(), decayed);
    EXPECT_EQ(groups[1]["params"].size(), keys.size() - decayed);
    for (const auto &g : groups) {
        EXPECT_EQ(g["betas"].get<std::vector<double>>(), (std::vector<double>{0.9, 0.999}));
        EXPECT_DOUBLE_EQ(g["eps"].get<double>(), 1e-8);
        EXPECT_DOUBLE_EQ(g["max_lr"].get<double>(), config["train"]["max_lr"].get<double>());
    }

    const Layout shapes = brainXsLayout(config["brainxs"]);
    const auto &state = optimizer["state"];
    ASSERT_EQ(state.size(), keys.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto &s = state.at(std::to_string(i));
        for (const char *moment : {"exp_avg", "exp_avg_sq"})
            EXPECT_EQ(s[moment]["tensor"]["shape"].get<std::vector<int64_t>>(), shapes.at(order[i]))
                << i << " " << order[i] << " " << moment;
        EXPECT_TRUE(s["step"].contains("tensor")) << "AdamW keeps step as a tensor";
    }
}

TEST_F(BrainXsCheckpoint, SchedulerIsReadAsPlainData)
{
    const auto &scheduler = inspected["entries"]["lr_scheduler"];
    ASSERT_TRUE(scheduler.is_object());
    EXPECT_EQ(scheduler["total_steps"], config["train"]["steps"]);
}

TEST(BrainXCheckpoint, PerSubjectLayersHaveEachSubjectsVoxelCount)
{
    const auto config = readJsonFile(fixture("brain-tiny/config.json"));
    const auto d = inspectJson(fixture("brain-tiny/brainx_last.pth"));
    std::map<std::string, std::vector<int64_t>> model;
    for (const auto &[name, shape] : tensorsUnder(d, "model_state_dict."))
        model[name] = shape;
    const int64_t hidden = config["brainx"]["hidden_dim"], latents = config["brainx"]["num_latents"];
    for (const auto &[subject, voxels] : config["brainx"]["voxels"].items()) {
        EXPECT_EQ(model.at("lin2.fmri" + subject + ".weight"), (std::vector<int64_t>{hidden, voxels.get<int64_t>()}));
        EXPECT_EQ(model.at("lin1.fmri" + subject + ".weight"), (std::vector<int64_t>{latents, 1}));
    }
}

TEST(BrainXCheckpoint, TextListingShowsEntries)
{
    const auto result = runCli({"inspect", fixture("brain-tiny/brainxs_last.pth")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto config = readJsonFile(fixture("brain-tiny/config.json"));
    const std::string tensors = "model_state_dict: " + std::to_string(config["keys"].size()) + " tensors";
    EXPECT_NE(result.out.find(tensors), std::string::npos) << result.out;
    // The reference training's loss history, as the JSON number text of config.json.
    const std::string losses = "train_losses: " + config["train"]["losses"].dump();
    EXPECT_NE(result.out.find(losses), std::string::npos) << result.out;
}
