#include "vindex/io/CsvTable.h"

#include "vindex/core/Error.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vindex::io {

namespace {

std::string trimmed(const std::string &s)
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

    std::size_t pos = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        pos = 3; // Excel writes a BOM
    std::size_t line = 1;

    std::vector<std::string> record;
    std::string field;
    bool headerDone = false;

    // Parses one record starting at pos; returns false at the end of the text.
    auto readRecord = [&](std::size_t &startLine) -> bool {
        record.clear();
        if (pos >= text.size())
            return false;
        startLine = line;
        for (;;) {
            field.clear();
            bool quoted = false;
            // Skip spaces before an opening quote only; unquoted fields keep their text as is.
            std::size_t probe = pos;
            while (probe < text.size() && text[probe] == ' ')
                ++probe;
            if (probe < text.size() && text[probe] == '"') {
                quoted = true;
                pos = probe + 1;
                const std::size_t quoteLine = line;
                for (;;) {
                    if (pos >= text.size())
                        throw FormatError(sourceName, "line " + std::to_string(quoteLine) +
                                                          ": quoted field is not closed before the end of the file");
                    const char c = text[pos++];
                    if (c == '"') {
                        if (pos < text.size() && text[pos] == '"') {
                            field.push_back('"');
                            ++pos;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n')
                            ++line;
                        field.push_back(c);
                    }
                }
                while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
                    ++pos;
                if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r')
                    throw FormatError(sourceName, "line " + std::to_string(line) +
                                                      ": expected ',' or a line end after a quoted field, found '" +
                                                      std::string(1, text[pos]) + "'");
            } else {
                while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
                    if (text[pos] == '"')
                        throw FormatError(sourceName,
                                          "line " + std::to_string(line) + ": stray '\"' inside an unquoted field");
                    field.push_back(text[pos++]);
                }
            }
            (void)quoted;
            record.push_back(field);
            if (pos >= text.size())
                return true;
            const char sep = text[pos];
            if (sep == ',') {
                ++pos;
                continue;
            }
            // Line end: CRLF, LF or a lone CR.
            ++pos;
            if (sep == '\r' && pos < text.size() && text[pos] == '\n')
                ++pos;
            ++line;
            return true;
        }
    };

    std::size_t recordLine = 0;
    while (readRecord(recordLine)) {
        if (record.size() == 1 && record[0].empty())
            continue; // blank line (e.g. the trailing newline's neighbour)
        if (!headerDone) {
            table.m_header = record;
            for (std::size_t i = 0; i < record.size(); ++i) {
                const std::string name = trimmed(record[i]);
                // First occurrence wins; the pandas index column has an empty name.
                table.m_columns.emplace(name, i);
            }
            headerDone = true;
            continue;
        }
        if (record.size() != table.m_header.size())
            throw FormatError(sourceName, "line " + std::to_string(recordLine) + ": expected " +
                                              std::to_string(table.m_header.size()) +
                                              " fields (as in the header), found " + std::to_string(record.size()));
        table.m_cells.insert(table.m_cells.end(), record.begin(), record.end());
        table.m_lines.push_back(recordLine);
    }
    if (!headerDone)
        throw FormatError(sourceName, "empty CSV file (expected a header row)");
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

const std::string &CsvTable::cell(std::size_t row, std::size_t column) const
{
    if (row >= rowCount() || column >= columnCount())
        throw FormatError(m_path, "cell (row " + std::to_string(row) + ", column " + std::to_string(column) +
                                      ") is outside the table of " + std::to_string(rowCount()) + " rows and " +
                                      std::to_string(columnCount()) + " columns");
    return m_cells[row * columnCount() + column];
}

const std::string &CsvTable::cell(std::size_t row, const std::string &columnName) const
{
    return cell(row, column(columnName));
}

void CsvTable::failCell(std::size_t row, std::size_t column, const std::string &expected) const
{
    throw FormatError(m_path, "line " + std::to_string(lineOf(row)) + ", column '" + m_header[column] + "': expected " +
                                  expected + ", found '" + cell(row, column) + "'");
}

int64_t CsvTable::integer(std::size_t row, std::size_t column) const
{
    const std::string text = trimmed(cell(row, column));
    int64_t value = 0;
    const char *begin = text.data(), *end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc() && ptr == end && !text.empty())
        return value;
    // pandas may write integral floats ("3.0") for columns that once held NaN.
    char *parsedEnd = nullptr;
    errno = 0;
    const double d = std::strtod(text.c_str(), &parsedEnd);
    if (!text.empty() && parsedEnd == text.c_str() + text.size() && errno == 0 &&
        d == static_cast<double>(static_cast<int64_t>(d)))
        return static_cast<int64_t>(d);
    failCell(row, column, "an integer");
}

double CsvTable::number(std::size_t row, std::size_t column) const
{
    const std::string text = trimmed(cell(row, column));
    char *parsedEnd = nullptr;
    errno = 0;
    const double d = std::strtod(text.c_str(), &parsedEnd);
    if (text.empty() || parsedEnd != text.c_str() + text.size() || errno == ERANGE)
        failCell(row, column, "a number");
    return d;
}

bool CsvTable::boolean(std::size_t row, std::size_t column) const
{
    const std::string text = trimmed(cell(row, column));
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
