#include "TestPostgres.h"

#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <QCollator>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>

namespace {
const QString kSuperuser = QStringLiteral("postgres");
const QString kSuperuserPassword = QStringLiteral("cluster-superuser-password");

// The newest installed major version's bin folder, or an empty string.
QString postgresBin()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(),
              [&](const QString &a, const QString &b) { return numeric.compare(a, b) > 0; });
    for (const QString &v : versions) {
        const QString bin = root.filePath(v + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/postgres")))
            return bin;
    }
    return {};
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}
} // namespace

TestPostgres::TestPostgres() : m_connection(QStringLiteral("test-postgres-%1").arg(quintptr(this))) {}

TestPostgres::~TestPostgres()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    if (!m_server || m_server->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_server->processId()), SIGINT); // "fast" shutdown: ends sessions, no waiting for clients
    if (!m_server->waitForFinished(10000)) {
        m_server->kill();
        m_server->waitForFinished(5000);
    }
}

void TestPostgres::configureChild(QProcess &process) const
{
    process.setWorkingDirectory(m_dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    const int uid = m_uid;
    const int gid = m_gid;
    // The parent-death signal is cleared by a change of user, so it is set after it: a test that
    // crashes takes its cluster with it.
    process.setChildProcessModifier([uid, gid] {
        if (uid >= 0) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid_t(gid)) != 0 || ::setuid(uid_t(uid)) != 0)
                ::_exit(127);
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
}

bool TestPostgres::run(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    configureChild(p);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(m_bin + QLatin1Char('/') + program, args);
    const bool finished = p.waitForFinished(60000);
    *output = QString::fromLocal8Bit(p.readAll());
    return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool TestPostgres::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    m_bin = postgresBin();
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                                 "scripts/install-deps.sh installs it");
        return false;
    }
    if (::geteuid() == 0) {
        const passwd *user = ::getpwnam("postgres");
        if (!user) {
            m_error = QStringLiteral("running as root and there is no 'postgres' system user to run the cluster as");
            return false;
        }
        m_uid = int(user->pw_uid);
        m_gid = int(user->pw_gid);
    }
    const QString pwfile = m_dir.filePath(QStringLiteral("superuser.pw"));
    {
        QFile f(pwfile);
        if (!f.open(QIODevice::WriteOnly)) {
            m_error = QStringLiteral("cannot write %1").arg(pwfile);
            return false;
        }
        f.write(kSuperuserPassword.toUtf8() + '\n');
    }
    if (m_uid >= 0 && (::chown(QFile::encodeName(m_dir.path()).constData(), uid_t(m_uid), gid_t(m_gid)) != 0 ||
                       ::chown(QFile::encodeName(pwfile).constData(), uid_t(m_uid), gid_t(m_gid)) != 0)) {
        m_error = QStringLiteral("cannot hand %1 to the postgres user").arg(m_dir.path());
        return false;
    }
    QString output;
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), data, QStringLiteral("-U"), kSuperuser, QStringLiteral("--pwfile=") + pwfile,
              QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
              QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--no-sync"),
              QStringLiteral("--no-instructions")},
             &output)) {
        m_error = QStringLiteral("initdb failed: %1").arg(output.right(2000));
        return false;
    }

    const QString logPath = m_dir.filePath(QStringLiteral("postgres.log"));
    // Another process may take the free port before the server binds it: then try another.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freePort();
        m_server = std::make_unique<QProcess>();
        configureChild(*m_server);
        // A pipe nobody reads would stall the server once full: it logs to a file.
        m_server->setStandardOutputFile(logPath, QIODevice::Append);
        m_server->setStandardErrorFile(logPath, QIODevice::Append);
        m_server->start(m_bin + QStringLiteral("/postgres"),
                        {QStringLiteral("-D"), data, QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                         QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-k"), m_dir.path(),
                         QStringLiteral("-c"), QStringLiteral("fsync=off"), QStringLiteral("-c"),
                         QStringLiteral("synchronous_commit=off"), QStringLiteral("-c"),
                         QStringLiteral("full_page_writes=off"), QStringLiteral("-c"),
                         QStringLiteral("deadlock_timeout=100ms")});
        QSqlDatabase db = QSqlDatabase::contains(m_connection)
                              ? QSqlDatabase::database(m_connection, false)
                              : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
        if (!db.isValid()) {
            m_error = QStringLiteral("the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
            return false;
        }
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(kSuperuser);
        db.setPassword(kSuperuserPassword);
        db.setDatabaseName(QStringLiteral("postgres"));
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && m_server->state() != QProcess::NotRunning) {
            if (db.open())
                return true;
            m_server->waitForFinished(100); // returns early only if the server gave up
        }
        QFile log(logPath);
        output = log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()) : QString();
        m_error = QStringLiteral("postgres did not accept connections on port %1: %2 %3")
                      .arg(m_port)
                      .arg(db.lastError().text(), output.right(2000));
        if (m_server->state() != QProcess::NotRunning) {
            m_server->kill();
            m_server->waitForFinished(5000);
            return false;
        }
    }
    return false;
}

bool TestPostgres::superuserExec(const QString &sql)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    m_error = QStringLiteral("%1: %2").arg(sql, q.lastError().text());
    return false;
}

QString TestPostgres::createDatabase(const QString &name)
{
    const QString password = name + QStringLiteral("-password");
    if (!superuserExec(QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD '%2'").arg(name, password)) ||
        !superuserExec(QStringLiteral("CREATE DATABASE \"%1\" OWNER \"%1\"").arg(name)))
        return {};
    return QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/%1").arg(name, password).arg(m_port);
}
