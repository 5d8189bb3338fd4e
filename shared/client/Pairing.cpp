#include "Pairing.h"

#include "LibrarianClient.h"
#include "crypto/RandomPassword.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/PingMessages.h"
#include "model/messages/UserMessages.h"

#include <memory>

namespace librarian {

Pairing::Pairing(LibrarianClient *source, LibrarianClient *destination, QObject *parent)
    : QObject(parent), m_source(source), m_destination(destination), m_callbackPassword(randomPassword()),
      m_pushPassword(randomPassword())
{
}

void Pairing::start()
{
    emit stepStarted(Step::CheckSource, tr("Checking ADMIN on %1").arg(m_source->connection().name));
    m_source->call<PingResponse>(routes::kPingAdmin, {}, [this](Result<PingResponse> a) {
        if (!a)
            return fail(tr("Checking ADMIN on %1").arg(m_source->connection().name), a.error());
        m_sourceName = a->librarianName;
        emit stepSucceeded(Step::CheckSource, tr("%1 reached as ADMIN: librarian %2").arg(m_source->connection().name, m_sourceName));
        checkDestination();
    });
}

void Pairing::checkDestination()
{
    emit stepStarted(Step::CheckDestination, tr("Checking ADMIN on %1").arg(m_destination->connection().name));
    m_destination->call<PingResponse>(routes::kPingAdmin, {}, [this](Result<PingResponse> b) {
        if (!b)
            return fail(tr("Checking ADMIN on %1").arg(m_destination->connection().name), b.error());
        m_destinationName = b->librarianName;
        if (m_sourceName == m_destinationName)
            return fail(tr("Pairing"), ApiError::badRequest(tr("Both connections reach librarian %1.").arg(m_sourceName)));
        emit stepSucceeded(Step::CheckDestination,
                tr("%1 reached as ADMIN: librarian %2").arg(m_destination->connection().name, m_destinationName));
        createCallbackAccount();
    });
}

void Pairing::createCallbackAccount()
{
    const QString what = tr("Creating account %1 (CALLBACK) on %2").arg(m_destinationName, m_sourceName);
    emit stepStarted(Step::CallbackAccount, what);
    const UserCreateRequest user{m_destinationName, m_callbackPassword, AuthLevel::Callback};
    m_source->post(routes::kUsersCreate, user.toJson(), [this, what](Result<QJsonValue> r) {
        if (!r)
            return fail(what, r.error());
        m_createdOnSource = true;
        emit stepSucceeded(Step::CallbackAccount, tr("account %1 (CALLBACK) created on %2").arg(m_destinationName, m_sourceName));
        createPushAccount();
    });
}

void Pairing::createPushAccount()
{
    const QString what = tr("Creating account %1 (READAPPEND) on %2").arg(m_sourceName, m_destinationName);
    emit stepStarted(Step::PushAccount, what);
    const UserCreateRequest user{m_sourceName, m_pushPassword, AuthLevel::ReadAppend};
    m_destination->post(routes::kUsersCreate, user.toJson(), [this, what](Result<QJsonValue> r) {
        if (!r)
            return fail(what, r.error());
        m_createdOnDestination = true;
        emit stepSucceeded(Step::PushAccount, tr("account %1 (READAPPEND) created on %2").arg(m_sourceName, m_destinationName));
        registerDestination();
    });
}

void Pairing::registerDestination()
{
    const QString what = tr("Registering %1 on %2 (connection checked)").arg(m_destinationName, m_sourceName);
    emit stepStarted(Step::RegisterDestination, what);
    const Connection &to = m_destination->connection();
    const LibrarianAddRequest add{m_destinationName, to.host, to.port, m_sourceName + QLatin1Char(':') + m_pushPassword, true};
    m_source->post(routes::kAdminLibrariansAdd, add.toJson(), [this, what](Result<QJsonValue> r) {
        if (!r)
            return fail(what, r.error());
        emit stepSucceeded(Step::RegisterDestination, tr("%1 registered on %2; %1 answered").arg(m_destinationName, m_sourceName));
        registerSource();
    });
}

void Pairing::registerSource()
{
    const QString what = tr("Registering %1 on %2 (connection checked)").arg(m_sourceName, m_destinationName);
    emit stepStarted(Step::RegisterSource, what);
    const Connection &to = m_source->connection();
    const LibrarianAddRequest add{m_sourceName, to.host, to.port, m_destinationName + QLatin1Char(':') + m_callbackPassword,
                                  true};
    m_destination->post(routes::kAdminLibrariansAdd, add.toJson(), [this, what](Result<QJsonValue> r) {
        if (!r) {
            // Take back the registration made on the source too, then the accounts.
            const ApiError error = r.error();
            m_source->post(routes::kAdminLibrariansRemove, LibrarianRemoveRequest{m_destinationName, false}.toJson(),
                           [this, what, error](Result<QJsonValue>) { fail(what, error); });
            return;
        }
        emit stepSucceeded(Step::RegisterSource, tr("%1 registered on %2; %1 answered").arg(m_sourceName, m_destinationName));
        emit finished(true, {});
    });
}

void Pairing::fail(const QString &what, const ApiError &error)
{
    ApiError described = error;
    described.reason = what + QStringLiteral(": ") + error.reason;
    // Delete what was created, and report once the servers have answered.
    auto pending = std::make_shared<int>(1);
    auto settle = [this, pending, described] {
        if (--*pending == 0)
            emit finished(false, described);
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

} // namespace librarian
