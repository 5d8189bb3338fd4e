#include "LoadBench.h"

#include "HttpExchange.h"
#include "Pinger.h"
#include "ProcessMemory.h"
#include "Report.h"
#include "TestLibrarian.h"
#include "crypto/Hasher.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/CloneMessages.h"
#include "model/messages/SearchMessages.h"
#include "model/messages/UploadMessages.h"
#include "model/messages/ValidateMessages.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <memory>

using namespace librarian;

namespace {
constexpr int kUploads = 50;
constexpr int kSearches = 200;
constexpr int kFlood = 200;
constexpr int kPingIntervalMs = 10;
constexpr int kRefusals = 20;
constexpr qint64 kMiB = 1 << 20;
constexpr double kPingP99TargetMs = 100;
constexpr qint64 kRssRiseTargetKib = 32 * 1024;
constexpr int kBurst = 6;
constexpr int kIdleMs = 35000; // past QThreadPool's 30 s expiry: the next burst meets new pool threads
constexpr qint64 kFileBytes = 64 * 1024;

void progress(const QString &text)
{
    QTextStream(stderr) << "[bench_load] " << text << Qt::endl;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 1 : 0);
}

QString mib(qint64 kib)
{
    return QString::number(double(kib) / 1024, 'f', 1);
}

// Waits, serving the event loop, until `done` holds or the deadline passes.
bool idleUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

QList<double> p50s(const QList<Latencies> &runs)
{
    QList<double> values;
    for (const Latencies &l : runs)
        values.append(l.p50());
    return values;
}

QList<double> p99s(const QList<Latencies> &runs)
{
    QList<double> values;
    for (const Latencies &l : runs)
        values.append(l.p99());
    return values;
}

// "p50/p99, p50/p99, ..." of each run: how much the runs differ.
QString eachRun(const QList<Latencies> &runs)
{
    QStringList values;
    for (const Latencies &l : runs)
        values.append(ms(l.p50()) + QLatin1Char('/') + ms(l.p99()));
    return values.join(QStringLiteral(", ")) + QStringLiteral(" ms");
}
} // namespace

LoadBench::LoadBench(TestLibrarian &server, qint64 pid, int runs, Report &report)
    : m_server(server), m_pid(pid), m_runs(runs), m_report(report),
      m_credentials(QByteArrayLiteral("admin:") + server.adminPassword().toUtf8())
{
}

HttpRequest LoadBench::api(const char *route, const QByteArray &body, bool withCredentials) const
{
    HttpRequest request;
    request.port = m_server.port();
    request.path = route;
    request.body = body;
    if (withCredentials)
        request.credentials = m_credentials;
    return request;
}

QList<LoadBench::Step> LoadBench::runParallel(int count, const std::function<void(int, StepDone)> &job)
{
    QList<Step> results(count);
    int pending = count;
    QEventLoop loop;
    for (int i = 0; i < count; ++i) {
        job(i, [&results, &pending, &loop, i](const Step &s) {
            results[i] = s;
            if (--pending == 0)
                loop.quit();
        });
    }
    if (pending > 0)
        loop.exec();
    return results;
}

void LoadBench::idle(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

void LoadBench::upload(const QString &name, const QByteArray &content, StepDone done, bool stageOnly)
{
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(content);
    const UploadStageRequest stage{content.size(), hasher.result().toString(), name.section(QLatin1Char('/'), -1), name,
                                   QStringLiteral("admin")};
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto parts = std::make_shared<QList<double>>();
    auto fail = [done, clock](const QString &step, const HttpOutcome &o) {
        done({false, clock->nsecsElapsed() / 1e6, step + QStringLiteral(": ") + o.describe()});
    };
    HttpExchange::send(api(routes::kUploadStage, compact(stage.toJson())), [=, this](const HttpOutcome &o) {
        if (!o.ok())
            return fail(QStringLiteral("stage"), o);
        auto staged = UploadStageResponse::fromJson(QJsonDocument::fromJson(o.body).object());
        if (!staged)
            return fail(QStringLiteral("stage answer"), o);
        parts->append(o.ms);
        if (stageOnly)
            return done({true, clock->nsecsElapsed() / 1e6, {}, staged->transferId, *parts});
        HttpRequest put;
        put.method = "PUT";
        put.port = staged->http.dataPort;
        put.path = staged->http.path.toUtf8() + "?offset=0";
        put.credentials = m_credentials;
        put.body = content;
        HttpExchange::send(put, [=, this, staged = *staged](const HttpOutcome &o) {
            if (!o.ok())
                return fail(QStringLiteral("PUT"), o);
            parts->append(o.ms);
            UploadCommitRequest commit;
            commit.storeName = staged.storeName;
            commit.stagingName = staged.stagingName;
            commit.stagingLocation = staged.stagingLocation;
            commit.uploadName = staged.uploadName;
            commit.destinationLocation = name;
            commit.uploader = QStringLiteral("admin");
            commit.transferId = staged.transferId;
            HttpExchange::send(api(routes::kUploadCommit, compact(commit.toJson())), [=](const HttpOutcome &o) {
                if (!o.ok())
                    return fail(QStringLiteral("commit"), o);
                parts->append(o.ms);
                done({true, clock->nsecsElapsed() / 1e6, {}, staged.transferId, *parts});
            });
        });
    });
}

Latencies LoadBench::uploadBatch(const QStringList &names, double *wallMs, QList<Latencies> *parts)
{
    QList<QByteArray> contents;
    for (int i = 0; i < names.size(); ++i)
        contents.append(randomBytes(kFileBytes));
    QElapsedTimer wall;
    wall.start();
    const QList<Step> steps =
        runParallel(int(names.size()), [&](int i, StepDone done) { upload(names[i], contents[i], done); });
    if (wallMs)
        *wallMs = wall.nsecsElapsed() / 1e6;
    Latencies l;
    for (int i = 0; i < steps.size(); ++i) {
        l.add(steps[i].ms, steps[i].ok, steps[i].error);
        if (steps[i].ok)
            m_uploaded.append(names[i]);
        if (parts) {
            parts->resize(qMax(parts->size(), steps[i].partsMs.size()));
            for (int k = 0; k < steps[i].partsMs.size(); ++k)
                (*parts)[k].add(steps[i].partsMs[k], true);
        }
    }
    return l;
}

QString LoadBench::storedName(int run, int i) const
{
    return QStringLiteral("load/run%1/file%2.bin").arg(run).arg(i, 2, 10, QLatin1Char('0'));
}

void LoadBench::parallelUploads()
{
    progress(QStringLiteral("1. %1 parallel uploads x %2 runs").arg(kUploads).arg(m_runs));
    QList<Latencies> runs;
    QList<double> walls, stage, put, commit;
    int errors = 0;
    QString firstError;
    for (int r = 0; r < m_runs; ++r) {
        QStringList names;
        for (int i = 0; i < kUploads; ++i)
            names.append(storedName(r, i));
        double wall = 0;
        QList<Latencies> parts;
        runs.append(uploadBatch(names, &wall, &parts));
        parts.resize(3);
        stage.append(parts[0].p50());
        put.append(parts[1].p50());
        commit.append(parts[2].p50());
        walls.append(wall);
        errors += runs.last().errors;
        if (firstError.isEmpty())
            firstError = runs.last().firstError;
    }
    m_report.section(
        QStringLiteral("1. %1 parallel uploads of distinct %2 KiB files (stage -> PUT on the data plane -> commit)")
            .arg(kUploads)
            .arg(kFileBytes / 1024));
    m_report.row(QStringLiteral("errors (all %1 runs, %2 uploads)").arg(m_runs).arg(m_runs * kUploads),
                 QString::number(errors), QStringLiteral("0"), errors == 0);
    if (!firstError.isEmpty())
        m_report.note(QStringLiteral("first error: ") + firstError);
    m_report.row(QStringLiteral("latency p50 / p99 (median of runs)"),
                 QStringLiteral("%1 / %2 ms").arg(ms(median(p50s(runs))), ms(median(p99s(runs)))));
    m_report.row(QStringLiteral("    p50 / p99 of each run"), eachRun(runs));
    m_report.row(QStringLiteral("    p50 of its stage / PUT / commit requests"),
                 QStringLiteral("%1 / %2 / %3 ms").arg(ms(median(stage)), ms(median(put)), ms(median(commit))));
    m_report.row(QStringLiteral("wall time for all %1 (median of runs)").arg(kUploads),
                 QStringLiteral("%1 ms").arg(ms(median(walls))));
}

void LoadBench::parallelSearches()
{
    progress(QStringLiteral("2. %1 parallel searches x %2 runs").arg(kSearches).arg(m_runs));
    m_report.section(
        QStringLiteral("2. %1 parallel searches by name (/search/file, each must find its one file)").arg(kSearches));
    if (m_uploaded.isEmpty()) {
        m_report.note(QStringLiteral("skipped: no upload succeeded"));
        return;
    }
    QList<Latencies> runs;
    int errors = 0, unanswered = 0;
    QString firstError;
    for (int r = 0; r < m_runs; ++r) {
        const QList<Step> steps = runParallel(kSearches, [&](int i, StepDone done) {
            const QString name = m_uploaded[i % m_uploaded.size()];
            FileSearchRequest search;
            search.name = name;
            HttpExchange::send(api(routes::kSearchFile, compact(search.toJson())), [done, name,
                                                                                    &unanswered](const HttpOutcome &o) {
                if (o.status == 0)
                    ++unanswered;
                if (!o.ok())
                    return done({false, o.ms, o.describe()});
                auto files = filesFromJson(QJsonDocument::fromJson(o.body).array());
                if (!files || files->size() != 1 || files->first().name != name)
                    return done({false, o.ms, QStringLiteral("wrong answer: ") + QString::fromUtf8(o.body.left(160))});
                done({true, o.ms, {}});
            });
        });
        Latencies l;
        for (const Step &s : steps)
            l.add(s.ms, s.ok, s.error);
        errors += l.errors;
        if (firstError.isEmpty())
            firstError = l.firstError;
        runs.append(l);
    }
    m_report.row(
        QStringLiteral("errors incl. TCP resets (all %1 runs, %2 searches)").arg(m_runs).arg(m_runs * kSearches),
        QStringLiteral("%1 (%2 without an HTTP answer)").arg(errors).arg(unanswered), QStringLiteral("0"), errors == 0);
    if (!firstError.isEmpty())
        m_report.note(QStringLiteral("first error: ") + firstError);
    m_report.row(QStringLiteral("latency p50 / p99 (median of runs)"),
                 QStringLiteral("%1 / %2 ms").arg(ms(median(p50s(runs))), ms(median(p99s(runs)))));
    m_report.row(QStringLiteral("    p50 / p99 of each run"), eachRun(runs));
}

void LoadBench::wrongPasswordFlood()
{
    progress(QStringLiteral("3. wrong-password flood of %1 x %2 runs").arg(kFlood).arg(m_runs));
    QThread thread;
    auto *pinger = new Pinger(m_server.port(), kPingIntervalMs);
    pinger->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, pinger, &QObject::deleteLater);
    thread.start();
    auto stopPinger = [pinger] {
        QMetaObject::invokeMethod(pinger, &Pinger::stop, Qt::BlockingQueuedConnection);
        idleUntil([pinger] { return pinger->inFlight() == 0; }, 60000);
    };

    QList<Latencies> baselines, floods, pings;
    QList<double> durations;
    int unexpected = 0;
    QString firstUnexpected;
    for (int r = 0; r < m_runs; ++r) {
        QMetaObject::invokeMethod(pinger, &Pinger::start);
        idle(1000);
        stopPinger();
        baselines.append(pinger->takeSamples());

        QMetaObject::invokeMethod(pinger, &Pinger::start);
        QElapsedTimer wall;
        wall.start();
        const QList<Step> steps = runParallel(kFlood, [&](int i, StepDone done) {
            HttpRequest request = api(routes::kPingLogged, "{}", false);
            request.credentials = QByteArrayLiteral("admin:wrong-password-") + QByteArray::number(i);
            HttpExchange::send(request, [done](const HttpOutcome &o) { done({o.status == 401, o.ms, o.describe()}); });
        });
        durations.append(wall.nsecsElapsed() / 1e6);
        stopPinger();
        pings.append(pinger->takeSamples());
        Latencies flood;
        for (const Step &s : steps)
            flood.add(s.ms, s.ok, s.error);
        unexpected += flood.errors;
        if (firstUnexpected.isEmpty())
            firstUnexpected = flood.firstError;
        floods.append(flood);
    }
    thread.quit();
    thread.wait();

    QList<double> pingMax;
    int failedPings = 0;
    for (const Latencies &l : pings) {
        pingMax.append(l.max());
        failedPings += l.errors;
    }
    const double p99 = median(p99s(pings));
    m_report.section(QStringLiteral("3. wrong-password flood: %1 parallel /ping/logged with a wrong password, "
                                    "an anonymous /ping/ every %2 ms")
                         .arg(kFlood)
                         .arg(kPingIntervalMs));
    m_report.note(QStringLiteral("server config: login_free_failures_per_address and _per_account = 1000000, "
                                 "so the throttle (429) does not hide the cost of the checks"));
    m_report.row(QStringLiteral("ping p50 / p99 without flood (median of runs)"),
                 QStringLiteral("%1 / %2 ms").arg(ms(median(p50s(baselines))), ms(median(p99s(baselines)))));
    m_report.row(QStringLiteral("ping p99 during the flood (median of runs)"), QStringLiteral("%1 ms").arg(ms(p99)),
                 QStringLiteral("< %1 ms").arg(kPingP99TargetMs), p99 < kPingP99TargetMs);
    m_report.row(
        QStringLiteral("ping p50 / max during the flood; pings sent per run"),
        QStringLiteral("%1 / %2 ms; %3").arg(ms(median(p50s(pings))), ms(median(pingMax))).arg(pings.last().count()));
    m_report.row(QStringLiteral("    ping p50 / p99 during the flood, each run"), eachRun(pings));
    m_report.row(QStringLiteral("failed pings (all runs)"), QString::number(failedPings), QStringLiteral("0"),
                 failedPings == 0);
    m_report.row(QStringLiteral("flood: answered 401; refusal p50 / p99; whole flood"),
                 QStringLiteral("%1 of %2; %3 / %4 ms; %5 ms")
                     .arg(m_runs * kFlood - unexpected)
                     .arg(m_runs * kFlood)
                     .arg(ms(median(p50s(floods))), ms(median(p99s(floods))), ms(median(durations))));
    if (!firstUnexpected.isEmpty())
        m_report.note(QStringLiteral("first answer other than 401: ") + firstUnexpected);
}

void LoadBench::refusalCost()
{
    progress(QStringLiteral("3b. refusal cost: unknown user vs known user, %1 each").arg(kRefusals));
    Latencies unknown, known, cached;
    auto once = [this](const QByteArray &credentials, int expected, Latencies &into) {
        const Step s = runParallel(1, [&](int, StepDone done) {
                           HttpRequest request = api(routes::kPingLogged, "{}", false);
                           request.credentials = credentials;
                           HttpExchange::send(request, [done, expected](const HttpOutcome &o) {
                               done({o.status == expected, o.ms, o.describe()});
                           });
                       }).first();
        into.add(s.ms, s.ok, s.error);
    };
    // Interleaved, one at a time: each measures one check, not a queue.
    for (int i = 0; i < kRefusals; ++i) {
        once(QByteArrayLiteral("nobody-here:wrong-") + QByteArray::number(i), 401, unknown);
        once(QByteArrayLiteral("admin:wrong-") + QByteArray::number(i), 401, known);
        once(m_credentials, 200, cached);
    }
    const double ratio = known.p50() > 0 ? unknown.p50() / known.p50() : 0;
    m_report.section(
        QStringLiteral("3b. time to refuse a wrong password, one request at a time (p50 of %1 each)").arg(kRefusals));
    m_report.row(QStringLiteral("unknown user / known user, wrong password"),
                 QStringLiteral("%1 / %2 ms").arg(ms(unknown.p50()), ms(known.p50())));
    m_report.row(QStringLiteral("ratio unknown / known"), QString::number(ratio, 'f', 2),
                 QStringLiteral("0.80 - 1.25 (close)"), ratio >= 0.8 && ratio <= 1.25);
    m_report.row(QStringLiteral("right password (cached login), for scale"),
                 QStringLiteral("%1 ms").arg(ms(cached.p50())));
    const int wrongAnswers = unknown.errors + known.errors + cached.errors;
    m_report.row(QStringLiteral("answers other than 401 (wrong) / 200 (right)"), QString::number(wrongAnswers),
                 QStringLiteral("0"), wrongAnswers == 0);
    for (const Latencies *l : {&unknown, &known, &cached}) {
        if (!l->firstError.isEmpty())
            m_report.note(QStringLiteral("unexpected: ") + l->firstError);
    }
}

void LoadBench::bodiesWithoutCredentials()
{
    struct Case
    {
        QString label;
        int parallel;
        qint64 bytes;
        bool credentials;
    };
    const QList<Case> cases{
        {QStringLiteral("1 GiB, no credentials"), 1, 1024 * kMiB, false},
        {QStringLiteral("4 x 256 MiB at once, no credentials"), 4, 256 * kMiB, false},
        {QStringLiteral("256 MiB, valid credentials, over the limit"), 1, 256 * kMiB, true},
        // Under max_json_body_bytes: only the missing credentials can refuse it.
        {QStringLiteral("8 x 15 MiB at once, no credentials, under the limit"), 8, 15 * kMiB, false},
    };
    m_report.section(
        QStringLiteral("4. large bodies to POST /upload/stage (Content-Length up front, generated while sent, "
                       "never held by the client)"));
    m_report.note(
        QStringLiteral("server RSS from /proc/PID/status: before, peak (VmHWM, reset by clear_refs before "
                       "each case) and 1 s after the last answer; 'over the limit': max_json_body_bytes, 16 MiB"));
    for (const Case &c : cases) {
        progress(QStringLiteral("4. ") + c.label);
        ProcessMemory::resetPeak(m_pid);
        const qint64 before = ProcessMemory::residentKib(m_pid);
        // Step::error carries how the request ended, without its time (Step::ms), so equal endings group.
        const QList<Step> steps = runParallel(c.parallel, [&](int, StepDone done) {
            HttpRequest request = api(routes::kUploadStage, {}, c.credentials);
            request.streamedBodyBytes = c.bytes;
            request.timeoutMs = 300000;
            HttpExchange::send(request, [done](const HttpOutcome &o) {
                const bool early = o.bodySentAtAnswer < o.bodyBytes;
                QString how;
                if (o.status == 0)
                    how = QStringLiteral("no answer (%1)").arg(o.error);
                else
                    how = QStringLiteral("%1 after %2 of %3 MiB sent")
                              .arg(o.status)
                              .arg(early ? QString::number(double(o.bodySentAtAnswer) / kMiB, 'f', 1)
                                         : QStringLiteral("all"))
                              .arg(o.bodyBytes / kMiB);
                done({o.status >= 400 && o.status < 500 && early, o.ms, how});
            });
        });
        const qint64 peak = ProcessMemory::peakKib(m_pid);
        idle(1000);
        const qint64 after = ProcessMemory::residentKib(m_pid);
        const qint64 rise = peak - before;
        m_report.row(c.label + QStringLiteral(": RSS before / peak / after"),
                     QStringLiteral("%1 / %2 / %3 MiB").arg(mib(before), mib(peak), mib(after)));
        m_report.row(QStringLiteral("    RSS rise (peak - before)"), QStringLiteral("%1 MiB").arg(mib(rise)),
                     QStringLiteral("< %1 MiB").arg(kRssRiseTargetKib / 1024), rise < kRssRiseTargetKib);
        QStringList endings;
        QList<double> times;
        bool refused = true;
        for (const Step &s : steps) {
            endings.append(s.error);
            times.append(s.ms);
            refused = refused && s.ok;
        }
        std::sort(times.begin(), times.end());
        const qsizetype count = steps.size(), removed = endings.removeDuplicates();
        const QString prefix = count > 1 && removed == count - 1 ? QStringLiteral("%1 x ").arg(count) : QString();
        m_report.row(QStringLiteral("    answer, and when"),
                     prefix + endings.join(QStringLiteral("; ")) + QStringLiteral(", at ") +
                         (count > 1 ? ms(times.first()) + QStringLiteral("-") : QString()) + ms(times.last()) +
                         QStringLiteral(" ms"),
                     QStringLiteral("4xx before all is sent"), refused);
    }
}

void LoadBench::burstIdleBurst()
{
    m_report.section(QStringLiteral("5. burst - idle %1 s - burst: each burst %2 parallel uploads, then at once %2 "
                                    "validate/file, 3 admin/add_file, 3 checkin/update")
                         .arg(kIdleMs / 1000)
                         .arg(kBurst));
    int totalErrors = 0;
    for (int burst = 1; burst <= 2; ++burst) {
        if (burst == 2) {
            progress(QStringLiteral("5. idle %1 s").arg(kIdleMs / 1000));
            idle(kIdleMs);
        }
        progress(QStringLiteral("5. burst %1").arg(burst));
        QStringList names;
        for (int i = 0; i < kBurst; ++i)
            names.append(QStringLiteral("burst%1/upload%2.bin").arg(burst).arg(i));
        const Latencies uploads = uploadBatch(names);

        // Bytes already inside the store, for add_file to catalogue.
        const QString folder = m_server.storePath() + QStringLiteral("/burst%1").arg(burst);
        QDir().mkpath(folder);
        for (int i = 0; i < 3; ++i) {
            QFile f(folder + QStringLiteral("/added%1.bin").arg(i));
            if (f.open(QIODevice::WriteOnly))
                f.write(randomBytes(kFileBytes));
        }
        // Transfers only staged, for checkin/update to fail.
        const QList<Step> staged = runParallel(3, [&](int i, StepDone done) {
            upload(QStringLiteral("burst%1/staged%2.bin").arg(burst).arg(i), randomBytes(kFileBytes), done, true);
        });

        const int calls = kBurst + 3 + 3;
        const QList<Step> steps = runParallel(calls, [&](int i, StepDone done) {
            if (i < kBurst) {
                ValidateFileRequest validate{names[i]};
                HttpExchange::send(api(routes::kValidateFile, compact(validate.toJson())),
                                   [done](const HttpOutcome &o) {
                                       auto items = validationsFromJson(QJsonDocument::fromJson(o.body).array());
                                       bool same = o.ok() && items && !items->isEmpty();
                                       for (const InstanceValidation &v : items ? *items : QList<InstanceValidation>{})
                                           same = same && v.computedSameChecksum;
                                       done({same, o.ms, QStringLiteral("validate/file: ") + o.describe()});
                                   });
            } else if (i < kBurst + 3) {
                const int n = i - kBurst;
                AddFileRequest add;
                add.name = QStringLiteral("burst%1/added%2.bin").arg(burst).arg(n);
                add.uploader = QStringLiteral("admin");
                add.source = QStringLiteral("bench");
                add.path = folder + QStringLiteral("/added%1.bin").arg(n);
                add.storeName = QStringLiteral("store");
                HttpExchange::send(api(routes::kAdminAddFile, compact(add.toJson())), [done](const HttpOutcome &o) {
                    done({o.ok(), o.ms, QStringLiteral("admin/add_file: ") + o.describe()});
                });
            } else {
                const qint64 id = staged[i - kBurst - 3].transferId;
                CheckinUpdateRequest update;
                update.destinationTransferIds = {id};
                update.newStatus = TransferStatus::Failed;
                HttpExchange::send(
                    api(routes::kCheckinUpdate, compact(update.toJson())), [done, id](const HttpOutcome &o) {
                        auto answer = CheckinUpdateResponse::fromJson(QJsonDocument::fromJson(o.body).object());
                        done({o.ok() && answer && answer->modifiedDestinationTransferIds.contains(id), o.ms,
                              QStringLiteral("checkin/update: ") + o.describe()});
                    });
            }
        });
        Latencies others;
        for (const Step &s : staged)
            others.add(s.ms, s.ok, QStringLiteral("stage: ") + s.error);
        for (const Step &s : steps)
            others.add(s.ms, s.ok, s.error);
        const int errors = uploads.errors + others.errors;
        totalErrors += errors;
        m_report.row(QStringLiteral("burst %1%2: errors (of %3 requests)")
                         .arg(burst)
                         .arg(burst == 2 ? QStringLiteral(" (after the idle)") : QString())
                         .arg(kBurst + 3 + calls),
                     QString::number(errors), QStringLiteral("0"), errors == 0);
        for (const QString &e : {uploads.firstError, others.firstError}) {
            if (!e.isEmpty())
                m_report.note(QStringLiteral("first error: ") + e);
        }
        m_report.row(QStringLiteral("    upload p50 / other calls p50"),
                     QStringLiteral("%1 / %2 ms").arg(ms(uploads.p50()), ms(others.p50())));
    }
    Q_UNUSED(totalErrors);
}
