#include "vindex/io/NpyObjectArray.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/MappedFile.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/Unpickler.h"

#include <limits>
#include <span>
#include <stdexcept>

namespace vindex::io {

namespace {

void putU32(std::string &out, uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

void putInt(std::string &out, int64_t value)
{
    if (value >= 0 && value < 256) {
        out += 'K';
        out += static_cast<char>(value);
    } else if (value >= 0 && value < 65536) {
        out += 'M';
        out += static_cast<char>(value & 0xff);
        out += static_cast<char>(value >> 8);
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        out += 'J';
        putU32(out, static_cast<uint32_t>(static_cast<int32_t>(value)));
    } else {
        throw Error("NpyObjectArray: extent " + std::to_string(value) + " too large to pickle");
    }
}

void putString(std::string &out, const std::string &value)
{
    out += 'X'; // BINUNICODE
    putU32(out, static_cast<uint32_t>(value.size()));
    out += value;
}

void putTuple(std::string &out, const std::vector<int64_t> &values)
{
    if (values.empty()) {
        out += ')';
        return;
    }
    if (values.size() > 3)
        out += '(';
    for (int64_t v : values)
        putInt(out, v);
    out += values.size() == 1 ? '\x85' : values.size() == 2 ? '\x86' : values.size() == 3 ? '\x87' : 't';
}

} // namespace

std::string NpyObjectArray::toBytes(const std::vector<int64_t> &shape, const std::vector<std::string> &strings)
{
    int64_t count = 1;
    for (int64_t d : shape)
        count *= d;
    if (count != static_cast<int64_t>(strings.size()))
        throw Error("NpyObjectArray: shape holds " + std::to_string(count) + " elements, " +
                    std::to_string(strings.size()) + " strings given");
    std::string dict = "{'descr': '|O', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i)
        dict += (i ? ", " : "") + std::to_string(shape[i]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    while ((10 + dict.size() + 1) % 64 != 0)
        dict += ' ';
    dict += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(dict.size() & 0xff);
    out += static_cast<char>(dict.size() >> 8);
    out += dict;

    // What pickle.dump(array, protocol=3) writes, less the memo: _reconstruct(ndarray, (0,), b'b') then BUILD with
    // (1, shape, dtype('O8') with its BUILD state, False, [strings]).
    out += std::string("\x80\x03", 2);
    out += "cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\n";
    out += 'K';
    out += '\0';
    out += "\x85"
           "C\x01"
           "b"
           "\x87"
           "R"
           "("
           "K\x01";
    putTuple(out, shape);
    out += "cnumpy\ndtype\n";
    putString(out, "O8");
    out += "\x89\x88\x87"
           "R(K\x03";
    putString(out, "|");
    out += "NNNJ\xff\xff\xff\xff"
           "J\xff\xff\xff\xff"
           "K?tb"
           "\x89"
           "]";
    for (std::size_t i = 0; i < strings.size(); i += 1000) { // APPENDS in batches of 1000, as pickle does
        out += '(';
        for (std::size_t j = i; j < std::min(strings.size(), i + 1000); ++j)
            putString(out, strings[j]);
        out += 'e';
    }
    out += "tb.";
    return out;
}

void NpyObjectArray::writeStrings(const std::string &path, const std::vector<int64_t> &shape,
                                  const std::vector<std::string> &strings)
{
    std::string bytes;
    try {
        bytes = toBytes(shape, strings);
    } catch (const Error &e) {
        throw Error(path + ": " + e.what());
    }
    AtomicFile file(path);
    file.write(bytes);
    file.commit();
}

NpyObjectArray NpyObjectArray::readStrings(const std::string &path)
{
    auto file = MappedFile::open(path);
    return fromBytes(file->data(), file->size(), path);
}

NpyObjectArray NpyObjectArray::fromBytes(const std::byte *data, std::size_t size, const std::string &name)
{
    const NpyFile::Header header = NpyFile::parseHeaderDict(data, size, name);
    if (header.descr != "|O" && header.descr != "<O" && header.descr != "O")
        throw FormatError(name, "dtype '" + header.descr + "' is not an object array ('|O')");
    const std::vector<int64_t> &headerShape = header.shape;
    int64_t count = 1;
    for (int64_t d : headerShape) {
        if (d != 0 && count > std::numeric_limits<int64_t>::max() / d)
            throw FormatError(name, "npy header: shape overflows");
        count *= d;
    }

    // The payload is a pickle of the ndarray; nothing in it is executed.
    const std::span<const std::byte> payload(data + header.dataOffset, size - header.dataOffset);
    Unpickler unpickler(name, payload, "object array pickle");
    const PickleValuePtr root = unpickler.load();
    const auto bad = [&](const std::string &what) -> FormatError {
        return FormatError(name, "object array pickle: " + what);
    };
    if (!root->isOpaque() || root->name() != "_reconstruct" ||
        (root->module() != "numpy.core.multiarray" && root->module() != "numpy._core.multiarray"))
        throw bad("expected numpy.core.multiarray._reconstruct(...), found " + root->toString(120));
    const PickleValuePtr &state = root->state();
    if (!state || state->type() != PickleValue::Type::Tuple || state->size() != 5)
        throw bad("expected the ndarray state (version, shape, dtype, is_fortran, data), found " +
                  (state ? state->toString(120) : std::string("no state")));
    const auto &parts = state->items();
    if (!parts[1]->isSequence())
        throw bad("shape is " + parts[1]->toString(60));
    std::vector<int64_t> shape;
    for (const auto &extent : parts[1]->items())
        shape.push_back(extent->toInt());
    if (shape != headerShape)
        throw bad("the pickled shape " + parts[1]->toString(60) + " differs from the header's " +
                  NpyFile::shapeRepr(headerShape));
    const PickleValue &dtype = *parts[2];
    if (!dtype.isOpaque() || dtype.name() != "dtype" || !dtype.args() || dtype.args()->size() < 1 ||
        !dtype.args()->items()[0]->isString() || dtype.args()->items()[0]->toStr() != "O8")
        throw bad("expected numpy.dtype('O8'), found " + dtype.toString(80));
    // The data list is in C order whatever is_fortran says (numpy's pickling iterates in C order).
    const PickleValue &list = *parts[4];
    if (list.type() != PickleValue::Type::List)
        throw bad("expected the list of elements, found " + list.toString(80));
    if (static_cast<int64_t>(list.size()) != count)
        throw bad("holds " + std::to_string(list.size()) + " elements for shape " + NpyFile::shapeRepr(headerShape) +
                  " (" + std::to_string(count) + " expected)");

    NpyObjectArray result;
    result.m_shape = std::move(shape);
    result.m_strings.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const PickleValue &item = *list.items()[i];
        if (item.isString())
            result.m_strings.push_back(item.toStr());
        else if (item.type() == PickleValue::Type::Bytes)
            result.m_strings.push_back(item.bytes());
        else if (item.isNone())
            result.m_strings.emplace_back();
        else
            throw bad("element " + std::to_string(i) + " is " + item.typeName() + ", not a string");
    }
    return result;
}

const std::string &NpyObjectArray::at(int64_t row, int64_t column) const
{
    if (m_shape.size() != 2 || row < 0 || row >= m_shape[0] || column < 0 || column >= m_shape[1])
        throw std::out_of_range("NpyObjectArray::at(" + std::to_string(row) + ", " + std::to_string(column) +
                                ") outside the array");
    return m_strings[static_cast<std::size_t>(row * m_shape[1] + column)];
}

std::vector<std::string> NpyObjectArray::row(int64_t row) const
{
    if (m_shape.empty() || row < 0 || row >= m_shape[0])
        throw std::out_of_range("NpyObjectArray::row(" + std::to_string(row) + ") outside the array");
    const std::size_t width = m_shape[0] == 0 ? 0 : m_strings.size() / static_cast<std::size_t>(m_shape[0]);
    const auto begin = m_strings.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(row) * width);
    return std::vector<std::string>(begin, begin + static_cast<std::ptrdiff_t>(width));
}

} // namespace vindex::io
