// ArrivingText (redact.hpp): the helper thread reads a text while it is being written.
//
// The writer calls arrived(n) as the text grows; the helper, woken, reads on from
// where it stopped, to a little short of n (the prescan's literals are up to 9 bytes
// long and must be seen whole), kStep to kMaxStep bytes at a time. redact() stops
// the helper and hands what it found to Redactor::redact_arrived, which does the
// rest. The helper and the writer share only `arrived`, `closed` and the mutex; what
// the helper found is read after HelperThread::wait(), which orders it.
#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "redact/arriving.hpp"
#include "redact/parallel.hpp"
#include "stackengine/redact.hpp"
#include "stackengine/text.hpp"

namespace stackengine {
namespace {
constexpr std::size_t kStep = 256u << 10;   // read at least this much at a time
constexpr std::size_t kMaxStep = 1u << 20;  // and at most this much: redact() waits for the read under way
constexpr std::size_t kTail = 16;           // stop this short of what has arrived
}  // namespace

struct ArrivingText::State {
  State(const Redactor& r, const char* d, std::size_t c) : redactor(r), data(d), capacity(c) {}
  const Redactor& redactor;
  const char* data;
  std::size_t capacity;
  detail::Arrived found;
  std::mutex mutex;
  std::condition_variable wake;
  std::size_t arrived = 0;  // the most arrived() said
  bool closed = false;
  bool helping = false;  // the helper thread runs help()
  bool failed = false;   // the helper stopped on an exception: redact() starts over
  bool used = false;     // redact() was called
  std::size_t read_ahead = 0;  // what redact() took from the helper, in bytes

  static void help(void* p) {
    State& s = *static_cast<State*>(p);
    try {
      for (;;) {
        std::size_t seen, to;
        {
          std::unique_lock<std::mutex> lock(s.mutex);
          const std::size_t from = s.found.prescan.done();
          s.wake.wait(lock, [&] { return s.closed || s.arrived >= from + kStep + kTail; });
          if (s.closed) return;
          seen = s.arrived;
          to = std::min(seen - kTail, from + kMaxStep);
        }
        s.redactor.read_arrived(std::string_view(s.data, seen), to, s.found);
      }
    } catch (...) {
      s.failed = true;
    }
  }
};

ArrivingText::ArrivingText(const Redactor& redactor, const char* data, std::size_t capacity)
    : state_(std::make_unique<State>(redactor, data, capacity)) {
#if defined(SE_HAVE_THREADS)
  // Larger than any input redact() takes: nothing to read ahead.
  if (capacity <= kMaxInputBytes) state_->helping = detail::HelperThread::instance().start(&State::help, state_.get());
#endif
}

ArrivingText::~ArrivingText() { stop(); }

void ArrivingText::stop() {
  State& s = *state_;
  if (!s.helping) return;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.closed = true;
  }
  s.wake.notify_one();
#if defined(SE_HAVE_THREADS)
  detail::HelperThread::instance().wait();
#endif
  s.helping = false;
}

void ArrivingText::arrived(std::size_t bytes) {
  State& s = *state_;
  if (bytes > s.capacity) return;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (bytes <= s.arrived) return;
    s.arrived = bytes;
  }
  if (s.helping) s.wake.notify_one();
}

RedactResult ArrivingText::redact(std::size_t length, Vault& vault, std::string_view path,
                                  const RedactProgress& progress, FindingsAs as) {
  stop();
  State& s = *state_;
  if (length > s.capacity) {
    RedactResult refused;
    refused.error = {"INPUT_LENGTH", "The text's length is more than the memory it was written to.", {}};
    return refused;
  }
  // What the helper found is used once, and only for a text that really holds
  // everything arrived() announced.
  const bool use = !s.used && !s.failed && length >= s.arrived;
  s.used = true;
  if (use) s.read_ahead = s.found.prescan.done();
  return s.redactor.redact_arrived(std::string_view(s.data, length), vault, path, progress, as,
                                   use ? &s.found : nullptr);
}

std::size_t ArrivingText::read_ahead() const { return state_->read_ahead; }

}  // namespace stackengine
