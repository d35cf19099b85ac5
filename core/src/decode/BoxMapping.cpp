#include "vindex/decode/BoxMapping.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <system_error>

namespace vindex::decode {
namespace {

double clamp(double value, double low, double high)
{
    return std::min(std::max(value, low), high);
}

// One axis: extent is the image's width or height, offset its place in the square.
double squareToFractionAxis(double v, int64_t side, int64_t extent, int64_t offset)
{
    if (side == extent) // no padding on this axis: keep the value bit for bit
        return v;
    return (v * static_cast<double>(side) - static_cast<double>(offset)) / static_cast<double>(extent);
}

double fractionToSquareAxis(double f, int64_t side, int64_t extent, int64_t offset)
{
    if (side == extent)
        return f;
    return (f * static_cast<double>(extent) + static_cast<double>(offset)) / static_cast<double>(side);
}

} // namespace

BoxMapping::BoxMapping(int64_t width, int64_t height) : m_width(width), m_height(height)
{
    if (width <= 0 || height <= 0)
        throw Error("an image for box mapping needs a positive size, got " + std::to_string(width) + "x" +
                    std::to_string(height));
    m_side = std::max(width, height);
    m_offsetX = (m_side - width) / 2; // non-negative, so C++'s truncation equals Python's //
    m_offsetY = (m_side - height) / 2;
}

Box BoxMapping::squareToPixels(const Box &box) const
{
    const double side = static_cast<double>(m_side);
    const double w = static_cast<double>(m_width), h = static_cast<double>(m_height);
    const double ox = static_cast<double>(m_offsetX), oy = static_cast<double>(m_offsetY);
    return {clamp(box[0] * side - ox, 0, w), clamp(box[1] * side - oy, 0, h), clamp(box[2] * side - ox, 0, w),
            clamp(box[3] * side - oy, 0, h)};
}

Point BoxMapping::squareToPixels(const Point &point) const
{
    const double side = static_cast<double>(m_side);
    return {clamp(point[0] * side - static_cast<double>(m_offsetX), 0, static_cast<double>(m_width)),
            clamp(point[1] * side - static_cast<double>(m_offsetY), 0, static_cast<double>(m_height))};
}

Box BoxMapping::pixelsToSquare(const Box &box) const
{
    // Same operations in the same order as box_xyxy_expand2square then norm_box_xyxy.
    const double side = static_cast<double>(m_side);
    const double ox = static_cast<double>(m_offsetX), oy = static_cast<double>(m_offsetY);
    return {round3(clamp((box[0] + ox) / side, 0, 1)), round3(clamp((box[1] + oy) / side, 0, 1)),
            round3(clamp((box[2] + ox) / side, 0, 1)), round3(clamp((box[3] + oy) / side, 0, 1))};
}

Point BoxMapping::pixelsToSquare(const Point &point) const
{
    const double side = static_cast<double>(m_side);
    return {clamp((point[0] + static_cast<double>(m_offsetX)) / side, 0, 1),
            clamp((point[1] + static_cast<double>(m_offsetY)) / side, 0, 1)};
}

Box BoxMapping::squareToFraction(const Box &box) const
{
    return {squareToFractionAxis(box[0], m_side, m_width, m_offsetX),
            squareToFractionAxis(box[1], m_side, m_height, m_offsetY),
            squareToFractionAxis(box[2], m_side, m_width, m_offsetX),
            squareToFractionAxis(box[3], m_side, m_height, m_offsetY)};
}

Box BoxMapping::fractionToSquare(const Box &box) const
{
    return {fractionToSquareAxis(box[0], m_side, m_width, m_offsetX),
            fractionToSquareAxis(box[1], m_side, m_height, m_offsetY),
            fractionToSquareAxis(box[2], m_side, m_width, m_offsetX),
            fractionToSquareAxis(box[3], m_side, m_height, m_offsetY)};
}

Point BoxMapping::squareToFraction(const Point &point) const
{
    return {squareToFractionAxis(point[0], m_side, m_width, m_offsetX),
            squareToFractionAxis(point[1], m_side, m_height, m_offsetY)};
}

Point BoxMapping::fractionToSquare(const Point &point) const
{
    return {fractionToSquareAxis(point[0], m_side, m_width, m_offsetX),
            fractionToSquareAxis(point[1], m_side, m_height, m_offsetY)};
}

double BoxMapping::round3(double value)
{
    // CPython rounds through the correctly rounded decimal string; to_chars + from_chars do the same, without the
    // locale that printf / strtod would consult.
    char buffer[512];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 3);
    if (ec != std::errc())
        return value;
    double rounded = value;
    std::from_chars(buffer, end, rounded, std::chars_format::fixed);
    return rounded;
}

} // namespace vindex::decode
