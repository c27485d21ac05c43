#pragma once

#include <cstddef>
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

caf::error check_ruleset(const ruleset& x);

caf::error check_expert(const expert& x);

/// Checks every recommendation; the first problem names its index.
caf::error check_recommendations(const std::vector<recommendation>& xs);

} // namespace tradeflow
