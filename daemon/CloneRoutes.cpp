#include "LibrarianServer.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"
#include "transfers/CloneReception.h"
#include "transfers/TransferCheckin.h"

namespace librarian {

// The peer-to-peer routes of a push: the destination's half (batch_stage, fail), the source's
// (complete, batch_complete) and the status reports both ends exchange (checkin).
void addCloneRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    auto isAdmin = [](const User &u) { return u.level == AuthLevel::Admin; };

    // Staging writes rows and asks the disk for room: off the event loop, which carries the data plane.
    router.postAsync(routes::kCloneBatchStage, AuthLevel::ReadAppend,
                     [self, isAdmin](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = CloneBatchStageRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         ApiRouter::replyFromWorker(self, reply, [self, request = *request, user = caller.username, admin = isAdmin(caller)] {
                             auto staged = CloneReception(self->database()).stageBatch(request, user, admin);
                             if (!staged)
                                 return HttpReply::error(staged.error());
                             for (CloneStaged &s : staged->uploads)
                                 s.http = {self->dataPort(), QString::fromLatin1(routes::kData) + QString::number(s.destinationTransferId),
                                           self->config().maxChunkBytes};
                             return HttpReply{201, staged->toJson()};
                         });
                     });

    router.postAsync(routes::kCloneStage, AuthLevel::ReadAppend,
                     [self, isAdmin](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = CloneStageRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         const CloneBatchStageRequest batch{request->source, request->upload.uploadSize, {request->upload}};
                         ApiRouter::replyFromWorker(self, reply, [self, batch, user = caller.username, admin = isAdmin(caller)] {
                             auto staged = CloneReception(self->database()).stageBatch(batch, user, admin);
                             if (!staged)
                                 return HttpReply::error(staged.error());
                             CloneStaged one = staged->uploads.first();
                             one.http = {self->dataPort(), QString::fromLatin1(routes::kData) + QString::number(one.destinationTransferId),
                                         self->config().maxChunkBytes};
                             return HttpReply{201, one.toJson()};
                         });
                     });

    // The sneakernet steps: the ingesting client reports progress of one transfer at a time.
    for (const auto &[route, level, status] :
         {std::tuple{routes::kCloneOngoing, AuthLevel::ReadAppend, TransferStatus::Ongoing},
          std::tuple{routes::kCloneStaged, AuthLevel::Callback, TransferStatus::Staged}}) {
        router.postAsync(route, level, [self, isAdmin, status = status](const QJsonObject &body, const User &caller,
                                                                         ApiRouter::Reply reply) {
            auto ids = CloneTransferIds::fromJson(body);
            if (!ids)
                return reply(HttpReply::error(ids.error()));
            ApiRouter::replyFromWorker(self, reply, [self, ids = *ids, status, user = caller.username, admin = isAdmin(caller)] {
                TransferCheckin checkin(self->database(), self->config().name);
                if (auto s = checkin.moveIncoming(ids.destinationTransferId, status, user, admin); !s)
                    return HttpReply::error(s.error());
                return HttpReply{200, ids.toJson()};
            });
        });
    }

    router.post(routes::kCloneFail, AuthLevel::ReadAppend, [self, isAdmin](const QJsonObject &body, const User &caller) {
        auto ids = CloneTransferIds::fromJson(body);
        if (!ids)
            return HttpReply::error(ids.error());
        if (auto s = CloneReception(self->database()).fail(*ids, caller.username, isAdmin(caller)); !s)
            return HttpReply::error(s.error());
        return HttpReply{200, ids->toJson()};
    });

    router.post(routes::kCloneComplete, AuthLevel::Callback, [self, isAdmin](const QJsonObject &body, const User &caller) {
        auto ids = CloneTransferIds::fromJson(body);
        if (!ids)
            return HttpReply::error(ids.error());
        TransferCheckin checkin(self->database(), self->config().name);
        if (auto s = checkin.complete(*ids, caller.username, isAdmin(caller)); !s)
            return HttpReply::error(s.error());
        return HttpReply{200, ids->toJson()};
    });

    // Ours: the destination's callbacks for a whole batch of clones in one request and one
    // transaction. Each entry is answered as /clone/complete would have answered it.
    router.postAsync(routes::kCloneBatchComplete, AuthLevel::Callback,
                     [self, isAdmin](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = CloneBatchCompleteRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         ApiRouter::replyFromWorker(
                             self, reply, [self, request = *request, user = caller.username, admin = isAdmin(caller)] {
                                 TransferCheckin checkin(self->database(), self->config().name);
                                 const QList<Status> done = checkin.completeBatch(request.completions, user, admin);
                                 CloneBatchCompleteResponse answer;
                                 for (qsizetype i = 0; i < done.size(); ++i)
                                     answer.results.append({request.completions[i].sourceTransferId,
                                                            done[i] ? std::nullopt : std::optional(done[i].error())});
                                 return HttpReply{200, answer.toJson()};
                             });
                     });

    // Reaching STAGED hashes the staged files: off the event loop.
    router.postAsync(routes::kCheckinUpdate, AuthLevel::Callback,
                     [self, isAdmin](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = CheckinUpdateRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         ApiRouter::replyFromWorker(
                             self, reply, [self, request = *request, user = caller.username, admin = isAdmin(caller)] {
                                 TransferCheckin checkin(self->database(), self->config().name);
                                 const CheckinUpdateResponse answer = checkin.update(request, user, admin);
                                 if (request.newStatus == TransferStatus::Staged && !answer.modifiedDestinationTransferIds.isEmpty())
                                     self->wakeTasks(QStringLiteral("receive_clone")); // verify and commit them now
                                 return HttpReply{200, answer.toJson()};
                             });
                     });

    router.post(routes::kCheckinStatus, AuthLevel::Callback, [self, isAdmin](const QJsonObject &body, const User &caller) {
        auto request = CheckinStatusRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        TransferCheckin checkin(self->database(), self->config().name);
        return HttpReply{200, checkin.status(*request, caller.username, isAdmin(caller)).toJson()};
    });
}

} // namespace librarian
