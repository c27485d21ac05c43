#include <map>
#include <memory>

#include <boost/test/unit_test.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.hpp"
#include "app/scheduler.hpp"
#include "tests/support/printing.hpp"

// Real threads: many requesters hammer few keys through the registry on
// the engine's scheduler (app/scheduler.hpp). A checker actor sees every enter/leave of a
// critical section and counts overlaps; at the end every lock must be
// released and the registry empty.
CAF_ADD_ATOM(tradeflow, stress, enter_atom, "enter")
CAF_ADD_ATOM(tradeflow, stress, leave_atom, "leave")
CAF_ADD_ATOM(tradeflow, stress, report_atom, "report")

using namespace tradeflow;
using namespace std::chrono_literals;

namespace {

struct stress_config : caf::actor_system_config {
  stress_config() {
    tradeflow::add_message_types(*this);
    set("scheduler.max-threads", 4);
    scheduling::use_engine_scheduler(*this);
  }
};

/// Tracks the holder of each key; any overlap is a violation.
caf::behavior checker(caf::event_based_actor*) {
  auto holders = std::make_shared<std::map<std::string, uint64_t>>();
  auto violations = std::make_shared<int64_t>(0);
  auto entries = std::make_shared<int64_t>(0);
  return {
    [=](stress::enter_atom, const std::string& key, uint64_t ticket) {
      auto& h = (*holders)[key];
      if (h != 0)
        ++*violations;
      h = ticket;
      ++*entries;
      return true;
    },
    [=](stress::leave_atom, const std::string& key, uint64_t ticket) {
      auto& h = (*holders)[key];
      if (h != ticket)
        ++*violations;
      h = 0;
      return true;
    },
    [=](stress::report_atom) { return std::make_tuple(*violations, *entries); },
  };
}

/// Messages a holder sends itself while it holds a lock: each one is a
/// trip through its mailbox, so other requesters run in between.
constexpr int work_hops = 8;

/// Acquires `rounds` times (each a new ticket). Holding the lock, it waits
/// for the checker to acknowledge `enter`, works for `work_hops` mailbox
/// trips, waits for the acknowledged `leave`, and only then releases: the
/// critical section the checker sees is as wide as the holder's, so a
/// double grant shows as an overlap. Each step is a message to itself, so
/// no callback outlives the actor.
caf::behavior requester(caf::event_based_actor* self, supervisor_actor sup,
                        caf::actor check, std::string key, uint64_t base,
                        int rounds) {
  self->send(self, 0);
  auto next_round = [=](int round) { self->send(self, round + 1); };
  auto fail_round = [=](int round, uint64_t ticket) {
    self->send(sup, cancel_atom_v, key, ticket);
    next_round(round);
  };
  return {
    [=](int round) {
      if (round == rounds) {
        self->quit();
        return;
      }
      auto ticket = base + static_cast<uint64_t>(round);
      self->request(sup, 5s, acquire_atom_v, key, ticket, caf::timespan{2s})
        .then(
          [=](lock_grant&) {
            self->request(check, 5s, stress::enter_atom_v, key, ticket)
              .then([=](bool) { self->send(self, round, work_hops); },
                    [=](caf::error&) { fail_round(round, ticket); });
          },
          [=](caf::error&) { fail_round(round, ticket); });
    },
    [=](int round, int hops_left) {
      if (hops_left > 0) {
        self->send(self, round, hops_left - 1);
        return;
      }
      auto ticket = base + static_cast<uint64_t>(round);
      self->request(check, 5s, stress::leave_atom_v, key, ticket)
        .then(
          [=](bool) {
            self->send(sup, release_atom_v, key, ticket);
            next_round(round);
          },
          [=](caf::error&) { fail_round(round, ticket); });
    },
  };
}

} // namespace

BOOST_AUTO_TEST_SUITE(concurrency_suite)

BOOST_AUTO_TEST_CASE(few_keys_never_have_two_holders) {
  stress_config cfg;
  caf::actor_system sys{cfg};
  auto sup = sys.spawn(supervisor, worker_deps{}, run_settings{}, 1);
  auto check = sys.spawn(checker);
  constexpr int requesters = 200;
  constexpr int rounds = 20;
  {
    caf::scoped_actor self{sys};
    std::vector<caf::actor> all;
    for (int i = 0; i < requesters; ++i) {
      auto key = "expert_" + std::to_string(i % 5) + "_usecase_enter_market";
      all.push_back(sys.spawn(requester, sup, check, key,
                              static_cast<uint64_t>(i) * 1000 + 1, rounds));
    }
    for (auto& a : all) {
      self->monitor(a);
    }
    for (size_t i = 0; i < all.size(); ++i)
      self->receive([](caf::down_msg&) {});
    self->request(check, 5s, stress::report_atom_v)
      .receive(
        [&](int64_t violations, int64_t entries) {
          BOOST_TEST(violations == 0);
          BOOST_TEST(entries > 0);
          BOOST_TEST_MESSAGE("critical sections entered: " << entries);
        },
        [&](caf::error& err) { BOOST_FAIL(caf::to_string(err)); });
    self->request(sup, 5s, status_atom_v)
      .receive(
        [&](registry_status& s) {
          BOOST_TEST(s.keys == 0u);
          BOOST_TEST(s.held == 0u);
          BOOST_TEST(s.waiting == 0u);
        },
        [&](caf::error& err) { BOOST_FAIL(caf::to_string(err)); });
  }
  caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(check, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_SUITE_END()
