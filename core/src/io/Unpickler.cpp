#include "vindex/io/Unpickler.h"

#include "vindex/core/Error.h"
#include "vindex/core/Utf8.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

namespace vindex::io {
namespace {

using Type = PickleValue::Type;

const char *opcodeName(uint8_t op)
{
    switch (op) {
    case '(': return "MARK";
    case '.': return "STOP";
    case '0': return "POP";
    case '1': return "POP_MARK";
    case '2': return "DUP";
    case 'F': return "FLOAT";
    case 'I': return "INT";
    case 'J': return "BININT";
    case 'K': return "BININT1";
    case 'L': return "LONG";
    case 'M': return "BININT2";
    case 'N': return "NONE";
    case 'P': return "PERSID";
    case 'Q': return "BINPERSID";
    case 'R': return "REDUCE";
    case 'S': return "STRING";
    case 'T': return "BINSTRING";
    case 'U': return "SHORT_BINSTRING";
    case 'V': return "UNICODE";
    case 'X': return "BINUNICODE";
    case 'a': return "APPEND";
    case 'b': return "BUILD";
    case 'c': return "GLOBAL";
    case 'd': return "DICT";
    case '}': return "EMPTY_DICT";
    case 'e': return "APPENDS";
    case 'g': return "GET";
    case 'h': return "BINGET";
    case 'i': return "INST";
    case 'j': return "LONG_BINGET";
    case 'l': return "LIST";
    case ']': return "EMPTY_LIST";
    case 'o': return "OBJ";
    case 'p': return "PUT";
    case 'q': return "BINPUT";
    case 'r': return "LONG_BINPUT";
    case 's': return "SETITEM";
    case 't': return "TUPLE";
    case ')': return "EMPTY_TUPLE";
    case 'u': return "SETITEMS";
    case 'G': return "BINFLOAT";
    case 0x80: return "PROTO";
    case 0x81: return "NEWOBJ";
    case 0x82: return "EXT1";
    case 0x83: return "EXT2";
    case 0x84: return "EXT4";
    case 0x85: return "TUPLE1";
    case 0x86: return "TUPLE2";
    case 0x87: return "TUPLE3";
    case 0x88: return "NEWTRUE";
    case 0x89: return "NEWFALSE";
    case 0x8a: return "LONG1";
    case 0x8b: return "LONG4";
    case 'B': return "BINBYTES";
    case 'C': return "SHORT_BINBYTES";
    case 0x8c: return "SHORT_BINUNICODE";
    case 0x8d: return "BINUNICODE8";
    case 0x8e: return "BINBYTES8";
    case 0x8f: return "EMPTY_SET";
    case 0x90: return "ADDITEMS";
    case 0x91: return "FROZENSET";
    case 0x92: return "NEWOBJ_EX";
    case 0x93: return "STACK_GLOBAL";
    case 0x94: return "MEMOIZE";
    case 0x95: return "FRAME";
    case 0x96: return "BYTEARRAY8";
    case 0x97: return "NEXT_BUFFER";
    case 0x98: return "READONLY_BUFFER";
    default: return nullptr;
    }
}

std::string article(const std::string &noun)
{
    const char c = noun.empty() ? 'x' : noun[0];
    return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ? "an " : "a ") + noun;
}

std::string describe(const PickleValue &value)
{
    return article(value.typeName());
}

std::string hexByte(uint8_t value)
{
    static const char *digits = "0123456789abcdef";
    return std::string("0x") + digits[value >> 4] + digits[value & 0xf];
}

// The element type behind a storage class (torch.FloatStorage) or a dtype (torch.float32) global.
std::optional<DType> torchDType(const std::string &name)
{
    static const std::pair<const char *, DType> kNames[] = {
        {"FloatStorage", DType::F32},
        {"HalfStorage", DType::F16},
        {"BFloat16Storage", DType::BF16},
        {"DoubleStorage", DType::F64},
        {"LongStorage", DType::I64},
        {"IntStorage", DType::I32},
        {"ShortStorage", DType::I16},
        {"CharStorage", DType::I8},
        {"ByteStorage", DType::U8},
        {"BoolStorage", DType::Bool},
        {"UntypedStorage", DType::U8},
        {"float32", DType::F32},
        {"float", DType::F32},
        {"float16", DType::F16},
        {"half", DType::F16},
        {"bfloat16", DType::BF16},
        {"float64", DType::F64},
        {"double", DType::F64},
        {"int64", DType::I64},
        {"long", DType::I64},
        {"int32", DType::I32},
        {"int", DType::I32},
        {"int16", DType::I16},
        {"short", DType::I16},
        {"int8", DType::I8},
        {"uint8", DType::U8},
        {"bool", DType::Bool},
        {"uint16", DType::U16},
        {"uint32", DType::U32},
        {"uint64", DType::U64},
        {"float8_e4m3fn", DType::F8E4M3},
        {"float8_e5m2", DType::F8E5M2},
    };
    for (const auto &[n, dtype] : kNames)
        if (name == n)
            return dtype;
    return std::nullopt;
}

bool isBareGlobal(const PickleValue &value, const char *module, const char *name)
{
    return value.type() == Type::Opaque && !value.args() && value.module() == module && value.name() == name;
}

// UTF-8 text to Latin-1 bytes, as _codecs.encode(text, 'latin1') does for the bytes objects of protocol 2.
std::optional<std::string> utf8ToLatin1(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::next(text, i); // ill-formed bytes come back as U+FFFD, which Latin-1 lacks
        if (cp > 0xFF)
            return std::nullopt;
        out += static_cast<char>(cp);
    }
    return out;
}

std::shared_ptr<PickleValue> scalar(PickleValuePtr value)
{
    return std::const_pointer_cast<PickleValue>(value);
}

} // namespace

Unpickler::Unpickler(std::string path, std::span<const std::byte> data, std::string member)
    : m_path(std::move(path)), m_member(std::move(member)), m_data(data)
{
}

void Unpickler::fail(const std::string &what) const
{
    throw FormatError(m_path, (m_member.empty() ? std::string() : m_member + ", ") + "byte " +
                                  std::to_string(m_opStart) + ": " + what);
}

void Unpickler::need(uint64_t count, const char *what) const
{
    const uint64_t remaining = m_data.size() - m_pos;
    if (count > remaining)
        fail(std::string("truncated pickle: ") + what + " needs " + std::to_string(count) + " bytes, only " +
             std::to_string(remaining) + " remain");
}

uint8_t Unpickler::readU8()
{
    need(1, "an opcode argument");
    return std::to_integer<uint8_t>(m_data[m_pos++]);
}

uint64_t Unpickler::readLE(int bytes)
{
    need(static_cast<uint64_t>(bytes), "an integer argument");
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value |= static_cast<uint64_t>(std::to_integer<uint8_t>(m_data[m_pos + i])) << (8 * i);
    m_pos += static_cast<std::size_t>(bytes);
    return value;
}

std::string Unpickler::readBytes(uint64_t count, const char *what)
{
    need(count, what);
    std::string out(reinterpret_cast<const char *>(m_data.data() + m_pos), static_cast<std::size_t>(count));
    m_pos += static_cast<std::size_t>(count);
    return out;
}

std::string Unpickler::readLine(const char *what)
{
    const auto *begin = reinterpret_cast<const char *>(m_data.data() + m_pos);
    const auto *newline = static_cast<const char *>(std::memchr(begin, '\n', m_data.size() - m_pos));
    if (!newline)
        fail(std::string("truncated pickle: ") + what + " has no terminating newline");
    std::string line(begin, newline);
    m_pos += line.size() + 1;
    return line;
}

Unpickler::Node Unpickler::newNode(Type type) const
{
    return Node(new PickleValue(type));
}

Unpickler::Node Unpickler::pop(const char *opcode)
{
    const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        fail(std::string(opcode) + " needs a value but the stack is empty" +
             (m_marks.empty() ? "" : " above the last MARK"));
    Node value = std::move(m_stack.back());
    m_stack.pop_back();
    return value;
}

Unpickler::Node &Unpickler::top(const char *opcode)
{
    const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        fail(std::string(opcode) + " needs a value but the stack is empty" +
             (m_marks.empty() ? "" : " above the last MARK"));
    return m_stack.back();
}

std::vector<Unpickler::Node> Unpickler::popMark(const char *opcode)
{
    if (m_marks.empty())
        fail(std::string("expected a MARK before ") + opcode + ", found none");
    const std::size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<Node> items(std::make_move_iterator(m_stack.begin() + static_cast<std::ptrdiff_t>(mark)),
                            std::make_move_iterator(m_stack.end()));
    m_stack.resize(mark);
    return items;
}

void Unpickler::checkChild(const PickleValue &parent, const PickleValue &child, const char *opcode) const
{
    if (&parent == &child)
        fail(std::string(opcode) + " puts " + describe(parent) +
             " into itself; recursive structures are not supported");
    if (child.depth() + 1 > m_maxDepth)
        fail("values nest deeper than " + std::to_string(m_maxDepth) + " levels");
}

// The value on top of the stack, to be modified by opcode: it must still be under construction (not inside
// another value), which rules out cycles.
Unpickler::Node Unpickler::mutableTarget(const char *opcode, Type expected, const Node &child)
{
    Node target = top(opcode);
    if (target->type() != expected && target->type() != Type::Opaque &&
        !(expected == Type::Dict && target->type() == Type::Tensor && std::strcmp(opcode, "BUILD") == 0))
        fail(std::string(opcode) + " expects " + article(PickleValue::typeName(expected)) +
             " below its arguments, found " + describe(*target));
    if (target->m_sealed)
        fail(std::string(opcode) + " modifies " + describe(*target) +
             " that is already part of another value; recursive structures are not supported");
    if (child)
        checkChild(*target, *child, opcode);
    return target;
}

Unpickler::Node Unpickler::makeSequence(Type type, std::vector<Node> items, const char *opcode)
{
    Node sequence = newNode(type);
    sequence->m_items.reserve(items.size());
    for (auto &item : items) {
        checkChild(*sequence, *item, opcode);
        sequence->append(std::move(item));
    }
    return sequence;
}

void Unpickler::setItems(const Node &dict, std::vector<Node> &items, const char *opcode)
{
    if (items.size() % 2)
        fail(std::string(opcode) + " expects key/value pairs, found " + std::to_string(items.size()) + " values");
    for (std::size_t i = 0; i < items.size(); i += 2) {
        checkChild(*dict, *items[i], opcode);
        checkChild(*dict, *items[i + 1], opcode);
        dict->setItem(std::move(items[i]), std::move(items[i + 1]));
    }
}

Unpickler::Node Unpickler::makeGlobal(const std::string &module, const std::string &name) const
{
    Node global = newNode(Type::Opaque);
    // Protocol 2 pickles name Python 2 modules; Python 3 maps them the same way (fix_imports).
    global->m_module = module == "__builtin__" ? "builtins" : module == "copy_reg" ? "copyreg" : module;
    global->m_name = name;
    return global;
}

Unpickler::Node Unpickler::opaqueCall(const PickleValue &callee, const Node &args, const char *opcode)
{
    Node result = newNode(Type::Opaque);
    result->m_module = callee.module();
    result->m_name = callee.name();
    checkChild(*result, *args, opcode);
    result->adoptDepth(*args);
    result->m_args = args;
    return result;
}

// Calls an allow-listed pure constructor; anything else becomes an Opaque record of the call.
Unpickler::Node Unpickler::call(const Node &callee, const Node &args, const char *opcode, int nesting)
{
    if (callee->type() != Type::Opaque)
        fail(std::string(opcode) + " expects a global to call, found " + describe(*callee));
    if (args->type() != Type::Tuple)
        fail(std::string(opcode) + " expects an argument tuple, found " + describe(*args));
    const auto &a = args->items();
    const PickleValue &f = *callee;

    if (isBareGlobal(f, "collections", "OrderedDict") || isBareGlobal(f, "builtins", "dict")) {
        if (a.empty())
            return newNode(Type::Dict);
        if (a.size() == 1 && a[0]->isSequence()) { // OrderedDict([(key, value), ...])
            Node dict = newNode(Type::Dict);
            for (const auto &pair : a[0]->items()) {
                if (pair->type() != Type::Tuple || pair->items().size() != 2)
                    fail(f.qualifiedName() + " expects (key, value) pairs, found " + describe(*pair));
                checkChild(*dict, *pair->items()[0], opcode);
                checkChild(*dict, *pair->items()[1], opcode);
                dict->setItem(pair->items()[0], pair->items()[1]);
            }
            return dict;
        }
        return opaqueCall(f, args, opcode);
    }
    if (isBareGlobal(f, "builtins", "set") || isBareGlobal(f, "builtins", "frozenset")) {
        if (a.empty())
            return newNode(Type::List);
        if (a.size() == 1 && a[0]->isSequence()) {
            Node list = newNode(Type::List);
            for (const auto &item : a[0]->items()) {
                checkChild(*list, *item, opcode);
                list->append(item);
            }
            return list;
        }
        return opaqueCall(f, args, opcode);
    }
    if (isBareGlobal(f, "torch", "Size") && a.size() == 1 && a[0]->isSequence()) {
        Node tuple = newNode(Type::Tuple);
        for (const auto &item : a[0]->items()) {
            checkChild(*tuple, *item, opcode);
            tuple->append(item);
        }
        return tuple;
    }
    if (isBareGlobal(f, "_codecs", "encode") && a.size() == 2 && a[0]->isString() && a[1]->isString()) {
        const std::string &encoding = a[1]->toStr();
        if (encoding == "latin1" || encoding == "latin-1" || encoding == "iso-8859-1") {
            auto bytes = utf8ToLatin1(a[0]->toStr());
            if (!bytes)
                fail("_codecs.encode(..., '" + encoding + "') got text that is not Latin-1");
            return std::const_pointer_cast<PickleValue>(PickleValue::makeBytes(std::move(*bytes)));
        }
        if (encoding == "utf-8" || encoding == "utf8")
            return std::const_pointer_cast<PickleValue>(PickleValue::makeBytes(a[0]->toStr()));
        return opaqueCall(f, args, opcode);
    }
    if (isBareGlobal(f, "torch._utils", "_rebuild_tensor_v2") || isBareGlobal(f, "torch._utils", "_rebuild_tensor"))
        return rebuildTensor(a, "torch._utils._rebuild_tensor_v2");
    if (isBareGlobal(f, "torch._utils", "_rebuild_parameter") ||
        isBareGlobal(f, "torch._utils", "_rebuild_parameter_with_state")) {
        if (a.size() < 3 || a[0]->type() != Type::Tensor)
            fail(f.qualifiedName() + " expects (tensor, requires_grad, backward_hooks), found " + args->toString());
        return std::const_pointer_cast<PickleValue>(a[0]);
    }
    if (isBareGlobal(f, "torch._tensor", "_rebuild_from_type_v2") && nesting == 0) {
        // (func, new_type, args, state): a tensor subclass; rebuild the tensor with func, drop the subclass.
        if (a.size() < 3 || a[0]->type() != Type::Opaque || a[2]->type() != Type::Tuple)
            fail("torch._tensor._rebuild_from_type_v2 expects (func, type, args, state), found " + args->toString());
        return call(std::const_pointer_cast<PickleValue>(a[0]), std::const_pointer_cast<PickleValue>(a[2]), opcode,
                    nesting + 1);
    }
    return opaqueCall(f, args, opcode);
}

Unpickler::Node Unpickler::rebuildTensor(const std::vector<PickleValuePtr> &a, const char *function)
{
    if (a.size() < 4)
        fail(std::string(function) + " expects (storage, storage_offset, size, stride, ...), found " +
             std::to_string(a.size()) + " arguments");
    if (a[0]->type() != Type::Storage)
        fail(std::string(function) + " expects a storage as its first argument, found " + describe(*a[0]));
    const HostTensor &storage = a[0]->tensor();
    const int64_t storageNumel = storage.numel();
    if (a[1]->type() != Type::Int || a[1]->toInt() < 0)
        fail(std::string(function) + " expects a storage offset >= 0, found " + a[1]->toString());
    const int64_t offset = a[1]->toInt();
    if (!a[2]->isSequence() || !a[3]->isSequence() || a[2]->items().size() != a[3]->items().size())
        fail(std::string(function) + " expects size and stride tuples of equal length, found " + a[2]->toString() +
             " and " + a[3]->toString());
    std::vector<int64_t> shape, strides;
    int64_t numel = 1, last = offset; // last: highest element index the view touches
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    for (std::size_t d = 0; d < a[2]->items().size(); ++d) {
        const PickleValue &size = *a[2]->items()[d], &stride = *a[3]->items()[d];
        if (size.type() != Type::Int || size.toInt() < 0 || stride.type() != Type::Int || stride.toInt() < 0)
            fail(std::string(function) + " expects sizes and strides >= 0, found " + a[2]->toString() + " and " +
                 a[3]->toString());
        shape.push_back(size.toInt());
        strides.push_back(stride.toInt());
        if (shape.back() != 0 && numel > kMax / shape.back())
            fail(std::string(function) + ": the size " + a[2]->toString() + " overflows");
        numel *= shape.back();
    }
    if (numel > 0) {
        for (std::size_t d = 0; d < shape.size(); ++d) {
            const int64_t span = shape[d] - 1;
            if (strides[d] != 0 && span > (kMax - last) / strides[d])
                fail(std::string(function) + ": size " + a[2]->toString() + " with stride " + a[3]->toString() +
                     " overflows");
            last += span * strides[d];
        }
        if (last >= storageNumel)
            fail(std::string(function) + ": a view with offset " + std::to_string(offset) + ", size " +
                 a[2]->toString() + " and stride " + a[3]->toString() + " reaches element " + std::to_string(last) +
                 ", past the end of its storage of " + std::to_string(storageNumel) + " elements");
    } else if (offset > storageNumel) {
        fail(std::string(function) + ": storage offset " + std::to_string(offset) +
             " is past the end of its storage of " + std::to_string(storageNumel) + " elements");
    }
    // The storage value owns the memory; the tensor keeps the storage value alive.
    HostTensor tensor(storage.dtype(), std::move(shape), std::move(strides), offset, storage.data(),
                      std::shared_ptr<const void>(a[0]));
    return std::const_pointer_cast<PickleValue>(PickleValue::makeTensor(std::move(tensor)));
}

Unpickler::Node Unpickler::persistentLoad(const Node &pid)
{
    const auto &p = pid->items();
    if (pid->type() != Type::Tuple || p.size() != 5 || !p[0]->isString() || p[0]->toStr() != "storage")
        fail("expected a persistent id ('storage', storage_type, key, location, numel), found " + pid->toString());
    if (p[1]->type() != Type::Opaque || p[1]->args() || p[1]->module() != "torch" || !torchDType(p[1]->name()))
        fail("persistent id: expected a torch storage type or dtype, found " + p[1]->toString());
    if (!p[2]->isString() || !p[3]->isString())
        fail("persistent id: expected a str key and location, found " + p[2]->toString() + " and " + p[3]->toString());
    if (p[4]->type() != Type::Int || p[4]->toInt() < 0)
        fail("persistent id: expected an element count >= 0, found " + p[4]->toString());
    if (!m_resolver)
        fail("persistent id " + pid->toString() + " but no storage can be resolved here");
    const DType dtype = *torchDType(p[1]->name());
    const int64_t numel = p[4]->toInt();
    HostTensor flat = m_resolver(p[2]->toStr(), dtype, numel, p[3]->toStr());
    if (flat.dtype() != dtype || flat.numel() != numel || !flat.isContiguous())
        fail("storage '" + p[2]->toStr() + "' resolved to " + std::string(dtypeName(flat.dtype())) + " " +
             flat.shapeString() + ", expected " + std::string(dtypeName(dtype)) + " [" + std::to_string(numel) + "]");
    Node storage = newNode(Type::Storage);
    storage->m_tensor = std::move(flat);
    return storage;
}

Unpickler::Node Unpickler::decodeLong(const std::string &bytes)
{
    const std::size_t n = bytes.size();
    if (n == 0)
        return std::const_pointer_cast<PickleValue>(PickleValue::makeInt(0));
    const bool negative = static_cast<unsigned char>(bytes[n - 1]) & 0x80;
    // Bytes beyond the eighth must be pure sign extension for the value to fit int64.
    bool fits = true;
    for (std::size_t i = 8; i < n; ++i)
        fits = fits && static_cast<unsigned char>(bytes[i]) == (negative ? 0xff : 0x00);
    if (n > 8 && fits)
        fits = ((static_cast<unsigned char>(bytes[7]) & 0x80) != 0) == negative;
    if (!fits) { // keep it displayable, as builtins.int(<little-endian two's complement bytes>)
        Node args = newNode(Type::Tuple);
        args->append(PickleValue::makeBytes(bytes));
        Node big = makeGlobal("builtins", "int");
        big->adoptDepth(*args);
        big->m_args = std::move(args);
        return big;
    }
    uint64_t value = negative ? ~uint64_t{0} : 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(n, 8); ++i) {
        value &= ~(uint64_t{0xff} << (8 * i));
        value |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
    }
    return std::const_pointer_cast<PickleValue>(PickleValue::makeInt(static_cast<int64_t>(value)));
}

uint64_t Unpickler::checkedLength(uint64_t length, const char *opcode) const
{
    need(length, opcode); // a forged length cannot make us reserve gigabytes
    return length;
}

// None, booleans, numbers, strings and bytes: pushed as values. Returns false for any other opcode.
bool Unpickler::pushScalar(uint8_t op, const char *name)
{
    switch (op) {
    case 'N': push(newNode(Type::None)); break;
    case 0x88: push(scalar(PickleValue::makeBool(true))); break;
    case 0x89: push(scalar(PickleValue::makeBool(false))); break;
    case 'J': push(scalar(PickleValue::makeInt(static_cast<int32_t>(readLE(4))))); break;
    case 'K': push(scalar(PickleValue::makeInt(readU8()))); break;
    case 'M': push(scalar(PickleValue::makeInt(static_cast<int64_t>(readLE(2))))); break;
    case 0x8a: push(decodeLong(readBytes(readU8(), name))); break;
    case 0x8b: {
        const auto length = static_cast<int32_t>(readLE(4));
        if (length < 0)
            fail("LONG4 declares a negative length " + std::to_string(length));
        push(decodeLong(readBytes(checkedLength(static_cast<uint64_t>(length), name), name)));
        break;
    }
    case 'G': {
        need(8, name);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) // big-endian
            bits = (bits << 8) | std::to_integer<uint8_t>(m_data[m_pos + i]);
        m_pos += 8;
        push(scalar(PickleValue::makeFloat(std::bit_cast<double>(bits))));
        break;
    }

    case 'X': push(scalar(PickleValue::makeString(readBytes(checkedLength(readLE(4), name), name)))); break;
    case 0x8c: push(scalar(PickleValue::makeString(readBytes(readU8(), name)))); break;
    case 0x8d: push(scalar(PickleValue::makeString(readBytes(checkedLength(readLE(8), name), name)))); break;
    case 'U': push(scalar(PickleValue::makeString(readBytes(readU8(), name)))); break;
    case 'T': {
        const auto length = static_cast<int32_t>(readLE(4));
        if (length < 0)
            fail("BINSTRING declares a negative length " + std::to_string(length));
        push(scalar(PickleValue::makeString(readBytes(static_cast<uint64_t>(length), name))));
        break;
    }
    case 'B': push(scalar(PickleValue::makeBytes(readBytes(checkedLength(readLE(4), name), name)))); break;
    case 'C': push(scalar(PickleValue::makeBytes(readBytes(readU8(), name)))); break;
    case 0x8e:
    case 0x96: push(scalar(PickleValue::makeBytes(readBytes(checkedLength(readLE(8), name), name)))); break;
    default: return false;
    }
    return true;
}

// Lists, tuples and dicts: made empty, from the stack, or filled in place. Returns false for any other opcode.
bool Unpickler::buildContainer(uint8_t op, const char *name)
{
    switch (op) {
    case ']':
    case 0x8f: push(newNode(Type::List)); break;
    case '}': push(newNode(Type::Dict)); break;
    case ')': push(newNode(Type::Tuple)); break;
    case 'l':
    case 0x91: push(makeSequence(Type::List, popMark(name), name)); break;
    case 't': push(makeSequence(Type::Tuple, popMark(name), name)); break;
    case 0x85:
    case 0x86:
    case 0x87: {
        std::vector<Node> items(op - 0x84);
        for (auto it = items.rbegin(); it != items.rend(); ++it)
            *it = pop(name);
        push(makeSequence(Type::Tuple, std::move(items), name));
        break;
    }
    case 'd': {
        auto items = popMark(name);
        Node dict = newNode(Type::Dict);
        setItems(dict, items, name);
        push(std::move(dict));
        break;
    }

    case 'a': {
        Node item = pop(name);
        mutableTarget(name, Type::List, item)->append(std::move(item));
        break;
    }
    case 'e':
    case 0x90: {
        auto items = popMark(name);
        Node list = mutableTarget(name, Type::List);
        for (auto &item : items) {
            checkChild(*list, *item, name);
            list->append(std::move(item));
        }
        break;
    }
    case 's': {
        Node value = pop(name);
        Node key = pop(name);
        Node dict = mutableTarget(name, Type::Dict, value);
        checkChild(*dict, *key, name);
        dict->setItem(std::move(key), std::move(value));
        break;
    }
    case 'u': {
        auto items = popMark(name);
        setItems(mutableTarget(name, Type::Dict), items, name);
        break;
    }
    default: return false;
    }
    return true;
}

// The memo: values stored once and pushed again by reference. Returns false for any other opcode.
bool Unpickler::useMemo(uint8_t op, const char *name)
{
    switch (op) {
    case 'h':
    case 'j': {
        const uint64_t index = op == 'h' ? readU8() : readLE(4);
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail(std::string(name) + " asks for memo entry " + std::to_string(index) + ", which was never stored");
        push(it->second);
        break;
    }
    case 'q':
    case 'r': {
        const uint64_t index = op == 'q' ? readU8() : readLE(4);
        m_memo[index] = top(name);
        break;
    }
    case 0x94: {
        const uint64_t index = m_memo.size();
        m_memo[index] = top(name);
        break;
    }
    default: return false;
    }
    return true;
}

// Globals, calls, object construction, state and persistent ids (tensors). Returns false for any other opcode.
bool Unpickler::callObject(uint8_t op, const char *name)
{
    switch (op) {
    case 'c': {
        std::string module = readLine("GLOBAL module");
        std::string global = readLine("GLOBAL name");
        push(makeGlobal(module, global));
        break;
    }
    case 0x93: {
        Node global = pop(name);
        Node module = pop(name);
        if (!module->isString() || !global->isString())
            fail("STACK_GLOBAL expects module and name strings, found " + describe(*module) + " and " +
                 describe(*global));
        push(makeGlobal(module->toStr(), global->toStr()));
        break;
    }
    case 'R': {
        Node args = pop(name);
        Node callee = pop(name);
        push(call(callee, args, name));
        break;
    }
    case 0x81: { // NEWOBJ: cls.__new__(cls, *args)
        Node args = pop(name);
        Node cls = pop(name);
        if (cls->type() != Type::Opaque)
            fail("NEWOBJ expects a class, found " + describe(*cls));
        if (args->type() != Type::Tuple)
            fail("NEWOBJ expects an argument tuple, found " + describe(*args));
        if ((isBareGlobal(*cls, "collections", "OrderedDict") || isBareGlobal(*cls, "builtins", "dict")) &&
            args->items().empty())
            push(newNode(Type::Dict));
        else
            push(opaqueCall(*cls, args, name));
        break;
    }
    case 0x92: { // NEWOBJ_EX: keyword arguments become the dict items of the record
        Node kwargs = pop(name);
        Node args = pop(name);
        Node cls = pop(name);
        if (cls->type() != Type::Opaque || args->type() != Type::Tuple || kwargs->type() != Type::Dict)
            fail("NEWOBJ_EX expects a class, an argument tuple and a keyword dict, found " + describe(*cls) + ", " +
                 describe(*args) + " and " + describe(*kwargs));
        Node object = opaqueCall(*cls, args, name);
        for (const auto &item : kwargs->dictItems()) {
            checkChild(*object, *item.value, name);
            object->setItem(item.key, item.value);
        }
        push(std::move(object));
        break;
    }
    case 'b': {
        Node state = pop(name);
        Node object = mutableTarget(name, Type::Dict, state);
        if (object->m_state)
            fail("BUILD sets the state of " + describe(*object) + " twice");
        object->adoptDepth(*state);
        object->m_state = std::move(state);
        break;
    }
    case 'Q': push(persistentLoad(pop(name))); break;
    default: return false;
    }
    return true;
}

PickleValuePtr Unpickler::load()
{
    while (true) {
        m_opStart = m_pos;
        if (m_pos >= m_data.size())
            fail("truncated pickle: the data ends without STOP");
        const uint8_t op = std::to_integer<uint8_t>(m_data[m_pos++]);
        const char *name = opcodeName(op);
        if (pushScalar(op, name) || buildContainer(op, name) || useMemo(op, name) || callObject(op, name))
            continue;
        switch (op) {
        case 0x80: { // PROTO
            const uint8_t version = readU8();
            if (version > 5)
                fail("unsupported pickle protocol " + std::to_string(version) + " (expected 2 to 5)");
            break;
        }
        case 0x95: // FRAME: only a hint for buffering; the data must be there
            need(readLE(8), name);
            break;
        case '.': {
            PickleValuePtr result = pop(name);
            m_stack.clear();
            m_memo.clear();
            return result;
        }
        case '(': m_marks.push_back(m_stack.size()); break;
        case '0':
            if (m_stack.size() > (m_marks.empty() ? 0 : m_marks.back()))
                m_stack.pop_back();
            else
                popMark(name); // as CPython: POP on an empty frame drops the MARK
            break;
        case '1': popMark(name); break;
        case '2': push(top(name)); break;
        case 0x97:
        case 0x98: fail(std::string(name) + ": out-of-band buffers (protocol 5) are not supported"); break;
        case 0x82:
        case 0x83:
        case 0x84: fail(std::string(name) + ": the copyreg extension registry is not supported"); break;
        default:
            if (name)
                fail(std::string("protocol 0 text opcode ") + name + " ('" + static_cast<char>(op) +
                     "') is not supported; torch.save writes protocol 2");
            fail("unknown opcode " + hexByte(op));
        }
    }
}

} // namespace vindex::io
