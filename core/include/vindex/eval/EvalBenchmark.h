#pragma once
// The benchmark behind `vindex bench eval`: how long scoring a caption file takes with every implemented caption
// metric (PTB tokenization + BLEU-1..4 + ROUGE-L + CIDEr + METEOR (no paraphrase)), on one core (the scorers are
// single-threaded). Reading WordNet for METEOR happens once per process and is timed on its own.
#include <cstddef>
#include <string>

namespace vindex::eval {

struct EvalBenchmarkRequest {
    std::string candidatesPath, referencesPath;
    int repeats = 3; // timed runs; the best is reported
};

struct EvalBenchmarkReport {
    std::size_t trials = 0, references = 0;
    double readSeconds = 0;     // parsing both JSON files
    double tokenizeSeconds = 0; // of the best run
    double scoreSeconds = 0;    // of the best run, all metrics
    double totalSeconds = 0;    // best run: matching, tokenizing and scoring (files already read)
    double wordNetSeconds = 0;  // reading the WordNet database (once per process, before the timed runs)
    double cider = 0;           // the corpus CIDEr and METEOR (no paraphrase) of the run, so the timing is of a
    double meteor = 0;          // real result
};

EvalBenchmarkReport benchmarkCaptionEvaluation(const EvalBenchmarkRequest &request);

} // namespace vindex::eval
