#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <caf/error.hpp>

#include "messages/entities.hpp"
#include "messages/rules.hpp"

/// The checks an embedding host's values pass before anything is written
/// (docs/embedding.md §2.2): the same bounds the replay format enforces
/// (docs/scenario-format.md), with `ec::invalid_input` naming the field.
/// References (an expert's rulesets, a recommendation's expert) are
/// checked by the store, which knows what exists.
namespace tradeflow {

/// `engine_options::tick_size` and `tick_sizes`: each passes
/// `tick_problem` (messages/ticks.hpp), each key is a symbol.
caf::error check_ticks(double tick_size,
                       const std::map<std::string, double>& tick_sizes);

/// `engine_options::broker`, `venue` and `fix_config`: at most one is
/// set; a `fix_config` names a valid QuickFIX settings file in a build
/// with the FIX venue.
caf::error check_venue_options(bool broker, bool venue,
                               const std::string& fix_config);

caf::error check_ruleset(const ruleset& x);

caf::error check_expert(const expert& x);

/// Checks every recommendation; the first problem names its index.
caf::error check_recommendations(const std::vector<recommendation>& xs);

} // namespace tradeflow
