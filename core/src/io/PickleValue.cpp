#include "vindex/io/PickleValue.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>

namespace vindex::io {
namespace {

// Keys longer than this are not deduplicated: a tuple key of shared sub-tuples could otherwise expand exponentially.
constexpr std::size_t kMaxCanonicalKey = 4096;

std::string article(const char *noun)
{
    const char c = noun[0];
    return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ? "an " : "a ") + std::string(noun);
}

void appendQuoted(std::string &out, const std::string &text, std::size_t maxLength)
{
    static const char *digits = "0123456789abcdef";
    out += '\'';
    for (const char ch : text) {
        if (out.size() >= maxLength)
            break;
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += digits[c >> 4];
            out += digits[c & 0xf];
        } else {
            out += ch; // UTF-8 passes through
        }
    }
    out += '\'';
}

void appendBytes(std::string &out, const std::string &bytes, std::size_t maxLength)
{
    static const char *digits = "0123456789abcdef";
    out += "b'";
    for (const char ch : bytes) {
        if (out.size() >= maxLength)
            break;
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c >= 0x7f) {
            out += "\\x";
            out += digits[c >> 4];
            out += digits[c & 0xf];
        } else {
            out += ch;
        }
    }
    out += '\'';
}

// Python's repr of a float: shortest round trip, integral values keep ".0".
void appendFloat(std::string &out, double value)
{
    if (std::isnan(value)) {
        out += "nan";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-inf" : "inf";
        return;
    }
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    const std::string text(buffer, result.ptr);
    out += text;
    if (text.find_first_of(".e") == std::string::npos)
        out += ".0";
}

} // namespace

PickleValuePtr PickleValue::none()
{
    return PickleValuePtr(new PickleValue(Type::None));
}

PickleValuePtr PickleValue::makeBool(bool value)
{
    auto v = std::shared_ptr<PickleValue>(new PickleValue(Type::Bool));
    v->m_bool = value;
    return v;
}

PickleValuePtr PickleValue::makeInt(int64_t value)
{
    auto v = std::shared_ptr<PickleValue>(new PickleValue(Type::Int));
    v->m_int = value;
    return v;
}

PickleValuePtr PickleValue::makeFloat(double value)
{
    auto v = std::shared_ptr<PickleValue>(new PickleValue(Type::Float));
    v->m_float = value;
    return v;
}

PickleValuePtr PickleValue::makeString(std::string value)
{
    auto v = std::shared_ptr<PickleValue>(new PickleValue(Type::String));
    v->m_text = std::move(value);
    return v;
}

PickleValuePtr PickleValue::makeBytes(std::string value)
{
    auto v = std::shared_ptr<PickleValue>(new PickleValue(Type::Bytes));
    v->m_text = std::move(value);
    return v;
}

PickleValuePtr PickleValue::makeTensor(HostTensor tensor)
{
    auto v = std::shared_ptr<PickleValue>(new PickleValue(Type::Tensor));
    v->m_tensor = std::move(tensor);
    return v;
}

const char *PickleValue::typeName(Type type)
{
    switch (type) {
    case Type::None: return "None";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::String: return "str";
    case Type::Bytes: return "bytes";
    case Type::List: return "list";
    case Type::Tuple: return "tuple";
    case Type::Dict: return "dict";
    case Type::Tensor: return "tensor";
    case Type::Storage: return "storage";
    case Type::Opaque: return "opaque object";
    }
    return "?";
}

std::string PickleValue::typeName() const
{
    return m_type == Type::Opaque ? qualifiedName() : typeName(m_type);
}

bool PickleValue::toBool() const
{
    if (m_type == Type::Bool)
        return m_bool;
    if (m_type == Type::Int)
        return m_int != 0;
    throw FormatError("pickled value: expected a bool, found " + article(typeName(m_type)));
}

int64_t PickleValue::toInt() const
{
    if (m_type == Type::Int)
        return m_int;
    if (m_type == Type::Bool)
        return m_bool ? 1 : 0;
    throw FormatError("pickled value: expected an int, found " + article(typeName(m_type)));
}

double PickleValue::toDouble() const
{
    if (m_type == Type::Float)
        return m_float;
    if (m_type == Type::Int)
        return static_cast<double>(m_int);
    if (m_type == Type::Bool)
        return m_bool ? 1.0 : 0.0;
    throw FormatError("pickled value: expected a number, found " + article(typeName(m_type)));
}

const std::string &PickleValue::toStr() const
{
    if (m_type != Type::String)
        throw FormatError("pickled value: expected a str, found " + article(typeName(m_type)));
    return m_text;
}

const std::string &PickleValue::bytes() const
{
    if (m_type != Type::Bytes)
        throw FormatError("pickled value: expected bytes, found " + article(typeName(m_type)));
    return m_text;
}

const HostTensor &PickleValue::tensor() const
{
    if (m_type != Type::Tensor && m_type != Type::Storage)
        throw FormatError("pickled value: expected a tensor, found " + article(typeName(m_type)));
    return m_tensor;
}

bool PickleValue::canonicalKey(const PickleValue &key, std::string &out)
{
    if (out.size() > kMaxCanonicalKey)
        return false;
    switch (key.m_type) {
    case Type::None: out += 'n'; return true;
    // Python: True == 1 == 1.0 hash alike and are one key.
    case Type::Bool: out += key.m_bool ? "i:1;" : "i:0;"; return true;
    case Type::Int: out += "i:" + std::to_string(key.m_int) + ';'; return true;
    case Type::Float:
        if (std::trunc(key.m_float) == key.m_float && std::abs(key.m_float) < 9.2e18) {
            out += "i:" + std::to_string(static_cast<int64_t>(key.m_float)) + ';';
        } else {
            out += "f:" + std::to_string(std::bit_cast<uint64_t>(key.m_float)) + ';';
        }
        return true;
    case Type::String:
    case Type::Bytes:
        out += key.m_type == Type::String ? "s" : "b";
        out += std::to_string(key.m_text.size()) + ':';
        out += key.m_text;
        return out.size() <= kMaxCanonicalKey;
    case Type::Tuple:
        out += '(';
        for (const auto &item : key.m_items)
            if (!canonicalKey(*item, out))
                return false;
        out += ')';
        return true;
    default: return false; // unhashable in Python, or identity-hashed objects: never equal to another key
    }
}

const PickleValue *PickleValue::find(const std::string &key) const
{
    if (m_type != Type::Dict)
        return nullptr;
    const auto it = m_keyIndex.find("s" + std::to_string(key.size()) + ':' + key);
    return it == m_keyIndex.end() ? nullptr : m_dictItems[it->second].value.get();
}

const PickleValue *PickleValue::find(int64_t key) const
{
    if (m_type != Type::Dict)
        return nullptr;
    const auto it = m_keyIndex.find("i:" + std::to_string(key) + ';');
    return it == m_keyIndex.end() ? nullptr : m_dictItems[it->second].value.get();
}

const PickleValue &PickleValue::at(const std::string &key) const
{
    if (m_type != Type::Dict)
        throw FormatError("pickled value: expected a dict with key '" + key + "', found " + article(typeName(m_type)));
    const PickleValue *value = find(key);
    if (!value)
        throw FormatError("pickled dict: expected a key '" + key + "', found none");
    return *value;
}

const PickleValue &PickleValue::at(std::size_t index) const
{
    if (!isSequence())
        throw FormatError("pickled value: expected a list or tuple, found " + article(typeName(m_type)));
    if (index >= m_items.size())
        throw FormatError("pickled " + std::string(typeName(m_type)) + ": expected an element " +
                          std::to_string(index) + ", found only " + std::to_string(m_items.size()));
    return *m_items[index];
}

void PickleValue::adoptDepth(const PickleValue &child)
{
    child.m_sealed = true;
    m_depth = std::max(m_depth, child.m_depth + 1);
}

void PickleValue::append(PickleValuePtr item)
{
    adoptDepth(*item);
    m_items.push_back(std::move(item));
}

void PickleValue::setItem(PickleValuePtr key, PickleValuePtr value)
{
    adoptDepth(*key);
    adoptDepth(*value);
    std::string canonical;
    if (canonicalKey(*key, canonical)) {
        const auto [it, inserted] = m_keyIndex.emplace(std::move(canonical), m_dictItems.size());
        if (!inserted) { // Python keeps the first key and its position, and takes the new value
            m_dictItems[it->second].value = std::move(value);
            return;
        }
    }
    m_dictItems.push_back({std::move(key), std::move(value)});
}

std::string PickleValue::toString(std::size_t maxLength) const
{
    std::string out;
    appendString(out, maxLength);
    if (out.size() > maxLength) {
        out.resize(maxLength);
        out += "...";
    }
    return out;
}

void PickleValue::appendString(std::string &out, std::size_t maxLength) const
{
    // Stop early: shared sub-values could otherwise make the text exponentially long.
    if (out.size() > maxLength)
        return;
    auto appendItems = [&](const std::vector<PickleValuePtr> &items) {
        for (std::size_t i = 0; i < items.size() && out.size() <= maxLength; ++i) {
            if (i)
                out += ", ";
            items[i]->appendString(out, maxLength);
        }
    };
    auto appendDict = [&](const std::vector<DictItem> &items) {
        out += '{';
        for (std::size_t i = 0; i < items.size() && out.size() <= maxLength; ++i) {
            if (i)
                out += ", ";
            items[i].key->appendString(out, maxLength);
            out += ": ";
            items[i].value->appendString(out, maxLength);
        }
        out += '}';
    };
    switch (m_type) {
    case Type::None: out += "None"; break;
    case Type::Bool: out += m_bool ? "True" : "False"; break;
    case Type::Int: out += std::to_string(m_int); break;
    case Type::Float: appendFloat(out, m_float); break;
    case Type::String: appendQuoted(out, m_text, maxLength); break;
    case Type::Bytes: appendBytes(out, m_text, maxLength); break;
    case Type::List:
        out += '[';
        appendItems(m_items);
        out += ']';
        break;
    case Type::Tuple:
        out += '(';
        appendItems(m_items);
        out += m_items.size() == 1 ? ",)" : ")";
        break;
    case Type::Dict: appendDict(m_dictItems); break;
    case Type::Tensor:
    case Type::Storage:
        out += m_type == Type::Tensor ? "tensor(" : "storage(";
        out += dtypeName(m_tensor.dtype());
        out += ' ';
        out += m_tensor.shapeString();
        out += ')';
        break;
    case Type::Opaque:
        out += qualifiedName();
        if (m_args) {
            out += '(';
            appendItems(m_args->m_items);
            out += ')';
        }
        if (!m_items.empty()) {
            out += " [";
            appendItems(m_items);
            out += ']';
        }
        if (!m_dictItems.empty()) {
            out += ' ';
            appendDict(m_dictItems);
        }
        if (m_state) {
            out += " state=";
            m_state->appendString(out, maxLength);
        }
        break;
    }
}

} // namespace vindex::io
