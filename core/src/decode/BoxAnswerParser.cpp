#include "vindex/decode/BoxAnswerParser.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>

namespace vindex::decode {
namespace {

constexpr std::size_t kMaxSkippedText = 200;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// \d(?:\.\d*)? — one digit, then optionally a point and any digits.
bool isReferenceNumber(std::string_view token)
{
    if (token.empty() || !isDigit(token[0]))
        return false;
    if (token.size() == 1)
        return true;
    if (token[1] != '.')
        return false;
    return std::all_of(token.begin() + 2, token.end(), isDigit);
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
        if (end == std::string_view::npos)
            return parts;
        begin = end + 1;
    }
}

// Python's float() on a token the pattern accepted; from_chars is correctly rounded like it and ignores the locale.
double toDouble(std::string_view token)
{
    double value = 0;
    std::from_chars(token.data(), token.data() + token.size(), value, std::chars_format::fixed);
    return value;
}

// Why a token is not \d(?:\.\d*)?; the first rule that applies, in the order a reader would look.
std::string numberProblem(std::string_view token)
{
    if (token.empty())
        return "an empty number (a missing number or two separators in a row)";
    if (token[0] == '-' || token[0] == '+')
        return "a signed number (\"" + std::string(token) + "\"): the pattern has no sign";
    if (token.find_first_of("eE") != std::string_view::npos)
        return "exponent notation (\"" + std::string(token) + "\")";
    for (char c : token)
        if (!isDigit(c) && c != '.')
            return "an unexpected character '" + std::string(1, c) + "' in \"" + std::string(token) + "\"";
    if (token[0] == '.')
        return "no digit before the decimal point (\"" + std::string(token) + "\")";
    if (std::count(token.begin(), token.end(), '.') > 1)
        return "more than one decimal point (\"" + std::string(token) + "\")";
    return "more than one digit before the decimal point (\"" + std::string(token) +
           "\"): the pattern reads fractions 0-9.x, not a 0-1000 scale or pixels";
}

std::string diagnose(std::string_view content)
{
    if (std::none_of(content.begin(), content.end(), isDigit))
        return "no numbers between the brackets";
    if (content.find_first_of(" \t\r\n") != std::string_view::npos)
        return "whitespace inside the brackets (the pattern allows none, not even after a comma)";
    const std::vector<std::string_view> items = split(content, ';');
    bool anyBox = false, anyPoint = false;
    for (std::string_view item : items) {
        const std::vector<std::string_view> tokens = split(item, ',');
        for (std::string_view token : tokens)
            if (!isReferenceNumber(token))
                return numberProblem(token);
        anyBox |= tokens.size() == 4;
        anyPoint |= tokens.size() == 2;
    }
    for (std::string_view item : items) {
        const std::size_t count = split(item, ',').size();
        if (count != 4 && count != 2)
            return "a box needs 4 numbers and a point 2, found " + std::to_string(count) + " (\"" + std::string(item) +
                   "\")";
    }
    if (anyBox && anyPoint)
        return "boxes and points mixed in one bracket pair";
    return "does not match the reference's pattern";
}

// The group starting at text[open] == '[' if it matches one of the two patterns. Both patterns allow no '[' or ']'
// inside, and backtracking cannot help a failed ';' part, so a match is exactly: the text up to the first ']' splits
// into ';' parts that all have 4 (boxes) or all have 2 (points) ','-separated reference numbers.
std::optional<BracketGroup> matchAt(std::string_view text, std::size_t open, std::size_t close)
{
    const std::string_view content = text.substr(open + 1, close - open - 1);
    const std::vector<std::string_view> items = split(content, ';');
    std::size_t arity = 0;
    for (std::string_view item : items) {
        const std::vector<std::string_view> tokens = split(item, ',');
        if (arity == 0)
            arity = tokens.size();
        if (tokens.size() != arity || (arity != 4 && arity != 2))
            return std::nullopt;
        if (!std::all_of(tokens.begin(), tokens.end(), isReferenceNumber))
            return std::nullopt;
    }
    BracketGroup group;
    group.kind = arity == 4 ? BracketGroup::Kind::Boxes : BracketGroup::Kind::Points;
    group.offset = open;
    group.length = close - open + 1;
    for (std::string_view item : items) {
        const std::vector<std::string_view> tokens = split(item, ',');
        double values[4] = {0, 0, 0, 0};
        for (std::size_t i = 0; i < arity; ++i) {
            values[i] = toDouble(tokens[i]);
            group.outOfRange |= values[i] > 1.0;
        }
        if (arity == 4)
            group.boxes.push_back({values[0], values[1], values[2], values[3]});
        else
            group.points.push_back({values[0], values[1]});
    }
    return group;
}

} // namespace

ParsedAnswer BoxAnswerParser::parse(std::string_view answer)
{
    ParsedAnswer parsed;
    std::size_t open = answer.find('[');
    while (open != std::string_view::npos) {
        const std::size_t close = answer.find(']', open + 1);
        const std::size_t nextOpen = answer.find('[', open + 1);
        if (close != std::string_view::npos && (nextOpen == std::string_view::npos || close < nextOpen)) {
            if (auto group = matchAt(answer, open, close)) {
                parsed.groups.push_back(std::move(*group));
                open = nextOpen; // findall goes on after the match; no '[' lies inside it
                continue;
            }
            parsed.skipped.push_back({open,
                                      std::string(answer.substr(open, std::min(close - open + 1, kMaxSkippedText))),
                                      diagnose(answer.substr(open + 1, close - open - 1))});
        } else {
            // No ']' before the next '[' (nested) or before the end (never closed): no match can start here.
            const std::size_t end = nextOpen == std::string_view::npos ? answer.size() : nextOpen;
            parsed.skipped.push_back({open, std::string(answer.substr(open, std::min(end - open, kMaxSkippedText))),
                                      nextOpen == std::string_view::npos
                                          ? "no closing ']'"
                                          : "another '[' before the closing ']' (nested brackets)"});
        }
        open = nextOpen;
    }
    return parsed;
}

std::vector<std::vector<Box>> ParsedAnswer::boxAnswers() const
{
    std::vector<std::vector<Box>> answers;
    for (const BracketGroup &group : groups)
        if (group.kind == BracketGroup::Kind::Boxes)
            answers.push_back(group.boxes);
    return answers;
}

std::vector<std::vector<Point>> ParsedAnswer::pointAnswers() const
{
    std::vector<std::vector<Point>> answers;
    for (const BracketGroup &group : groups)
        if (group.kind == BracketGroup::Kind::Points)
            answers.push_back(group.points);
    return answers;
}

bool ParsedAnswer::hasBoxes() const
{
    return std::any_of(groups.begin(), groups.end(),
                       [](const BracketGroup &g) { return g.kind == BracketGroup::Kind::Boxes; });
}

bool ParsedAnswer::hasOutOfRange() const
{
    return std::any_of(groups.begin(), groups.end(), [](const BracketGroup &g) { return g.outOfRange; });
}

std::string BoxAnswerParser::formatNumber(double value)
{
    // to_chars with a precision rounds the exact binary value correctly (ties to even), as CPython's format does.
    char buffer[512]; // fixed notation of the largest double needs 313 bytes
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 3);
    if (ec != std::errc())
        return "?";
    return std::string(buffer, end);
}

std::string BoxAnswerParser::formatBoxes(const std::vector<Box> &boxes)
{
    std::string text = "[";
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (i > 0)
            text += ';';
        for (std::size_t k = 0; k < 4; ++k) {
            if (k > 0)
                text += ',';
            text += formatNumber(boxes[i][k]);
        }
    }
    return text + "]";
}

std::string BoxAnswerParser::formatPoints(const std::vector<Point> &points)
{
    std::string text = "[";
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0)
            text += ';';
        text += formatNumber(points[i][0]);
        text += ',';
        text += formatNumber(points[i][1]);
    }
    return text + "]";
}

} // namespace vindex::decode
