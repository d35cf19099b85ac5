#pragma once
// Both load and score through report::ResultScoring, as the studio does (the same references, groups and numbers).
// `vindex eval captions --candidates C.json|RUN [--references R.json | --brainhub DIR] [--metrics bleu,rouge,cider,
// meteor,clips] [--wordnet DIR] [--meteor-data DIR] [--skip-unmatched] [--per-trial FILE] [--clip DIR
// (--images DIR | --root NSD --subject S)]` (references: --references, else the run manifest's, else the BrainHub
// folder's): BrainHub's caption scores (pycocoevalcap after the PTB tokenizer; CLIP-S / RefCLIP-S with a CLIP folder
// and the stimuli), corpus and per trial. METEOR is the jar's METEOR 1.5 (JSON name METEOR) with --meteor-data DIR (the
// folder of its paraphrase table), otherwise METEOR 1.5 without its paraphrase stage, labelled "METEOR (no paraphrase)"
// (JSON name METEOR_noparaphrase). PAC-S (--pacs), MG-BrainDub's element scores and CAPTURE (--parser / --scene-graphs,
// --capture-encoder) and SentenceS (--sentence-encoder) through the same evaluation. SPICE is refused: Stanford
// CoreNLP's models cannot be had.
// `vindex eval grounding --predictions P.json (--truth T.json | --brainhub DIR) [--groups G.json] [--per-pair FILE]
// [--per-trial FILE]`: BrainHub's acc@0.5 and IoU per salience group of COCO categories (one group "all" without a
// groups file).
// `vindex eval qa`: salient question answering (EvalQaCommand.h).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

struct CommandContext;
class EvalQaCommand;

class EvalCommand {
public:
    EvalCommand(CLI::App &parent, const CommandContext &context);
    ~EvalCommand();
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    int runCaptions() const;
    int runGrounding() const;

    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    CLI::App *m_captions = nullptr;
    std::string m_candidates, m_references, m_brainHub, m_metrics = "bleu,rouge,cider", m_perTrial, m_wordNet,
                                                        m_meteorData;
    bool m_skipUnmatched = false;
    std::string m_clip, m_images, m_root;
    std::string m_pacs, m_pacsVocab; // --pacs CKPT (OpenAI-layout CLIP), --pacs-vocab FILE
    // elements / capture: --parser DIR, --scene-graphs FILE, --capture-encoder DIR; sentence: --sentence-encoder DIR
    std::string m_parser, m_sceneGraphs, m_captureEncoder, m_sentenceEncoder, m_sentenceReduction = "mean";
    int m_subject = 0;
    CLI::App *m_grounding = nullptr;
    std::string m_predictions, m_truth, m_groups, m_perPair;
    double m_threshold = 0.5;
    std::unique_ptr<EvalQaCommand> m_qa; // `eval qa`: EvalQaCommand.h
};
