// vindex: the command line of VINDEX Studio. Every GUI action is also a command here.
#include "vindex/core/BuildInfo.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char **argv)
{
    CLI::App app{"vindex — decode what a person saw from fMRI (VINDEX Studio command line)", "vindex"};
    app.set_version_flag("--version", "vindex " + vindex::versionString());
    CLI11_PARSE(app, argc, argv);
    return 0;
}
