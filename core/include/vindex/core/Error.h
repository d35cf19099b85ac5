#pragma once
// The exception hierarchy of the engine. Messages say what was expected, what was found and which file,
// so that the CLI and the GUI can show them as they are.
#include <stdexcept>
#include <string>

namespace vindex {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A file does not have the layout its format requires (truncated, bad magic, offsets out of range, ...).
class FormatError : public Error {
public:
    using Error::Error;
    // "<path>: <what>" — every parser error names the file.
    FormatError(const std::string &path, const std::string &what) : Error(path + ": " + what) {}
};

// A checkpoint or configuration does not fit the model that should be built from it.
class ModelError : public Error {
public:
    using Error::Error;
};

// A dataset is missing parts or is inconsistent.
class DataError : public Error {
public:
    using Error::Error;
};

// Long work stopped because the user asked for it.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace vindex
