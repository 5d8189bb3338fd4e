// bench_catalogue: the catalogue benchmark of issue 9. Fills a real librarian-server's SQLite
// catalogue with LIBRARIAN_BENCH_FILES files (default 1 000 000) before starting it, times
// OutgoingTransfers::candidates (send_clone's selection) on that catalogue, then starts the server
// and times /api/v2/search/file by name, by a rare and by a common uploader and by a time window,
// each against the same SQL run directly on the database. Exits 0 whatever the numbers, 1 only if
// the server could not start, a fill failed or an answer was wrong.
#include "CatalogueFill.h"
#include "Latencies.h"
#include "SearchClient.h"
#include "TestLibrarian.h"
#include "db/Database.h"
#include "db/OutgoingTransfers.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"
#include "model/Routes.h"
#include "model/messages/SearchMessages.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTextStream>
#include <functional>
#include <random>

using namespace librarian;

namespace {
constexpr int kSearches = 200;
constexpr int kWarmUp = 20;
constexpr double kTargetP50 = 5, kTargetP99 = 50;
const QString kPreferredStore = QStringLiteral("store");

double msSince(const QElapsedTimer &clock)
{
    return clock.nsecsElapsed() / 1e6;
}

// The search's selection as plain SQL on one connection: the files, then their instances and
// remote instances by name. What the server cannot do faster than; the anchor of each kind.
int directSearch(QSqlDatabase &db, const FileSearchRequest &r)
{
    QStringList where;
    QVariantList binds;
    if (r.name) {
        where << QStringLiteral("name = ?");
        binds << *r.name;
    }
    if (r.uploader) {
        where << QStringLiteral("uploader = ?");
        binds << *r.uploader;
    }
    if (r.createTimeStart) {
        where << QStringLiteral("create_time >= ?");
        binds << r.createTimeStart->toMSecsSinceEpoch();
    }
    if (r.createTimeEnd) {
        where << QStringLiteral("create_time <= ?");
        binds << r.createTimeEnd->toMSecsSinceEpoch();
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT name, create_time, size, checksum, uploader, source FROM files WHERE %1 "
                             "ORDER BY create_time DESC, name LIMIT %2")
                  .arg(where.join(QStringLiteral(" AND ")))
                  .arg(r.maxResults));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return -1;
    QVariantList names;
    while (q.next())
        names << q.value(0);
    if (names.isEmpty())
        return 0;
    const QString marks = QStringLiteral("?,").repeated(names.size()).chopped(1);
    for (const char *table : {"instances", "remote_instances"}) {
        QSqlQuery copies(db);
        copies.prepare(
            QStringLiteral("SELECT * FROM %1 WHERE file_name IN (%2) ORDER BY id").arg(QLatin1String(table), marks));
        for (const QVariant &n : names)
            copies.addBindValue(n);
        if (!copies.exec())
            return -1;
        while (copies.next()) {
        }
    }
    return int(names.size());
}

struct Row
{
    QString measure;
    QString ours;
    QString anchor;
    QString ratio;
    QString target;
    QString verdict;
};

QString ms(double v)
{
    return v < 10 ? QString::number(v, 'f', 2) + QStringLiteral(" ms")
                  : QString::number(v, 'f', 1) + QStringLiteral(" ms");
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    const int files = qEnvironmentVariableIsSet("LIBRARIAN_BENCH_FILES")
                          ? qMax(1000, qEnvironmentVariableIntValue("LIBRARIAN_BENCH_FILES"))
                          : 1000000;
    QList<Row> rows;

    TestLibrarian server(QStringLiteral("catbench"), QStringLiteral("catalogue-bench-password"));
    QString setupOutput;
    if (server.setup(&setupOutput) != 0) {
        err << "bench_catalogue: setup failed:\n" << setupOutput << Qt::endl;
        return 1;
    }
    auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + server.dbPath());
    Database database(*url);
    auto connection = database.connection();
    if (!connection || !database.migrate()) {
        err << "bench_catalogue: cannot open " << server.dbPath() << Qt::endl;
        return 1;
    }
    QSqlDatabase db = *connection;
    if (StoreRegistry(db).list()->isEmpty()) {
        Store s;
        s.name = kPreferredStore;
        s.stagingPath = server.stagingPath();
        s.storePath = server.storePath();
        if (!StoreRegistry(db).upsert(s)) {
            err << "bench_catalogue: cannot add a store" << Qt::endl;
            return 1;
        }
    }

    err << "filling " << files << " files (schema version " << *database.schemaVersion() << ")" << Qt::endl;
    CatalogueFill fill(db, files);
    QElapsedTimer clock;
    clock.start();
    QString error;
    if (!fill.run(&error)) {
        err << "bench_catalogue: fill failed: " << error << Qt::endl;
        return 1;
    }
    const double fillSeconds = clock.elapsed() / 1000.0;
    const double dbMiB = QFileInfo(server.dbPath()).size() / 1048576.0;

    // send_clone's selection, on the catalogue before the server runs (so nothing else touches it).
    // `since` is the epoch: every file is in the window, the worst case for a scan.
    OutgoingTransfers outgoing(db);
    const QDateTime since = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    auto timeCandidates = [&](const QString &peer, int *count) {
        QElapsedTimer t;
        t.start();
        auto c = outgoing.candidates(peer, since, 128, kPreferredStore);
        const double elapsed = msSince(t);
        *count = c ? int(c->size()) : -1;
        return elapsed;
    };
    bool wrong = false;
    auto candidateRows = [&](const QString &peer, const QString &label, int expected) {
        int count = 0;
        err << "candidates: " << label << Qt::endl;
        const double first = timeCandidates(peer, &count);
        wrong |= count != expected;
        Latencies again;
        for (int k = 0; k < 5; ++k) {
            const double elapsed = timeCandidates(peer, &count);
            again.add(elapsed, count == expected);
        }
        wrong |= again.errors > 0;
        rows << Row{QStringLiteral("candidates, %1: first call").arg(label),
                    ms(first),
                    {},
                    {},
                    QStringLiteral("cheap"),
                    QStringLiteral("%1 files").arg(count)}
             << Row{QStringLiteral("candidates, %1: next calls (p50 of 5)").arg(label),
                    ms(again.p50()),
                    {},
                    {},
                    QStringLiteral("cheap"),
                    again.errors ? QStringLiteral("WRONG ANSWER") : QString()};
    };
    candidateRows(QStringLiteral("peer"), QStringLiteral("idle (all %1 files at the peer)").arg(files), 0);
    candidateRows(QStringLiteral("peer2"),
                  QStringLiteral("%1 in flight, %1 still to send").arg(CatalogueFill::kInFlight), 128);
    // send_clone's steady state: each tick puts what it got in flight, as SendClone does.
    {
        Latencies ticks;
        for (int tick = 0; tick < 10; ++tick) {
            QElapsedTimer t;
            t.start();
            auto c = outgoing.candidates(QStringLiteral("peer2"), since, 128, kPreferredStore);
            ticks.add(msSince(t), c && c->size() == 128);
            if (!c)
                break;
            Transaction txn(db);
            for (const auto &candidate : *c) {
                OutgoingTransfer o;
                o.destination = QStringLiteral("peer2");
                o.fileName = candidate.file.name;
                o.transferSize = candidate.file.size;
                o.transferChecksum = candidate.file.checksum;
                o.instanceId = candidate.instanceId;
                o.startTime = QDateTime::currentDateTimeUtc();
                o.transferMethod = QStringLiteral("http");
                if (!outgoing.create(o))
                    wrong = true;
            }
            if (!txn.commit())
                wrong = true;
        }
        wrong |= ticks.errors > 0;
        rows << Row{QStringLiteral("candidates, send_clone ticks of 128 (p50 / max of 10)"),
                    ms(ticks.p50()) + QStringLiteral(" / ") + ms(ticks.max()),
                    {},
                    {},
                    QStringLiteral("cheap"),
                    ticks.errors ? QStringLiteral("WRONG ANSWER") : QString()};
    }

    if (!server.start()) {
        err << "bench_catalogue: the server did not start:\n" << server.serverOutput() << Qt::endl;
        return 1;
    }
    SearchClient client(server.port(), QByteArrayLiteral("admin:") + server.adminPassword().toUtf8());

    std::mt19937_64 random(7);
    auto pick = [&random](const QStringList &list) {
        return list[std::uniform_int_distribution<qsizetype>(0, list.size() - 1)(random)];
    };
    struct Kind
    {
        QString label;
        std::function<FileSearchRequest()> next;
    };
    const QList<Kind> kinds{
        {QStringLiteral("exact name"),
         [&] {
             FileSearchRequest r;
             r.name = pick(fill.sampleNames);
             return r;
         }},
        {QStringLiteral("rare uploader (%1 files)").arg(CatalogueFill::kFilesPerRareUploader),
         [&] {
             FileSearchRequest r;
             r.uploader = pick(fill.rareUploaders);
             return r;
         }},
        {QStringLiteral("common uploader (max_results 64)"),
         [&] {
             FileSearchRequest r;
             r.uploader = pick(fill.commonUploaders);
             return r;
         }},
        {QStringLiteral("1-hour time window (max_results 64)"),
         [&] {
             FileSearchRequest r;
             const qint64 start =
                 std::uniform_int_distribution<qint64>(fill.firstTime, fill.lastTime - 3600000)(random);
             r.createTimeStart = QDateTime::fromMSecsSinceEpoch(start, Qt::UTC);
             r.createTimeEnd = QDateTime::fromMSecsSinceEpoch(start + 3600000, Qt::UTC);
             return r;
         }},
    };
    for (const Kind &kind : kinds) {
        err << "searches: " << kind.label << Qt::endl;
        Latencies api, direct;
        int mismatches = 0;
        QString firstMismatch;
        for (int k = 0; k < kWarmUp + kSearches; ++k) {
            const FileSearchRequest request = kind.next();
            const QByteArray body = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
            QElapsedTimer t;
            t.start();
            const SearchClient::Answer answer = client.post(routes::kSearchFile, body);
            const double apiMs = msSince(t);
            t.restart();
            const int expected = directSearch(db, request);
            const double directMs = msSince(t);
            const int got = answer.status == 200   ? int(QJsonDocument::fromJson(answer.body).array().size())
                            : answer.status == 404 ? 0
                                                   : -1;
            if (got != expected && mismatches++ == 0)
                firstMismatch = QStringLiteral("%1: HTTP %2 with %3 files, directly %4 (%5)")
                                    .arg(QString::fromUtf8(body))
                                    .arg(answer.status)
                                    .arg(got)
                                    .arg(expected)
                                    .arg(answer.error);
            if (k < kWarmUp)
                continue;
            api.add(apiMs, got == expected);
            direct.add(directMs, expected >= 0);
        }
        wrong |= mismatches > 0;
        const bool pass = api.p50() <= kTargetP50 && api.p99() <= kTargetP99;
        rows << Row{QStringLiteral("search, %1: p50").arg(kind.label),
                    ms(api.p50()),
                    ms(direct.p50()),
                    QString::number(api.p50() / qMax(direct.p50(), 0.001), 'f', 1) + QLatin1Char('x'),
                    ms(kTargetP50),
                    mismatches ? QStringLiteral("WRONG: ") + firstMismatch
                    : pass     ? QStringLiteral("PASS")
                               : QStringLiteral("FAIL")}
             << Row{QStringLiteral("search, %1: p99").arg(kind.label),
                    ms(api.p99()),
                    ms(direct.p99()),
                    QString::number(api.p99() / qMax(direct.p99(), 0.001), 'f', 1) + QLatin1Char('x'),
                    ms(kTargetP99),
                    {}};
    }
    server.stop();

    QTextStream out(stdout);
    out << "Librarian catalogue benchmark (issue 9): " << files << " files (LIBRARIAN_BENCH_FILES), SQLite "
        << QString::number(dbMiB, 'f', 0) << " MiB, filled in " << QString::number(fillSeconds, 'f', 1) << " s\n"
        << "Searches: " << kSearches << " per kind, one at a time over one keep-alive connection (after " << kWarmUp
        << " untimed); anchor: the same selection run directly on the database (files, then their instances and "
           "remote instances by name).\n"
        << "Candidates: OutgoingTransfers::candidates(peer, since = epoch, 128 files), in this process.\n\n";
    const QStringList header{QStringLiteral("measure"), QStringLiteral("ours"),   QStringLiteral("anchor"),
                             QStringLiteral("ratio"),   QStringLiteral("target"), QStringLiteral("verdict")};
    QList<int> widths;
    for (int c = 0; c < header.size(); ++c)
        widths << int(header[c].size());
    auto cells = [](const Row &r) { return QStringList{r.measure, r.ours, r.anchor, r.ratio, r.target, r.verdict}; };
    for (const Row &r : rows)
        for (int c = 0; c < header.size() - 1; ++c)
            widths[c] = qMax(widths[c], int(cells(r)[c].size()));
    auto line = [&](const QStringList &values) {
        for (int c = 0; c < values.size(); ++c)
            out << values[c].leftJustified(c + 1 < values.size() ? widths[c] : 0)
                << (c + 1 < values.size() ? " | " : "");
        out << '\n';
    };
    line(header);
    for (const Row &r : rows)
        line(cells(r));
    out.flush();
    return wrong ? 1 : 0;
}
