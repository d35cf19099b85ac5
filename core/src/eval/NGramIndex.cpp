#include "NGramIndex.h"

#include <algorithm>

namespace vindex::eval {

uint32_t NGramIndex::word(std::string_view w)
{
    const auto [it, added] = m_words.try_emplace(std::string(w), static_cast<uint32_t>(m_words.size()));
    return it->second;
}

std::vector<uint32_t> NGramIndex::words(const std::vector<std::string_view> &ws)
{
    std::vector<uint32_t> ids;
    ids.reserve(ws.size());
    for (const auto w : ws)
        ids.push_back(word(w));
    return ids;
}

uint32_t NGramIndex::ngram(uint32_t prefix, uint32_t w, int order)
{
    const uint64_t key = (order == 1 ? 0 : (static_cast<uint64_t>(prefix) + 1) << 32) | w;
    const auto [it, added] = m_ngrams.try_emplace(key, static_cast<uint32_t>(m_order.size()));
    if (added)
        m_order.push_back(static_cast<uint8_t>(order));
    return it->second;
}

std::vector<std::pair<uint32_t, uint32_t>> NGramIndex::counts(const std::vector<uint32_t> &ws, int maxOrder)
{
    std::vector<uint32_t> ids;
    std::vector<uint32_t> previous(ws.size()); // id of the n-gram of the current order ending at each position
    for (int n = 1; n <= maxOrder && n <= static_cast<int>(ws.size()); ++n) {
        // the n-gram ending at i is (the (n-1)-gram ending at i-1) + ws[i]; walk backwards to reuse `previous`
        for (std::size_t i = ws.size(); i-- > static_cast<std::size_t>(n - 1);) {
            const uint32_t id = ngram(n == 1 ? 0 : previous[i - 1], ws[i], n);
            previous[i] = id;
            ids.push_back(id);
        }
    }
    std::sort(ids.begin(), ids.end());
    std::vector<std::pair<uint32_t, uint32_t>> result;
    for (uint32_t id : ids) {
        if (!result.empty() && result.back().first == id)
            ++result.back().second;
        else
            result.push_back({id, 1});
    }
    return result;
}

} // namespace vindex::eval
