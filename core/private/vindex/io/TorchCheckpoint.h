#pragma once
// A PyTorch checkpoint written by torch.save (the zip format of PyTorch >= 1.6: .pth, .pt, .bin), read without
// LibTorch and without executing anything: <archive>/data.pkl is run through the restricted Unpickler and its
// storages are resolved to <archive>/data/<key> members (zero-copy for the stored members torch writes).
#include "vindex/io/HostTensor.h"
#include "vindex/io/PickleValue.h"
#include "vindex/io/ZipArchive.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vindex::io {

class TorchCheckpoint {
public:
    using NamedTensor = std::pair<std::string, HostTensor>;

    // Throws FormatError naming the file: not a zip, truncated, a legacy (pre-1.6) torch.save file, a TorchScript
    // archive, or any malformed pickle/storage.
    static TorchCheckpoint load(const std::string &path);

    const std::string &path() const { return m_path; }
    // The first path component of the members ("archive", "brainxs_last", ...).
    const std::string &archiveName() const { return m_archiveName; }
    const PickleValue &root() const { return *m_root; }
    const PickleValuePtr &rootPtr() const { return m_root; }

    // The tensors of a nested dict, depth first in insertion order, named by their keys joined with '.'
    // ("perceiver.llm_proj.weight"; int keys and list indices become numbers: "state.0.exp_avg"). key selects an
    // entry of the root dict ("model_state_dict"); empty means the root itself. Non-tensor leaves are skipped.
    // Throws FormatError naming the file when key is missing or not a dict.
    std::vector<NamedTensor> stateDict(const std::string &key = {}) const;
    // The same walk over any value of this checkpoint.
    std::vector<NamedTensor> flattenTensors(const PickleValue &value) const;

private:
    std::string m_path;
    std::string m_archiveName;
    PickleValuePtr m_root;
};

} // namespace vindex::io
