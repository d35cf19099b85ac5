#pragma once
// The reference implementations some unit tests compare with, outside our code: the Python scripts in
// tests/reference, run by the Python that has the reference packages (packaging/install-deps.sh installs them).
//   VINDEX_REFERENCE_PYTHON      the build's reference Python: .venv's with PyTorch's wheel, Debian's python3
//                                with Debian's LibTorch (nibabel: pinned into .venv, or python3-nibabel)
//   VINDEX_PYCOCOEVALCAP_PYTHON  the project's .venv, which holds pycocoevalcap's METEOR jar whatever the LibTorch
//   VINDEX_REFERENCE_SCRIPTS     tests/reference
#include <string>

namespace testsupport {

struct CommandOutput {
    int exitCode = -1;
    std::string out; // standard output
    std::string err; // standard error
};

// Runs a shell command line; its standard output and error separately.
CommandOutput runCommand(const std::string &commandLine);
std::string shellQuote(const std::string &word);
// Whether `python` exists and imports `module`.
bool pythonImports(const std::string &python, const std::string &module);
// The path of a script in tests/reference.
std::string referenceScript(const std::string &name);
// pycocoevalcap's METEOR data folder (pycocoevalcap/meteor/data, holding the paraphrase table paraphrase-en.gz) in the
// Python environment of VINDEX_PYCOCOEVALCAP_PYTHON (the project's .venv); "" when that environment has none.
std::string pycocoevalcapMeteorData();

} // namespace testsupport
