#pragma once
// Emits a Python pickle (protocol 2, what torch.save writes) opcode by opcode: plain values, containers built
// between MARK and SETITEMS / APPENDS / TUPLE, globals and REDUCE, persistent ids. No memo: every value is written
// where it appears. The caller is responsible for a well-formed sequence; the restricted Unpickler reads it back.
#include <cstdint>
#include <string>
#include <string_view>

namespace vindex::io {

class PickleWriter {
public:
    PickleWriter(); // PROTO 2

    PickleWriter &none();
    PickleWriter &boolean(bool value);
    PickleWriter &integer(int64_t value);
    PickleWriter &real(double value); // BINFLOAT: the exact double
    PickleWriter &string(std::string_view utf8);
    PickleWriter &mark();
    PickleWriter &emptyDict();
    PickleWriter &setItems(); // key, value pairs since the mark into the dict below it
    PickleWriter &emptyList();
    PickleWriter &appends(); // items since the mark onto the list below it
    PickleWriter &tuple();   // the items since the mark as a tuple
    PickleWriter &emptyTuple();
    PickleWriter &global(std::string_view module, std::string_view name);
    PickleWriter &reduce();       // callable(args)
    PickleWriter &persistentId(); // BINPERSID: the value on the stack is a persistent id

    // The pickle with its STOP opcode.
    std::string finish() const { return m_bytes + '.'; }

private:
    std::string m_bytes;
};

} // namespace vindex::io
