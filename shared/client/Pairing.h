#pragma once

#include "model/ApiError.h"

#include <QObject>

namespace librarian {

class LibrarianClient;

// The seed's two-librarian procedure (Connections.rst) in one flow, for `librarian pair` and the
// GUI's pairing wizard: check ADMIN on both, create the CALLBACK account on the source and the
// READAPPEND account on the destination (random passwords), register each librarian on the other
// with the connection checked. On a failure what was already made is taken back, so no half-made
// link is left. Emits one stepSucceeded per step, then finished once.
class Pairing : public QObject
{
    Q_OBJECT
public:
    enum class Step { CheckSource, CheckDestination, CallbackAccount, PushAccount, RegisterDestination, RegisterSource };
    Q_ENUM(Step)

    Pairing(LibrarianClient *source, LibrarianClient *destination, QObject *parent = nullptr);

    void start();
    QString sourceName() const { return m_sourceName; }
    QString destinationName() const { return m_destinationName; }
    static int stepCount() { return 6; }

Q_SIGNALS:
    void stepStarted(librarian::Pairing::Step step, const QString &text);
    void stepSucceeded(librarian::Pairing::Step step, const QString &text);
    // error is empty on success; on failure it names the step that failed.
    void finished(bool ok, const librarian::ApiError &error);

private:
    void checkDestination();
    void createCallbackAccount();
    void createPushAccount();
    void registerDestination();
    void registerSource();
    void fail(const QString &what, const ApiError &error);

    LibrarianClient *m_source;
    LibrarianClient *m_destination;
    QString m_sourceName;
    QString m_destinationName;
    QString m_callbackPassword;
    QString m_pushPassword;
    bool m_createdOnSource = false;
    bool m_createdOnDestination = false;
};

} // namespace librarian
