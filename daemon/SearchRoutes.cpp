#include "LibrarianServer.h"
#include "db/FileCatalog.h"
#include "model/Routes.h"
#include "model/messages/SearchMessages.h"

namespace librarian {

void addSearchRoutes(ApiRouter &router, LibrarianServer &server)
{
    const Database &database = server.database();
    const int cap = server.config().maxSearchResults;
    router.post(routes::kSearchFile, AuthLevel::ReadOnly, [&database, cap](const QJsonObject &body, const User &) {
        auto request = FileSearchRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto files = FileCatalog(*db).search(*request, cap);
        if (!files)
            return HttpReply::error(files.error());
        return HttpReply{200, filesToJson(*files)};
    });
}

} // namespace librarian
