#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>

/// TLS for the cluster port, terminated outside the node's process by a
/// supervised `stunnel4` child (docs/cluster.md). CAF
/// then speaks plain BASP on loopback only; the handshakes, and any peer
/// that stalls one, stay in stunnel's own threads.
namespace tradeflow {

/// `HOST:PORT`.
struct endpoint {
  std::string host;
  uint16_t port = 0;
};

/// Certificate, key and CA (PEM files); all three or none.
struct tls_options {
  std::string cert;
  std::string key;
  std::string ca;

  bool enabled() const {
    return !cert.empty();
  }
};

/// Checks that all three or none are given, that each is a readable PEM
/// file, that the key matches the certificate and that the CA file holds
/// a certificate. `ec::invalid_input` naming the flag and the file.
caf::error check_tls_files(const tls_options& tls);

/// A running stunnel; stopping it (SIGTERM, then SIGKILL) on destruction.
/// The child also gets SIGKILL if the node dies (PR_SET_PDEATHSIG).
class tls_tunnel {
public:
  /// Accepts TLS at `public_at` (port 0: a free one is picked) and
  /// forwards each authenticated connection to 127.0.0.1:`internal_port`.
  /// `ec::invalid_input` when stunnel is missing or cannot listen.
  static caf::expected<std::unique_ptr<tls_tunnel>>
  serve(const tls_options& tls, const endpoint& public_at,
        uint16_t internal_port);

  /// Accepts plain connections on a free loopback port (`local()`) and
  /// carries each over TLS to `remote`.
  static caf::expected<std::unique_ptr<tls_tunnel>>
  dial(const tls_options& tls, const endpoint& remote);

  ~tls_tunnel();

  tls_tunnel(const tls_tunnel&) = delete;
  tls_tunnel& operator=(const tls_tunnel&) = delete;

  /// Where the tunnel accepts: the public endpoint (`serve`) or the
  /// loopback endpoint CAF connects to (`dial`).
  const endpoint& local() const {
    return local_;
  }

private:
  tls_tunnel() = default;

  static caf::expected<std::unique_ptr<tls_tunnel>>
  start(const std::string& config, const endpoint& accept_at);

  pid_t pid_ = -1;
  std::string dir_;
  endpoint local_;
};

/// Binds `host`:`port` (port 0: any) as CAF does (SO_REUSEADDR), then
/// releases it: the port, when it was free a moment ago.
caf::expected<uint16_t> probe_port(const std::string& host, uint16_t port);

/// A port no socket uses on `host` right now.
inline caf::expected<uint16_t> free_port(const std::string& host) {
  return probe_port(host, 0);
}

} // namespace tradeflow
