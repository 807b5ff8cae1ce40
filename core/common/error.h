#pragma once

#include <QString>

#include <stdexcept>

namespace aip {

/// An error a user can act on: the message names the file (and line, where there is one) and
/// what was expected. Thrown by loaders, parsers and writers; caught by jobs and the CLI.
class Error : public std::runtime_error {
public:
    explicit Error(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

/// Thrown by JobContext::throwIfCancelled(): unwinds a job that was asked to stop.
class CancelledError : public std::runtime_error {
public:
    CancelledError() : std::runtime_error("cancelled") {}
};

}  // namespace aip
