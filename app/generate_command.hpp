#pragma once

#include <string>

#include <CLI/App.hpp>

#include "app/generate.hpp"

/// The `tradeflow gen` subcommand: flags in, scenario JSON out.
namespace tradeflow {

/// The parsed flags of `gen`; `cmd` is null until added to an app.
struct generate_command {
  CLI::App* cmd = nullptr;
  generate_params params;
  /// `--out`: file to write; empty = stdout.
  std::string out;
};

/// Adds the `gen` subcommand and its flags to `app`; `x` receives them and
/// must outlive the parse.
void add_generate_command(CLI::App& app, generate_command& x);

/// Writes the scenario of `x.params` to `x.out` or stdout. Returns the exit
/// status: 0 written, 2 a bad parameter (the message names the flag) or an
/// unwritable `--out`.
int run_generate(const generate_command& x);

} // namespace tradeflow
