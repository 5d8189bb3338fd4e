#pragma once

#include "Latencies.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

class Report;
class TestLibrarian;
struct HttpRequest;

// The load benchmark of issue 8 against one running librarian-server: each phase measures and
// adds its rows to the report.
class LoadBench
{
public:
    LoadBench(TestLibrarian &server, qint64 pid, int runs, Report &report);

    void parallelUploads();
    void parallelSearches();
    void wrongPasswordFlood();
    void refusalCost();
    void bodiesWithoutCredentials();
    void burstIdleBurst();

private:
    struct Step
    {
        bool ok = false;
        double ms = 0;
        QString error;
        qint64 transferId = -1;
        QList<double> partsMs; // an upload's requests: stage, PUT, commit
    };
    using StepDone = std::function<void(const Step &)>;

    HttpRequest api(const char *route, const QByteArray &body, bool withCredentials = true) const;
    // stage -> PUT on the data plane -> commit, as the CLI does it; `stageOnly` stops after staging.
    void upload(const QString &name, const QByteArray &content, StepDone done, bool stageOnly = false);
    // `parts`, if given, receives the latencies of the stage, PUT and commit requests.
    Latencies uploadBatch(const QStringList &names, double *wallMs = nullptr, QList<Latencies> *parts = nullptr);
    // Starts `count` jobs at once and returns when every one has reported.
    QList<Step> runParallel(int count, const std::function<void(int, StepDone)> &job);
    void idle(int ms);
    QString storedName(int run, int i) const;

    TestLibrarian &m_server;
    qint64 m_pid;
    int m_runs;
    Report &m_report;
    QByteArray m_credentials;
    QStringList m_uploaded;
};
