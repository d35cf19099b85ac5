#include "vindex/io/CsvTable.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

#include <string>

using vindex::FormatError;
using vindex::io::CsvTable;

namespace {

// Runs f, expects a FormatError, and returns its message.
template <typename F> std::string formatErrorOf(F &&f)
{
    try {
        f();
    } catch (const FormatError &e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a FormatError";
    return {};
}

} // namespace

TEST(CsvTable, QuotedFieldsEscapesLineBreaksAndCrlf)
{
    const std::string text = "\xEF\xBB\xBF"
                             "id,name,box\r\n"
                             "1,\"a, b\",\"(0, 0, 0.5, 1)\"\r\n"
                             "2,\"say \"\"hi\"\"\",\r\n"
                             "3,\"two\nlines\",x\n"
                             "4,plain,y"; // no final line end
    const CsvTable t = CsvTable::parse(text, "mem.csv");
    ASSERT_EQ(t.columnCount(), 3u);
    ASSERT_EQ(t.rowCount(), 4u);
    EXPECT_EQ(t.header()[0], "id"); // BOM stripped
    EXPECT_EQ(t.cell(0, "name"), "a, b");
    EXPECT_EQ(t.cell(0, "box"), "(0, 0, 0.5, 1)");
    EXPECT_EQ(t.cell(1, "name"), "say \"hi\"");
    EXPECT_EQ(t.cell(1, "box"), "");
    EXPECT_EQ(t.cell(2, "name"), "two\nlines");
    EXPECT_EQ(t.cell(3, 2), "y");
    EXPECT_EQ(t.integer(3, t.column("id")), 4);
    // Lines count the embedded line break.
    EXPECT_EQ(t.lineOf(0), 2u);
    EXPECT_EQ(t.lineOf(2), 4u);
    EXPECT_EQ(t.lineOf(3), 6u);
}

TEST(CsvTable, TypedCellsAndBooleans)
{
    const CsvTable t = CsvTable::parse("a,b,c\n3,True,0.25\n4.0,false,-1e3\n", "mem.csv");
    EXPECT_EQ(t.integer(0, 0), 3);
    EXPECT_EQ(t.integer(1, 0), 4); // pandas' integral float
    EXPECT_TRUE(t.boolean(0, 1));
    EXPECT_FALSE(t.boolean(1, 1));
    EXPECT_DOUBLE_EQ(t.number(0, 2), 0.25);
    EXPECT_DOUBLE_EQ(t.number(1, 2), -1000.0);
    const std::string msg = formatErrorOf([&] { (void)t.integer(0, 2); });
    EXPECT_NE(msg.find("mem.csv"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'c'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("0.25"), std::string::npos) << msg;
}

TEST(CsvTable, RaggedLineNamesFileAndLine)
{
    const std::string msg = formatErrorOf([] { CsvTable::parse("a,b,c\n1,2,3\n1,2\n", "ragged.csv"); });
    EXPECT_NE(msg.find("ragged.csv"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("expected 3 fields"), std::string::npos) << msg;
    EXPECT_NE(msg.find("found 2"), std::string::npos) << msg;
}

TEST(CsvTable, MissingColumnAndMalformedQuotes)
{
    const CsvTable t = CsvTable::parse("a,b\n1,2\n", "cols.csv");
    EXPECT_TRUE(t.hasColumn("a"));
    EXPECT_FALSE(t.hasColumn("z"));
    std::string msg = formatErrorOf([&] { (void)t.column("z"); });
    EXPECT_NE(msg.find("cols.csv"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'z'"), std::string::npos) << msg;
    msg = formatErrorOf([&] { t.requireColumns({"a", "x", "y"}); });
    EXPECT_NE(msg.find("'x', 'y'"), std::string::npos) << msg;

    msg = formatErrorOf([] { CsvTable::parse("a,b\n1,\"open\n", "q.csv"); });
    EXPECT_NE(msg.find("q.csv: line 2"), std::string::npos) << msg;
    msg = formatErrorOf([] { CsvTable::parse("a,b\n1,\"x\"y\n", "q2.csv"); });
    EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
    msg = formatErrorOf([] { CsvTable::parse("", "empty.csv"); });
    EXPECT_NE(msg.find("empty.csv"), std::string::npos) << msg;
    msg = formatErrorOf([] { CsvTable::read("/nonexistent/dir/none.csv"); });
    EXPECT_NE(msg.find("/nonexistent/dir/none.csv"), std::string::npos) << msg;
}

TEST(CsvTable, ReadsTheNsdStimInfoFixture)
{
    const CsvTable t = CsvTable::read(testsupport::fixture("mini-nsd/nsd_stim_info_merged.csv"));
    EXPECT_EQ(t.rowCount(), 40u);
    EXPECT_EQ(t.columnCount(), 41u);
    EXPECT_EQ(t.header()[0], ""); // pandas' unnamed index column
    EXPECT_EQ(t.cell(0, "cropBox"), "(0, 0, 0.125, 0.125)");
    EXPECT_EQ(t.integer(17, t.column("subject1_rep0")), 1);
    EXPECT_TRUE(t.boolean(5, t.column("shared1000")));
    EXPECT_FALSE(t.boolean(6, t.column("shared1000")));
    EXPECT_EQ(t.cell(3, "cocoSplit"), "val2017");
}
