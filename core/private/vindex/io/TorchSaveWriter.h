#pragma once
// Writes a file that torch.load reads (the zip format of torch.save since PyTorch 1.6): <archive>/data.pkl — a
// protocol-2 pickle whose tensors are torch._utils._rebuild_tensor_v2 over persistent storages
// ('storage', torch.FloatStorage, key, 'cpu', numel) — the storages as <archive>/data/<key>, and the version,
// byteorder and alignment records. Only globals on torch.load's weights_only allow-list are used
// (collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch.*Storage). Written atomically.
#include "vindex/io/HostTensor.h"
#include "vindex/io/PickleWriter.h"

#include <string>
#include <vector>

namespace vindex::io {

class TorchSaveWriter {
public:
    explicit TorchSaveWriter(std::string archiveName = "archive");

    // Build the object here; tensor() and orderedDict() emit into it.
    PickleWriter &pickle() { return m_pickle; }
    // A tensor as its own storage (contiguous copy, requires_grad False). Throws Error for dtypes torch has no
    // storage class for.
    void tensor(const HostTensor &tensor);
    // collections.OrderedDict() then MARK: close with pickle().setItems().
    void beginOrderedDict();

    void write(const std::string &path) const;

private:
    std::string m_archive;
    PickleWriter m_pickle;
    std::vector<HostTensor> m_storages;
};

} // namespace vindex::io
