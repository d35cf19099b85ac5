// TorchCheckpoint against the real torch.save checkpoints in fixtures/brain-tiny (written by PyTorch 2.11 exactly as
// UMBRAE's train.py saves them), and against damaged or hostile checkpoints built here at test time.
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/core/Error.h"
#include "vindex/io/Unpickler.h"
#include "vindex/io/ZipArchive.h"
#if __has_include("vindex/io/SafetensorsFile.h")
#include "vindex/io/SafetensorsFile.h"
#define VINDEX_TEST_HAVE_SAFETENSORS 1
#endif

#include "PickleZipBuilders.h"
#include "TestSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace vindex::io;
using namespace std::string_literals;
using testsupport::floats;
using testsupport::global;
using testsupport::kProto2;
using testsupport::set32;
using testsupport::storedZip;
using testsupport::str;
using testsupport::tensorCall;
namespace fs = std::filesystem;

namespace {

const std::string kBrainDir = testsupport::fixture("brain-tiny/");

nlohmann::json config()
{
    return testsupport::readJson(kBrainDir + "config.json");
}

class TorchCheckpointTest : public testsupport::TempDirTest {
protected:
    // A checkpoint "my_model" with the given data.pkl and storages.
    std::string checkpoint(const std::string &pickle, std::vector<std::pair<std::string, std::string>> extra = {})
    {
        const bool hasByteorder =
            std::any_of(extra.begin(), extra.end(), [](const auto &m) { return m.first == "my_model/byteorder"; });
        extra.insert(extra.begin(), {"my_model/data.pkl", pickle});
        if (!hasByteorder)
            extra.push_back({"my_model/byteorder", "little"});
        return write("checkpoint.pth", storedZip(extra));
    }

    // Loading (and flattening) must fail with one FormatError naming the file and mentioning fragment.
    std::string expectError(const std::string &path, const std::string &fragment)
    {
        try {
            TorchCheckpoint::load(path).stateDict();
        } catch (const vindex::FormatError &e) {
            const std::string message = e.what();
            EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
            EXPECT_NE(message.find(fragment), std::string::npos) << message;
            return message;
        }
        ADD_FAILURE() << "no FormatError (expected one mentioning '" << fragment << "')";
        return {};
    }
};

std::vector<int64_t> shapeOf(std::initializer_list<int64_t> dims)
{
    return dims;
}

} // namespace

TEST_F(TorchCheckpointTest, BrainXSModelStateDictHasTheConfigKeys)
{
    const nlohmann::json cfg = config();
    const TorchCheckpoint ckpt = TorchCheckpoint::load(kBrainDir + "brainxs_last.pth");
    EXPECT_EQ(ckpt.archiveName(), "brainxs_last");
    const auto tensors = ckpt.stateDict("model_state_dict");
    std::vector<std::string> names;
    for (const auto &[name, tensor] : tensors) {
        names.push_back(name);
        EXPECT_EQ(tensor.dtype(), DType::F32) << name;
        EXPECT_TRUE(tensor.isContiguous()) << name;
        for (float v : tensor.toFloatVector())
            ASSERT_TRUE(std::isfinite(v)) << name;
    }
    EXPECT_EQ(names, cfg["keys"].get<std::vector<std::string>>());

    // Shapes that the BrainXS configuration implies.
    const auto &b = cfg["brainxs"];
    const int64_t hidden = b["hidden_dim"], inner = b["heads"].get<int64_t>() * b["dim_head"].get<int64_t>();
    std::map<std::string, HostTensor> byName(tensors.begin(), tensors.end());
    EXPECT_EQ(byName["lin2.weight"].shape(), shapeOf({hidden, b["in_dim"].get<int64_t>()}));
    EXPECT_EQ(byName["perceiver.perceiver.latents"].shape(), shapeOf({b["num_latents"].get<int64_t>(), hidden}));
    EXPECT_EQ(byName["perceiver.llm_proj.weight"].shape(), shapeOf({b["out_dim"].get<int64_t>(), hidden}));
    for (int layer = 0; layer < b["depth"].get<int>(); ++layer) {
        const std::string p = "perceiver.perceiver.layers." + std::to_string(layer) + ".0.";
        EXPECT_EQ(byName[p + "to_q.weight"].shape(), shapeOf({inner, hidden}));
        EXPECT_EQ(byName[p + "to_kv.weight"].shape(), shapeOf({2 * inner, hidden}));
        EXPECT_EQ(byName[p + "to_out.weight"].shape(), shapeOf({hidden, inner}));
    }

    // torch keeps the module versions of a state dict in its _metadata attribute (set by BUILD).
    const PickleValue &model = ckpt.root().at("model_state_dict");
    ASSERT_TRUE(model.state());
    EXPECT_TRUE(model.state()->at("_metadata").isDict());
}

#ifdef VINDEX_TEST_HAVE_SAFETENSORS
TEST_F(TorchCheckpointTest, BrainXSWeightsMovedFromInitByAtMostTheLearningRates)
{
    const nlohmann::json cfg = config();
    const TorchCheckpoint ckpt = TorchCheckpoint::load(kBrainDir + "brainxs_last.pth");
    const SafetensorsFile init = SafetensorsFile::open(kBrainDir + "brainxs_init.safetensors");
    // AdamW moves a weight by about lr per step (plus lr * weight_decay * |w|): the sum of the learning rates
    // bounds the change. A wrong offset, stride or storage would show up as a change of the weights' own size.
    double lrSum = 0;
    for (double lr : cfg["train"]["lrs"])
        lrSum += lr;
    double largest = 0;
    for (const auto &[name, tensor] : ckpt.stateDict("model_state_dict")) {
        ASSERT_TRUE(init.contains(name)) << name;
        const HostTensor &before = init.tensor(name);
        ASSERT_EQ(tensor.shape(), before.shape()) << name;
        const auto after = tensor.toFloatVector(), start = before.toFloatVector();
        for (std::size_t i = 0; i < after.size(); ++i)
            largest = std::max(largest, std::abs(static_cast<double>(after[i]) - start[i]));
    }
    EXPECT_LE(largest, 1.5 * lrSum);
    EXPECT_GE(largest, 0.25 * lrSum);
}
#endif

TEST_F(TorchCheckpointTest, BrainXSTrainingRecordMatchesTheConfig)
{
    const nlohmann::json cfg = config();
    const auto &train = cfg["train"];
    const TorchCheckpoint ckpt = TorchCheckpoint::load(kBrainDir + "brainxs_last.pth");
    const PickleValue &root = ckpt.root();
    ASSERT_TRUE(root.isDict());
    EXPECT_EQ(root.at("epoch").type(), PickleValue::Type::Int);

    auto doubles = [](const PickleValue &list) {
        std::vector<double> out;
        for (const auto &v : list.items())
            out.push_back(v->toDouble());
        return out;
    };
    EXPECT_EQ(doubles(root.at("train_losses")), train["losses"].get<std::vector<double>>());
    EXPECT_EQ(doubles(root.at("lrs")), train["lrs"].get<std::vector<double>>());
    ASSERT_EQ(root.at("val_losses").type(), PickleValue::Type::List);
    for (const auto &v : root.at("val_losses").items())
        EXPECT_EQ(v->type(), PickleValue::Type::Float);

    // OneCycleLR(total_steps=steps), stepped after each of the steps optimizer steps.
    const PickleValue &scheduler = root.at("lr_scheduler");
    ASSERT_TRUE(scheduler.isDict());
    const int64_t steps = train["steps"];
    EXPECT_EQ(scheduler.at("total_steps").toInt(), steps);
    EXPECT_EQ(scheduler.at("last_epoch").toInt(), steps);
    EXPECT_EQ(scheduler.at("_step_count").toInt(), steps + 1);
}

TEST_F(TorchCheckpointTest, BrainXSOptimizerStateMatchesTheParameters)
{
    const nlohmann::json cfg = config();
    const auto &train = cfg["train"];
    const TorchCheckpoint ckpt = TorchCheckpoint::load(kBrainDir + "brainxs_last.pth");
    std::map<std::string, HostTensor> params;
    for (auto &[name, tensor] : ckpt.stateDict("model_state_dict"))
        params[name] = tensor;

    // "weight_decay 1e-2 for params whose name has no 'bias', else 0": two groups, in model order each.
    std::vector<std::string> decay, noDecay;
    for (const std::string name : cfg["keys"])
        (name.find("bias") == std::string::npos ? decay : noDecay).push_back(name);

    const PickleValue &optimizer = ckpt.root().at("optimizer_state_dict");
    const PickleValue &groups = optimizer.at("param_groups");
    ASSERT_EQ(groups.size(), 2u);
    std::vector<std::string> order; // parameter index -> name
    for (std::size_t g = 0; g < 2; ++g) {
        const PickleValue &group = groups.at(g);
        const auto &names = g == 0 ? decay : noDecay;
        EXPECT_EQ(group.at("weight_decay").toDouble(), g == 0 ? 1e-2 : 0.0);
        EXPECT_EQ(group.at("betas").toString(), "(0.9, 0.999)");
        EXPECT_EQ(group.at("eps").toDouble(), 1e-8);
        EXPECT_EQ(group.at("max_lr").toDouble(), train["max_lr"].get<double>());
        EXPECT_EQ(group.at("amsgrad").toBool(), false);
        const PickleValue &indices = group.at("params");
        ASSERT_EQ(indices.size(), names.size());
        for (std::size_t i = 0; i < names.size(); ++i) {
            EXPECT_EQ(indices.at(i).toInt(), static_cast<int64_t>(order.size()));
            order.push_back(names[i]);
        }
    }

    const PickleValue &state = optimizer.at("state");
    ASSERT_EQ(state.size(), order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        SCOPED_TRACE(order[i]);
        const PickleValue *entry = state.find(static_cast<int64_t>(i));
        ASSERT_NE(entry, nullptr);
        const HostTensor &step = entry->at("step").tensor();
        EXPECT_EQ(step.shape().size(), 0u); // a 0-d tensor
        EXPECT_EQ(step.valueAt(0), train["steps"].get<double>());
        const HostTensor &avg = entry->at("exp_avg").tensor(), &avgSq = entry->at("exp_avg_sq").tensor();
        EXPECT_EQ(avg.shape(), params[order[i]].shape());
        EXPECT_EQ(avgSq.shape(), params[order[i]].shape());
        for (float v : avgSq.toFloatVector())
            ASSERT_GE(v, 0.0f);
    }
    // The flattened optimizer state names its tensors by index.
    const auto flat = ckpt.flattenTensors(optimizer);
    ASSERT_EQ(flat.size(), 3 * order.size());
    EXPECT_EQ(flat[0].first, "state.0.step");
    EXPECT_EQ(flat[1].first, "state.0.exp_avg");
}

TEST_F(TorchCheckpointTest, BrainXLoadsWithBothSubjects)
{
    const nlohmann::json cfg = config();
    const TorchCheckpoint ckpt = TorchCheckpoint::load(kBrainDir + "brainx_last.pth");
    EXPECT_EQ(ckpt.archiveName(), "brainx_last");
    EXPECT_EQ(ckpt.root().find("optimizer_state_dict"), nullptr);
    std::map<std::string, HostTensor> params;
    for (auto &[name, tensor] : ckpt.stateDict("model_state_dict")) {
        EXPECT_EQ(tensor.dtype(), DType::F32) << name;
        params[name] = tensor;
    }
    const int64_t hidden = cfg["brainx"]["hidden_dim"];
    for (const auto &[subject, voxels] : cfg["brainx"]["voxels"].items()) {
        const std::string name = "lin2.fmri" + subject + ".weight";
        ASSERT_TRUE(params.count(name)) << name;
        EXPECT_EQ(params[name].shape(), shapeOf({hidden, voxels.get<int64_t>()}));
    }
    EXPECT_EQ(ckpt.root().toString(30).rfind("{'epoch': ", 0), 0u);
    EXPECT_LE(ckpt.root().toString(200).size(), 203u);
}

TEST_F(TorchCheckpointTest, StateDictNamesMissingEntries)
{
    const std::string path = kBrainDir + "brainx_last.pth";
    const TorchCheckpoint ckpt = TorchCheckpoint::load(path);
    try {
        ckpt.stateDict("state_dict");
        FAIL() << "no error";
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("'state_dict'"), std::string::npos);
    }
    EXPECT_THROW(ckpt.stateDict("epoch"), vindex::FormatError);
}

TEST_F(TorchCheckpointTest, RealPickleTruncatedAnywhereIsAFormatError)
{
    const std::string path = kBrainDir + "brainx_last.pth";
    const ZipArchive zip = ZipArchive::open(path);
    const ZipArchive::Data pickle = zip.read("brainx_last/data.pkl");
    auto resolver = [&](const std::string &key, DType dtype, int64_t numel, const std::string &) {
        const ZipArchive::Data data = zip.read("brainx_last/data/" + key);
        EXPECT_LE(static_cast<std::size_t>(numel) * dtypeSize(dtype), data.size);
        return HostTensor(dtype, {numel}, data.data, data.owner);
    };
    for (std::size_t cut = 0; cut < pickle.size; ++cut) {
        Unpickler unpickler(path, pickle.bytes().first(cut), "brainx_last/data.pkl");
        unpickler.setStorageResolver(resolver);
        try {
            unpickler.load();
            ADD_FAILURE() << "a pickle cut at byte " << cut << " was accepted";
        } catch (const vindex::FormatError &e) {
            const std::string message = e.what();
            ASSERT_EQ(message.rfind(path + ": brainx_last/data.pkl, byte ", 0), 0u) << message;
            ASSERT_NE(message.find("truncated pickle"), std::string::npos) << message;
        }
    }
    Unpickler whole(path, pickle.bytes(), "brainx_last/data.pkl");
    whole.setStorageResolver(resolver);
    EXPECT_TRUE(whole.load()->isDict());
}

TEST_F(TorchCheckpointTest, TruncatedFilesAreFormatErrors)
{
    const std::string bytes = testsupport::readBytes(kBrainDir + "brainx_last.pth");
    ASSERT_GT(bytes.size(), 10000u);
    std::set<std::size_t> cuts;
    for (std::size_t i = 0; i < 64; ++i) {
        cuts.insert(i);
        cuts.insert(bytes.size() - 1 - i);
    }
    for (std::size_t at = 0; at < bytes.size(); at += 4093)
        cuts.insert(at);
    for (std::size_t at = bytes.size() - 6000; at < bytes.size(); at += 97) // the central directory
        cuts.insert(at);
    for (std::size_t cut : cuts) {
        const std::string path = write("cut.pth", bytes.substr(0, cut));
        try {
            TorchCheckpoint::load(path);
            ADD_FAILURE() << "cut at " << cut << " was accepted";
        } catch (const vindex::FormatError &e) {
            ASSERT_EQ(std::string(e.what()).rfind(path + ": ", 0), 0u) << e.what();
        }
    }
}

TEST_F(TorchCheckpointTest, DamagedZipStructuresAreFormatErrors)
{
    const std::string good = testsupport::readBytes(kBrainDir + "brainxs_last.pth");
    const std::size_t end = good.rfind("PK\x05\x06");
    ASSERT_NE(end, std::string::npos);
    const std::size_t directory = good.find("PK\x01\x02");
    const std::size_t third = good.find("PK\x01\x02", good.find("PK\x01\x02", directory + 4) + 4);

    std::string bytes = good;
    set32(bytes, end + 16, static_cast<uint32_t>(good.size() + 100)); // central directory offset
    expectError(write("a.pth", bytes), "central directory offset");
    // torch.save also writes a zip64 end record; its offset is checked against the file as well.
    const std::size_t zip64 = good.rfind("PK\x06\x06");
    ASSERT_NE(zip64, std::string::npos);
    bytes = good;
    set32(bytes, end + 16, 0xffffffff);
    set32(bytes, zip64 + 48, static_cast<uint32_t>(good.size() + 100));
    expectError(write("a64.pth", bytes), "central directory (offset");
    bytes = good;
    set32(bytes, directory + 42, 0x7fffffff); // data.pkl's local header offset
    expectError(write("b.pth", bytes), "member 'brainxs_last/data.pkl': local header offset");
    bytes = good;
    bytes[0] = 'M'; // local header magic of data.pkl
    bytes[1] = 'Z';
    expectError(write("c.pth", bytes), "local header signature");
    bytes = good;
    set32(bytes, third + 20, 0x7fffffff); // sizes of the third member
    set32(bytes, third + 24, 0x7fffffff);
    expectError(write("d.pth", bytes), "runs past");
    bytes = good;
    bytes[end] = 'X'; // no end record
    expectError(write("e.pth", bytes), "truncated zip archive");
}

TEST_F(TorchCheckpointTest, RecognisesFilesThatAreNotCheckpoints)
{
    expectError(write("text.pth", "hello, this is not a checkpoint at all, just text."), "not a zip archive");
    expectError(write("empty.pth", ""), "empty file");
    expectError(m_dir.file("missing.pth"), "cannot open");
    const std::string legacy = "\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.\x80\x02M\xe9\x03."s;
    expectError(write("legacy.pth", legacy), "legacy torch.save file");
    expectError(write("plain.pkl", "\x80\x02}q\x00."s), "bare Python pickle");
    expectError(write("script.pt", storedZip({{"archive/data.pkl", kProto2 + "}."},
                                              {"archive/constants.pkl", kProto2 + ")."},
                                              {"archive/code/__torch__/model.py", "class Model: pass\n"}})),
                "TorchScript archive");
    expectError(write("other.zip", storedZip({{"docs/readme.txt", "hi"}})), "without one");
    expectError(write("two.pth", storedZip({{"a/data.pkl", kProto2 + "N."}, {"b/data.pkl", kProto2 + "N."}})),
                "expected one <archive>/data.pkl");
    expectError(checkpoint(kProto2 + "N.", {{"my_model/byteorder", "big"}}), "byteorder");
}

TEST_F(TorchCheckpointTest, ReadsAHandMadeCheckpointWithViewsAndUnalignedStorage)
{
    const std::string pickle = kProto2 + global("collections", "OrderedDict") + ")R(" + str("w") +
                               tensorCall("0", 6, 0, {2, 3}, {3, 1}) + str("w_t") +
                               tensorCall("0", 6, 0, {3, 2}, {1, 3}) + str("sub") + "}(" + str("b") +
                               tensorCall("1", 2, 1, {1}, {1}) + "u" + "u.";
    const std::string path = write("hand.pth", storedZip({{"my_model/data/0", floats({0, 1, 2, 3, 4, 5})},
                                                          {"my_model/data.pkl", pickle},
                                                          {"my_model/data/1", floats({7, 8})}}));
    // torch pads storages to 64 bytes; this writer does not, which exercises the copy of unaligned data.
    ASSERT_NE(ZipArchive::open(path).find("my_model/data/0")->dataOffset % 4, 0u);
    const TorchCheckpoint ckpt = TorchCheckpoint::load(path);
    EXPECT_EQ(ckpt.archiveName(), "my_model");
    const auto tensors = ckpt.stateDict();
    ASSERT_EQ(tensors.size(), 3u);
    EXPECT_EQ(tensors[0].first, "w");
    EXPECT_EQ(tensors[0].second.toFloatVector(), (std::vector<float>{0, 1, 2, 3, 4, 5}));
    EXPECT_EQ(tensors[1].first, "w_t");
    EXPECT_FALSE(tensors[1].second.isContiguous());
    EXPECT_EQ(tensors[1].second.toFloatVector(), (std::vector<float>{0, 3, 1, 4, 2, 5}));
    EXPECT_EQ(tensors[2].first, "sub.b");
    EXPECT_EQ(tensors[2].second.toFloatVector(), (std::vector<float>{8}));
}

TEST_F(TorchCheckpointTest, HostilePicklesAreOpaqueOrOneClearError)
{
    const std::string marker = m_dir.file("pwned");
    const std::string command = "touch " + marker;
    {
        const auto ckpt = TorchCheckpoint::load(
            checkpoint(kProto2 + "}(" + str("x") + global("os", "system") + str(command) + "\x85R" + str("y") +
                       global("builtins", "eval") + str("__import__('os').system('" + command + "')") + "\x85Ru."));
        const PickleValue &x = ckpt.root().at("x"), &y = ckpt.root().at("y");
        EXPECT_EQ(x.type(), PickleValue::Type::Opaque);
        EXPECT_EQ(x.qualifiedName(), "os.system");
        EXPECT_EQ(x.args()->at(0).toStr(), command);
        EXPECT_EQ(y.qualifiedName(), "builtins.eval");
        EXPECT_TRUE(ckpt.stateDict().empty());
    }
    EXPECT_FALSE(fs::exists(marker));

    const std::string storage = floats({0, 1, 2, 3, 4, 5});
    const std::string msg = expectError(checkpoint(kProto2 + "N\xff."), "unknown opcode 0xff");
    EXPECT_NE(msg.find("my_model/data.pkl, byte 3:"), std::string::npos) << msg;
    expectError(checkpoint(kProto2 + tensorCall("7", 6, 0, {6}, {1}) + ".", {{"my_model/data/0", storage}}),
                "expects a member 'my_model/data/7'");
    expectError(checkpoint(kProto2 + tensorCall("0", 100, 0, {6}, {1}) + ".", {{"my_model/data/0", storage}}),
                "holds only 24 bytes");
    expectError(checkpoint(kProto2 + tensorCall("0", 6, 2, {2, 3}, {3, 1}) + ".", {{"my_model/data/0", storage}}),
                "past the end of its storage of 6 elements");
    expectError(checkpoint(kProto2 + "X\xff\xff\xff\xff" + "short."), "BINUNICODE needs 4294967295 bytes");
    expectError(checkpoint(kProto2 + "N\x85\x85"
                                     "t."),
                "expected a MARK before TUPLE");
    expectError(checkpoint(kProto2 + "N(N"
                                     "u."),
                "SETITEMS expects a dict below its arguments, found a None");
    expectError(checkpoint(kProto2 + "0."), "expected a MARK before POP");
    expectError(checkpoint(kProto2 + "(s."), "stack is empty above the last MARK");
}

TEST_F(TorchCheckpointTest, SharedValuesCannotBlowUpTheFlattening)
{
    // d0 = {'a': t, 'b': t}; d(n+1) = {'a': dn, 'b': dn}: 2^40 paths to one tensor.
    std::string pickle = kProto2 + tensorCall("0", 6, 0, {6}, {1}) + "q\x00"s;
    for (int i = 0; i < 40; ++i)
        pickle += "}(" + str("a") + "h\x00"s + str("b") + "h\x00"s + "uq\x00"s;
    pickle += ".";
    const std::string path = checkpoint(pickle, {{"my_model/data/0", floats({0, 1, 2, 3, 4, 5})}});
    const TorchCheckpoint ckpt = TorchCheckpoint::load(path);
    EXPECT_LE(ckpt.root().toString(100).size(), 103u);
    expectError(path, "shared sub-values");
}
