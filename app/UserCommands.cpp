#include "Command.h"

#include "model/Routes.h"
#include "model/messages/UserMessages.h"

namespace librarian {

namespace {
QString levelNames()
{
    QStringList names;
    for (AuthLevel l : allAuthLevels())
        names << authLevelName(l);
    return names.join(QStringLiteral(", "));
}

QString checkLevel(const QCommandLineParser &p, bool required)
{
    if (!p.isSet(QStringLiteral("auth-level")))
        return required ? QObject::tr("--auth-level is required (%1).").arg(levelNames()) : QString();
    if (!authLevelFromName(p.value(QStringLiteral("auth-level"))))
        return QObject::tr("unknown level '%1'; use one of %2.").arg(p.value(QStringLiteral("auth-level")), levelNames());
    return {};
}

void addUserOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("username"), QObject::tr("Account name."), QStringLiteral("name")});
    p.addOption({QStringLiteral("auth-level"), QObject::tr("Level: %1.").arg(levelNames()), QStringLiteral("level")});
}

// --password / --password-stdin / LIBRARIAN_PASSWORD: an account's password, the current one for
// change-password.
Secret passwordSecret(const QString &help, bool required, bool confirm)
{
    Secret s;
    s.name = QStringLiteral("password");
    s.environment = QStringLiteral("LIBRARIAN_PASSWORD");
    s.help = help;
    s.prompt = QObject::tr("Password of the account");
    s.required = required;
    s.confirm = confirm;
    return s;
}

Secret updatedPassword()
{
    return passwordSecret(QObject::tr("New password of the account (at least 8 characters)."), false, true);
}
} // namespace

QList<Command> userCommands()
{
    Command create;
    create.name = QStringLiteral("create-user");
    create.summary = QObject::tr("Create an account.");
    create.addOptions = addUserOptions;
    create.secrets = {passwordSecret(QObject::tr("Password of the new account (at least 8 characters)."), true, true)};
    create.check = [](const QCommandLineParser &p) -> QString {
        if (!p.isSet(QStringLiteral("username")))
            return QObject::tr("--username is required.");
        return checkLevel(p, true);
    };
    create.run = [](Invocation &in) {
        const UserCreateRequest request{in.value(QStringLiteral("username")), in.secret(QStringLiteral("password")),
                                        *authLevelFromName(in.value(QStringLiteral("auth-level")))};
        in.postAndReport(routes::kUsersCreate, request.toJson(), [request](const QJsonValue &) {
            return QObject::tr("User %1 created with level %2.").arg(request.username, authLevelName(request.level));
        });
    };

    Command remove;
    remove.name = QStringLiteral("delete-user");
    remove.summary = QObject::tr("Delete an account.");
    remove.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("username"), QObject::tr("Account name."), QStringLiteral("name")});
    };
    remove.check = [](const QCommandLineParser &p) {
        return p.isSet(QStringLiteral("username")) ? QString() : QObject::tr("--username is required.");
    };
    remove.run = [](Invocation &in) {
        const QString name = in.value(QStringLiteral("username"));
        in.postAndReport(routes::kUsersDelete, UserNameRequest{name}.toJson(),
                         [name](const QJsonValue &) { return QObject::tr("User %1 deleted.").arg(name); });
    };

    Command update;
    update.name = QStringLiteral("update-user");
    update.summary = QObject::tr("Change an account's password and/or level.");
    update.addOptions = addUserOptions;
    update.secrets = {updatedPassword()};
    update.check = [](const QCommandLineParser &p) -> QString {
        if (!p.isSet(QStringLiteral("username")))
            return QObject::tr("--username is required.");
        if (!SecretInput::isGiven(p, updatedPassword()) && !p.isSet(QStringLiteral("auth-level")))
            return QObject::tr("give a password (--password-stdin, LIBRARIAN_PASSWORD or --password) and/or "
                               "--auth-level.");
        return checkLevel(p, false);
    };
    update.run = [](Invocation &in) {
        UserUpdateRequest request;
        request.username = in.value(QStringLiteral("username"));
        if (in.hasSecret(QStringLiteral("password")))
            request.password = in.secret(QStringLiteral("password"));
        if (in.isSet(QStringLiteral("auth-level")))
            request.level = authLevelFromName(in.value(QStringLiteral("auth-level")));
        in.postAndReport(routes::kUsersUpdate, request.toJson(), [request](const QJsonValue &) {
            return QObject::tr("User %1 updated.").arg(request.username);
        });
    };

    Command password;
    password.name = QStringLiteral("change-password");
    password.summary = QObject::tr("Change the password of the connection's own account.");
    Secret newPassword;
    newPassword.name = QStringLiteral("new-password");
    newPassword.environment = QStringLiteral("LIBRARIAN_NEW_PASSWORD");
    newPassword.help = QObject::tr("The new password (at least 8 characters).");
    newPassword.prompt = QObject::tr("New password");
    newPassword.confirm = true;
    const Secret current =
        passwordSecret(QObject::tr("The current password (default: the connection's)."), false, false);
    password.secrets = {newPassword, current};
    password.run = [](Invocation &in) {
        const QString current = in.hasSecret(QStringLiteral("password")) ? in.secret(QStringLiteral("password"))
                                                                         : in.client().connection().password;
        const PasswordUpdateRequest request{current, in.secret(QStringLiteral("new-password"))};
        in.postAndReport(routes::kUsersPasswordUpdate, request.toJson(), [&in](const QJsonValue &) {
            return QObject::tr("Password of %1 changed; update the client config.").arg(in.client().connection().user);
        });
    };
    Command list;
    list.name = QStringLiteral("get-user-list");
    list.summary = QObject::tr("List the accounts and their levels (ADMIN).");
    list.run = [](Invocation &in) {
        in.postAndReport(routes::kUsersList, {}, [](const QJsonValue &value) {
            auto users = usersFromJson(value.toObject());
            if (!users)
                return users.error().reason;
            QStringList lines;
            for (const User &u : *users)
                lines << QStringLiteral("%1\t%2").arg(u.username, authLevelName(u.level));
            return lines.join(QLatin1Char('\n'));
        });
    };
    return {create, remove, update, password, list};
}

} // namespace librarian
