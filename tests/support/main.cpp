// The one Boost.Test entry point shared by every test binary.
#define BOOST_TEST_MODULE tradeflow
#include <boost/test/unit_test.hpp>
