// Our .pth export is read by PyTorch itself: the Python whose PyTorch the build uses (the project's .venv; with
// Debian's LibTorch, Debian's python3-torch — packaging/install-deps.sh installs either) torch.load()s it — with
// weights_only=True where that PyTorch has it — and reports every tensor (dtype, shape, SHA-256 of its bytes) and the
// non-tensor entries, which must equal what we wrote.
#include "BrainTinyTraining.h"
#include "TestSupport.h"

#include "vindex/io/Sha256.h"
#include "vindex/io/TorchCheckpoint.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

using namespace vindex;
using namespace testsupport;

namespace {

// Flattens what torch.load returned: tensors by their key path, everything else as JSON.
const char *kScript = R"PY(
import hashlib, inspect, json, sys
import torch
path = sys.argv[1]
kwargs = {'map_location': 'cpu'}
note = ''
if 'weights_only' in inspect.signature(torch.load).parameters:
    kwargs['weights_only'] = True  # the restricted loader: only allow-listed globals
try:
    obj = torch.load(path, **kwargs)
except Exception as e:  # PyTorch 1.13's first weights-only loader knows no BINFLOAT, which torch.save itself writes
    note = str(e).split('WeightsUnpickler error: ')[-1]
    kwargs['weights_only'] = False
    obj = torch.load(path, **kwargs)
tensors, others = {}, {}
def walk(prefix, value):
    if isinstance(value, torch.Tensor):
        data = value.contiguous().numpy().tobytes()
        tensors[prefix] = {'dtype': str(value.dtype), 'shape': list(value.shape),
                           'sha256': hashlib.sha256(data).hexdigest(), 'requires_grad': value.requires_grad}
    elif isinstance(value, dict):
        if prefix in ('lr_scheduler', 'optimizer_state_dict.param_groups'):
            others[prefix] = value
        for k, v in value.items():
            walk(f'{prefix}.{k}' if prefix else str(k), v)
    elif isinstance(value, (list, tuple)) and any(isinstance(v, (dict, torch.Tensor)) for v in value):
        if prefix == 'optimizer_state_dict.param_groups':
            others[prefix] = [dict(g, betas=list(g['betas'])) for g in value]
        for i, v in enumerate(value):
            walk(f'{prefix}.{i}', v)
    else:
        others[prefix] = value
walk('', obj)
others['lr_scheduler'] = obj['lr_scheduler']
others['__types__'] = {'root': type(obj).__name__, 'model_state_dict': type(obj['model_state_dict']).__name__}
print(json.dumps({'torch': torch.__version__, 'weights_only': kwargs.get('weights_only', False), 'note': note,
                  'tensors': tensors, 'others': others}))
)PY";

std::string run(const std::string &command)
{
    std::string output;
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return output;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    ::pclose(pipe);
    return output;
}

bool pythonHasTorch()
{
    return std::system((std::string(VINDEX_REFERENCE_PYTHON) + " -c 'import torch' >/dev/null 2>&1").c_str()) == 0;
}

} // namespace

TEST(TorchLoad, PyTorchReadsOurExportIntoEqualTensors)
{
    if (!pythonHasTorch())
        GTEST_SKIP() << VINDEX_REFERENCE_PYTHON << " has no PyTorch (packaging/install-deps.sh installs it)";

    TempDir dir;
    auto session = brainTinySession(brainTinySteps());
    session->history().valLosses = {1.25, 1.5};
    const std::string pth = dir.file("run_last.pth");
    session->exportUmbrae(pth);
    writeBytes(dir.file("check.py"), kScript);
    const std::string output =
        run(std::string(VINDEX_REFERENCE_PYTHON) + " " + dir.file("check.py") + " " + pth + " 2>&1");
    nlohmann::json loaded;
    try {
        loaded = nlohmann::json::parse(output);
    } catch (const std::exception &) {
        FAIL() << "torch.load failed:\n" << output;
    }
    std::cout << "[ torch " << loaded["torch"].get<std::string>() << " loaded the export"
              << (loaded["weights_only"].get<bool>()
                      ? " with weights_only=True"
                      : " (weights_only=False; " + loaded["note"].get<std::string>() + ")")
              << " ]\n";

    // Every tensor we wrote, byte for byte.
    const auto ours = io::TorchCheckpoint::load(pth);
    const auto tensors = ours.stateDict();
    EXPECT_EQ(loaded["tensors"].size(), tensors.size());
    for (const auto &[name, tensor] : tensors) {
        ASSERT_TRUE(loaded["tensors"].contains(name)) << name;
        const auto &t = loaded["tensors"][name];
        EXPECT_EQ(t["dtype"], "torch.float32") << name;
        EXPECT_EQ(t["shape"].get<std::vector<int64_t>>(), tensor.shape()) << name;
        EXPECT_EQ(t["requires_grad"], false) << name;
        const auto contiguous = tensor.contiguous();
        EXPECT_EQ(t["sha256"],
                  io::Sha256::of(std::string(reinterpret_cast<const char *>(contiguous.data()), contiguous.nbytes())))
            << name;
    }
    EXPECT_EQ(loaded["tensors"]["optimizer_state_dict.state.0.step"]["shape"].size(), 0u);

    const auto &others = loaded["others"];
    EXPECT_EQ(others["__types__"]["root"], "dict");
    EXPECT_EQ(others["__types__"]["model_state_dict"], "OrderedDict");
    EXPECT_EQ(others["epoch"], 0);
    EXPECT_EQ(others["train_losses"].get<std::vector<double>>(), session->history().losses);
    EXPECT_EQ(others["lrs"].get<std::vector<double>>(), session->history().lrs);
    EXPECT_EQ(others["val_losses"].get<std::vector<double>>(), (std::vector<double>{1.25, 1.5}));
    const auto &groups = others["optimizer_state_dict.param_groups"];
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0]["lr"].get<double>(), session->optimizer().groups()[0].lr);
    EXPECT_EQ(groups[0]["betas"][0].get<double>(), session->optimizer().groups()[0].beta1);
    EXPECT_EQ(groups[1]["weight_decay"].get<double>(), 0.0);
    EXPECT_EQ(groups[0]["params"].size() + groups[1]["params"].size(), session->optimizer().parameterCount());
    const auto &scheduler = others["lr_scheduler"];
    EXPECT_EQ(scheduler["total_steps"], brainTinySteps());
    EXPECT_EQ(scheduler["last_epoch"], session->scheduler().lastEpoch());
    EXPECT_EQ(scheduler["_step_count"], session->scheduler().stepCount());
    EXPECT_EQ(scheduler["_schedule_phases"][0]["end_step"].get<double>(), 3.0);
    EXPECT_TRUE(scheduler["_schedule_phases"][1]["end_step"].is_number_integer());
}
