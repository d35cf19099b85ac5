#pragma once
// A restricted unpickler for the pickles inside torch.save checkpoints (protocol 2, and the opcodes of protocols
// 3-5). It evaluates nothing: a small allow-list of pure constructors (dicts, OrderedDict, tensor rebuilds,
// storages, _codecs.encode for bytes) is interpreted; every other global, os.system as much as
// torch.optim.lr_scheduler.OneCycleLR, becomes an Opaque PickleValue that records the arguments it was given.
// Every length is checked against the data before it is read, and values nest at most maxDepth() deep.
#include "vindex/io/DType.h"
#include "vindex/io/HostTensor.h"
#include "vindex/io/PickleValue.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::io {

class Unpickler {
public:
    // Resolves the persistent id ('storage', storage_type, key, location, numel) of a torch storage: returns a flat,
    // contiguous tensor of numel elements of dtype that keeps its memory alive. Throws FormatError when the storage
    // cannot be provided (missing member, too small, ...).
    using StorageResolver =
        std::function<HostTensor(const std::string &key, DType dtype, int64_t numel, const std::string &location)>;

    static constexpr int kDefaultMaxDepth = 256;

    // path: the file that errors name; member: the part of it that data holds ("archive/data.pkl"), may be empty.
    // data must stay valid during load(); the values copy what they need.
    Unpickler(std::string path, std::span<const std::byte> data, std::string member = {});

    // Without a resolver a persistent id is an error.
    void setStorageResolver(StorageResolver resolver) { m_resolver = std::move(resolver); }
    void setMaxDepth(int depth) { m_maxDepth = depth; }
    int maxDepth() const { return m_maxDepth; }

    // Runs the pickle up to STOP. Throws FormatError "<path>: <member>, byte <offset>: <what>" on any malformed or
    // unsupported input (truncation, unknown opcode, stack underflow, memo miss, bad tensor arguments, ...).
    PickleValuePtr load();

private:
    using Node = std::shared_ptr<PickleValue>;

    [[noreturn]] void fail(const std::string &what) const;
    void need(uint64_t count, const char *what) const;
    uint8_t readU8();
    uint64_t readLE(int bytes);
    std::string readBytes(uint64_t count, const char *what);
    std::string readLine(const char *what);

    Node newNode(PickleValue::Type type) const;
    void push(Node value) { m_stack.push_back(std::move(value)); }
    Node pop(const char *opcode);
    Node &top(const char *opcode);
    std::vector<Node> popMark(const char *opcode);
    Node mutableTarget(const char *opcode, PickleValue::Type expected, const Node &child = nullptr);
    void checkChild(const PickleValue &parent, const PickleValue &child, const char *opcode) const;
    Node makeSequence(PickleValue::Type type, std::vector<Node> items, const char *opcode);
    void setItems(const Node &dict, std::vector<Node> &items, const char *opcode);

    Node makeGlobal(const std::string &module, const std::string &name) const;
    Node call(const Node &callee, const Node &args, const char *opcode, int nesting = 0);
    Node opaqueCall(const PickleValue &callee, const Node &args, const char *opcode);
    Node rebuildTensor(const std::vector<PickleValuePtr> &args, const char *function);
    Node persistentLoad(const Node &pid);
    Node decodeLong(const std::string &bytes);
    // A length read from the data, checked against what is left before anything is allocated for it.
    uint64_t checkedLength(uint64_t length, const char *opcode) const;

    // load()'s opcodes by family; each returns false for an opcode not of its family.
    bool pushScalar(uint8_t op, const char *name);
    bool buildContainer(uint8_t op, const char *name);
    bool useMemo(uint8_t op, const char *name);
    bool callObject(uint8_t op, const char *name);

    std::string m_path, m_member;
    std::span<const std::byte> m_data;
    std::size_t m_pos = 0;
    std::size_t m_opStart = 0;
    int m_maxDepth = kDefaultMaxDepth;
    StorageResolver m_resolver;
    std::vector<Node> m_stack;
    std::vector<std::size_t> m_marks; // stack sizes at each MARK
    std::unordered_map<uint64_t, Node> m_memo;
};

} // namespace vindex::io
