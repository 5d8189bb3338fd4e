#pragma once

#include "client/LibrarianClient.h"
#include "model/Result.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QMap>
#include <QObject>
#include <functional>

namespace librarian {

// A running command: the parsed arguments, the client for its connection and the ways to end.
// Lives until the event loop ends, so asynchronous callbacks can use it.
class Invocation : public QObject
{
    Q_OBJECT
public:
    Invocation(QCommandLineParser &parser, LibrarianClient *client, bool json, QObject *parent = nullptr);

    const QCommandLineParser &args() const { return m_parser; }
    QString value(const QString &option) const { return m_parser.value(option); }
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString positional(int index) const; // 0 is the first after CONN
    LibrarianClient &client() { return *m_client; }
    // A secret of the command (see Command::secrets); an optional one not given is absent.
    bool hasSecret(const QString &name) const { return m_secrets.contains(name); }
    QString secret(const QString &name) const { return m_secrets.value(name); }
    void setSecrets(const QMap<QString, QString> &secrets) { m_secrets = secrets; }
    bool json() const { return m_json; }

    void print(const QString &line);          // stdout, text mode only
    void printJson(const QJsonValue &value);  // stdout, --json mode only
    void progress(const QString &line);       // stderr, redrawn in place on a terminal
    void succeed();
    void fail(const ApiError &error);

    // Posts `body` to `route`; on success prints the JSON (--json) or `text(value)`.
    void postAndReport(const char *route, const QJsonObject &body,
                       std::function<QString(const QJsonValue &)> text);

private:
    QCommandLineParser &m_parser;
    LibrarianClient *m_client;
    bool m_json;
    bool m_progressShown = false;
    QMap<QString, QString> m_secrets;
};

// "1.5 GiB"
QString humanSize(qint64 bytes);

} // namespace librarian
