#include "vindex/io/NpyObjectArray.h"
#include "vindex/core/Error.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace vindex::io;
using testsupport::fixture;

namespace {

// A version 1.0 .npy file: magic, header dict padded with spaces to a multiple of 64 bytes, then the payload.
std::string npyFile(const std::string &dict, const std::string &payload)
{
    std::string header = dict;
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string out = std::string("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>(header.size() >> 8);
    return out + header + payload;
}

std::string str(const std::string &s)
{
    std::string out = "X";
    const auto n = static_cast<uint32_t>(s.size());
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((n >> (8 * i)) & 0xff);
    return out + s;
}

// What numpy's pickle.dump(array, protocol=3) writes for a (2, 2) object array, with the elements given as pickle
// opcodes.
std::string arrayPickle(const std::string &elements, const std::string &shape = std::string("K\x02K\x02\x86", 5),
                        const std::string &reconstruct = "cnumpy.core.multiarray\n_reconstruct\n")
{
    std::string p = std::string("\x80\x03", 2) + reconstruct + "cnumpy\nndarray\n" + std::string("K\x00\x85", 3) +
                    "C\x01"
                    "b"
                    "\x87R(K\x01" +
                    shape + "cnumpy\ndtype\n" + str("O8") + "\x89\x88\x87R" + "(K\x03" + str("|") +
                    "NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK?tb" + "\x89](" + elements + "etb.";
    return p;
}

std::string formatErrorText(const std::string &bytes, const std::string &name)
{
    try {
        NpyObjectArray::fromBytes(reinterpret_cast<const std::byte *>(bytes.data()), bytes.size(), name);
    } catch (const vindex::FormatError &e) {
        return e.what();
    }
    return "(no FormatError)";
}

} // namespace

TEST(NpyObjectArray, ReadsTheCuratedCaptions)
{
    const auto expected = testsupport::readJson(fixture("mini-nsd/expected.json"));
    const auto array = NpyObjectArray::readStrings(fixture("mini-nsd/COCO_73k_annots_curated.npy"));
    ASSERT_EQ(array.shape(), (std::vector<int64_t>{40, 5}));
    ASSERT_EQ(array.size(), 200u);
    for (int image = 0; image < 40; ++image) {
        const std::string caption = expected["captions"][std::to_string(image)].get<std::string>();
        EXPECT_EQ(array.at(image, 0), caption) << image;
        const auto row = array.row(image);
        ASSERT_EQ(row.size(), 5u);
        EXPECT_EQ(row[0], caption);
        for (int k = 1; k < 5; ++k) // the fixture's other columns are numbered variants of the first caption
            EXPECT_EQ(row[k], caption + " (" + std::to_string(k) + ")");
    }
    EXPECT_THROW(array.at(40, 0), std::out_of_range);
    EXPECT_THROW(array.row(-1), std::out_of_range);
}

TEST(NpyObjectArray, EmptyAndNoneEntriesBecomeEmptyStrings)
{
    const std::string bytes = npyFile("{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }",
                                      arrayPickle(str("a cat") + str("") + "N" + str("caf\xc3\xa9")));
    const auto array =
        NpyObjectArray::fromBytes(reinterpret_cast<const std::byte *>(bytes.data()), bytes.size(), "mem.npy");
    EXPECT_EQ(array.strings(), (std::vector<std::string>{"a cat", "", "", "caf\xc3\xa9"}));
    EXPECT_EQ(array.at(1, 1), "caf\xc3\xa9");

    // numpy 2 names the module numpy._core.
    const std::string numpy2 =
        npyFile("{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }",
                arrayPickle(str("a") + str("b") + str("c") + str("d"), std::string("K\x02K\x02\x86", 5),
                            "cnumpy._core.multiarray\n_reconstruct\n"));
    EXPECT_EQ(NpyObjectArray::fromBytes(reinterpret_cast<const std::byte *>(numpy2.data()), numpy2.size(), "n2.npy")
                  .strings()
                  .size(),
              4u);
}

TEST(NpyObjectArray, HostileOrDamagedFilesAreFormatErrors)
{
    const std::string good = testsupport::readBytes(fixture("mini-nsd/COCO_73k_annots_curated.npy"));
    std::string message = formatErrorText(good.substr(0, good.size() / 2), "half.npy");
    EXPECT_NE(message.find("half.npy"), std::string::npos) << message;
    message = formatErrorText(good.substr(0, 50), "header.npy");
    EXPECT_NE(message.find("header.npy"), std::string::npos) << message;
    message = formatErrorText("not numpy at all", "text.npy");
    EXPECT_NE(message.find("text.npy"), std::string::npos) << message;

    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("cut.npy"), good.substr(0, good.size() - 3));
    EXPECT_THROW(NpyObjectArray::readStrings(dir.file("cut.npy")), vindex::FormatError);

    const std::string dict = "{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }";
    // A number among the strings.
    message = formatErrorText(npyFile(dict, arrayPickle(str("a") + "K\x07" + str("c") + str("d"))), "int.npy");
    EXPECT_NE(message.find("element 1"), std::string::npos) << message;
    // Too few elements for the shape.
    message = formatErrorText(npyFile(dict, arrayPickle(str("a") + str("b") + str("c"))), "short.npy");
    EXPECT_NE(message.find("3 elements"), std::string::npos) << message;
    // The pickled shape disagrees with the header.
    message = formatErrorText(
        npyFile(dict, arrayPickle(str("a") + str("b") + str("c") + str("d"), std::string("K\x04K\x01\x86", 5))),
        "shape.npy");
    EXPECT_NE(message.find("differs"), std::string::npos) << message;
    // A pickle that calls something else entirely is recorded, never run, and refused.
    message =
        formatErrorText(npyFile(dict, std::string("\x80\x03") + "cos\nsystem\n" + str("ls") + "\x85R."), "evil.npy");
    EXPECT_NE(message.find("evil.npy"), std::string::npos) << message;
    EXPECT_NE(message.find("os.system"), std::string::npos) << message;
    // Not an object array.
    message = formatErrorText(
        npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", std::string(4, '\0')), "float.npy");
    EXPECT_NE(message.find("not an object array"), std::string::npos) << message;
}

TEST(NpyObjectArray, WritesWhatNumpyWrites)
{
    const std::string fixturePath = fixture("mini-nsd/COCO_73k_annots_curated.npy");
    const auto original = NpyObjectArray::readStrings(fixturePath);
    testsupport::TempDir dir;
    NpyObjectArray::writeStrings(dir.file("copy.npy"), original.shape(), original.strings());
    const std::string written = testsupport::readBytes(dir.file("copy.npy"));
    // Same header as numpy's (the pickle differs only in numpy's memo opcodes).
    EXPECT_EQ(written.substr(0, 128), testsupport::readBytes(fixturePath).substr(0, 128));
    const auto copy = NpyObjectArray::readStrings(dir.file("copy.npy"));
    EXPECT_EQ(copy.shape(), original.shape());
    EXPECT_EQ(copy.strings(), original.strings());

    // Rank 1 and 3, empty strings, more than one APPENDS batch, extents above 255.
    std::vector<std::string> many(2500);
    for (std::size_t i = 0; i < many.size(); i += 3)
        many[i] = "caption " + std::to_string(i);
    for (const auto &shape : {std::vector<int64_t>{2500}, std::vector<int64_t>{5, 500, 1}}) {
        NpyObjectArray::writeStrings(dir.file("many.npy"), shape, many);
        const auto back = NpyObjectArray::readStrings(dir.file("many.npy"));
        EXPECT_EQ(back.shape(), shape);
        EXPECT_EQ(back.strings(), many);
    }
    EXPECT_THROW(NpyObjectArray::writeStrings(dir.file("bad.npy"), {3}, {"a"}), vindex::Error);
}
