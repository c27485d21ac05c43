#include "storage/store_url.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/support/printing.hpp"
#include "tests/support/temp_files.hpp"

// A database URL is parsed into checked options before anything is
// opened: SOCI would otherwise open a file named after a malformed string,
// an empty path as a temporary database, and ignore unknown options.
// Errors name an option key at most, never a value (it may be a password).
using namespace tradeflow;
using namespace tradeflow::test;

namespace {

std::string url_error(const std::string& url) {
  auto target = storage::parse_url(url);
  BOOST_REQUIRE_MESSAGE(!target, "accepted: " + url);
  BOOST_REQUIRE(is(target.error(), ec::invalid_input));
  return reason_of(target.error());
}

} // namespace

BOOST_AUTO_TEST_SUITE(db_url)

BOOST_AUTO_TEST_CASE(malformed_sqlite_urls_are_refused) {
  BOOST_TEST(has(url_error(""), "empty"));
  BOOST_TEST(has(url_error("sqlite3://"), "needs db=PATH"));
  BOOST_TEST(has(url_error("sqlite3://db="), "db needs a file path"));
  BOOST_TEST(has(url_error("sqlite3://nonsense"), "expected key=value"));
  BOOST_TEST(has(url_error("sqlite3://timeout=5"), "needs db=PATH"));
  BOOST_TEST(has(url_error("sqlite3://db=a db=b"), "db given twice"));
  BOOST_TEST(has(url_error("sqlite3://db=\"a b"), "unterminated quote"));
}

BOOST_AUTO_TEST_CASE(sqlite_options_are_checked) {
  BOOST_TEST(has(url_error("sqlite3://db=x.db bogus=1"),
                 "unknown sqlite3 option 'bogus'"));
  BOOST_TEST(has(url_error("sqlite3://db=x.db timeout=abc"),
                 "timeout: expected whole seconds"));
  BOOST_TEST(has(url_error("sqlite3://db=x.db timeout=-1"), "timeout"));
  BOOST_TEST(has(url_error("sqlite3://db=x.db synchronous=off;drop"),
                 "synchronous: expected off, normal, full or extra"));
  BOOST_TEST(has(url_error("sqlite3://db=x.db shared_cache=yes"),
                 "shared_cache: expected true or false"));
}

BOOST_AUTO_TEST_CASE(good_sqlite_urls_become_a_canonical_connect_string) {
  auto t = storage::parse_url("sqlite3://db=x.db  timeout=5 synchronous=normal"
                              " readonly=false");
  BOOST_REQUIRE(t);
  BOOST_TEST(!t->postgres);
  BOOST_TEST(!t->memory);
  BOOST_TEST(t->connect == "db=x.db timeout=5 synchronous=normal");
  t = storage::parse_url("sqlite3://db=:memory:");
  BOOST_REQUIRE(t);
  BOOST_TEST(t->memory);
  t = storage::parse_url("sqlite3://dbname=\"my db.sqlite\"");
  BOOST_REQUIRE(t);
  BOOST_TEST(t->connect == "db=\"my db.sqlite\"");
  t = storage::parse_url("/tmp/engine db.sqlite");
  BOOST_REQUIRE(t);
  BOOST_TEST(t->connect == "db=\"/tmp/engine db.sqlite\"");
}

BOOST_AUTO_TEST_CASE(postgres_keywords_are_checked_without_echoing_values) {
  auto why = url_error("postgresql://host=h password=hunter2 bogus=1");
  BOOST_TEST(has(why, "unknown postgresql keyword 'bogus'"));
  BOOST_TEST(why.find("hunter2") == std::string::npos);
  why = url_error("postgresql://host=h port=abc password=hunter2");
  BOOST_TEST(has(why, "port: expected a number"));
  BOOST_TEST(why.find("hunter2") == std::string::npos);
  BOOST_TEST(has(url_error("postgresql://host=h connect_timeout=-5"),
                 "connect_timeout"));
  BOOST_TEST(has(url_error("postgresql://host=h sslmode=sometimes"),
                 "sslmode"));
  BOOST_TEST(has(url_error("postgres://u:hunter2@h/db?bogus=1"),
                 "unknown postgresql keyword 'bogus'"));
  why = url_error("postgresql://host=h password='hunter2");
  BOOST_TEST(has(why, "unterminated quote"));
  BOOST_TEST(why.find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(good_postgres_urls_pass_unchanged) {
  auto kw = std::string{"host=127.0.0.1 port=5432 dbname=t user=u "
                        "password='a b?c' connect_timeout=5 sslmode=disable"};
  auto t = storage::parse_url("postgresql://" + kw);
  BOOST_REQUIRE(t);
  BOOST_TEST(t->postgres);
  BOOST_TEST(t->connect == kw);
  auto uri = std::string{"postgresql://u:pw@127.0.0.1:5432/t?sslmode=disable"
                         "&connect_timeout=3"};
  t = storage::parse_url(uri);
  BOOST_REQUIRE(t);
  BOOST_TEST(t->connect == uri);
}

BOOST_AUTO_TEST_SUITE_END()
