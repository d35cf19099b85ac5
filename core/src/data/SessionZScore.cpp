#include "vindex/data/SessionZScore.h"

#include "vindex/core/Error.h"

#include <cmath>
#include <limits>

namespace vindex::data {

SessionZScore::SessionZScore(int64_t voxels)
    : m_mean(static_cast<std::size_t>(voxels), 0.0), m_m2(static_cast<std::size_t>(voxels), 0.0)
{
}

void SessionZScore::add(const float *row)
{
    ++m_trials;
    const double n = static_cast<double>(m_trials);
    for (std::size_t i = 0; i < m_mean.size(); ++i) {
        const double x = row[i];
        const double delta = x - m_mean[i];
        m_mean[i] += delta / n;
        m_m2[i] += delta * (x - m_mean[i]);
    }
}

void SessionZScore::finish()
{
    if (m_trials < 1)
        throw Error("z-scoring a betas session needs at least one trial");
    constexpr double eps = std::numeric_limits<double>::epsilon();
    const double n = static_cast<double>(m_trials);
    m_scale.assign(m_mean.size(), 1.0);
    for (std::size_t i = 0; i < m_mean.size(); ++i) {
        const double var = m_m2[i] / n;
        // sklearn.utils.extmath._is_constant_feature, then _handle_zeros_in_scale: constant voxels keep scale 1.
        const double bound = n * eps * var + (n * m_mean[i] * eps) * (n * m_mean[i] * eps);
        if (!(var <= bound))
            m_scale[i] = std::sqrt(var);
    }
}

void SessionZScore::apply(const float *row, const double *mean, const double *scale, float *out, std::size_t voxels)
{
    for (std::size_t i = 0; i < voxels; ++i)
        out[i] = static_cast<float>((static_cast<double>(row[i]) - mean[i]) / scale[i]);
}

void SessionZScore::apply(const float *row, float *out) const
{
    apply(row, m_mean.data(), m_scale.data(), out, m_mean.size());
}

} // namespace vindex::data
