// detail::run_both and its helper thread: both parts always run, the second on the
// one helper thread (the same thread every time) when it is free, the caller's thread
// otherwise (nested and concurrent calls); exceptions come back first's before
// second's, and the helper stays usable after them.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "redact/parallel.hpp"

using stackengine::detail::run_both;

TEST_CASE("run_both: the second part runs on the helper thread, the same one every call") {
  const auto caller = std::this_thread::get_id();
  std::vector<std::thread::id> helpers;
  for (int i = 0; i < 20; ++i) {
    std::thread::id first_on;
    std::thread::id second_on;
    int a = 0;
    int b = 0;
    run_both([&] { first_on = std::this_thread::get_id(); a = i; }, [&] { second_on = std::this_thread::get_id(); b = 2 * i; });
    CHECK(a == i);
    CHECK(b == 2 * i);
    CHECK(first_on == caller);
    CHECK(second_on != caller);
    helpers.push_back(second_on);
  }
  for (const auto& id : helpers) CHECK(id == helpers.front());

  std::thread::id second_on;
  run_both([] {}, [&] { second_on = std::this_thread::get_id(); }, /*use_thread=*/false);
  CHECK(second_on == caller);
}

TEST_CASE("run_both: exceptions come back, first's before second's, and the helper still works") {
  bool second_ran = false;
  CHECK_THROWS_WITH(run_both([] { throw std::runtime_error("first"); }, [&] { second_ran = true; }), "first");
  CHECK(second_ran);
  bool first_ran = false;
  CHECK_THROWS_WITH(run_both([&] { first_ran = true; }, [] { throw std::runtime_error("second"); }), "second");
  CHECK(first_ran);
  CHECK_THROWS_WITH(run_both([] { throw std::runtime_error("first"); }, [] { throw std::runtime_error("second"); }),
                    "first");
  int sum = 0;
  run_both([&] { sum += 1; }, [&] { sum += 0; });
  CHECK(sum == 1);
  std::thread::id second_on;
  run_both([] {}, [&] { second_on = std::this_thread::get_id(); });
  CHECK(second_on != std::this_thread::get_id());
}

TEST_CASE("run_both: nested calls inside either part run in sequence, all parts done") {
  std::atomic<int> done{0};
  std::thread::id inner_second_on;
  std::thread::id outer_second_on;
  run_both(
      [&] {
        // The helper is busy with the outer second part: this one runs here.
        run_both([&] { ++done; }, [&] { inner_second_on = std::this_thread::get_id(); ++done; });
        CHECK(inner_second_on == std::this_thread::get_id());
      },
      [&] {
        outer_second_on = std::this_thread::get_id();
        run_both([&] { ++done; }, [&] { CHECK(std::this_thread::get_id() == outer_second_on); ++done; });
      });
  CHECK(done == 4);
}

TEST_CASE("run_both: concurrent callers on several threads all get complete results") {
  constexpr int kCallers = 4;
  constexpr int kCalls = 200;
  std::vector<long> totals(kCallers, 0);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&totals, c] {
      for (int i = 0; i < kCalls; ++i) {
        long a = 0;
        long b = 0;
        run_both([&] { for (int k = 0; k < 1000; ++k) a += k; }, [&] { for (int k = 0; k < 1000; ++k) b += 2 * k; });
        totals[c] += a + b;
      }
    });
  }
  for (auto& t : callers) t.join();
  for (int c = 0; c < kCallers; ++c) CHECK(totals[c] == kCalls * 3L * (999L * 1000L / 2));
}
