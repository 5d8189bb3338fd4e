#include "CatalogueFill.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <random>

namespace {
constexpr int kTransactionRows = 100000;
}

QString CatalogueFill::fileName(int i)
{
    // A folder per (synthetic) night, as observatories name their raw files.
    return QStringLiteral("raw/%1/zen.%2.%3.sum.uvh5")
        .arg(2459000 + i / 2000)
        .arg(i / 2000)
        .arg(i % 2000, 5, 10, QLatin1Char('0'));
}

qint64 CatalogueFill::createTime(int i) const
{
    // Evenly over the last year, newest about now; a few files share a millisecond.
    return lastTime - (qint64(m_files - 1 - i) * kYearMs) / qMax(1, m_files);
}

bool CatalogueFill::exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

bool CatalogueFill::run(QString *error)
{
    QTextStream err(stderr);
    QElapsedTimer clock;
    clock.start();
    lastTime = QDateTime::currentMSecsSinceEpoch();
    firstTime = createTime(0);
    std::mt19937_64 random(42);
    for (int u = 0; u < kRareUploaders; ++u)
        rareUploaders << QStringLiteral("visitor%1").arg(u, 3, 10, QLatin1Char('0'));
    commonUploaders = {QStringLiteral("pipeline"), QStringLiteral("observer"), QStringLiteral("reprocessing")};

    // Rare uploaders own kFilesPerRareUploader files each, at random places in the catalogue.
    QHash<int, int> rareOwner;
    std::uniform_int_distribution<int> anyFile(0, m_files - 1);
    for (int u = 0; u < kRareUploaders; ++u)
        for (int k = 0; k < kFilesPerRareUploader && rareOwner.size() < m_files / 2; ++k) {
            int f = anyFile(random);
            while (rareOwner.contains(f))
                f = anyFile(random);
            rareOwner.insert(f, u);
        }

    QSqlQuery store(m_db);
    if (!store.exec(QStringLiteral("SELECT id FROM stores ORDER BY id LIMIT 1")) || !store.next()) {
        *error = QStringLiteral("the catalogue has no store");
        return false;
    }
    const qint64 storeId = store.value(0).toLongLong();
    store.finish();

    QSqlQuery pragma(m_db);
    pragma.exec(QStringLiteral("PRAGMA synchronous=OFF")); // a benchmark's fill, not data to keep

    QSqlQuery file(m_db), instance(m_db), remote(m_db), transfer(m_db);
    file.prepare(QStringLiteral(
        "INSERT INTO files (name, create_time, size, checksum, uploader, source) VALUES (?, ?, ?, ?, ?, ?)"));
    instance.prepare(
        QStringLiteral("INSERT INTO instances (path, file_name, store_id, deletion_policy, created_time, available) "
                       "VALUES (?, ?, ?, 0, ?, 1)"));
    remote.prepare(
        QStringLiteral("INSERT INTO remote_instances (file_name, librarian_name, store_id, copy_time, sender) "
                       "VALUES (?, ?, 1, ?, 'catbench')"));
    transfer.prepare(
        QStringLiteral("INSERT INTO outgoing_transfers (status, destination, transfer_size, transfer_checksum, "
                       "start_time, file_name, transfer_method) VALUES ('INITIATED', 'peer2', ?, ?, ?, ?, 'http')"));
    std::uniform_int_distribution<int> percent(0, 99);
    std::uniform_int_distribution<qint64> size(1 << 20, qint64(1) << 31);
    const int notAtPeer2 = std::min(m_files, 2 * kInFlight);
    const QString storeRoot = QStringLiteral("/bench/store/");
    for (int i = 0; i < m_files; ++i) {
        if (i % kTransactionRows == 0 && !m_db.transaction()) {
            *error = m_db.lastError().text();
            return false;
        }
        const QString name = fileName(i);
        const qint64 time = createTime(i);
        const int p = percent(random);
        const QString uploader = rareOwner.contains(i) ? rareUploaders[rareOwner.value(i)]
                                 : p < 70              ? commonUploaders[0]
                                 : p < 92              ? commonUploaders[1]
                                                       : commonUploaders[2];
        const qint64 bytes = size(random);
        const QString checksum = QStringLiteral("xxh3:::%1").arg(quint64(random()), 32, 16, QLatin1Char('0'));
        file.addBindValue(name);
        file.addBindValue(time);
        file.addBindValue(bytes);
        file.addBindValue(checksum);
        file.addBindValue(uploader);
        file.addBindValue(p < 50 ? QStringLiteral("site-a") : QStringLiteral("site-b"));
        instance.addBindValue(storeRoot + name);
        instance.addBindValue(name);
        instance.addBindValue(storeId);
        instance.addBindValue(time);
        remote.addBindValue(name);
        remote.addBindValue(QStringLiteral("peer"));
        remote.addBindValue(time);
        if (!exec(file, error) || !exec(instance, error) || !exec(remote, error))
            return false;
        if (i < m_files - notAtPeer2) {
            remote.addBindValue(name);
            remote.addBindValue(QStringLiteral("peer2"));
            remote.addBindValue(time);
            if (!exec(remote, error))
                return false;
        } else if (i < m_files - notAtPeer2 / 2) {
            transfer.addBindValue(bytes);
            transfer.addBindValue(checksum);
            transfer.addBindValue(lastTime);
            transfer.addBindValue(name);
            if (!exec(transfer, error))
                return false;
        }
        if (i % 1000 == 0 && sampleNames.size() < 5000)
            sampleNames << name;
        if ((i + 1) % kTransactionRows == 0 || i + 1 == m_files) {
            if (!m_db.commit()) {
                *error = m_db.lastError().text();
                return false;
            }
            err << "  filled " << (i + 1) << " files in " << clock.elapsed() / 1000.0 << " s" << Qt::endl;
        }
    }
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    pragma.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}
