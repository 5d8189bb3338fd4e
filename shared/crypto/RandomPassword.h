#pragma once

#include <QString>

namespace librarian {

// A password for an account no person types (pairing) or one to hand over once (GUI "generate"):
// 32 characters from the system CSPRNG, without look-alikes (0/O, 1/l/I).
QString randomPassword(int length = 32);

} // namespace librarian
