#include "Invocation.h"
#include "ExitCode.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <cstdio>
#include <unistd.h>

namespace librarian {

Invocation::Invocation(QCommandLineParser &parser, LibrarianClient *client, bool json, QObject *parent)
    : QObject(parent), m_parser(parser), m_client(client), m_json(json)
{
}

QString Invocation::positional(int index) const
{
    return m_parser.positionalArguments().value(index + 1); // after CONN
}

void Invocation::print(const QString &line)
{
    if (m_json)
        return;
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

void Invocation::printJson(const QJsonValue &value)
{
    if (!m_json)
        return;
    const QByteArray text = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    std::fputs(text.constData(), stdout);
    std::fputs("\n", stdout);
    std::fflush(stdout);
}

void Invocation::progress(const QString &line)
{
    if (!::isatty(STDERR_FILENO))
        return;
    std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
    std::fflush(stderr);
    m_progressShown = true;
}

void Invocation::succeed()
{
    if (m_progressShown)
        std::fputs("\n", stderr);
    QCoreApplication::exit(ExitOk);
}

void Invocation::fail(const ApiError &error)
{
    if (m_progressShown)
        std::fputs("\n", stderr);
    std::fprintf(stderr, "librarian: error: %s\n", qPrintable(error.describe()));
    QCoreApplication::exit(exitCodeFor(error.kind));
}

void Invocation::postAndReport(const char *route, const QJsonObject &body, std::function<QString(const QJsonValue &)> text)
{
    m_client->post(route, body, [this, text](Result<QJsonValue> r) {
        if (!r)
            return fail(r.error());
        printJson(*r);
        if (text)
            print(text(*r));
        succeed();
    });
}

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace librarian
