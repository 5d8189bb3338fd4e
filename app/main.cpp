#include "Command.h"
#include "ExitCode.h"

#include "client/ClientConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>
#include <cstdio>

using namespace librarian;

namespace {

QList<Command> allCommands()
{
    QList<Command> all;
    for (const auto &group : {pingCommands, librarianCommands, userCommands, uploadCommands, searchCommands,
                              storeCommands, instanceCommands, errorCommands, pairCommands,
                              validateCommands})
        all += group();
    return all;
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "librarian: error: %s\n", qPrintable(message));
    return ExitUsage;
}

void printOverview(const QList<Command> &commands)
{
    QString text = QCoreApplication::translate("main", "Usage: librarian [--version] [--help] <command> CONNECTION-NAME [--json] [options]\n\n"
                                                       "The command-line client of a librarian server. Connections are "
                                                       "named in the client config\n($LIBRARIAN_CLIENT_CONFIG or "
                                                       "~/.config/librarian/client.json). Every command takes --json.\n\n"
                                                       "Commands:\n");
    for (const Command &c : commands)
        text += QStringLiteral("  %1 %2\n").arg(c.name, -24).arg(c.summary);
    text += QCoreApplication::translate("main", "\n'librarian <command> --help' shows a command's options.\n"
                                                "Exit codes: 0 ok, 1 internal error, 2 usage, 3 unauthorized, 4 forbidden, "
                                                "5 not found,\n6 conflict, 7 bad request, 8 too large or no space, 9 "
                                                "unreachable.\n"
                                                "Secrets: --password, --new-password and --authenticator VALUE are "
                                                "seen by every user of\nthe machine (ps); give them instead with "
                                                "--password-stdin, --new-password-stdin,\n--authenticator-stdin (one "
                                                "line of stdin), LIBRARIAN_PASSWORD, LIBRARIAN_NEW_PASSWORD,\n"
                                                "LIBRARIAN_AUTHENTICATOR, or at the prompt on a terminal.\n");
    std::fputs(qPrintable(text), stdout);
}

QString synopsis(const Command &command)
{
    return (QStringList{QStringLiteral("CONNECTION-NAME")} + command.positionals).join(QLatin1Char(' '));
}

// QCommandLineParser names the executable by its path and puts [options] first; say it the way
// the command is typed.
QString helpText(const QCommandLineParser &parser, const Command &command)
{
    QString text = parser.helpText();
    const qsizetype endOfUsage = text.indexOf(QLatin1Char('\n'));
    return QCoreApplication::translate("main", "Usage: librarian %1 %2 [options]").arg(command.name, synopsis(command))
         + text.mid(endOfUsage);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("librarian"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LIBRARIAN_VERSION));
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\nlibrarian.*.info=false"));

    const QList<Command> commands = allCommands();
    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")
        || args[1] == QLatin1String("help")) {
        printOverview(commands);
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    if (args[1] == QLatin1String("--version") || args[1] == QLatin1String("-v")) {
        std::printf("librarian %s\n", LIBRARIAN_VERSION);
        return ExitOk;
    }
    const auto command = std::find_if(commands.begin(), commands.end(), [&](const Command &c) { return c.name == args[1]; });
    if (command == commands.end())
        return usageError(QCoreApplication::translate("main", "unknown command '%1' (see librarian --help).").arg(args[1]));

    QCommandLineParser parser;
    parser.setApplicationDescription(command->description.isEmpty()
                                         ? command->summary
                                         : command->summary + QStringLiteral("\n") + command->description);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("main", "Print the answer as JSON."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("CONNECTION-NAME"),
                                 QCoreApplication::translate("main", "A connection of the client config."));
    for (qsizetype i = 0; i < command->positionals.size(); ++i)
        parser.addPositionalArgument(command->positionals[i], command->positionalsHelp.value(i));
    if (command->addOptions)
        command->addOptions(parser);
    for (const Secret &secret : command->secrets)
        SecretInput::addOptions(parser, secret);
    // The command word is not one of the parser's positionals, so they start at CONNECTION-NAME.
    QStringList commandArgs = args;
    commandArgs.removeAt(1);
    if (!parser.parse(commandArgs))
        return usageError(command->name + QStringLiteral(": ") + parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(helpText(parser, *command)), stdout);
        return ExitOk;
    }
    const QStringList positionals = parser.positionalArguments();
    if (positionals.size() != 1 + command->positionals.size())
        return usageError(QCoreApplication::translate("main", "%1 takes %2 (see librarian %1 --help).")
                              .arg(command->name, synopsis(*command)));
    if (command->check) {
        const QString problem = command->check(parser);
        if (!problem.isEmpty())
            return usageError(command->name + QStringLiteral(": ") + problem);
    }
    if (const QString problem = SecretInput::check(parser, command->secrets); !problem.isEmpty())
        return usageError(command->name + QStringLiteral(": ") + problem);
    // A config that cannot be read or a connection it does not name is the caller's mistake, not
    // the server's: both are usage errors (exit 2), whatever kind the config reports.
    auto config = ClientConfig::load();
    if (!config)
        return usageError(config.error().describe());
    auto connection = config->connection(positionals[0]);
    if (!connection)
        return usageError(connection.error().describe());
    if (config->openToOthers())
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "librarian: warning: the client config %1 holds "
                                                                    "passwords and other users may read or change it; "
                                                                    "chmod 600 %1")
                                    .arg(config->path())));
    // After the config and before the event loop: a prompt comes only when the command can run.
    auto secrets = SecretInput::readAll(parser, command->secrets);
    if (!secrets)
        return usageError(command->name + QStringLiteral(": ") + secrets.error().describe());

    auto *client = new LibrarianClient(*connection, &app);
    auto *invocation = new Invocation(parser, client, parser.isSet(json), &app);
    invocation->setSecrets(*secrets);
    // Start inside the event loop, so QCoreApplication::exit() from a callback ends it.
    QTimer::singleShot(0, invocation, [invocation, run = command->run] { run(*invocation); });
    return app.exec();
}
