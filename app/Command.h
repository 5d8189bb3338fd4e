#pragma once

#include "Invocation.h"
#include "SecretInput.h"

#include <QCommandLineParser>
#include <functional>

namespace librarian {

// One `librarian <name>` command: its options and what it does. Commands of a group live in one
// file (LibrarianCommands.cpp, UserCommands.cpp, ...) and are listed by main.cpp.
struct Command
{
    QString name;
    QString summary;             // one line in `librarian --help`
    QString description;         // optional, more detail for `librarian <name> --help`
    QStringList positionals;     // after CONN, e.g. {"LOCAL-PATH", "DEST-NAME"}
    QStringList positionalsHelp; // one line for each of them, for `--help`
    std::function<void(QCommandLineParser &)> addOptions;
    // Its passwords and authenticators: main adds their options, reads them before run() and hands
    // them over as Invocation::secret().
    QList<Secret> secrets;
    // Validates the arguments; a non-empty string is a usage error.
    std::function<QString(const QCommandLineParser &)> check;
    std::function<void(Invocation &)> run;
};

QList<Command> pingCommands();
QList<Command> librarianCommands();
QList<Command> userCommands();
QList<Command> uploadCommands();
QList<Command> searchCommands();
QList<Command> storeCommands();
QList<Command> instanceCommands();
QList<Command> errorCommands();
QList<Command> pairCommands();
QList<Command> validateCommands();

} // namespace librarian
