#include "MainWindow.h"
#include "NetworkPage.h"
#include "SessionModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

using namespace librarian;

namespace {
Q_LOGGING_CATEGORY(lcGui, "librarian.gui")

// The system locale unless --lang says otherwise; English needs no file.
void installTranslations(QApplication &app, const QString &lang)
{
    const QLocale locale = lang.isEmpty() ? QLocale::system() : QLocale(lang);
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("librarian"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(ours);
    else if (!lang.isEmpty() && !lang.startsWith(QLatin1String("en")))
        qCWarning(lcGui) << "no translation for" << lang << "- using English";
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    QLocale::setDefault(locale);
}
} // namespace

int main(int argc, char *argv[])
{
    // Without a display Qt aborts with a core dump. --help, --version and --screenshot need none,
    // so they run offscreen; anything else gets one clear line instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        bool headless = false;
        for (int i = 1; i < argc; ++i) {
            const QByteArray arg(argv[i]);
            headless = headless || arg == "--help" || arg == "-h" || arg == "--version" || arg == "-v" ||
                       arg.startsWith("--screenshot");
        }
        if (!headless) {
            std::fprintf(stderr, "librarian-gui: no display (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a "
                                 "desktop, through ssh -X, under xvfb-run, or with --screenshot FILE.\n");
            return 2;
        }
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("librarian-gui"));
    QApplication::setApplicationVersion(QStringLiteral(LIBRARIAN_VERSION));

    // --lang must be known before any tr(), so look for it before the parser's texts are made.
    QString lang;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--lang") && i + 1 < args.size())
            lang = args[i + 1];
        else if (args[i].startsWith(QLatin1String("--lang=")))
            lang = args[i].mid(7);
    }
    installTranslations(app, lang);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Operator GUI for a network of librarians: the live network graph, accounts, librarians, files, transfers "
                "and errors, over the connections of the client config shared with the librarian command."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QApplication::translate("main", "Language (de, fr, en); default: the system's."),
                                        QStringLiteral("code"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QApplication::translate("main", "Client config (default: LIBRARIAN_CLIENT_CONFIG, else %1).").arg(ClientConfig::defaultPath()),
        QStringLiteral("file"));
    const QCommandLineOption connectAllOption(QStringLiteral("connect-all"),
                                              QApplication::translate("main", "Connect every connection at start."));
    const QCommandLineOption shotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Connect all, wait for the network graph, save the window as PNG to <file> and quit."),
        QStringLiteral("file"));
    parser.addOptions({langOption, configOption, connectAllOption, shotOption});
    parser.process(app);

    const QString path = parser.isSet(configOption) ? parser.value(configOption) : ClientConfig::defaultPath();
    auto config = ClientConfig::load(path);
    if (!config && QFile::exists(path)) {
        std::fprintf(stderr, "librarian-gui: %s\n", qPrintable(config.error().reason));
        return 2;
    }
    SessionModel sessions(config ? *config : ClientConfig::emptyAt(path));
    MainWindow window(&sessions);
    window.show();

    if (parser.isSet(connectAllOption) || parser.isSet(shotOption))
        window.connectAll();
    if (parser.isSet(shotOption)) {
        const QString file = parser.value(shotOption);
        auto save = [&window, file] {
            const bool ok = window.grab().save(file);
            std::fprintf(ok ? stdout : stderr, "%s %s\n",
                         qPrintable(ok ? QApplication::translate("main", "Screenshot saved to")
                                       : QApplication::translate("main", "Could not write")),
                         qPrintable(file));
            QApplication::exit(ok ? 0 : 1);
        };
        // Once every connection has answered (or after a bounded wait).
        QObject::connect(window.networkPage(), &NetworkPage::refreshed, &window, [&sessions, save] {
            for (Session *s : sessions.sessions())
                if (s->state() == Session::State::Connecting || s->state() == Session::State::Disconnected)
                    return;
            QTimer::singleShot(300, save);
        });
        QTimer::singleShot(Session::kConnectTimeoutMs + 5000, save);
        window.networkPage()->refresh(); // answers at once when there is nothing to connect

    }
    return app.exec();
}
