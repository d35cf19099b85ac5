#include "ReferenceTools.h"

#include "TestSupport.h"

#include "vindex/eval/MeteorParaphrases.h"

#include <cstdio>
#include <filesystem>
#include <sys/wait.h>

namespace testsupport {

CommandOutput runCommand(const std::string &commandLine)
{
    CommandOutput result;
    TempDir dir;
    const std::string errPath = dir.file("stderr");
    FILE *pipe = ::popen((commandLine + " 2>" + shellQuote(errPath)).c_str(), "r");
    if (!pipe)
        return result;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.out.append(buffer, n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = readBytes(errPath);
    return result;
}

std::string shellQuote(const std::string &word)
{
    std::string quoted = "'";
    for (char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

bool pythonImports(const std::string &python, const std::string &module)
{
    return runCommand(shellQuote(python) + " -c " + shellQuote("import " + module)).exitCode == 0;
}

std::string referenceScript(const std::string &name)
{
    return std::string(VINDEX_REFERENCE_SCRIPTS) + "/" + name;
}

std::string pycocoevalcapMeteorData()
{
    // .venv/bin/python → .venv
    const auto environment = std::filesystem::path(VINDEX_PYCOCOEVALCAP_PYTHON).parent_path().parent_path();
    return vindex::eval::MeteorParaphrases::findInPythonEnvironment(environment.string());
}

} // namespace testsupport
