#pragma once

#include "model/Result.h"

#include <QCommandLineParser>
#include <QMap>
#include <functional>

namespace librarian {

// A secret a command takes (a password, an authenticator). It comes from the first of:
// --NAME VALUE (kept for scripts, but every user of the machine sees it in ps and /proc),
// --NAME-stdin (the first line of stdin), the environment variable, or, for a required secret
// when stdin is a terminal, a prompt without echo.
struct Secret
{
    QString name;         // "password": --password VALUE and --password-stdin
    QString environment;  // "LIBRARIAN_PASSWORD"
    QString help;         // what the secret is, for --help: "Password of the account (at least 8 characters)."
    QString prompt;       // "New password"
    bool required = true; // an optional one not given keeps its default and is never prompted for
    bool confirm = false; // a new password: the prompt asks for it twice
    std::function<QString(const QString &)> validate; // a usage problem with the value, or empty
};

class SecretInput
{
public:
    static void addOptions(QCommandLineParser &parser, const Secret &secret);
    // By --NAME, --NAME-stdin or the environment variable.
    static bool isGiven(const QCommandLineParser &parser, const Secret &secret);
    // A usage problem before anything is read, or empty.
    static QString check(const QCommandLineParser &parser, const QList<Secret> &secrets);
    // Every secret given, or prompted for, by name; an error is the caller's (a usage error).
    static Result<QMap<QString, QString>> readAll(const QCommandLineParser &parser, const QList<Secret> &secrets);

private:
    static Result<QString> read(const QCommandLineParser &parser, const Secret &secret);
    static Result<QString> fromStdin(const Secret &secret);
    static Result<QString> fromPrompt(const Secret &secret);
};

} // namespace librarian
