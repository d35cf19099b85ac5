#pragma once
// A value read from a Python pickle by the restricted Unpickler: plain data, tensors, and placeholders for everything
// else. Values are shared (the pickle memo lets one object appear in several places), immutable once read, and form
// a tree or a DAG of bounded depth, never a cycle.
#include "vindex/io/HostTensor.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::io {

class PickleValue;
using PickleValuePtr = std::shared_ptr<const PickleValue>;

class PickleValue {
public:
    enum class Type {
        None,
        Bool,
        Int, // int64; larger Python ints become Opaque "builtins.int" with their little-endian bytes
        Float,
        String,
        Bytes,
        List, // list, and set/frozenset read from protocol 4 opcodes
        Tuple,
        Dict,    // dict and collections.OrderedDict; insertion order kept
        Tensor,  // torch tensor or parameter
        Storage, // a torch storage (flat, 1-D) that was not wrapped into a tensor
        Opaque   // a global we do not evaluate: its module, name and the arguments/state it was given
    };
    struct DictItem {
        PickleValuePtr key;
        PickleValuePtr value;
    };

    static PickleValuePtr none();
    static PickleValuePtr makeBool(bool value);
    static PickleValuePtr makeInt(int64_t value);
    static PickleValuePtr makeFloat(double value);
    static PickleValuePtr makeString(std::string value);
    static PickleValuePtr makeBytes(std::string value);
    static PickleValuePtr makeTensor(HostTensor tensor);

    Type type() const { return m_type; }
    // "None", "bool", "int", "float", "str", "bytes", "list", "tuple", "dict", "tensor", "storage", or the qualified
    // name of an opaque global ("torch.optim.lr_scheduler.OneCycleLR").
    std::string typeName() const;
    static const char *typeName(Type type);

    bool isNone() const { return m_type == Type::None; }
    bool isDict() const { return m_type == Type::Dict; }
    bool isSequence() const { return m_type == Type::List || m_type == Type::Tuple; }
    bool isNumber() const { return m_type == Type::Bool || m_type == Type::Int || m_type == Type::Float; }
    bool isString() const { return m_type == Type::String; }
    bool isTensor() const { return m_type == Type::Tensor; }
    bool isOpaque() const { return m_type == Type::Opaque; }

    // Accessors throw FormatError ("expected an int, found a dict") on the wrong type.
    bool toBool() const;
    int64_t toInt() const;            // Int or Bool
    double toDouble() const;          // Float, Int or Bool
    const std::string &toStr() const; // String
    const std::string &bytes() const; // Bytes (raw)
    const HostTensor &tensor() const; // Tensor or Storage

    // List/Tuple elements; for Opaque, the items appended to it (APPENDS on an unknown object).
    const std::vector<PickleValuePtr> &items() const { return m_items; }
    std::size_t size() const { return m_type == Type::Dict ? m_dictItems.size() : m_items.size(); }
    // Dict entries in insertion order; for Opaque, the items set on it.
    const std::vector<DictItem> &dictItems() const { return m_dictItems; }
    // Value under a string key of a dict; nullptr when absent or when this is not a dict.
    const PickleValue *find(const std::string &key) const;
    // Same with an int key (optimizer "state" is keyed by parameter index).
    const PickleValue *find(int64_t key) const;
    // Like find() but throws FormatError naming the key when it is missing.
    const PickleValue &at(const std::string &key) const;
    const PickleValue &at(std::size_t index) const; // List/Tuple element

    // Opaque: "module" and "name" of the global, the argument tuple of the call (nullptr for a bare global
    // reference), and the state given to BUILD (also kept for dicts and tensors, e.g. a state dict's _metadata).
    const std::string &module() const { return m_module; }
    const std::string &name() const { return m_name; }
    std::string qualifiedName() const { return m_module + "." + m_name; }
    const PickleValuePtr &args() const { return m_args; }
    const PickleValuePtr &state() const { return m_state; }

    // Short one-line display, truncated near maxLength characters: {'lr': 0.001, 'betas': (0.9, 0.999)},
    // tensor(F32 [64, 200]), os.system('ls').
    std::string toString(std::size_t maxLength = 200) const;

    // Longest path from this value down to a leaf (0 for scalars); bounded by the Unpickler.
    int depth() const { return m_depth; }

private:
    friend class Unpickler;
    explicit PickleValue(Type type) : m_type(type) {}
    void appendString(std::string &out, std::size_t maxLength) const;
    // Canonical text of a hashable key ("s:lr", "i:3", tuples of those); false for unhashable or huge keys.
    static bool canonicalKey(const PickleValue &key, std::string &out);
    // Mutators used while unpickling (the value must not be sealed).
    void append(PickleValuePtr item);
    void setItem(PickleValuePtr key, PickleValuePtr value);
    void adoptDepth(const PickleValue &child);

    Type m_type;
    bool m_bool = false;
    int64_t m_int = 0;
    double m_float = 0.0;
    std::string m_text; // String, Bytes
    std::string m_module, m_name;
    std::vector<PickleValuePtr> m_items;
    std::vector<DictItem> m_dictItems;
    // Canonical key -> index into m_dictItems, for hashable keys (so that a repeated key replaces its value).
    std::unordered_map<std::string, std::size_t> m_keyIndex;
    HostTensor m_tensor;
    PickleValuePtr m_args, m_state;
    int m_depth = 0;
    // Set once the value is inside another one; mutating it then could build a cycle, so the Unpickler refuses.
    mutable bool m_sealed = false;
};

} // namespace vindex::io
