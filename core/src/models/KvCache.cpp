#include "vindex/models/KvCache.h"

#include "vindex/core/Error.h"
#include "vindex/models/LlamaConfig.h"

#include <ATen/ATen.h>

namespace vindex::models {

KvCache::KvCache(const LlamaConfig &config, int64_t batch, int64_t capacity, const Compute &compute)
    : m_batch(batch), m_capacity(capacity)
{
    if (batch <= 0 || capacity <= 0)
        throw ModelError("KV cache needs a positive batch and capacity, got " + std::to_string(batch) + " x " +
                         std::to_string(capacity));
    const auto options = at::TensorOptions().dtype(compute.dtype).device(compute.device);
    for (int64_t l = 0; l < config.numLayers; ++l) {
        m_keys.push_back(at::empty({batch, config.numKeyValueHeads, capacity, config.headDim}, options));
        m_values.push_back(at::empty({batch, config.numKeyValueHeads, capacity, config.headDim}, options));
    }
}

std::pair<at::Tensor, at::Tensor> KvCache::store(int64_t layer, const at::Tensor &keys, const at::Tensor &values)
{
    const int64_t steps = keys.size(2);
    if (m_length + steps > m_capacity)
        throw ModelError("KV cache is full: " + std::to_string(m_length) + " + " + std::to_string(steps) +
                         " slots exceed its capacity of " + std::to_string(m_capacity));
    if (keys.size(0) != m_batch)
        throw ModelError("KV cache holds " + std::to_string(m_batch) + " rows, the input has " +
                         std::to_string(keys.size(0)));
    at::Tensor k = m_keys[layer].narrow(0, 0, m_batch);
    at::Tensor v = m_values[layer].narrow(0, 0, m_batch);
    k.narrow(2, m_length, steps).copy_(keys);
    v.narrow(2, m_length, steps).copy_(values);
    return {k.narrow(2, 0, m_length + steps), v.narrow(2, 0, m_length + steps)};
}

void KvCache::advance(int64_t steps)
{
    m_length += steps;
}

void KvCache::keepRows(const std::vector<int64_t> &rows)
{
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] < 0 || rows[i] >= m_batch || (i > 0 && rows[i] <= rows[i - 1]))
            throw ModelError("KV cache rows to keep must be ascending indices below " + std::to_string(m_batch));
        const auto dst = static_cast<int64_t>(i);
        if (rows[i] == dst)
            continue;
        // Ascending order: a row only moves down onto a row that is already dropped or moved.
        for (auto *buffers : {&m_keys, &m_values})
            for (auto &buffer : *buffers)
                buffer.select(0, dst).narrow(1, 0, m_length).copy_(buffer.select(0, rows[i]).narrow(1, 0, m_length));
    }
    m_batch = static_cast<int64_t>(rows.size());
}

void KvCache::repeatFirstRow(int64_t rows)
{
    const int64_t allocated = m_keys.empty() ? m_batch : m_keys.front().size(0);
    if (rows < 1 || rows > allocated)
        throw ModelError("KV cache can repeat its first row into 1.." + std::to_string(allocated) + " rows, not " +
                         std::to_string(rows));
    if (rows > 1 && m_length > 0)
        for (auto *buffers : {&m_keys, &m_values})
            for (auto &buffer : *buffers)
                buffer.narrow(0, 1, rows - 1)
                    .narrow(2, 0, m_length)
                    .copy_(buffer.narrow(0, 0, 1).narrow(2, 0, m_length));
    m_batch = rows;
}

} // namespace vindex::models
