#include "messages/json_input.hpp"

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "messages/error.hpp"
#include "messages/limits.hpp"

namespace tradeflow::json_input {

namespace {

using json = nlohmann::json;

constexpr const char* ellipsis = "...";

// The first `n` bytes of `x`, backed off so that no UTF-8 sequence is cut.
std::string_view head(std::string_view x, size_t n) {
  if (x.size() <= n)
    return x;
  while (n > 0 && (static_cast<unsigned char>(x[n]) & 0xC0) == 0x80)
    --n;
  return x.substr(0, n);
}

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7F;
}

// Control characters as \u00XX, the rest verbatim; cut to the message
// bound (the escapes count towards it).
std::string escaped(std::string_view x) {
  std::string result;
  auto cut = head(x, limits::max_quoted_chars);
  for (char ch : cut) {
    auto c = static_cast<unsigned char>(ch);
    if (is_control(c)) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04X", c);
      result += buf;
    } else {
      result += ch;
    }
  }
  if (cut.size() < x.size())
    result += ellipsis;
  return result;
}

std::string scalar_text(const json& x) {
  if (x.is_string()) {
    // Cut before dumping: the value may be megabytes long.
    auto& s = x.get_ref<const std::string&>();
    auto cut = head(s, limits::max_quoted_chars);
    auto text = json(std::string{cut}).dump(-1, ' ', false,
                                            json::error_handler_t::replace);
    if (cut.size() < s.size())
      text.insert(text.size() - 1, ellipsis);
    return text;
  }
  if (x.is_number_float() && !std::isfinite(x.get<double>())) {
    auto d = x.get<double>();
    return std::isnan(d) ? "nan" : (d > 0 ? "inf" : "-inf");
  }
  return x.dump(-1, ' ', false, json::error_handler_t::replace);
}

// One container being rendered by `show`: the next member to print.
struct frame {
  const json* node;
  json::const_iterator next;
  bool first = true;
};

// Builds the document from SAX events, refusing duplicate keys and deep
// nesting; it keeps the path of the value being read for messages.
class strict_builder {
public:
  strict_builder(json& root, std::string root_name)
    : root_(root), root_name_(std::move(root_name)) {
  }

  bool null() {
    return put(nullptr);
  }
  bool boolean(bool x) {
    return put(x);
  }
  bool number_integer(json::number_integer_t x) {
    return put(x);
  }
  bool number_unsigned(json::number_unsigned_t x) {
    return put(x);
  }
  bool number_float(json::number_float_t x, const std::string&) {
    return put(x);
  }
  bool string(std::string& x) {
    return put(std::move(x));
  }
  bool binary(json::binary_t& x) {
    return put(json::binary(std::move(x)));
  }
  bool start_object(std::size_t) {
    return open(json::value_t::object);
  }
  bool start_array(std::size_t) {
    return open(json::value_t::array);
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool key(std::string& x) {
    auto& top = stack_.back();
    if (top.node->contains(x))
      return fail(path(stack_.size() - 1), "duplicate key " + quote(x));
    top.key = x;
    slot_ = &(*top.node)[x];
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const json::exception& e) {
    error_ = e.what();
    return false;
  }

  const std::string& error() const {
    return error_;
  }

private:
  struct level {
    json* node;
    std::string key; // the member being read, in an object
  };

  bool fail(const std::string& at, const std::string& what) {
    // 64 levels of long keys would make a long path: cut it too.
    auto cut = head(at, limits::max_quoted_chars);
    error_ = (at.empty() ? root_name_ : std::string{cut})
             + (cut.size() < at.size() ? ellipsis : "") + ": " + what;
    return false;
  }

  // The path to the value read inside the first `n` open containers.
  std::string path(size_t n) const {
    std::string result;
    for (size_t i = 0; i < n; ++i) {
      auto& l = stack_[i];
      if (l.node->is_array())
        result += "[" + std::to_string(l.node->size() - 1) + "]";
      else
        result += (result.empty() ? "" : ".") + key_text(l.key);
    }
    return result;
  }

  // Stores `x` where the next value goes; returns it.
  json* place(json x) {
    if (stack_.empty()) {
      root_ = std::move(x);
      return &root_;
    }
    auto& top = *stack_.back().node;
    if (top.is_array()) {
      top.push_back(std::move(x));
      return &top.back();
    }
    *slot_ = std::move(x);
    return slot_;
  }

  bool put(json x) {
    place(std::move(x));
    return true;
  }

  bool open(json::value_t type) {
    auto node = place(json(type));
    if (stack_.size() >= limits::max_json_depth)
      return fail(path(stack_.size()),
                  "nested deeper than "
                    + std::to_string(limits::max_json_depth) + " levels");
    stack_.push_back(level{node, {}});
    return true;
  }

  json& root_;
  std::string root_name_;
  std::vector<level> stack_;
  json* slot_ = nullptr;
  std::string error_;
};

} // namespace

caf::expected<json> parse(const std::string& text,
                          const std::string& root_name) {
  json result;
  strict_builder builder{result, root_name};
  if (!json::sax_parse(text, &builder))
    return make_error(ec::invalid_input, builder.error());
  return result;
}

std::string show(const json& x) {
  std::string out;
  std::vector<frame> stack;
  auto emit = [&](const json& v) {
    if (v.is_object() || v.is_array()) {
      out += v.is_object() ? '{' : '[';
      stack.push_back(frame{&v, v.cbegin()});
    } else {
      out += scalar_text(v);
    }
  };
  emit(x);
  while (!stack.empty() && out.size() < limits::max_quoted_chars) {
    auto& f = stack.back();
    if (f.next == f.node->cend()) {
      out += f.node->is_object() ? '}' : ']';
      stack.pop_back();
      continue;
    }
    if (!f.first)
      out += ',';
    f.first = false;
    auto item = f.next++;
    if (f.node->is_object())
      out += scalar_text(json(item.key())) + ":";
    emit(*item); // may invalidate `f`
  }
  if (out.size() > limits::max_quoted_chars || !stack.empty())
    return std::string{head(out, limits::max_quoted_chars)} + ellipsis;
  return out;
}

std::string quote(std::string_view x) {
  return "'" + escaped(x) + "'";
}

std::string key_text(std::string_view x) {
  return escaped(x);
}

std::string name_problem(std::string_view x) {
  for (size_t i = 0; i < x.size(); ++i) {
    unsigned c = static_cast<unsigned char>(x[i]);
    unsigned next = i + 1 < x.size() ? static_cast<unsigned char>(x[i + 1])
                                     : 0u;
    // C1 controls (U+0080..U+009F) are 0xC2 0x80..0x9F in UTF-8.
    auto c1 = c == 0xC2 && next >= 0x80 && next <= 0x9F;
    if (is_control(c) || c1) {
      char code[8];
      std::snprintf(code, sizeof(code), "U+%04X", c1 ? next : c);
      return std::string{"must not contain control characters ("} + code
             + " at byte " + std::to_string(i) + ")";
    }
  }
  return {};
}

std::string symbol_problem(std::string_view x) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
           || c == '\v';
  };
  if (x.empty())
    return "must be a non-empty string";
  if (auto why = name_problem(x); !why.empty())
    return why;
  if (x.find_first_not_of(" ") == std::string_view::npos)
    return "must not be only whitespace";
  if (space(x.front()) || space(x.back()))
    return "must not start or end with whitespace";
  return {};
}

} // namespace tradeflow::json_input
