#pragma once

#include <string>

#include <caf/error.hpp>
#include <caf/settings.hpp>

/// The checks engine.ini passes before any value of it is used. CAF's own
/// parser keeps the last of two equal keys, files keys outside a section at
/// the top level, accepts unknown sections and keys and drops values of the
/// wrong type without a word; each of those is an error here. Errors are
/// `ec::invalid_input` without the file name (the caller adds it).
namespace tradeflow {

/// The raw text: "line N: key 'k' outside a section" and
/// "line N: duplicate key 'section.key'".
caf::error check_ini_text(const std::string& text);

/// A parse of the file with no option declared (so every value is kept as
/// written): only the sections `[scheduler]`, `[middleman]` and
/// `[tradeflow]`, only the keys the engine documents, each with its type
/// and range (see `config/engine.ini`).
caf::error check_ini_content(const caf::settings& content);

} // namespace tradeflow
