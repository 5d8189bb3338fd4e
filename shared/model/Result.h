#pragma once

#include "ApiError.h"

#include <utility>
#include <variant>

namespace librarian {

// A value or the ApiError that explains why there is none. Returned at every core boundary so the
// caller has to look at the failure (no exceptions cross the core's interface).
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(ApiError error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

    const ApiError &error() const { return std::get<ApiError>(m_state); }

private:
    std::variant<T, ApiError> m_state;
};

struct Ok
{
};

// For operations that return nothing but can fail.
using Status = Result<Ok>;

// Whether `result` failed, and why, without its value.
template <typename T>
Status statusOf(const Result<T> &result)
{
    return result ? Status(Ok{}) : Status(result.error());
}

} // namespace librarian
