// bench_load: the load benchmark of issue 8. Starts one real librarian-server in a temporary folder
// on 127.0.0.1 and prints one table: parallel uploads and searches, a wrong-password flood beside a
// pinger, large bodies a JSON route must refuse (server RSS), and burst-idle-burst on the thread pool.
// Exits 0 whatever the numbers, unless the server could not start or died.
#include "LoadBench.h"
#include "ProcessMemory.h"
#include "Report.h"
#include "TestLibrarian.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = qEnvironmentVariableIsSet("LIBRARIAN_BENCH_RUNS")
                         ? qMax(1, qEnvironmentVariableIntValue("LIBRARIAN_BENCH_RUNS"))
                         : 3;
    QTextStream err(stderr);

    TestLibrarian server(QStringLiteral("loadbench"), QStringLiteral("load-bench-password"));
    // The flood must reach the password checks: no address or account is throttled here.
    server.set(QStringLiteral("login_free_failures_per_address"), 1000000);
    server.set(QStringLiteral("login_free_failures_per_account"), 1000000);
    QString setupOutput;
    if (server.setup(&setupOutput) != 0 || !server.start()) {
        err << "bench_load: the server did not set up or start:\n" << setupOutput << server.serverOutput() << Qt::endl;
        return 1;
    }
    QFile portsFile(server.dir() + QStringLiteral("/ports.json"));
    portsFile.open(QIODevice::ReadOnly);
    const qint64 pid = QJsonDocument::fromJson(portsFile.readAll()).object().value(QStringLiteral("pid")).toInteger();
    if (!ProcessMemory::alive(pid)) {
        err << "bench_load: no server process " << pid << Qt::endl;
        return 1;
    }

    Report report;
    LoadBench bench(server, pid, runs, report);
    const QList<void (LoadBench::*)()> phases{&LoadBench::parallelUploads,          &LoadBench::parallelSearches,
                                              &LoadBench::wrongPasswordFlood,       &LoadBench::refusalCost,
                                              &LoadBench::bodiesWithoutCredentials, &LoadBench::burstIdleBurst};
    bool crashed = false;
    for (auto phase : phases) {
        (bench.*phase)();
        if (!ProcessMemory::alive(pid)) {
            crashed = true;
            break;
        }
    }

    QTextStream out(stdout);
    out << "Librarian load benchmark (issue 8): one librarian-server on 127.0.0.1, SQLite, "
        << QThread::idealThreadCount() << " cores, " << runs << " run(s) where cheap (LIBRARIAN_BENCH_RUNS)\n"
        << "The issue gives targets, not anchors, for this benchmark: 'target' is the issue's goal.\n";
    out.flush();
    report.print();
    if (crashed) {
        out << "THE SERVER DIED during the benchmark. Its output:\n" << server.serverOutput() << Qt::endl;
        return 1;
    }
    return 0;
}
