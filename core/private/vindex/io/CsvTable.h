#pragma once
// A small CSV reader (RFC 4180 style): a header row, quoted fields with "" escapes and embedded commas or line
// breaks, CRLF or LF line ends, an optional UTF-8 BOM. Every row must have as many fields as the header; errors
// name the file and the 1-based line. Cells are kept as text; typed accessors convert and report what was found.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vindex::io {

class CsvTable {
public:
    // Reads and parses a file. Throws FormatError naming the file (missing, unreadable, malformed).
    static CsvTable read(const std::string &path);
    // Parses text; sourceName stands in for the file name in messages.
    static CsvTable parse(const std::string &text, const std::string &sourceName);

    const std::string &path() const { return m_path; }
    const std::vector<std::string> &header() const { return m_header; }
    std::size_t columnCount() const { return m_header.size(); }
    std::size_t rowCount() const { return m_lines.size(); }

    bool hasColumn(const std::string &name) const;
    // Column index of a header name; FormatError naming the file and the missing column otherwise.
    std::size_t column(const std::string &name) const;
    // Throws FormatError listing every name in names that the header lacks (one message for all of them).
    void requireColumns(const std::vector<std::string> &names) const;

    // The raw text of a cell (quotes removed). Row is 0-based over the data rows (the header is not a row).
    std::string_view cell(std::size_t row, std::size_t column) const;
    std::string_view cell(std::size_t row, const std::string &columnName) const;
    // Typed cells; a cell that does not convert is a FormatError naming file, line, column and the text found.
    int64_t integer(std::size_t row, std::size_t column) const;
    double number(std::size_t row, std::size_t column) const;
    // True/False, true/false, 1/0 (pandas writes True/False).
    bool boolean(std::size_t row, std::size_t column) const;
    // The 1-based line in the file where a data row starts (for messages of callers).
    std::size_t lineOf(std::size_t row) const;

private:
    [[noreturn]] void failCell(std::size_t row, std::size_t column, const std::string &expected) const;

    std::string m_path;
    std::vector<std::string> m_header;
    std::unordered_map<std::string, std::size_t> m_columns;
    // Cell texts back to back in one arena, cell i = [m_offsets[i], m_offsets[i + 1]): the 73k-row NSD table has
    // three million cells, and one std::string each would cost ~100 MB and most of the parse time.
    std::string m_arena;
    std::vector<std::size_t> m_offsets; // rowCount × columnCount + 1, row-major
    std::vector<std::size_t> m_lines;   // line of each data row
};

} // namespace vindex::io
