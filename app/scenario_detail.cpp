#include "app/scenario_detail.hpp"

#include <cmath>
#include <cstdint>
#include <utility>

#include <caf/message.hpp>

#include "app/scenario.hpp"
#include "messages/error.hpp"
#include "messages/json_input.hpp"
#include "messages/limits.hpp"

namespace tradeflow::scenario_detail {

bool checker::fail(const std::string& path, const std::string& what) {
  if (first_.empty())
    first_ = path + ": " + what;
  return false;
}

bool checker::fail(const caf::error& err) {
  if (first_.empty())
    first_ = reason_of(err);
  return false;
}

caf::error checker::error() const {
  return make_error(ec::invalid_input, first_);
}

std::string reason_of(const caf::error& err) {
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>())
    return ctx.get_as<std::string>(0);
  return describe(err);
}

std::string show(const json& x) {
  return json_input::show(x);
}

std::string quote_text(const std::string& x) {
  return json_input::quote(x);
}

std::string show(double x) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x > 0 ? "inf" : "-inf";
  if (x == std::floor(x) && std::fabs(x) < 1e15)
    return std::to_string(static_cast<int64_t>(x));
  return json(x).dump();
}

std::string index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string member_path(const std::string& path, const std::string& key) {
  // Keys come from the input: a long or binary one is cut and escaped.
  auto text = json_input::key_text(key);
  return path.empty() ? text : path + "." + text;
}

caf::optional<double> read_number(checker& c, const json& x,
                                  const std::string& path) {
  if (!x.is_number() || !std::isfinite(x.get<double>())) {
    c.fail(path, "must be a finite number, got " + show(x));
    return caf::none;
  }
  return x.get<double>();
}

caf::optional<int64_t> read_integer(checker& c, const json& x,
                                    const std::string& path) {
  if (x.is_number_unsigned()) {
    if (x.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX))
      return static_cast<int64_t>(x.get<uint64_t>());
  } else if (x.is_number_integer()) {
    return x.get<int64_t>();
  } else if (x.is_number_float()) {
    auto d = x.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
      return static_cast<int64_t>(d);
  }
  c.fail(path, "must be an integer, got " + show(x));
  return caf::none;
}

caf::optional<double> read_positive(checker& c, const json& x,
                                    const std::string& path) {
  auto result = read_number(c, x, path);
  if (result && *result <= 0) {
    c.fail(path, "must be > 0, got " + show(*result));
    return caf::none;
  }
  return result;
}

caf::optional<double> read_amount(checker& c, const json& x,
                                  const std::string& path) {
  auto result = read_positive(c, x, path);
  if (result && *result > limits::max_amount) {
    c.fail(path, "must be <= " + show(limits::max_amount) + ", got "
                   + show(*result));
    return caf::none;
  }
  return result;
}

std::string read_symbol(checker& c, const json& x, const std::string& path) {
  if (!x.is_string()) {
    c.fail(path, "must be a non-empty string, got " + show(x));
    return {};
  }
  auto result = x.get<std::string>();
  if (auto why = json_input::symbol_problem(result); !why.empty())
    c.fail(path, why + ", got " + show(x));
  return result;
}

bool check_symbol_key(checker& c, const std::string& path,
                      const std::string& key) {
  if (key.empty())
    return c.fail(path, "empty symbol");
  auto why = json_input::symbol_problem(key);
  return why.empty()
         || c.fail(member_path(path, key), why + ", got "
                                             + json_input::quote(key));
}

object_reader::object_reader(checker& c, const json& x, std::string path,
                             std::initializer_list<const char*> keys)
  : c_(c), x_(x), path_(std::move(path)) {
  if (!x.is_object()) {
    c_.fail(path_.empty() ? "scenario" : path_,
            "must be an object, got " + show(x));
    return;
  }
  for (auto& item : x.items()) {
    auto known = false;
    for (auto key : keys)
      known = known || item.key() == key;
    if (!known)
      c_.fail(member_path(path_, item.key()), "unknown key");
  }
}

const json* object_reader::find(const char* key) const {
  if (!x_.is_object())
    return nullptr;
  auto i = x_.find(key);
  if (i == x_.end() || i->is_null())
    return nullptr;
  return &*i;
}

const json* object_reader::required(const char* key) {
  auto result = find(key);
  if (!result)
    c_.fail(at(key), "required");
  return result;
}

std::string object_reader::string(const char* key) {
  auto x = required(key);
  if (!x)
    return {};
  if (!x->is_string()) {
    c_.fail(at(key), "must be a string, got " + show(*x));
    return {};
  }
  return x->get<std::string>();
}

std::string object_reader::symbol(const char* key) {
  auto x = required(key);
  if (!x)
    return {};
  return read_symbol(c_, *x, at(key));
}

std::string object_reader::name(const char* key) {
  auto x = find(key);
  if (!x)
    return {};
  auto result = string(key);
  if (auto why = json_input::name_problem(result); !why.empty())
    c_.fail(at(key), why + ", got " + show(*x));
  return result;
}

int64_t object_reader::id(const char* key) {
  auto result = integer(key);
  if (find(key) && result <= 0)
    c_.fail(at(key), "must be > 0, got " + std::to_string(result));
  return result;
}

caf::optional<int64_t> object_reader::opt_duration(const char* key) {
  auto result = opt_integer(key);
  if (result && *result < 0) {
    c_.fail(at(key), "must be >= 0, got " + std::to_string(*result));
    return caf::none;
  }
  if (result && *result > limits::max_duration_ms) {
    c_.fail(at(key), "must be <= " + std::to_string(limits::max_duration_ms)
                       + " (30 days), got " + std::to_string(*result));
    return caf::none;
  }
  return result;
}

bool object_reader::boolean(const char* key, bool fallback) {
  auto x = find(key);
  if (!x)
    return fallback;
  if (!x->is_boolean()) {
    c_.fail(at(key), "must be true or false, got " + show(*x));
    return fallback;
  }
  return x->get<bool>();
}

double object_reader::number(const char* key) {
  auto x = required(key);
  auto result = x ? read_number(c_, *x, at(key)) : caf::none;
  return result ? *result : 0.0;
}

caf::optional<double> object_reader::opt_number(const char* key) {
  auto x = find(key);
  return x ? read_number(c_, *x, at(key)) : caf::none;
}

caf::optional<double> object_reader::opt_positive(const char* key) {
  auto x = find(key);
  return x ? read_positive(c_, *x, at(key)) : caf::none;
}

caf::optional<double> object_reader::opt_amount(const char* key) {
  auto x = find(key);
  return x ? read_amount(c_, *x, at(key)) : caf::none;
}

int64_t object_reader::integer(const char* key) {
  auto x = required(key);
  auto result = x ? read_integer(c_, *x, at(key)) : caf::none;
  return result ? *result : 0;
}

caf::optional<int64_t> object_reader::opt_integer(const char* key) {
  auto x = find(key);
  return x ? read_integer(c_, *x, at(key)) : caf::none;
}

int64_t object_reader::timestamp(const char* key) {
  if (!find(key)) {
    c_.fail(at(key), "required");
    return 0;
  }
  auto result = opt_timestamp(key);
  return result ? *result : 0;
}

caf::optional<int64_t> object_reader::opt_timestamp(const char* key) {
  auto x = find(key);
  if (!x)
    return caf::none;
  if (!x->is_string()) {
    c_.fail(at(key), "must be a timestamp string, got " + show(*x));
    return caf::none;
  }
  auto result = parse_timestamp(x->get<std::string>());
  if (!result) {
    c_.fail(at(key), reason_of(result.error()));
    return caf::none;
  }
  return *result;
}

} // namespace tradeflow::scenario_detail
