#include "app/generate_command.hpp"

#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/exit_codes.hpp"
#include "messages/error.hpp"

namespace tradeflow {

void add_generate_command(CLI::App& app, generate_command& x) {
  auto cmd = app.add_subcommand("gen", "write a synthetic scenario (JSON)");
  auto& p = x.params;
  cmd->add_option("--experts", p.experts, "number of experts")
    ->required();
  cmd->add_option("--recs-per-expert", p.recs_per_expert,
                  "BUY recommendations per expert, on distinct symbols")
    ->required();
  cmd->add_option("--dup-ratio", p.dup_ratio,
                  "fraction of (expert, symbol) pairs with an open position")
    ->default_val(p.dup_ratio);
  cmd->add_option("--concurrency", p.concurrency,
                  "simultaneous triggers of every expert's run")
    ->default_val(p.concurrency);
  cmd->add_option("--seed", p.seed, "random seed")->default_val(p.seed);
  cmd->add_option("--out", x.out, "output file (default: stdout)");
  x.cmd = cmd;
}

int run_generate(const generate_command& x) {
  auto doc = generate_scenario(x.params);
  if (!doc) {
    std::cerr << "tradeflow gen: " << reason_of(doc.error()) << '\n';
    return exit_user_error;
  }
  if (x.out.empty()) {
    std::cout << doc->dump() << '\n';
    return 0;
  }
  std::ofstream f{x.out};
  if (f)
    f << doc->dump() << '\n';
  if (!f) {
    std::cerr << "tradeflow gen: --out: cannot write '" << x.out << "'\n";
    return exit_user_error;
  }
  return 0;
}

} // namespace tradeflow
