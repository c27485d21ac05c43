#include "app/tls_tunnel.hpp"

#include <fstream>
#include <memory>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

/// OpenSSL's first reason for a failure, e.g. "no start line".
std::string openssl_reason() {
  auto code = ERR_peek_error();
  const char* reason = code ? ERR_reason_error_string(code) : nullptr;
  ERR_clear_error();
  return reason ? std::string{" ("} + reason + ")" : std::string{};
}

caf::error bad(const char* flag, const std::string& path,
               const std::string& why) {
  return make_error(ec::invalid_input,
                    std::string{flag} + ": '" + path + "' " + why);
}

/// An encrypted key would make OpenSSL prompt on the terminal.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

} // namespace

caf::error check_tls_files(const tls_options& tls) {
  auto given = !tls.cert.empty() + !tls.key.empty() + !tls.ca.empty();
  if (given == 0)
    return caf::none;
  if (given != 3)
    return make_error(ec::invalid_input,
                      "--tls-cert, --tls-key and --tls-ca go together");
  for (auto& [flag, path] : {std::pair{"--tls-cert", tls.cert},
                             std::pair{"--tls-key", tls.key},
                             std::pair{"--tls-ca", tls.ca}}) {
    // The paths end up in stunnel's configuration, one per line.
    if (path.find_first_of("\r\n") != std::string::npos)
      return bad(flag, path, "contains a line break");
    std::ifstream in{path};
    if (!in || in.peek() == std::ifstream::traits_type::eof())
      return bad(flag, path, "cannot be read or is empty");
  }
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx{
    SSL_CTX_new(TLS_method()), SSL_CTX_free};
  if (!ctx)
    return make_error(ec::invalid_input, "OpenSSL cannot start"
                                           + openssl_reason());
  SSL_CTX_set_default_passwd_cb(ctx.get(), no_passphrase);
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), tls.cert.c_str()) != 1)
    return bad("--tls-cert", tls.cert,
               "is not a PEM certificate" + openssl_reason());
  std::unique_ptr<BIO, decltype(&BIO_free)> key_file{
    BIO_new_file(tls.key.c_str(), "r"), BIO_free};
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{
    key_file ? PEM_read_bio_PrivateKey(key_file.get(), nullptr,
                                       no_passphrase, nullptr)
             : nullptr,
    EVP_PKEY_free};
  if (!key)
    return bad("--tls-key", tls.key,
               "is not an unencrypted PEM private key" + openssl_reason());
  if (SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1
      || SSL_CTX_check_private_key(ctx.get()) != 1)
    return bad("--tls-key", tls.key,
               "does not match the certificate in '" + tls.cert + "'"
                 + openssl_reason());
  if (SSL_CTX_load_verify_locations(ctx.get(), tls.ca.c_str(), nullptr) != 1)
    return bad("--tls-ca", tls.ca,
               "holds no PEM certificate" + openssl_reason());
  return caf::none;
}

} // namespace tradeflow
