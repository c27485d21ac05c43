#include "app/config.hpp"

#include <caf/actor_system_config.hpp>

#include "app/scheduler.hpp"
#include "messages/error.hpp"
#include "messages/type_ids.hpp"

// Its own file so that the fuzzed engine.ini reader (tests/fuzz, which
// compiles app/config*.cpp without the wiring) links it too.
namespace tradeflow {

void configure_engine_system(caf::actor_system_config& cfg) {
  add_message_types(cfg);
  // 'stealing' runs the engine's work stealing (app/scheduler.hpp).
  scheduling::use_engine_scheduler(cfg);
  cfg.add_error_category(error_category(), [](uint8_t code,
                                              caf::atom_value cat,
                                              const caf::message& ctx) {
    return describe(caf::error{code, cat, ctx});
  });
}

} // namespace tradeflow
