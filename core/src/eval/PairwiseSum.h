#pragma once
// numpy's summation of a float64 array (pairwise, blocks of 128 unrolled by 8), so that means of per-trial scores
// come out as np.mean computes them, to the last bit. Private to core/eval.
#include <vector>

namespace vindex::eval {

double pairwiseSum(const double *values, std::size_t n);
inline double numpyMean(const std::vector<double> &values)
{
    return values.empty() ? 0.0 : pairwiseSum(values.data(), values.size()) / static_cast<double>(values.size());
}

} // namespace vindex::eval
