#include "TestLibrarian.h"

#include <csignal>
#include <sys/prctl.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

TestLibrarian::TestLibrarian(const QString &name, const QString &adminPassword)
    : m_name(name), m_adminPassword(adminPassword)
{
    m_config = QJsonObject{{"name", name},
                           {"displayed_site_name", name + QStringLiteral(" site")},
                           {"host", "127.0.0.1"},
                           {"port", 0},
                           {"data_port", 0},
                           {"database", QStringLiteral("sqlite://") + dbPath()},
                           {"encryption_key_file", keyPath()}};
    addStore(QStringLiteral("store"), true);
}

TestLibrarian::~TestLibrarian()
{
    stop();
}

void TestLibrarian::addStore(const QString &storeName, bool ingestable, double reportFullFraction)
{
    m_stores.append(QJsonObject{
        {"store_name", storeName},
        {"store_type", "local"},
        {"ingestable", ingestable},
        {"store_data", QJsonObject{{"staging_path", stagingPath(storeName)},
                                   {"store_path", storePath(storeName)},
                                   {"report_full_fraction", reportFullFraction}}}});
}

void TestLibrarian::setTransferMethods(const QStringList &methods)
{
    for (int i = 0; i < m_stores.size(); ++i) {
        QJsonObject store = m_stores[i].toObject();
        store.insert(QStringLiteral("transfer_methods"), QJsonArray::fromStringList(methods));
        m_stores[i] = store;
    }
}

void TestLibrarian::useOnlyStoreAt(const QString &stagingPath, const QString &storePath)
{
    m_stores = QJsonArray{QJsonObject{{"store_name", "store"},
                                      {"store_type", "local"},
                                      {"ingestable", true},
                                      {"store_data", QJsonObject{{"staging_path", stagingPath}, {"store_path", storePath}}}}};
}

QString TestLibrarian::storePath(const QString &store) const
{
    return m_dir.filePath(store + QStringLiteral("/files"));
}

QString TestLibrarian::stagingPath(const QString &store) const
{
    return m_dir.filePath(store + QStringLiteral("/staging"));
}

void TestLibrarian::writeConfig()
{
    QJsonObject config = m_config;
    config.insert(QStringLiteral("add_stores"), m_stores);
    QFile file(configPath());
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(config).toJson());
}

int TestLibrarian::setup(QString *output)
{
    writeConfig();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LIBRARIAN_ADMIN_PASSWORD"), m_adminPassword);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(serverBinary(), {QStringLiteral("setup"), QStringLiteral("--config"), configPath()});
    p.waitForFinished(60000);
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool TestLibrarian::start()
{
    m_process = std::make_unique<QProcess>();
    m_output.clear();
    // A test that crashes must not leave its servers running: they die with it.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    const QString portsFile = m_dir.filePath(QStringLiteral("ports.json"));
    QFile::remove(portsFile);
    m_process->start(serverBinary(), {QStringLiteral("start"), QStringLiteral("--config"), configPath(),
                                      QStringLiteral("--ports-file"), portsFile});
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(50);
        m_output += QString::fromUtf8(m_process->readAllStandardOutput());
        QFile ports(portsFile);
        if (ports.open(QIODevice::ReadOnly)) {
            const QJsonObject bound = QJsonDocument::fromJson(ports.readAll()).object();
            m_port = bound.value(QStringLiteral("port")).toInt();
            m_dataPort = bound.value(QStringLiteral("data_port")).toInt();
            return m_port > 0 && m_dataPort > 0;
        }
    }
    m_output += QString::fromUtf8(m_process->readAllStandardError());
    qWarning().noquote() << "server" << m_name << "did not start:" << m_output;
    return false;
}

QString TestLibrarian::output()
{
    if (m_process) {
        m_output += QString::fromUtf8(m_process->readAllStandardOutput());
        m_output += QString::fromUtf8(m_process->readAllStandardError());
    }
    return m_output;
}

void TestLibrarian::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool TestLibrarian::restart()
{
    stop();
    m_config.insert(QStringLiteral("port"), m_port);
    m_config.insert(QStringLiteral("data_port"), m_dataPort);
    writeConfig();
    return start();
}

void TestLibrarian::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

QJsonObject TestLibrarian::transferTasks(const QStringList &destinations, const QString &every, const QJsonObject &sendOptions)
{
    QJsonObject background{{"receive_clone", QJsonArray{QJsonObject{{"task_name", "receive"}, {"every", every}}}}};
    if (destinations.isEmpty())
        return background;
    QJsonArray sends;
    for (const QString &d : destinations) {
        QJsonObject send{{"task_name", "send to " + d}, {"every", every}, {"destination_librarian", d}, {"age_in_days", 1}};
        for (auto it = sendOptions.begin(); it != sendOptions.end(); ++it)
            send.insert(it.key(), it.value());
        sends.append(send);
    }
    background.insert("send_clone", sends);
    background.insert("consume_queue", QJsonArray{QJsonObject{{"task_name", "consume"}, {"every", every}}});
    background.insert("check_consumed_queue", QJsonArray{QJsonObject{{"task_name", "check"}, {"every", every}}});
    return background;
}
