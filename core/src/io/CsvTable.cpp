#include "vindex/io/CsvTable.h"

#include "vindex/core/Error.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vindex::io {

namespace {

std::string_view trimmed(std::string_view s)
{
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

} // namespace

CsvTable CsvTable::read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, "cannot open the CSV file (expected a readable file)");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw FormatError(path, "read error");
    return parse(buffer.str(), path);
}

CsvTable CsvTable::parse(const std::string &text, const std::string &sourceName)
{
    CsvTable table;
    table.m_path = sourceName;
    table.m_arena.reserve(text.size());
    table.m_offsets.push_back(0);

    std::size_t pos = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        pos = 3; // Excel writes a BOM
    std::size_t line = 1;
    bool headerDone = false;
    std::string &arena = table.m_arena;

    auto fail = [&](std::size_t atLine, const std::string &what) {
        throw FormatError(sourceName, "line " + std::to_string(atLine) + ": " + what);
    };

    while (pos < text.size()) {
        const std::size_t recordLine = line;
        const std::size_t firstCell = table.m_offsets.size() - 1;
        std::size_t fields = 0;
        bool blank = true;
        for (;;) {
            // One field, appended to the arena. Spaces before an opening quote are skipped; unquoted text is kept as
            // is.
            std::size_t probe = pos;
            while (probe < text.size() && text[probe] == ' ')
                ++probe;
            if (probe < text.size() && text[probe] == '"') {
                blank = false;
                pos = probe + 1;
                const std::size_t quoteLine = line;
                for (;;) {
                    if (pos >= text.size())
                        fail(quoteLine, "quoted field is not closed before the end of the file");
                    const char c = text[pos++];
                    if (c == '"') {
                        if (pos < text.size() && text[pos] == '"') {
                            arena.push_back('"');
                            ++pos;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n')
                            ++line;
                        arena.push_back(c);
                    }
                }
                while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
                    ++pos;
                if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r')
                    fail(line,
                         "expected ',' or a line end after a quoted field, found '" + std::string(1, text[pos]) + "'");
            } else {
                const std::size_t begin = pos;
                while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
                    if (text[pos] == '"')
                        fail(line, "stray '\"' inside an unquoted field");
                    ++pos;
                }
                if (pos > begin)
                    blank = false;
                arena.append(text, begin, pos - begin);
            }
            table.m_offsets.push_back(arena.size());
            ++fields;
            if (pos >= text.size())
                break;
            const char sep = text[pos++];
            if (sep == ',') {
                blank = false;
                continue;
            }
            // Line end: CRLF, LF or a lone CR.
            if (sep == '\r' && pos < text.size() && text[pos] == '\n')
                ++pos;
            ++line;
            break;
        }
        if (fields == 1 && blank) { // an empty line
            table.m_offsets.pop_back();
            continue;
        }
        if (!headerDone) {
            for (std::size_t i = 0; i < fields; ++i) {
                table.m_header.emplace_back(arena, table.m_offsets[i], table.m_offsets[i + 1] - table.m_offsets[i]);
                // First occurrence wins; the pandas index column has an empty name.
                table.m_columns.emplace(trimmed(table.m_header.back()), i);
            }
            arena.clear();
            table.m_offsets.assign(1, 0);
            headerDone = true;
            continue;
        }
        if (fields != table.m_header.size())
            fail(recordLine, "expected " + std::to_string(table.m_header.size()) +
                                 " fields (as in the header), found " + std::to_string(fields));
        (void)firstCell;
        table.m_lines.push_back(recordLine);
    }
    if (!headerDone)
        throw FormatError(sourceName, "empty CSV file (expected a header row)");
    arena.shrink_to_fit();
    return table;
}

bool CsvTable::hasColumn(const std::string &name) const
{
    return m_columns.count(name) != 0;
}

std::size_t CsvTable::column(const std::string &name) const
{
    const auto it = m_columns.find(name);
    if (it == m_columns.end())
        throw FormatError(m_path, "missing column '" + name + "' in the header (line 1)");
    return it->second;
}

void CsvTable::requireColumns(const std::vector<std::string> &names) const
{
    std::string missing;
    for (const auto &name : names)
        if (!hasColumn(name))
            missing += (missing.empty() ? "'" : ", '") + name + "'";
    if (!missing.empty())
        throw FormatError(m_path, "missing column(s) " + missing + " in the header (line 1)");
}

std::string_view CsvTable::cell(std::size_t row, std::size_t column) const
{
    if (row >= rowCount() || column >= columnCount())
        throw FormatError(m_path, "cell (row " + std::to_string(row) + ", column " + std::to_string(column) +
                                      ") is outside the table of " + std::to_string(rowCount()) + " rows and " +
                                      std::to_string(columnCount()) + " columns");
    const std::size_t i = row * columnCount() + column;
    return std::string_view(m_arena).substr(m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
}

std::string_view CsvTable::cell(std::size_t row, const std::string &columnName) const
{
    return cell(row, column(columnName));
}

void CsvTable::failCell(std::size_t row, std::size_t column, const std::string &expected) const
{
    throw FormatError(m_path, "line " + std::to_string(lineOf(row)) + ", column '" + m_header[column] + "': expected " +
                                  expected + ", found '" + std::string(cell(row, column)) + "'");
}

int64_t CsvTable::integer(std::size_t row, std::size_t column) const
{
    const std::string_view text = trimmed(cell(row, column));
    int64_t value = 0;
    const char *begin = text.data(), *end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc() && ptr == end && !text.empty())
        return value;
    // pandas may write integral floats ("3.0") for columns that once held NaN.
    const std::string copy(text);
    char *parsedEnd = nullptr;
    errno = 0;
    const double d = std::strtod(copy.c_str(), &parsedEnd);
    if (!copy.empty() && parsedEnd == copy.c_str() + copy.size() && errno == 0 && std::abs(d) < 9e18 &&
        d == static_cast<double>(static_cast<int64_t>(d)))
        return static_cast<int64_t>(d);
    failCell(row, column, "an integer");
}

double CsvTable::number(std::size_t row, std::size_t column) const
{
    const std::string text(trimmed(cell(row, column)));
    char *parsedEnd = nullptr;
    errno = 0;
    const double d = std::strtod(text.c_str(), &parsedEnd);
    if (text.empty() || parsedEnd != text.c_str() + text.size() || errno == ERANGE)
        failCell(row, column, "a number");
    return d;
}

bool CsvTable::boolean(std::size_t row, std::size_t column) const
{
    const std::string_view text = trimmed(cell(row, column));
    if (text == "True" || text == "true" || text == "TRUE" || text == "1")
        return true;
    if (text == "False" || text == "false" || text == "FALSE" || text == "0")
        return false;
    failCell(row, column, "True/False or 1/0");
}

std::size_t CsvTable::lineOf(std::size_t row) const
{
    return row < m_lines.size() ? m_lines[row] : 0;
}

} // namespace vindex::io
