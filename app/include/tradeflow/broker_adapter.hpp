#pragma once

/// The venue interface a host implements (docs/embedding.md §2.3).
#include "messages/broker_adapter.hpp"
