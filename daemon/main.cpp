#include "LibrarianServer.h"
#include "MaskedUrl.h"
#include "ServerConfig.h"
#include "ServerSetup.h"
#include "db/Peers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace librarian;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT/SIGTERM end the event loop cleanly (open files closed, database connections released).
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "librarian-server: error: %s\n", qPrintable(message));
    return code;
}

QString describe(const ApiError &error)
{
    return error.suggestedRemedy.isEmpty() ? error.reason : error.reason + QStringLiteral(" (") + error.suggestedRemedy + QLatin1Char(')');
}

int runSetup(const ServerConfig &config)
{
    const QString user = qEnvironmentVariable("LIBRARIAN_ADMIN_USER", QStringLiteral("admin"));
    auto report = ServerSetup(config).run(user, qEnvironmentVariable("LIBRARIAN_ADMIN_PASSWORD"));
    if (!report)
        return fail(describe(report.error()));
    std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "Database %1: %n migration(s) applied.", nullptr,
                                                               report->migrationsApplied)
                                       .arg(maskedUrl(config.databaseText))));
    if (report->keyCreated)
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "Encryption key created: %1 (mode 0600).")
                                           .arg(config.encryptionKeyFile)));
    for (const QString &store : report->stores)
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "Store %1 ready.").arg(store)));
    if (report->configRestricted)
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "Configuration %1 made owner-only.")
                                           .arg(config.filePath)));
    if (report->configOpen)
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "librarian-server: warning: other users can read the "
                                                                    "configuration %1, which names the database; "
                                                                    "chmod 600 it.")
                                    .arg(config.filePath)));
    if (report->adminCreated) {
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "Administrator account %1 created.").arg(user)));
        if (!report->generatedPassword.isEmpty())
            std::printf("%s\n", qPrintable(QCoreApplication::translate(
                                               "main", "Its password is %1 — shown only this once; change it with "
                                                       "'librarian change-password'.")
                                               .arg(report->generatedPassword)));
    } else {
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "Administrator account %1 already exists; unchanged.")
                                           .arg(user)));
    }
    return 0;
}

// Flips a peer's transfer switch straight in the database, for when the server is down.
int runChangeTransferStatus(const ServerConfig &config, const QString &librarian, bool enable)
{
    Database database(config.database);
    auto db = database.connection();
    if (!db)
        return fail(describe(db.error()));
    if (auto s = Peers(*db).setTransfersEnabled(librarian, enable); !s)
        return fail(describe(s.error()));
    std::printf("%s\n", qPrintable((enable ? QCoreApplication::translate("main", "Transfers to %1 enabled.")
                                            : QCoreApplication::translate("main", "Transfers to %1 disabled."))
                                       .arg(librarian)));
    return 0;
}

// For scripts and tests: the ports actually bound (port 0 picks free ones), written whole or not at all.
bool writePortsFile(const QString &path, const LibrarianServer &server)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("port"), server.port()},
                                         {QStringLiteral("data_port"), server.dataPort()},
                                         {QStringLiteral("pid"), qint64(QCoreApplication::applicationPid())}})
                   .toJson(QJsonDocument::Compact));
    return file.commit();
}

} // namespace

int main(int argc, char *argv[])
{
    // Everything the server creates (database and its WAL, key, folders, staged and stored files)
    // is its owner's alone: the catalogue holds password hashes, the key opens the peers' passwords.
    ::umask(077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("librarian-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LIBRARIAN_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddTHH:mm:ss.zzz} %{if-warning}W%{endif}%{if-critical}C%{endif}"
                                      "%{if-info}I%{endif}%{if-debug}D%{endif} %{category}: %{message}"));
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\nlibrarian.*.info=true"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "The librarian server: a catalogue of files and their copies, an HTTP API and a data plane.\n\n"
                "Commands:\n"
                "  setup   create or migrate the database, the store folders, the encryption key\n"
                "          and the first administrator (LIBRARIAN_ADMIN_USER, default admin;\n"
                "          LIBRARIAN_ADMIN_PASSWORD, made up and printed once if unset). Idempotent.\n"
                "          The database, its -wal/-shm, the key and its new folder and the config\n"
                "          are made owner-only; every command runs with umask 077.\n"
                "  start   serve the HTTP API and the data plane on the configured host and ports,\n"
                "          and run the background tasks of the config's 'background' section.\n"
                "  background-only\n"
                "          run only the background tasks (same database; no HTTP).\n"
                "  change-transfer-status --librarian NAME (--enable | --disable)\n"
                "          switch transfers to a peer on or off directly in the database."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QCoreApplication::translate("main", "setup, start, background-only or change-transfer-status"));
    QCommandLineOption configOption(
        QStringLiteral("config"),
        QCoreApplication::translate("main", "Server configuration file (default: $LIBRARIAN_CONFIG_PATH)."),
        QStringLiteral("file"));
    parser.addOption(configOption);
    QCommandLineOption librarianOption(QStringLiteral("librarian"),
                                       QCoreApplication::translate("main", "Peer name (change-transfer-status)."),
                                       QStringLiteral("name"));
    QCommandLineOption enableOption(QStringLiteral("enable"),
                                    QCoreApplication::translate("main", "Enable transfers (change-transfer-status)."));
    QCommandLineOption disableOption(QStringLiteral("disable"),
                                     QCoreApplication::translate("main", "Disable transfers (change-transfer-status)."));
    QCommandLineOption portsFileOption(
        QStringLiteral("ports-file"),
        QCoreApplication::translate("main", "start: once listening, write {\"port\", \"data_port\", \"pid\"} as JSON to this file."),
        QStringLiteral("file"));
    parser.addOptions({librarianOption, enableOption, disableOption, portsFileOption});
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return fail(QCoreApplication::translate("main", "give one command: setup, start, background-only or change-transfer-status (see --help)."), 2);
    const QString command = args.first();
    const QStringList commands{QStringLiteral("setup"), QStringLiteral("start"), QStringLiteral("change-transfer-status"),
                               QStringLiteral("background-only")};
    if (!commands.contains(command))
        return fail(QCoreApplication::translate("main", "unknown command '%1' (see --help).").arg(command), 2);
    if (command == commands[2]
        && (!parser.isSet(librarianOption) || parser.isSet(enableOption) == parser.isSet(disableOption)))
        return fail(QCoreApplication::translate("main", "change-transfer-status needs --librarian NAME and exactly one "
                                                        "of --enable or --disable."),
                    2);

    auto config = ServerConfig::load(ServerConfig::resolvePath(parser.value(configOption)));
    if (!config)
        return fail(describe(config.error()), 2);

    if (command == commands[0])
        return runSetup(*config);
    if (command == commands[2])
        return runChangeTransferStatus(*config, parser.value(librarianOption), parser.isSet(enableOption));

    quitOnSignals(app);
    LibrarianServer server(*config);
    if (command == commands[3]) {
        if (auto s = server.startBackgroundOnly(); !s)
            return fail(describe(s.error()));
        std::printf("librarian-server: background tasks running\n");
        std::fflush(stdout);
        return app.exec();
    }
    if (auto s = server.start(); !s)
        return fail(describe(s.error()));
    if (parser.isSet(portsFileOption) && !writePortsFile(parser.value(portsFileOption), server))
        return fail(QCoreApplication::translate("main", "cannot write the ports file %1.").arg(parser.value(portsFileOption)));
    std::printf("librarian-server: listening on %s:%d, data plane on port %d\n", qPrintable(config->host), server.port(),
                server.dataPort());
    std::printf("%s\n", qPrintable(QCoreApplication::translate(
                            "main", "Connect the CLI with a client config entry {\"host\": \"http://%1\", \"port\": %2, "
                                    "\"user\": ..., \"password\": ...} (see README).")
                            .arg(config->host)
                            .arg(server.port())));
    std::fflush(stdout);
    return app.exec();
}
