#include "vindex/io/NiftiHeader.h"
#include "NiftiTestFiles.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/io/NiftiVolumeReader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace vindex::io;
using namespace niftitest;

namespace {

NiftiHeader parseBytes(const std::vector<uint8_t> &bytes, const std::string &name = "mem.nii")
{
    return NiftiHeader::parse(reinterpret_cast<const std::byte *>(bytes.data()), bytes.size(), name);
}

// The FormatError message of parsing bytes as name; a test failure when there is none.
std::string formatError(const std::vector<uint8_t> &bytes, const std::string &name)
{
    try {
        parseBytes(bytes, name);
    } catch (const vindex::FormatError &e) {
        return e.what();
    }
    ADD_FAILURE() << "no FormatError for " << name;
    return {};
}

std::string betasPath(int subject, int session)
{
    return testsupport::fixture("mini-nsd/nsddata/ppdata/subj0" + std::to_string(subject) +
                                "/func1pt8mm/betas_fithrf_GLMdenoise_RR/betas_session0" + std::to_string(session) +
                                ".nii.gz");
}

} // namespace

// nifti1.h's DT_* codes.
TEST(NiftiHeader, DatatypeCodesAreThoseOfNifti1h)
{
    const std::pair<int16_t, DType> codes[] = {
        {2, DType::U8},   {4, DType::I16},   {8, DType::I32},   {16, DType::F32},   {64, DType::F64},
        {256, DType::I8}, {512, DType::U16}, {768, DType::U32}, {1024, DType::I64}, {1280, DType::U64}};
    for (const auto &[code, dtype] : codes) {
        EXPECT_EQ(NiftiHeader::datatypeCodeOf(dtype), code);
        EXPECT_EQ(NiftiHeader::dtypeOfCode(code), dtype);
    }
    for (int16_t code : {0, 1, 32, 128, 511, 1536, 1792, 2048, 2304})
        EXPECT_FALSE(NiftiHeader::dtypeOfCode(code).has_value()) << code;
    EXPECT_EQ(NiftiHeader::datatypeCodeOf(DType::BF16), 0);
}

// The fixture's betas were written by nibabel 5.0 (shared/fixtures/README.md): expected.json gives the grid, NSD's
// func1pt8mm gives 1.8 mm voxels, and nibabel puts the data right after the 4 extension bytes.
TEST(NiftiHeader, NibabelWrittenBetasOfTheFixture)
{
    const auto expected = testsupport::readJson(testsupport::fixture("mini-nsd/expected.json"));
    for (int subject : {1, 2}) {
        const auto &sub = expected["subjects"][std::to_string(subject)];
        const auto grid = sub["volume_shape"].get<std::vector<int64_t>>();
        const int64_t trials = static_cast<int64_t>(sub["trial_images"].size());
        const NiftiHeader h = NiftiVolumeReader(betasPath(subject, 2)).header();
        EXPECT_EQ(h.shape, (std::vector<int64_t>{grid[0], grid[1], grid[2], trials / 2}));
        EXPECT_EQ(h.dtype, DType::I16);
        EXPECT_EQ(h.datatypeCode, 4);
        EXPECT_EQ(h.itemSize, 2u);
        EXPECT_FALSE(h.swapped);
        EXPECT_EQ(h.voxOffset, 352u);
        EXPECT_EQ(h.volumeElements(), grid[0] * grid[1] * grid[2]);
        EXPECT_EQ(h.volumeCount(), trials / 2);
        EXPECT_EQ(h.dataBytes, static_cast<uint64_t>(grid[0] * grid[1] * grid[2] * trials / 2 * 2));
        for (int i = 1; i <= 3; ++i)
            EXPECT_NEAR(h.pixdim[i], 1.8, 1e-6);
        EXPECT_GT(h.sformCode, 0);
        EXPECT_EQ(h.path, betasPath(subject, 2));
    }
}

// Every field read from where nifti1.h puts it, and the same header in both byte orders.
TEST(NiftiHeader, FieldsOfAHeaderBuiltByteByByteInBothByteOrders)
{
    NiftiSpec spec;
    spec.dims = {5, 6, 7, 8, 2};
    spec.datatype = 512; // uint16
    spec.pixdim = {-1, 1.5f, 2.5f, 3.5f, 1.6f, 0, 0, 0};
    spec.voxOffset = 400;
    spec.sclSlope = 0.5f;
    spec.sclInter = -3;
    spec.qformCode = 1;
    spec.sformCode = 4;
    spec.quatern = {0.25f, 0.5f, 0.125f, -7, 8, 9};
    spec.srow = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    spec.description = "hand-built";
    for (bool big : {false, true}) {
        spec.bigEndian = big;
        const NiftiHeader h = parseBytes(buildNifti(spec, {}));
        EXPECT_EQ(h.swapped, big);
        EXPECT_EQ(h.shape, (std::vector<int64_t>{5, 6, 7, 8, 2}));
        EXPECT_EQ(h.elementCount, 5u * 6 * 7 * 8 * 2);
        EXPECT_EQ(h.dtype, DType::U16);
        EXPECT_EQ(h.dataBytes, 5u * 6 * 7 * 8 * 2 * 2);
        EXPECT_EQ(h.volumeElements(), 5 * 6 * 7);
        EXPECT_EQ(h.volumeCount(), 16);
        EXPECT_EQ(h.pixdim, spec.pixdim);
        EXPECT_EQ(h.voxOffset, 400u);
        EXPECT_TRUE(h.scaled());
        EXPECT_EQ(h.sclSlope, 0.5f);
        EXPECT_EQ(h.sclInter, -3.0f);
        EXPECT_EQ(h.qformCode, 1);
        EXPECT_EQ(h.sformCode, 4);
        EXPECT_EQ(h.quatern, spec.quatern);
        EXPECT_EQ(h.srow, spec.srow);
        EXPECT_EQ(h.description, "hand-built");
        // sform_code > 0: the affine is srow_x/y/z.
        const auto a = h.affine();
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 4; ++c)
                EXPECT_EQ(a[r][c], spec.srow[4 * r + c]);
        EXPECT_EQ(a[3], (std::array<double, 4>{0, 0, 0, 1}));
    }
}

// nifti1.h: "If vox_offset is less than 352 in a .nii file, it is equivalent to 352"; a float, so truncated (nibabel
// reads int(vox_offset)); not finite or negative is no offset at all.
TEST(NiftiHeader, VoxOffsetFollowsTheStandard)
{
    const std::pair<float, uint64_t> cases[] = {{0, 352},   {100, 352}, {348, 352},     {351.9f, 352},
                                                {352, 352}, {368, 368}, {368.75f, 368}, {4096, 4096}};
    for (const auto &[field, offset] : cases) {
        NiftiSpec spec;
        spec.voxOffset = field;
        spec.dataAt = 352;
        EXPECT_EQ(parseBytes(buildNifti(spec, {})).voxOffset, offset) << field;
    }
    for (float field : {-16.0f, std::nanf(""), INFINITY, 1e30f}) {
        NiftiSpec spec;
        spec.voxOffset = field;
        spec.dataAt = 352;
        const std::string message = formatError(buildNifti(spec, {}), "offset.nii");
        EXPECT_NE(message.find("offset.nii"), std::string::npos) << message;
        EXPECT_NE(message.find("vox_offset"), std::string::npos) << message;
    }
}

// A slope of 0 (or not finite) means no scaling; a finite slope needs a finite intercept.
TEST(NiftiHeader, ScalingFieldsFollowTheStandard)
{
    NiftiSpec spec;
    for (float slope : {0.0f, std::nanf(""), INFINITY}) {
        spec.sclSlope = slope;
        spec.sclInter = std::nanf("");
        const NiftiHeader h = parseBytes(buildNifti(spec, {}));
        EXPECT_FALSE(h.scaled()) << slope;
        EXPECT_EQ(h.sclInter, 0.0f) << slope;
    }
    spec.sclSlope = 2;
    spec.sclInter = INFINITY;
    const std::string message = formatError(buildNifti(spec, {}), "scale.nii");
    EXPECT_NE(message.find("scl_inter"), std::string::npos) << message;
}

// Every refusal is a FormatError that names the file and the field.
TEST(NiftiHeader, ErrorsNameTheFileAndTheField)
{
    struct Case {
        const char *name;
        void (*mutate)(NiftiSpec &);
        const char *field;
    };
    const Case cases[] = {
        {"sizeof", [](NiftiSpec &s) { s.sizeofHdr = 349; }, "sizeof_hdr"},
        {"nifti2", [](NiftiSpec &s) { s.sizeofHdr = 540; }, "NIfTI-2"},
        {"magic", [](NiftiSpec &s) { s.magic = std::string("abcd", 4); }, "magic"},
        {"pair", [](NiftiSpec &s) { s.magic = std::string("ni1\0", 4); }, "ni1"},
        {"rank", [](NiftiSpec &s) { s.dims.clear(); }, "dim[0]"},
        {"dim",
         [](NiftiSpec &s) {
             s.dims = {2, 3, 0};
         },
         "dim[3]"},
        {"complex", [](NiftiSpec &s) { s.datatype = 32; }, "datatype 32"},
        {"overflow", [](NiftiSpec &s) { s.dims = {32767, 32767, 32767, 32767, 32767, 32767, 32767}; }, "overflow"},
    };
    for (const Case &c : cases) {
        for (bool big : {false, true}) {
            NiftiSpec spec;
            spec.bigEndian = big;
            c.mutate(spec);
            const std::string name = std::string(c.name) + ".nii";
            const std::string message = formatError(buildNifti(spec, {}), name);
            EXPECT_EQ(message.rfind(name + ": ", 0), 0u) << message;
            EXPECT_NE(message.find(c.field), std::string::npos) << message;
        }
    }
    const std::string message = formatError(std::vector<uint8_t>(100, 0), "short.nii");
    EXPECT_NE(message.find("348"), std::string::npos) << message;
}
