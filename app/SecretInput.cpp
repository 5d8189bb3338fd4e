#include "SecretInput.h"

#include <QCoreApplication>
#include <csignal>
#include <cstdio>
#include <iterator>
#include <optional>
#include <termios.h>
#include <unistd.h>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SecretInput", text);
}

QString stdinOption(const Secret &secret)
{
    return secret.name + QStringLiteral("-stdin");
}

// One line of stdin without its line end; nullopt at end of input before any byte.
std::optional<QByteArray> readLine()
{
    QByteArray line;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.append(char(c));
    if (c == EOF && line.isEmpty())
        return std::nullopt;
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

// A signal during the prompt must not leave the terminal without echo.
termios g_savedTerminal;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreTerminalAndDie(int signal)
{
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

std::optional<QByteArray> readWithoutEcho(const QString &prompt)
{
    termios hidden;
    if (::tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0)
        return std::nullopt;
    hidden = g_savedTerminal;
    hidden.c_lflag &= ~tcflag_t(ECHO);
    struct sigaction restore = {}, previous[std::size(kSignals)];
    restore.sa_handler = restoreTerminalAndDie;
    for (std::size_t i = 0; i < std::size(kSignals); ++i)
        ::sigaction(kSignals[i], &restore, &previous[i]);
    // Echo goes off before the prompt shows, so nothing typed after it is echoed or flushed.
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden);
    std::fprintf(stderr, "%s: ", qPrintable(prompt));
    std::fflush(stderr);
    const auto line = readLine();
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
    for (std::size_t i = 0; i < std::size(kSignals); ++i)
        ::sigaction(kSignals[i], &previous[i], nullptr);
    std::fputs("\n", stderr); // the Enter the terminal did not echo
    return line;
}
} // namespace

void SecretInput::addOptions(QCommandLineParser &parser, const Secret &secret)
{
    const QString where = secret.required
                              ? tr("Visible to other users (ps); prefer --%1, $%2 or the prompt on a terminal.")
                              : tr("Visible to other users (ps); prefer --%1 or $%2.");
    parser.addOption({secret.name, secret.help + QLatin1Char(' ') + where.arg(stdinOption(secret), secret.environment),
                      secret.name});
    parser.addOption({stdinOption(secret), tr("Read the %1 from the first line of stdin.").arg(secret.name)});
}

bool SecretInput::isGiven(const QCommandLineParser &parser, const Secret &secret)
{
    return parser.isSet(secret.name) || parser.isSet(stdinOption(secret)) ||
           qEnvironmentVariableIsSet(qPrintable(secret.environment));
}

QString SecretInput::check(const QCommandLineParser &parser, const QList<Secret> &secrets)
{
    QStringList fromStdin;
    for (const Secret &s : secrets) {
        if (parser.isSet(s.name) && parser.isSet(stdinOption(s)))
            return tr("give --%1 or --%2, not both.").arg(s.name, stdinOption(s));
        if (parser.isSet(stdinOption(s)))
            fromStdin << QStringLiteral("--") + stdinOption(s);
        if (s.required && !isGiven(parser, s) && !::isatty(STDIN_FILENO))
            return tr("the %1 is required: give --%2 (its line on stdin), set %3, or run on a terminal to be "
                      "asked (--%1 VALUE works too, but other users can see it).")
                .arg(s.name, stdinOption(s), s.environment);
    }
    if (fromStdin.size() > 1)
        return tr("stdin holds one secret; give only one of %1.").arg(fromStdin.join(QStringLiteral(", ")));
    return {};
}

Result<QMap<QString, QString>> SecretInput::readAll(const QCommandLineParser &parser, const QList<Secret> &secrets)
{
    QMap<QString, QString> values;
    for (const Secret &s : secrets) {
        if (!s.required && !isGiven(parser, s))
            continue;
        auto value = read(parser, s);
        if (!value)
            return value.error();
        if (s.validate) {
            if (const QString problem = s.validate(*value); !problem.isEmpty())
                return ApiError::badRequest(problem);
        }
        values.insert(s.name, *value);
    }
    return values;
}

Result<QString> SecretInput::read(const QCommandLineParser &parser, const Secret &secret)
{
    if (parser.isSet(secret.name))
        return parser.value(secret.name);
    if (parser.isSet(stdinOption(secret)))
        return fromStdin(secret);
    if (qEnvironmentVariableIsSet(qPrintable(secret.environment))) {
        const QString value = qEnvironmentVariable(qPrintable(secret.environment));
        if (value.isEmpty())
            return ApiError::badRequest(tr("%1 is set but empty.").arg(secret.environment));
        return value;
    }
    return fromPrompt(secret);
}

Result<QString> SecretInput::fromStdin(const Secret &secret)
{
    const auto line = readLine();
    if (!line || line->isEmpty())
        return ApiError::badRequest(
            tr("--%1: no %2 on stdin (one line is read).").arg(stdinOption(secret), secret.name));
    return QString::fromUtf8(*line);
}

Result<QString> SecretInput::fromPrompt(const Secret &secret)
{
    const auto first = readWithoutEcho(secret.prompt);
    if (!first || first->isEmpty())
        return ApiError::badRequest(tr("no %1 given.").arg(secret.name));
    if (secret.confirm) {
        const auto again = readWithoutEcho(tr("%1 (again)").arg(secret.prompt));
        if (!again || *again != *first)
            return ApiError::badRequest(tr("the two entries differ; nothing was changed."));
    }
    return QString::fromUtf8(*first);
}

} // namespace librarian
