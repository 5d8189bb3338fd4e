#pragma once

#include "AuthLevel.h"

namespace librarian::routes {

// Every route path, defined once for both the server and the client.
inline constexpr char kPrefix[] = "/api/v2";

inline constexpr char kPing[] = "/api/v2/ping/";
inline constexpr char kPingLogged[] = "/api/v2/ping/logged";
inline constexpr char kPingAdmin[] = "/api/v2/ping/admin";

inline constexpr char kUploadStage[] = "/api/v2/upload/stage";
inline constexpr char kUploadCommit[] = "/api/v2/upload/commit";
inline constexpr char kUploadCancel[] = "/api/v2/upload/cancel";
// Ours: many files staged / committed with one request each (UploadMessages.h, docs/data-plane.md).
inline constexpr char kUploadBatchStage[] = "/api/v2/upload/batch_stage";
inline constexpr char kUploadBatchCommit[] = "/api/v2/upload/batch_commit";

inline constexpr char kCloneBatchStage[] = "/api/v2/clone/batch_stage";
inline constexpr char kCloneStage[] = "/api/v2/clone/stage";
inline constexpr char kCloneOngoing[] = "/api/v2/clone/ongoing";
inline constexpr char kCloneStaged[] = "/api/v2/clone/staged";
inline constexpr char kCloneComplete[] = "/api/v2/clone/complete";
inline constexpr char kCloneBatchComplete[] = "/api/v2/clone/batch_complete"; // ours
inline constexpr char kCloneFail[] = "/api/v2/clone/fail";
inline constexpr char kCheckinUpdate[] = "/api/v2/checkin/update";
inline constexpr char kCheckinStatus[] = "/api/v2/checkin/status";

inline constexpr char kSearchFile[] = "/api/v2/search/file";
inline constexpr char kSearchError[] = "/api/v2/search/error";
inline constexpr char kSearchTransfers[] = "/api/v2/search/transfers";
inline constexpr char kErrorClear[] = "/api/v2/error/clear";
inline constexpr char kValidateFile[] = "/api/v2/validate/file";

inline constexpr char kUsersCreate[] = "/api/v2/users/create";
inline constexpr char kUsersUpdate[] = "/api/v2/users/update";
inline constexpr char kUsersDelete[] = "/api/v2/users/delete";
inline constexpr char kUsersGet[] = "/api/v2/users/get";
inline constexpr char kUsersList[] = "/api/v2/users/list"; // ours
inline constexpr char kUsersPasswordUpdate[] = "/api/v2/users/password_update";

inline constexpr char kAdminAddFile[] = "/api/v2/admin/add_file";
inline constexpr char kAdminStoresList[] = "/api/v2/admin/stores/list";
inline constexpr char kAdminStoresStateChange[] = "/api/v2/admin/stores/state_change";
inline constexpr char kAdminLibrariansList[] = "/api/v2/admin/librarians/list";
inline constexpr char kAdminLibrariansAdd[] = "/api/v2/admin/librarians/add";
inline constexpr char kAdminLibrariansRemove[] = "/api/v2/admin/librarians/remove";
inline constexpr char kAdminLibrariansTransferStatus[] = "/api/v2/admin/librarians/transfer_status/change";
inline constexpr char kAdminInstanceDeleteLocal[] = "/api/v2/admin/instance/delete_local";
inline constexpr char kAdminInstanceDeleteRemote[] = "/api/v2/admin/instance/delete_remote";

// Data plane (served by the separate streaming listener): PUT/GET <kData>/<transfer id>[?offset=N]
inline constexpr char kData[] = "/api/v2/data/";
// Ours: PUT <kDataBundle>?parts=ID:OFFSET:LENGTH,... carries parts of many transfers (DataBundle).
inline constexpr char kDataBundle[] = "/api/v2/data/bundle";

// Ours: what this librarian knows of its links, for the GUI's network graph.
inline constexpr char kNetworkStatus[] = "/api/v2/network/status";

inline constexpr char kHealth[] = "/health";

} // namespace librarian::routes
