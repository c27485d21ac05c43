#include "storage/ruleset_codec.hpp"

#include <cmath>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <utility>

#include "messages/error.hpp"
#include "messages/json_input.hpp"

namespace tradeflow::storage {

namespace {

using json = nlohmann::json;

// The first validation problem found; every reader returns false once it
// has recorded one, so parsing stops at the first offending field.
struct problem {
  std::string text;

  bool fail(const std::string& path, const std::string& what) {
    text = path + ": " + what;
    return false;
  }
};

using json_input::show;

std::string in_quotes(const std::string& x) {
  return json_input::quote(x);
}

// nullptr when `key` is absent or null (optional fields accept null).
const json* member(const json& x, const char* key) {
  auto i = x.find(key);
  if (i == x.end() || i->is_null())
    return nullptr;
  return &*i;
}

bool check_object(problem& p, const json& x, const std::string& path,
                  std::initializer_list<const char*> keys) {
  if (!x.is_object())
    return p.fail(path, "must be an object, got " + show(x));
  for (auto& [key, value] : x.items()) {
    auto known = false;
    for (auto k : keys)
      known = known || key == k;
    if (!known)
      return p.fail(path + "." + json_input::key_text(key), "unknown key");
  }
  return true;
}

bool read_string(problem& p, const json& x, const std::string& path,
                 std::string& out) {
  if (!x.is_string())
    return p.fail(path, "must be a string, got " + show(x));
  out = x.get<std::string>();
  return true;
}

// A rule or ruleset name: any text without control characters.
bool read_name(problem& p, const json& x, const std::string& path,
               std::string& out) {
  if (!read_string(p, x, path, out))
    return false;
  auto why = json_input::name_problem(out);
  return why.empty() || p.fail(path, why + ", got " + show(x));
}

bool read_number(problem& p, const json& x, const std::string& path,
                 double& out) {
  if (!x.is_number() || !std::isfinite(x.get<double>()))
    return p.fail(path, "must be a finite number, got " + show(x));
  out = x.get<double>();
  return true;
}

bool read_id(problem& p, const json& x, const std::string& path,
             int64_t& out) {
  auto fits = [](double d) {
    return std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18;
  };
  if (x.is_number_unsigned() && x.get<uint64_t>() > INT64_MAX)
    return p.fail(path, "must be an integer, got " + show(x));
  if (x.is_number_integer())
    out = x.get<int64_t>();
  if (x.is_number_float() && fits(x.get<double>()))
    out = static_cast<int64_t>(x.get<double>());
  else if (!x.is_number_integer())
    return p.fail(path, "must be an integer, got " + show(x));
  if (out <= 0)
    return p.fail(path, "must be > 0, got " + std::to_string(out));
  return true;
}

bool parse_trigger(problem& p, const json& x, const std::string& path,
                   trigger& out) {
  if (!check_object(p, x, path, {"event_type", "operator", "value"}))
    return false;
  auto at = [&](const char* key) { return path + "." + key; };
  auto ev = member(x, "event_type");
  if (!ev)
    return p.fail(at("event_type"), "required");
  std::string name;
  if (!read_string(p, *ev, at("event_type"), name))
    return false;
  auto parsed = parse_event_type(name);
  if (!parsed)
    return p.fail(at("event_type"), "unknown event_type " + in_quotes(name));
  out.event = *parsed;
  auto op = member(x, "operator");
  auto value = member(x, "value");
  if (!is_numeric(out.event)) {
    auto why = "not allowed for flag event_type " + in_quotes(name);
    if (op)
      return p.fail(at("operator"), why + ", got " + show(*op));
    if (value)
      return p.fail(at("value"), why + ", got " + show(*value));
    return true;
  }
  auto why = "required for numeric event_type " + in_quotes(name);
  if (!op)
    return p.fail(at("operator"), why);
  std::string op_text;
  if (!read_string(p, *op, at("operator"), op_text))
    return false;
  out.op = parse_compare_op(op_text);
  if (!out.op)
    return p.fail(at("operator"), "unknown operator " + in_quotes(op_text));
  if (!value)
    return p.fail(at("value"), why);
  double v = 0;
  if (!read_number(p, *value, at("value"), v))
    return false;
  out.value = v;
  return true;
}

bool is_adjust(action_type x) {
  return x == action_type::adjust_take_profit
         || x == action_type::adjust_stop_loss;
}

bool parse_adjust(problem& p, const json& x, const std::string& path,
                  const std::string& type, rule_action& out) {
  auto at = [&](const char* key) { return path + "." + key; };
  auto ref = member(x, "reference_value");
  auto value = member(x, "value");
  auto price = member(x, "price");
  auto forms = " takes either price or both reference_value and value";
  if (price && (ref || value))
    return p.fail(path, type + forms + ", not both");
  if (!price && !ref && !value)
    return p.fail(path, type + forms + ", got neither");
  if (price) {
    double v = 0;
    if (!read_number(p, *price, at("price"), v))
      return false;
    out.price = v;
    return true;
  }
  if (!ref)
    return p.fail(at("reference_value"),
                  "required with value " + show(*value));
  if (!value)
    return p.fail(at("value"),
                  "required with reference_value " + show(*ref));
  std::string ref_text;
  if (!read_string(p, *ref, at("reference_value"), ref_text))
    return false;
  out.reference = parse_reference_value(ref_text);
  if (!out.reference)
    return p.fail(at("reference_value"),
                  "unknown reference_value " + in_quotes(ref_text));
  double v = 0;
  if (!read_number(p, *value, at("value"), v))
    return false;
  out.value = v;
  return true;
}

bool parse_action(problem& p, const json& x, const std::string& path,
                  rule_action& out) {
  if (!check_object(p, x, path,
                    {"action_type", "reference_value", "value", "price"}))
    return false;
  auto type = member(x, "action_type");
  if (!type)
    return p.fail(path + ".action_type", "required");
  std::string name;
  if (!read_string(p, *type, path + ".action_type", name))
    return false;
  auto parsed = parse_action_type(name);
  if (!parsed)
    return p.fail(path + ".action_type", "unknown action_type "
                                           + in_quotes(name));
  out.type = *parsed;
  if (is_adjust(out.type))
    return parse_adjust(p, x, path, name, out);
  for (auto key : {"reference_value", "value", "price"})
    if (auto param = member(x, key))
      return p.fail(path + "." + key, "not allowed for action_type "
                                        + in_quotes(name) + ", got "
                                        + show(*param));
  return true;
}

template <class T, class Parse>
bool parse_list(problem& p, const json& x, const char* key,
                const std::string& path, std::vector<T>& out, Parse parse) {
  auto xs = member(x, key);
  if (!xs)
    return true;
  auto list_path = path + "." + key;
  if (!xs->is_array())
    return p.fail(list_path, "must be an array, got " + show(*xs));
  for (size_t i = 0; i < xs->size(); ++i) {
    T item;
    if (!parse(p, (*xs)[i], list_path + "[" + std::to_string(i) + "]", item))
      return false;
    out.push_back(std::move(item));
  }
  return true;
}

bool parse_rule(problem& p, const json& x, const std::string& path,
                rule& out) {
  if (!x.is_object())
    return p.fail(path, "must be an object, got " + show(x));
  auto name = member(x, "name");
  if (!name)
    return p.fail(path + ".name", "required");
  if (!read_name(p, *name, path + ".name", out.name))
    return false;
  // From here on every message names the rule.
  auto where = path + " (rule " + in_quotes(out.name) + ")";
  if (!check_object(p, x, where,
                    {"name", "continue_processing", "triggers", "actions"}))
    return false;
  if (auto cont = member(x, "continue_processing")) {
    if (!cont->is_boolean())
      return p.fail(where + ".continue_processing",
                    "must be true or false, got " + show(*cont));
    out.continue_processing = cont->get<bool>();
  }
  return parse_list(p, x, "triggers", where, out.triggers, parse_trigger)
         && parse_list(p, x, "actions", where, out.actions, parse_action);
}

json trigger_json(const trigger& x) {
  json result{{"event_type", to_string(x.event)}};
  if (x.op)
    result["operator"] = to_string(*x.op);
  if (x.value)
    result["value"] = *x.value;
  return result;
}

json action_json(const rule_action& x) {
  json result{{"action_type", to_string(x.type)}};
  if (x.reference)
    result["reference_value"] = to_string(*x.reference);
  if (x.value)
    result["value"] = *x.value;
  if (x.price)
    result["price"] = *x.price;
  return result;
}

} // namespace

caf::expected<ruleset> parse_ruleset(const json& x, const std::string& path) {
  problem p;
  ruleset result;
  auto parse = [&] {
    if (!check_object(p, x, path, {"id", "name", "rules"}))
      return false;
    auto id = member(x, "id");
    if (!id)
      return p.fail(path + ".id", "required");
    if (!read_id(p, *id, path + ".id", result.id))
      return false;
    if (auto name = member(x, "name"))
      if (!read_name(p, *name, path + ".name", result.name))
        return false;
    if (!member(x, "rules"))
      return p.fail(path + ".rules", "required");
    return parse_list(p, x, "rules", path, result.rules, parse_rule);
  };
  auto ok = false;
  try {
    ok = parse();
  } catch (const std::exception& e) {
    // The readers check types before reading; this is only a safety net.
    p.text = path + ": " + e.what();
  }
  if (!ok)
    return tradeflow::make_error(ec::invalid_input, p.text);
  return result;
}

json to_json(const ruleset& x) {
  auto rules = json::array();
  for (auto& r : x.rules) {
    auto triggers = json::array();
    for (auto& t : r.triggers)
      triggers.push_back(trigger_json(t));
    auto actions = json::array();
    for (auto& a : r.actions)
      actions.push_back(action_json(a));
    rules.push_back({{"name", r.name},
                     {"continue_processing", r.continue_processing},
                     {"triggers", std::move(triggers)},
                     {"actions", std::move(actions)}});
  }
  return {{"id", x.id}, {"name", x.name}, {"rules", std::move(rules)}};
}

} // namespace tradeflow::storage
