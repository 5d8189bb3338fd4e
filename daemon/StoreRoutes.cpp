#include "LibrarianServer.h"
#include "db/StoreRegistry.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"
#include "storage/LocalStore.h"


namespace librarian {

void addStoreRoutes(ApiRouter &router, LibrarianServer &server)
{
    const Database &database = server.database();
    LibrarianServer *self = &server;

    router.post(routes::kAdminStoresList, AuthLevel::Admin, [&database](const QJsonObject &, const User &) {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto stores = StoreRegistry(*db).list();
        if (!stores)
            return HttpReply::error(stores.error());
        for (Store &s : *stores) {
            const LocalStore local(s);
            s.available = local.isAvailable();
            s.freeSpace = local.freeSpace();
        }
        return HttpReply{200, storesToJson(*stores)};
    });

    router.post(routes::kAdminStoresStateChange, AuthLevel::Admin, [&database](const QJsonObject &body, const User &) {
        auto request = StoreStateChange::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        if (auto s = StoreRegistry(*db).setEnabled(request->storeName, request->enabled); !s)
            return HttpReply::error(s.error());
        request->success = true;
        return HttpReply{200, request->toJson()};
    });

    // Registering bytes hashes them: off the event loop.
    router.postAsync(routes::kAdminAddFile, AuthLevel::Admin,
                     [self](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = AddFileRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         Ingest *ingest = &self->ingest();
                         ApiRouter::replyFromWorker(self, reply, [ingest, add = *request, user = caller.username] {
                             return HttpReply::from(ingest->addFile(add, user));
                         });
                     });
}

} // namespace librarian
