// Two independent pieces of work, on two threads where the build has them.
//
// Builds with threads (SE_HAVE_THREADS: native, and the threaded WebAssembly module)
// hand `second` to a helper thread while the calling thread runs `first`; the
// single-threaded WebAssembly build runs them one after the other. Either way both
// have finished when this returns, and an exception from either one is rethrown here
// (first's before second's), so callers see the same results and the same errors with
// or without threads.
//
// The helper is one thread, started on first use and kept: starting a thread per call
// costs tens of microseconds natively and, in WebAssembly, a message to a Web Worker
// (about a millisecond in Chromium, a run_both of its own at 5 MB). When the helper is
// busy (another thread's run_both, or a run_both inside `first` or `second`) or cannot
// be started, the caller runs both parts itself. Worth it only for work of a
// millisecond or more.
#pragma once

#include <exception>
#include <type_traits>
#include <utility>

#if defined(SE_HAVE_THREADS)
#include <condition_variable>
#include <mutex>
#include <thread>
#endif

namespace stackengine::detail {

#if defined(SE_HAVE_THREADS)
class HelperThread {
 public:
  using Task = void (*)(void*);

  static HelperThread& instance() {
    static HelperThread helper;
    return helper;
  }

  // Starts task(arg) on the helper; false when the helper is busy or has no thread.
  bool start(Task task, void* arg) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (busy_ || !ensure_thread()) return false;
    busy_ = true;
    task_ = task;
    arg_ = arg;
    lock.unlock();
    wake_.notify_one();
    return true;
  }

  // Waits for the task start() handed over, then frees the helper.
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_cv_.wait(lock, [this] { return task_ == nullptr; });
    busy_ = false;
  }

  ~HelperThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

 private:
  HelperThread() = default;

  bool ensure_thread() {
    if (thread_.joinable()) return true;
    if (failed_) return false;
    try {
      thread_ = std::thread([this] { loop(); });
    } catch (const std::exception&) {  // no thread to be had: callers run both parts
      failed_ = true;
    }
    return !failed_;
  }

  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stop_ || task_ != nullptr; });
      if (stop_) return;
      lock.unlock();
      task_(arg_);  // task_ and arg_ stay put until it is done: only wait() follows
      lock.lock();
      task_ = nullptr;
      done_cv_.notify_one();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_cv_;
  std::thread thread_;
  Task task_ = nullptr;
  void* arg_ = nullptr;
  bool busy_ = false;
  bool stop_ = false;
  bool failed_ = false;
};
#endif

template <typename First, typename Second>
void run_both(First&& first, Second&& second, bool use_thread = true) {
#if defined(SE_HAVE_THREADS)
  if (use_thread) {
    using Part = std::remove_reference_t<Second>;
    struct Handoff {
      Part* second;
      std::exception_ptr error;
    } handoff{&second, nullptr};
    auto task = [](void* p) {
      auto* h = static_cast<Handoff*>(p);
      try {
        (*h->second)();
      } catch (...) {
        h->error = std::current_exception();
      }
    };
    HelperThread& helper = HelperThread::instance();
    if (helper.start(task, &handoff)) {
      std::exception_ptr first_error;
      try {
        first();
      } catch (...) {
        first_error = std::current_exception();
      }
      helper.wait();
      if (first_error) std::rethrow_exception(first_error);
      if (handoff.error) std::rethrow_exception(handoff.error);
      return;
    }
  }
#endif
  (void)use_thread;
  first();
  second();
}

}  // namespace stackengine::detail
