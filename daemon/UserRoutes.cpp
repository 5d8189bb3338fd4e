#include "LibrarianServer.h"
#include "crypto/PasswordHasher.h"
#include "db/Accounts.h"
#include "model/Routes.h"
#include "model/messages/UserMessages.h"

#include <QCoreApplication>

namespace librarian {

namespace {
HttpReply done(const Status &status, const QString &username, int okStatus = 200)
{
    if (!status)
        return HttpReply::error(status.error());
    return {okStatus, UserResponse{true, username}.toJson()};
}

Status checkPassword(const QString &password)
{
    if (password.size() < 8)
        return ApiError::badRequest(
            QCoreApplication::translate("UserRoutes", "A password must have at least 8 characters."));
    return Ok{};
}
} // namespace

void addUserRoutes(ApiRouter &router, LibrarianServer &server)
{
    const Database &database = server.database();
    Authenticator &auth = server.authenticator();

    router.post(routes::kUsersCreate, AuthLevel::Admin, [&database](const QJsonObject &body, const User &) {
        auto request = UserCreateRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        if (auto s = checkPassword(request->password); !s)
            return HttpReply::error(s.error());
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        User user{request->username, PasswordHasher::hash(request->password), request->level};
        return done(Accounts(*db).create(user), request->username, 201);
    });

    router.post(routes::kUsersUpdate, AuthLevel::Admin, [&database, &auth](const QJsonObject &body, const User &) {
        auto request = UserUpdateRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        Accounts accounts(*db);
        auto user = accounts.find(request->username);
        if (!user)
            return HttpReply::error(user.error());
        if (request->password) {
            if (auto s = checkPassword(*request->password); !s)
                return HttpReply::error(s.error());
            user->passwordHash = PasswordHasher::hash(*request->password);
        }
        if (request->level)
            user->level = *request->level;
        auth.forget(request->username);
        return done(accounts.update(*user), request->username);
    });

    router.post(routes::kUsersDelete, AuthLevel::Admin, [&database, &auth](const QJsonObject &body, const User &caller) {
        auto request = UserNameRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        if (request->username == caller.username)
            return HttpReply::error(ApiError::badRequest(
                QCoreApplication::translate("UserRoutes", "You cannot delete your own account."),
                QCoreApplication::translate("UserRoutes", "Ask another administrator.")));
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auth.forget(request->username);
        return done(Accounts(*db).remove(request->username), request->username);
    });

    router.post(routes::kUsersGet, AuthLevel::Admin, [&database](const QJsonObject &body, const User &) {
        auto request = UserNameRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        return HttpReply::from(Accounts(*db).find(request->username));
    });

    router.post(routes::kUsersList, AuthLevel::Admin, [&database](const QJsonObject &, const User &) {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto users = Accounts(*db).list();
        if (!users)
            return HttpReply::error(users.error());
        return HttpReply{200, usersToJson(*users)};
    });

    router.post(routes::kUsersPasswordUpdate, AuthLevel::ReadOnly,
                [&database, &auth](const QJsonObject &body, const User &caller) {
                    auto request = PasswordUpdateRequest::fromJson(body);
                    if (!request)
                        return HttpReply::error(request.error());
                    // Unlike the reference, the current password is checked here too.
                    if (!PasswordHasher::verify(request->password, caller.passwordHash))
                        return HttpReply::error({ErrorKind::Unauthorized,
                                                 QCoreApplication::translate("UserRoutes", "The current password is wrong."),
                                                 {}});
                    if (auto s = checkPassword(request->newPassword); !s)
                        return HttpReply::error(s.error());
                    auto db = database.connection();
                    if (!db)
                        return HttpReply::error(db.error());
                    User user = caller;
                    user.passwordHash = PasswordHasher::hash(request->newPassword);
                    auth.forget(caller.username);
                    return done(Accounts(*db).update(user), caller.username);
                });
}

} // namespace librarian
