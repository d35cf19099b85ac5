#pragma once
// The benchmark behind `vindex bench eval`: how long scoring a caption file takes with every implemented caption
// metric (PTB tokenization + BLEU-1..4 + ROUGE-L + CIDEr), on one core (the scorers are single-threaded).
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
    double cider = 0;           // the corpus CIDEr of the run, so the timing is of a real result
};

EvalBenchmarkReport benchmarkCaptionEvaluation(const EvalBenchmarkRequest &request);

} // namespace vindex::eval
