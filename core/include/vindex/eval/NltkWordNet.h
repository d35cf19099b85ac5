#pragma once
// WordNet as NLTK's corpus reader and WordNetLemmatizer see it, for CAPTURE (which calls them): morphy, lemmatize,
// synsets and their lemma names, over Debian's WordNet 3.0 database (the same release NLTK's `wordnet` corpus is).
//
//  - morphy(form, pos): the form itself and, when the form is in that part of speech's exception list, its listed
//    bases, otherwise the forms of WordNet's detachment rules for that part of speech applied once
//    (noun: s ses→s ves→f xes→x zes→z ches→ch shes→sh men→man ies→y; verb: s ies→y es→e es ed→e ed ing→e ing;
//    adjective: er est er→e est→e; adverb: none); those in the index of that part of speech, in that order, unique.
//    Case is kept (the index is lower-case, so "Dogs" has no form).
//  - lemmatize(word, pos): the shortest morphy form (the first among equals), or the word unchanged.
//  - synonyms(word): NLTK's `{l.name() for s in wordnet.synsets(word) for l in s.lemmas()}`: the word lower-cased,
//    morphy in each part of speech, every synset of every form, each synset's lemma names as its data file writes
//    them (case kept, underscores for spaces, adjective markers such as "(a)" removed).
#include "vindex/eval/WordNet.h"

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vindex::io {
class MappedFile;
}

namespace vindex::eval {

class NltkWordNet {
public:
    // Maps data.{noun,verb,adj,adv} of the WordNet's directory; DataError naming a missing file.
    explicit NltkWordNet(std::shared_ptr<const WordNet> wordNet);
    ~NltkWordNet();

    const WordNet &wordNet() const { return *m_wordNet; }

    // `partOfSpeech` is WordNet::kNoun, kVerb, kAdjective or kAdverb.
    std::vector<std::string> morphy(const std::string &form, uint32_t partOfSpeech) const;
    std::string lemmatize(const std::string &word, uint32_t partOfSpeech) const;
    // Whether wordnet.synsets(word, pos) is not empty.
    bool hasSynsets(const std::string &word, uint32_t partOfSpeech) const;
    std::set<std::string> synonyms(const std::string &word) const;
    // The lemma names of one synset key (WordNet.h's part-of-speech × 2^28 + offset). FormatError when the data file
    // has no synset line at that offset.
    std::vector<std::string> lemmaNames(uint32_t synsetKey) const;

private:
    std::shared_ptr<const WordNet> m_wordNet;
    std::shared_ptr<const io::MappedFile> m_data[4];
};

} // namespace vindex::eval
