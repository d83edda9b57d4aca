// Two independent pieces of work, on two threads where the build has them.
//
// Native builds (SE_HAVE_THREADS) run `second` on a new thread while the calling
// thread runs `first`; the WebAssembly build runs them one after the other. Either
// way both have finished when this returns, and an exception from either one is
// rethrown here (first's before second's), so callers see the same results and the
// same errors with or without threads. Worth it only for work of a millisecond or
// more: starting a thread costs tens of microseconds.
#pragma once

#include <exception>
#include <utility>

#if defined(SE_HAVE_THREADS)
#include <thread>
#endif

namespace stackengine::detail {

template <typename First, typename Second>
void run_both(First&& first, Second&& second, bool use_thread = true) {
#if defined(SE_HAVE_THREADS)
  if (use_thread) {
    std::exception_ptr second_error;
    std::thread worker;
    try {
      worker = std::thread([&] {
        try {
          second();
        } catch (...) {
          second_error = std::current_exception();
        }
      });
    } catch (const std::exception&) {  // no thread to be had: do it here
      first();
      second();
      return;
    }
    std::exception_ptr first_error;
    try {
      first();
    } catch (...) {
      first_error = std::current_exception();
    }
    worker.join();
    if (first_error) std::rethrow_exception(first_error);
    if (second_error) std::rethrow_exception(second_error);
    return;
  }
#endif
  (void)use_thread;
  first();
  second();
}

}  // namespace stackengine::detail
