// The restricted Unpickler on pickles written by CPython's pickle module (as hex literals, produced with
// pickle.dumps(obj, protocol=N).hex() in Python 3.11) and on hostile pickles assembled here.
#include "vindex/io/Unpickler.h"
#include "vindex/core/Error.h"
#include "vindex/io/PickleValue.h"

#include "PickleZipBuilders.h"
#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace vindex::io;
using Type = PickleValue::Type;
using namespace std::string_literals;
using testsupport::global;
using testsupport::int1;
using testsupport::kProto2;
using testsupport::str;
using testsupport::tensorCall;

namespace {

const std::string kPath = "/virtual/checkpoint.pth";

std::string fromHex(std::string_view hex)
{
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

std::span<const std::byte> bytesOf(const std::string &s)
{
    return {reinterpret_cast<const std::byte *>(s.data()), s.size()};
}

PickleValuePtr unpickle(const std::string &data, Unpickler::StorageResolver resolver = {})
{
    Unpickler unpickler(kPath, bytesOf(data), "archive/data.pkl");
    if (resolver)
        unpickler.setStorageResolver(std::move(resolver));
    return unpickler.load();
}

// The pickle must fail with one FormatError that names the file, the member and the fragment.
std::string expectError(const std::string &data, const std::string &fragment, Unpickler::StorageResolver resolver = {})
{
    try {
        unpickle(data, std::move(resolver));
    } catch (const vindex::FormatError &e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(kPath + ": archive/data.pkl, byte ", 0), 0u) << message;
        EXPECT_NE(message.find(fragment), std::string::npos) << message;
        return message;
    }
    ADD_FAILURE() << "no FormatError (expected one mentioning '" << fragment << "')";
    return {};
}

// Six floats 0..5 served as storage "0"; other keys are missing.
struct FakeStorages {
    std::shared_ptr<std::vector<float>> values =
        std::make_shared<std::vector<float>>(std::vector<float>{0, 1, 2, 3, 4, 5});
    int calls = 0;
    Unpickler::StorageResolver resolver()
    {
        return [this](const std::string &key, DType dtype, int64_t numel, const std::string &location) {
            ++calls;
            EXPECT_EQ(location, "cpu");
            if (key != "0" || dtype != DType::F32 || numel > 6)
                throw vindex::FormatError(kPath, "no storage '" + key + "' of " + std::to_string(numel) + " " +
                                                     std::string(dtypeName(dtype)));
            return HostTensor(dtype, {numel}, reinterpret_cast<const std::byte *>(values->data()),
                              std::shared_ptr<const void>(values));
        };
    }
};

std::vector<std::string> keysOf(const PickleValue &dict)
{
    std::vector<std::string> keys;
    for (const auto &item : dict.dictItems())
        keys.push_back(item.key->toStr());
    return keys;
}

} // namespace

// {'a': [1, -2, 300, 70000, -70000, 2**40, -2**63, 2**63, -2**70], 'f': 1.5, 's': 'héllo', 'b': b'\x00\xff',
//  't': (1,), 'n': None, 'tf': (True, False), 'od': OrderedDict(x=1, y=2.0), 'set': {3}, 'fs': frozenset({4}),
//  'e': [], 'dup': 'a'}  (the value of 'dup' is the memoized key 'a')
TEST(Unpickler, ReadsCPythonPicklesOfProtocols2To5)
{
    const char *pickles[] = {
        // protocol 2: bytes via _codecs.encode, sets via __builtin__.set
        "80027d71002858010000006171015d7102284b014afeffffff4d2c014a701101004a90eefeff8a060000000000018a08000000000000"
        "00808a090000000000000080008a090000000000000000c0655801000000667103473ff80000000000005801000000737104580600"
        "000068c3a96c6c6f71055801000000627106635f636f646563730a656e636f64650a7107580300000000c3bf710858060000006c61"
        "74696e31710986710a52710b580100000074710c4b0185710d58010000006e710e4e58020000007466710f888986711058020000006f"
        "64711163636f6c6c656374696f6e730a4f726465726564446963740a7112295271132858010000007871144b015801000000797115"
        "4740000000000000007558030000007365747116635f5f6275696c74696e5f5f0a7365740a71175d71184b036185711952711a5802"
        "0000006673711b635f5f6275696c74696e5f5f0a66726f7a656e7365740a711c5d711d4b046185711e52711f58010000006571205d"
        "7121580300000064757071226801752e",
        // protocol 3: BINBYTES
        "80037d71002858010000006171015d7102284b014afeffffff4d2c014a701101004a90eefeff8a060000000000018a08000000000000"
        "00808a090000000000000080008a090000000000000000c0655801000000667103473ff80000000000005801000000737104580600"
        "000068c3a96c6c6f71055801000000627106430200ff710758010000007471084b0185710958010000006e710a4e58020000007466"
        "710b888986710c58020000006f64710d63636f6c6c656374696f6e730a4f726465726564446963740a710e2952710f285801000000"
        "7871104b0158010000007971114740000000000000007558030000007365747112636275696c74696e730a7365740a71135d71144b"
        "0361857115527116580200000066737117636275696c74696e730a66726f7a656e7365740a71185d71194b046185711a52711b5801"
        "00000065711c5d711d5803000000647570711e6801752e",
        // protocol 4: FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, EMPTY_SET/ADDITEMS, FROZENSET
        "800495e1000000000000007d94288c0161945d94284b014afeffffff4d2c014a701101004a90eefeff8a060000000000018a0800000000"
        "000000808a090000000000000080008a090000000000000000c0658c016694473ff80000000000008c0173948c0668c3a96c6c6f94"
        "8c016294430200ff948c0174944b0185948c016e944e8c02746694888986948c026f64948c0b636f6c6c656374696f6e73948c0b4f"
        "72646572656444696374949394295294288c0178944b018c017994474000000000000000758c03736574948f94284b03908c026673"
        "94284b0491948c0165945d948c03647570946801752e",
        // protocol 5
        "800595e1000000000000007d94288c0161945d94284b014afeffffff4d2c014a701101004a90eefeff8a060000000000018a0800000000"
        "000000808a090000000000000080008a090000000000000000c0658c016694473ff80000000000008c0173948c0668c3a96c6c6f94"
        "8c016294430200ff948c0174944b0185948c016e944e8c02746694888986948c026f64948c0b636f6c6c656374696f6e73948c0b4f"
        "72646572656444696374949394295294288c0178944b018c017994474000000000000000758c03736574948f94284b03908c026673"
        "94284b0491948c0165945d948c03647570946801752e",
    };
    for (const char *hex : pickles) {
        SCOPED_TRACE(std::string(hex).substr(0, 4));
        const PickleValuePtr root = unpickle(fromHex(hex));
        ASSERT_TRUE(root->isDict());
        EXPECT_EQ(keysOf(*root),
                  (std::vector<std::string>{"a", "f", "s", "b", "t", "n", "tf", "od", "set", "fs", "e", "dup"}));
        const PickleValue &a = root->at("a");
        ASSERT_EQ(a.type(), Type::List);
        ASSERT_EQ(a.size(), 9u);
        const int64_t ints[] = {1, -2, 300, 70000, -70000, int64_t{1} << 40, std::numeric_limits<int64_t>::min()};
        for (int i = 0; i < 7; ++i)
            EXPECT_EQ(a.at(i).toInt(), ints[i]) << i;
        // Beyond int64: kept as builtins.int with the little-endian two's complement bytes.
        EXPECT_EQ(a.at(7).typeName(), "builtins.int");
        EXPECT_EQ(a.at(7).args()->at(0).bytes(), fromHex("000000000000008000"));
        EXPECT_EQ(a.at(8).args()->at(0).bytes(), fromHex("0000000000000000c0"));
        EXPECT_EQ(root->at("f").toDouble(), 1.5);
        EXPECT_EQ(root->at("s").toStr(), "h\xc3\xa9llo");
        EXPECT_EQ(root->at("b").bytes(), std::string("\x00\xff", 2));
        EXPECT_EQ(root->at("t").type(), Type::Tuple);
        EXPECT_EQ(root->at("t").toString(), "(1,)");
        EXPECT_TRUE(root->at("n").isNone());
        EXPECT_EQ(root->at("tf").toString(), "(True, False)");
        const PickleValue &od = root->at("od");
        ASSERT_TRUE(od.isDict());
        EXPECT_EQ(keysOf(od), (std::vector<std::string>{"x", "y"}));
        EXPECT_EQ(od.at("y").type(), Type::Float);
        EXPECT_EQ(root->at("set").toString(), "[3]");
        EXPECT_EQ(root->at("fs").toString(), "[4]");
        EXPECT_EQ(root->at("e").size(), 0u);
        EXPECT_EQ(root->at("dup").toStr(), "a");
        EXPECT_EQ(root->find("missing"), nullptr);
        EXPECT_THROW(root->at("missing"), vindex::FormatError);
        EXPECT_THROW(root->at("s").toInt(), vindex::FormatError);
    }
}

TEST(Unpickler, ReadsProtocol5ByteArrays)
{
    // [bytearray(b'xy'), b'z'] at protocol 5: BYTEARRAY8, SHORT_BINBYTES
    const PickleValuePtr root = unpickle(fromHex("80059515000000000000005d942896020000000000000078799443017a94652e"));
    EXPECT_EQ(root->toString(), "[b'xy', b'z']");
}

TEST(Unpickler, UnknownGlobalsBecomeOpaqueAndNothingRuns)
{
    const testsupport::TempDir dir;
    const std::string marker = dir.file("pwned");
    const std::string command = "touch " + marker;

    // os.system(command) with GLOBAL, and builtins.eval / posix.system with STACK_GLOBAL (protocol 4).
    const std::string viaGlobal = kProto2 + global("os", "system") + str(command) + "\x85R.";
    const std::string viaEval =
        kProto2 + global("builtins", "eval") + str("__import__('os').system('" + command + "')") + "\x85R.";
    const std::string viaStack = "\x80\x04\x8c\x05posix\x8c\x06system\x93" + str(command) + "\x85R.";
    for (const auto &pickle : {viaGlobal, viaEval, viaStack}) {
        const PickleValuePtr root = unpickle(pickle);
        ASSERT_TRUE(root->isOpaque());
        ASSERT_TRUE(root->args());
        EXPECT_NE(root->args()->at(0).toStr().find(command), std::string::npos);
        EXPECT_NE(root->toString(400).find(root->qualifiedName() + "('"), std::string::npos) << root->toString();
    }
    EXPECT_EQ(unpickle(viaGlobal)->qualifiedName(), "os.system");
    EXPECT_EQ(unpickle(viaEval)->qualifiedName(), "builtins.eval");
    EXPECT_EQ(unpickle(viaStack)->qualifiedName(), "posix.system");

    // What CPython writes for an object whose __reduce__ returns (os.system, ('touch /tmp/vindex_pwned',)).
    const PickleValuePtr cpython = unpickle(fromHex("800263706f7369780a73797374656d0a71005817000000746f756368202f746d70"
                                                    "2f76696e6465785f70776e656471018571025271032e"));
    EXPECT_EQ(cpython->qualifiedName(), "posix.system");
    EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST(Unpickler, KeepsNewobjArgumentsAndBuildState)
{
    // {'sched': OneCycleLR()} whose __dict__ is {'total_steps': 6, 'base_lrs': [1.2e-05]}: NEWOBJ then BUILD.
    const PickleValuePtr root = unpickle(fromHex(
        "80027d710058050000007363686564710163746f7263682e6f7074696d2e6c725f7363686564756c65720a4f6e654379636c654c52"
        "0a7102298171037d710428580b000000746f74616c5f737465707371054b065808000000626173655f6c727371065d7107473ee92a"
        "737110e454617562732e"));
    const PickleValue &sched = root->at("sched");
    EXPECT_EQ(sched.typeName(), "torch.optim.lr_scheduler.OneCycleLR");
    EXPECT_EQ(sched.module(), "torch.optim.lr_scheduler");
    EXPECT_EQ(sched.name(), "OneCycleLR");
    ASSERT_TRUE(sched.args());
    EXPECT_EQ(sched.args()->size(), 0u);
    ASSERT_TRUE(sched.state());
    EXPECT_EQ(sched.state()->at("total_steps").toInt(), 6);
    EXPECT_EQ(sched.state()->at("base_lrs").at(0).toDouble(), 1.2e-05);
    EXPECT_EQ(root->toString(), "{'sched': torch.optim.lr_scheduler.OneCycleLR() state={'total_steps': 6, "
                                "'base_lrs': [1.2e-05]}}");
}

TEST(Unpickler, RepeatedDictKeysKeepTheirPlaceAndTakeTheLastValue)
{
    const PickleValuePtr root =
        unpickle(kProto2 + "}(" + str("a") + int1(1) + str("b") + int1(2) + str("a") + int1(3) + "u.");
    EXPECT_EQ(root->toString(), "{'a': 3, 'b': 2}");
    // Python: True == 1 == 1.0 are one key.
    const PickleValuePtr numbers = unpickle(kProto2 + "}(" + int1(1) + str("x") + "\x88" + str("y") + "u.");
    EXPECT_EQ(numbers->toString(), "{1: 'y'}");
    EXPECT_EQ(numbers->find(int64_t{1})->toStr(), "y");
}

TEST(Unpickler, RebuildsTensorsOverResolvedStorages)
{
    FakeStorages storages;
    // A transposed 2x2 view starting at element 1: element (i, j) = storage[1 + i + 2j].
    const std::string pickle = kProto2 + "}(" + str("view") + tensorCall("0", 6, 1, {2, 2}, {1, 2}) + str("param") +
                               global("torch._utils", "_rebuild_parameter") + "(" + tensorCall("0", 6, 0, {6}, {1}) +
                               "\x88" + global("collections", "OrderedDict") + ")Rt" + "R" + str("scalar") +
                               tensorCall("0", 6, 5, {}, {}) + "u.";
    PickleValuePtr root = unpickle(pickle, storages.resolver());
    const HostTensor view = root->at("view").tensor();
    EXPECT_EQ(view.dtype(), DType::F32);
    EXPECT_EQ(view.shape(), (std::vector<int64_t>{2, 2}));
    EXPECT_EQ(view.toFloatVector(), (std::vector<float>{1, 3, 2, 4}));
    EXPECT_EQ(root->at("param").tensor().toFloatVector(), (std::vector<float>{0, 1, 2, 3, 4, 5}));
    EXPECT_EQ(root->at("scalar").tensor().numel(), 1);
    EXPECT_EQ(root->at("scalar").tensor().valueAt(0), 5.0);
    EXPECT_EQ(root->at("view").toString(), "tensor(F32 [2, 2])");
    // The tensor keeps its storage alive on its own.
    root.reset();
    storages.values.reset();
    EXPECT_EQ(view.toFloatVector(), (std::vector<float>{1, 3, 2, 4}));
}

TEST(Unpickler, RejectsTensorsOutsideTheirStorage)
{
    FakeStorages storages;
    expectError(kProto2 + tensorCall("0", 6, 0, {2, 3}, {3, 2}) + ".", "past the end of its storage",
                storages.resolver());
    expectError(kProto2 + tensorCall("0", 6, 3, {4}, {1}) + ".", "reaches element 6", storages.resolver());
    expectError(kProto2 + tensorCall("0", 6, 7, {0}, {1}) + ".", "storage offset 7 is past the end",
                storages.resolver());
    expectError(kProto2 + tensorCall("0", 6, 0, {2}, {-1}) + ".", "sizes and strides >= 0", storages.resolver());
    expectError(kProto2 + tensorCall("0", 6, 0, {0x7fffffff, 0x7fffffff, 0x7fffffff}, {0, 0, 0}) + ".", "overflows",
                storages.resolver());
    expectError(kProto2 + tensorCall("0", 6, 0, {2, 2}, {1}) + ".", "tuples of equal length", storages.resolver());
    // The resolver's own error (missing member, too small) passes through unchanged.
    EXPECT_THROW(unpickle(kProto2 + tensorCall("7", 6, 0, {6}, {1}) + ".", storages.resolver()), vindex::FormatError);
    expectError(kProto2 + tensorCall("0", 6, 0, {6}, {1}, "ComplexFloatStorage") + ".", "expected a torch storage type",
                storages.resolver());
    expectError(kProto2 + tensorCall("0", 6, 0, {6}, {1}) + ".", "no storage can be resolved");
    expectError(kProto2 + str("not a pid") + "Q.", "expected a persistent id");
    expectError(kProto2 + global("torch._utils", "_rebuild_tensor_v2") + "(" + int1(1) + int1(0) + ")" + ")" +
                    "\x89\x4e" + "tR.",
                "expects a storage");
}

TEST(Unpickler, MalformedPicklesNameTheFileAndOffset)
{
    EXPECT_NE(expectError(kProto2 + "\xff", "unknown opcode 0xff").find("byte 2:"), std::string::npos);
    expectError("", "ends without STOP");
    expectError(kProto2 + "]", "ends without STOP");
    expectError(kProto2 + "X\xff\xff\xff\xff" + "abc", "BINUNICODE needs 4294967295 bytes, only 3 remain");
    expectError(kProto2 + "\x8d" + std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8), "BINUNICODE8 needs");
    expectError(kProto2 + "\x8e" + std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8), "BINBYTES8 needs");
    expectError(kProto2 + "\x95" + std::string("\x00\x10\x00\x00\x00\x00\x00\x00", 8) + "N.", "FRAME needs");
    expectError(kProto2 + "\x8b\xff\xff\xff\xff", "negative length");
    expectError(kProto2 + "T\x00\x00\x00\x80"s, "negative length");
    expectError(kProto2 + "X\x05\x00"s, "truncated pickle");
    expectError(kProto2 + "t.", "expected a MARK before TUPLE");
    expectError(kProto2 + "e.", "expected a MARK before APPENDS");
    expectError(kProto2 + "s.", "SETITEM needs a value but the stack is empty");
    expectError(kProto2 + "}(" + int1(1) + "s.", "stack is empty above the last MARK");
    expectError(kProto2 + ".", "STOP needs a value");
    expectError(kProto2 + "\x86.", "TUPLE2 needs a value");
    expectError(kProto2 + "h\x05.", "memo entry 5, which was never stored");
    expectError(kProto2 + "j\x00\x00\x00\x01."s, "memo entry 16777216");
    expectError(kProto2 + "q\x00."s, "BINPUT needs a value");
    expectError(kProto2 + int1(1) + ")R.", "expects a global to call, found an int");
    expectError(kProto2 + global("os", "system") + int1(1) + "R.", "expects an argument tuple");
    expectError(kProto2 + "]" + int1(1) + int1(2) + "s.", "SETITEM expects a dict below its arguments, found a list");
    expectError(kProto2 + "}" + int1(1) + "a.", "APPEND expects a list");
    expectError(kProto2 + "}(" + int1(1) + "u.", "key/value pairs");
    expectError(kProto2 + "cos\nsystem", "GLOBAL name has no terminating newline");
    expectError("\x80\x06N.", "unsupported pickle protocol 6");
    expectError(kProto2 + "I1\n.", "protocol 0 text opcode INT");
    expectError(kProto2 + "\x97", "out-of-band buffers");
    expectError(kProto2 + "\x82\x01", "extension registry");
    expectError(kProto2 + int1(1) + int1(2) + "\x93.", "STACK_GLOBAL expects module and name strings");
    expectError(kProto2 + "}}b}b.", "BUILD sets the state of a dict twice");
    expectError(kProto2 + global("_codecs", "encode") + str("\xe2\x82\xac") + str("latin1") + "\x86R.", "not Latin-1");
}

TEST(Unpickler, RefusesRecursiveStructures)
{
    expectError(kProto2 + "]q\x00h\x00"
                          "a."s,
                "puts a list into itself");
    expectError(kProto2 + "]2a.", "puts a list into itself");
    expectError(kProto2 + "}2b.", "puts a dict into itself");
    // B = [A]; then A.append(B): A is already inside B.
    expectError(kProto2 + "]q\x00]q\x01h\x00"
                          "a0h\x01"
                          "a."s,
                "already part of another value");
}

TEST(Unpickler, BoundsNestingDepth)
{
    auto nested = [](int depth) { return kProto2 + std::string(depth, ']') + std::string(depth - 1, 'a') + "."; };
    const PickleValuePtr ok = unpickle(nested(Unpickler::kDefaultMaxDepth));
    EXPECT_EQ(ok->depth(), Unpickler::kDefaultMaxDepth - 1);
    expectError(nested(Unpickler::kDefaultMaxDepth + 2), "nest deeper than");
    expectError(kProto2 + std::string(20000, ']') + std::string(19999, 'a') + ".", "nest deeper than");
    // Many open MARKs and tuples are not recursion either.
    expectError(kProto2 + std::string(20000, '(') + ".", "STOP needs a value");
    const PickleValuePtr tuples = unpickle(kProto2 + std::string(20000, ')') + std::string(19999, '0') + ".");
    EXPECT_EQ(tuples->type(), Type::Tuple);

    // A DAG of shared values: its display stays short.
    std::string dag = kProto2 + "]q\x00"s;
    for (int i = 0; i < 60; ++i)
        dag += "h\x00h\x00\x86q\x00"s;
    dag += ".";
    EXPECT_LE(unpickle(dag)->toString(100).size(), 103u);
}
