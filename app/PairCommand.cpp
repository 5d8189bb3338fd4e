#include "Command.h"

#include "client/ClientConfig.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/PingMessages.h"
#include "model/messages/UserMessages.h"

#include <QRandomGenerator>
#include <memory>

namespace librarian {

namespace {

QString randomPassword()
{
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString password;
    for (int i = 0; i < 32; ++i)
        password += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return password;
}

// The steps of the seed's two-librarian procedure, run one after another; on a failure the accounts
// already created are deleted again so that no half-made link is left behind.
class Pairing : public QObject
{
public:
    Pairing(Invocation &in, LibrarianClient *source, LibrarianClient *destination)
        : QObject(&in), m_in(in), m_source(source), m_destination(destination)
    {
    }

    void start()
    {
        m_source->call<PingResponse>(routes::kPingAdmin, {}, [this](Result<PingResponse> a) {
            if (!a)
                return fail(tr("Checking ADMIN on %1").arg(m_source->connection().name), a.error());
            m_sourceName = a->librarianName;
            m_destination->call<PingResponse>(routes::kPingAdmin, {}, [this](Result<PingResponse> b) {
                if (!b)
                    return fail(tr("Checking ADMIN on %1").arg(m_destination->connection().name), b.error());
                m_destinationName = b->librarianName;
                if (m_sourceName == m_destinationName)
                    return fail(tr("Pairing"), ApiError::badRequest(tr("Both connections reach librarian %1.").arg(m_sourceName)));
                createCallbackAccount();
            });
        });
    }

private:
    void step(const QString &text) { m_in.print(QStringLiteral("ok: ") + text); }

    void createCallbackAccount()
    {
        const UserCreateRequest user{m_destinationName, m_callbackPassword, AuthLevel::Callback};
        m_source->post(routes::kUsersCreate, user.toJson(), [this](Result<QJsonValue> r) {
            if (!r)
                return fail(tr("Creating account %1 (CALLBACK) on %2").arg(m_destinationName, m_sourceName), r.error());
            m_createdOnSource = true;
            step(tr("account %1 (CALLBACK) created on %2").arg(m_destinationName, m_sourceName));
            createPushAccount();
        });
    }

    void createPushAccount()
    {
        const UserCreateRequest user{m_sourceName, m_pushPassword, AuthLevel::ReadAppend};
        m_destination->post(routes::kUsersCreate, user.toJson(), [this](Result<QJsonValue> r) {
            if (!r)
                return fail(tr("Creating account %1 (READAPPEND) on %2").arg(m_sourceName, m_destinationName), r.error());
            m_createdOnDestination = true;
            step(tr("account %1 (READAPPEND) created on %2").arg(m_sourceName, m_destinationName));
            registerDestination();
        });
    }

    void registerDestination()
    {
        const Connection &to = m_destination->connection();
        const LibrarianAddRequest add{m_destinationName, to.host, to.port, m_sourceName + QLatin1Char(':') + m_pushPassword, true};
        m_source->post(routes::kAdminLibrariansAdd, add.toJson(), [this](Result<QJsonValue> r) {
            if (!r)
                return fail(tr("Registering %1 on %2 (connection checked)").arg(m_destinationName, m_sourceName), r.error());
            step(tr("%1 registered on %2; %1 answered").arg(m_destinationName, m_sourceName));
            registerSource();
        });
    }

    void registerSource()
    {
        const Connection &to = m_source->connection();
        const LibrarianAddRequest add{m_sourceName, to.host, to.port, m_destinationName + QLatin1Char(':') + m_callbackPassword,
                                      true};
        m_destination->post(routes::kAdminLibrariansAdd, add.toJson(), [this](Result<QJsonValue> r) {
            if (!r) {
                // Take back the registration made on the source too, then the accounts.
                const ApiError error = r.error();
                m_source->post(routes::kAdminLibrariansRemove, LibrarianRemoveRequest{m_destinationName, false}.toJson(),
                               [this, error](Result<QJsonValue>) {
                                   fail(tr("Registering %1 on %2 (connection checked)").arg(m_sourceName, m_destinationName),
                                        error);
                               });
                return;
            }
            step(tr("%1 registered on %2; %1 answered").arg(m_sourceName, m_destinationName));
            m_in.printJson(QJsonObject{{QStringLiteral("source"), m_sourceName}, {QStringLiteral("destination"), m_destinationName}});
            m_in.print(tr("Paired: %1 pushes to %2. Add a send_clone task for %2 on %1 and a receive_clone task on %2.")
                           .arg(m_sourceName, m_destinationName));
            m_in.succeed();
        });
    }

    void fail(const QString &what, const ApiError &error)
    {
        ApiError described = error;
        described.reason = what + QStringLiteral(": ") + error.reason;
        // Delete what was created, and report once the servers have answered.
        auto pending = std::make_shared<int>(1);
        auto settle = [this, pending, described] {
            if (--*pending == 0)
                m_in.fail(described);
        };
        if (m_createdOnSource) {
            ++*pending;
            m_source->post(routes::kUsersDelete, UserNameRequest{m_destinationName}.toJson(),
                           [settle](Result<QJsonValue>) { settle(); });
        }
        if (m_createdOnDestination) {
            ++*pending;
            m_destination->post(routes::kUsersDelete, UserNameRequest{m_sourceName}.toJson(),
                                [settle](Result<QJsonValue>) { settle(); });
        }
        settle();
    }

    Invocation &m_in;
    LibrarianClient *m_source;
    LibrarianClient *m_destination;
    QString m_sourceName;
    QString m_destinationName;
    const QString m_callbackPassword = randomPassword();
    const QString m_pushPassword = randomPassword();
    bool m_createdOnSource = false;
    bool m_createdOnDestination = false;
};

} // namespace

QList<Command> pairCommands()
{
    Command pair;
    pair.name = QStringLiteral("pair");
    pair.summary = QObject::tr("Link two librarians in one step (CONNECTION-NAME pushes to CONN-B; ADMIN on both).");
    pair.description = QObject::tr("Creates both accounts with random passwords and registers each librarian on the "
                                   "other, checking the connection each way; undone on failure.");
    pair.positionals = {QStringLiteral("CONN-B")};
    pair.positionalsHelp = {QObject::tr("The connection of the librarian that receives the pushes.")};
    pair.run = [](Invocation &in) {
        auto config = ClientConfig::load();
        auto other = config ? config->connection(in.positional(0)) : Result<Connection>(config.error());
        if (!other)
            return in.fail(other.error());
        auto *destination = new LibrarianClient(*other, &in);
        (new Pairing(in, &in.client(), destination))->start();
    };
    return {pair};
}

} // namespace librarian
