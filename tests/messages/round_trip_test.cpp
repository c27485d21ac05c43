// Every type of the type-ID block (messages/type_ids.hpp) may cross a node
// boundary, so each one must come back from CAF's binary serialiser as it
// went in. For each type, a sample with every member set to something
// other than its default (tests/messages/samples.hpp) is saved and loaded
// into a default instance; then
// - every member of the result equals the sample's (field_checks.hpp over
//   the members listed by hand in fields.hpp): a member that `inspect()`
//   forgets is written by neither side, so it comes back with its default
//   and fails here, which no comparison of byte images could show;
// - the sample's bytes differ from a default instance's, and the result
//   saves to the sample's bytes, with nothing left unread.
// The cases are generated from the block itself, from `begin` to `end`: a
// type added to it without a sample does not compile, and the count of
// types checked is compared with the size of the block.

#include <cstddef>
#include <string>
#include <utility>

#include <boost/test/unit_test.hpp>

#include <caf/type_id.hpp>

#include "messages/error.hpp"
#include "messages/type_ids.hpp"
#include "tests/messages/codec.hpp"
#include "tests/messages/field_checks.hpp"
#include "tests/messages/samples.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using block = caf::id_block::tradeflow;

constexpr size_t block_size = block::end - block::begin;

template <caf::type_id_t Id>
using type_at = typename caf::type_by_id<Id>::type;

// The bytes of `x`; the test stops when saving fails or does not finish.
template <class T>
bytes saved(const T& x) {
  bytes buf;
  auto err = bounded_save(x, &buf);
  BOOST_REQUIRE_MESSAGE(static_cast<bool>(err), "serialising did not finish");
  BOOST_REQUIRE_MESSAGE(!*err, describe(*err));
  return buf;
}

template <class T>
void round_trip() {
  const std::string name = caf::type_name<T>::value;
  BOOST_TEST_CONTEXT(name) {
    const T sample_value = sample(tag<T>{});
    const T fresh{};
    check_all_set(sample_value, fresh, name);
    auto image = saved(sample_value);
    BOOST_TEST((image != saved(fresh)));
    T loaded{};
    size_t unread = 0;
    auto err = load(image, loaded, &unread);
    BOOST_REQUIRE_MESSAGE(!err, describe(err));
    BOOST_TEST(unread == 0u);
    check_same(sample_value, loaded, name);
    BOOST_TEST((saved(loaded) == image));
  }
}

// Runs `round_trip` for the types with IDs begin + Is; returns how many.
template <size_t... Is>
size_t round_trip_block(std::index_sequence<Is...>) {
  (round_trip<type_at<block::begin + Is>>(), ...);
  return sizeof...(Is);
}

} // namespace

BOOST_AUTO_TEST_SUITE(message_round_trip)

BOOST_AUTO_TEST_CASE(every_type_of_the_id_block_round_trips) {
  BOOST_TEST_REQUIRE(block_size > 0u);
  auto checked = round_trip_block(std::make_index_sequence<block_size>{});
  BOOST_TEST(checked == block_size);
}

BOOST_AUTO_TEST_SUITE_END()
