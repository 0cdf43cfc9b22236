#include "store/security_records.h"

namespace fd::store {
namespace {

Instant ParseOrEpoch(const std::string& text) { return ParseUtc(text).value_or(Instant{}); }

std::optional<Instant> OptionalInstant(const Row& row, std::size_t i) {
  auto text = row.OptionalText(i);
  if (!text || text->empty()) return std::nullopt;
  return ParseUtc(*text);
}

ApiTokenRecord TokenFromRow(const Row& r) {
  ApiTokenRecord t;
  t.id = r.Int(0);
  t.name = r.Text(1);
  t.user_id = r.Int(2);
  t.username = r.Text(3);
  t.token_hash = r.Text(4);
  t.scopes = r.Text(5);
  t.created_at = ParseOrEpoch(r.Text(6));
  t.revoked_at = OptionalInstant(r, 7);
  t.last_used_at = OptionalInstant(r, 8);
  return t;
}

}  // namespace

void InsertSignInFailure(Transaction& tx, const std::string& username, const std::string& address, Instant at) {
  tx.Execute("INSERT INTO sign_in_failures (username, address, at) VALUES (?, ?, ?)", {username, address, FormatUtc(at)});
}

void InsertDeviceFailure(Transaction& tx, const std::string& device, const std::string& username,
                         const std::string& address, Instant at) {
  tx.Execute("INSERT INTO device_sign_in_failures (device, username, address, at) VALUES (?, ?, ?, ?)",
             {device, username, address, FormatUtc(at)});
}

std::int64_t CountFailuresForUsername(Transaction& tx, const std::string& username, Instant since) {
  return tx.Query("SELECT COUNT(*) FROM sign_in_failures WHERE username = ? AND at > ?", {username, FormatUtc(since)})
      .at(0)
      .Int(0);
}

std::int64_t CountFailuresFromDevice(Transaction& tx, const std::string& device, Instant since) {
  return tx
      .Query("SELECT COUNT(*) FROM device_sign_in_failures WHERE device = ? AND at > ?", {device, FormatUtc(since)})
      .at(0)
      .Int(0);
}

std::int64_t CountFailuresFromAddress(Transaction& tx, const std::string& address, Instant since) {
  const std::string after = FormatUtc(since);
  return tx
      .Query("SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE address = ? AND at > ?) + "
             "(SELECT COUNT(*) FROM device_sign_in_failures WHERE address = ? AND at > ?)",
             {address, after, address, after})
      .at(0)
      .Int(0);
}

std::vector<AddressFailures> AddressesWithFailures(Transaction& tx, Instant since, std::int64_t at_least) {
  const std::string after = FormatUtc(since);
  std::vector<AddressFailures> out;
  for (const auto& r : tx.Query("SELECT address, COUNT(*) FROM (SELECT address FROM sign_in_failures WHERE at > ? "
                                "UNION ALL SELECT address FROM device_sign_in_failures WHERE at > ?) AS failures "
                                "WHERE address <> '' GROUP BY address HAVING COUNT(*) >= ? "
                                "ORDER BY COUNT(*) DESC, address LIMIT 200",
                                {after, after, at_least}))
    out.push_back({r.Text(0), r.Int(1)});
  return out;
}

std::int64_t ForgetAddressOfFailures(Transaction& tx, const std::string& address) {
  const std::int64_t untrusted = tx.Execute("UPDATE sign_in_failures SET address = '' WHERE address = ?", {address});
  const std::int64_t trusted =
      tx.Execute("UPDATE device_sign_in_failures SET address = '' WHERE address = ?", {address});
  return untrusted + trusted;
}

std::optional<Instant> NthRecentFailureFromAddress(Transaction& tx, const std::string& address, Instant since,
                                                   std::int64_t n) {
  const std::string after = FormatUtc(since);
  auto rows = tx.Query(
      "SELECT at FROM (SELECT at FROM sign_in_failures WHERE address = ? AND at > ? "
      "UNION ALL SELECT at FROM device_sign_in_failures WHERE address = ? AND at > ?) AS failures "
      "ORDER BY at DESC LIMIT 1 OFFSET ?",
      {address, after, address, after, n - 1});
  if (rows.empty()) return std::nullopt;
  return ParseUtc(rows[0].Text(0));
}

void DeleteFailuresForUsername(Transaction& tx, const std::string& username) {
  tx.Execute("DELETE FROM sign_in_failures WHERE username = ?", {username});
}

std::int64_t DeleteFailuresBefore(Transaction& tx, Instant before) {
  const std::int64_t untrusted = tx.Execute("DELETE FROM sign_in_failures WHERE at < ?", {FormatUtc(before)});
  const std::int64_t trusted = tx.Execute("DELETE FROM device_sign_in_failures WHERE at < ?", {FormatUtc(before)});
  return untrusted + trusted;
}

void UpsertSignInLock(Transaction& tx, const SignInLock& lock) {
  tx.Execute("DELETE FROM sign_in_locks WHERE username = ?", {lock.username});
  tx.Execute("INSERT INTO sign_in_locks (username, locked_at, locked_until) VALUES (?, ?, ?)",
             {lock.username, FormatUtc(lock.locked_at), FormatUtc(lock.locked_until)});
}

std::optional<SignInLock> FindSignInLock(Transaction& tx, const std::string& username) {
  auto rows = tx.Query("SELECT username, locked_at, locked_until FROM sign_in_locks WHERE username = ?", {username});
  if (rows.empty()) return std::nullopt;
  return SignInLock{rows[0].Text(0), ParseOrEpoch(rows[0].Text(1)), ParseOrEpoch(rows[0].Text(2))};
}

bool DeleteSignInLock(Transaction& tx, const std::string& username) {
  return tx.Execute("DELETE FROM sign_in_locks WHERE username = ?", {username}) > 0;
}

void UpsertDeviceLock(Transaction& tx, const DeviceLock& lock) {
  tx.Execute("DELETE FROM device_locks WHERE device = ?", {lock.device});
  tx.Execute("INSERT INTO device_locks (device, username, locked_at, locked_until) VALUES (?, ?, ?, ?)",
             {lock.device, lock.username, FormatUtc(lock.locked_at), FormatUtc(lock.locked_until)});
}

std::optional<DeviceLock> FindDeviceLock(Transaction& tx, const std::string& device) {
  auto rows = tx.Query("SELECT device, username, locked_at, locked_until FROM device_locks WHERE device = ?", {device});
  if (rows.empty()) return std::nullopt;
  return DeviceLock{rows[0].Text(0), rows[0].Text(1), ParseOrEpoch(rows[0].Text(2)), ParseOrEpoch(rows[0].Text(3))};
}

std::int64_t UnlockDevicesOfUsername(Transaction& tx, const std::string& username, Instant now) {
  const std::string at = FormatUtc(now);
  const std::int64_t locked =
      tx.Query("SELECT COUNT(*) FROM device_locks WHERE username = ? AND locked_until > ?", {username, at}).at(0).Int(0);
  auto devices = tx.Query(
      "SELECT device FROM device_sign_in_failures WHERE username = ? "
      "UNION SELECT device FROM device_locks WHERE username = ?",
      {username, username});
  for (const auto& row : devices) UpsertDeviceLock(tx, {row.Text(0), username, now, now});
  return locked;
}

std::string EnsureDeviceCookieKey(Transaction& tx, const std::string& fresh_secret, Instant now) {
  // ON CONFLICT: two nodes making the first key at once keep one, and both read it back.
  tx.Execute("INSERT INTO device_cookie_keys (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
             {fresh_secret, FormatUtc(now)});
  return ReadDeviceCookieKey(tx).value_or(fresh_secret);
}

std::optional<std::string> ReadDeviceCookieKey(Transaction& tx) {
  auto rows = tx.Query("SELECT secret FROM device_cookie_keys WHERE id = 1", {});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

std::int64_t InsertApiToken(Transaction& tx, const ApiTokenRecord& t) {
  return tx
      .Query(
          "INSERT INTO api_tokens (name, user_id, token_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
          {t.name, t.user_id, t.token_hash, t.scopes, FormatUtc(t.created_at)})
      .at(0)
      .Int(0);
}

std::optional<ApiTokenRecord> FindApiTokenByHash(Transaction& tx, const std::string& token_hash) {
  auto rows = tx.Query(
      "SELECT t.id, t.name, t.user_id, u.username, t.token_hash, t.scopes, t.created_at, t.revoked_at, "
      "t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  return TokenFromRow(rows[0]);
}

std::optional<ApiTokenRecord> FindApiTokenById(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(
      "SELECT t.id, t.name, t.user_id, u.username, t.token_hash, t.scopes, t.created_at, t.revoked_at, "
      "t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  return TokenFromRow(rows[0]);
}

std::vector<ApiTokenRecord> ListApiTokens(Transaction& tx) {
  std::vector<ApiTokenRecord> out;
  for (const auto& row : tx.Query("SELECT t.id, t.name, t.user_id, u.username, t.token_hash, t.scopes, t.created_at, "
                                  "t.revoked_at, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                  "ORDER BY t.id"))
    out.push_back(TokenFromRow(row));
  return out;
}

std::vector<ApiTokenRecord> ListUnrevokedApiTokensOfUser(Transaction& tx, std::int64_t user_id) {
  std::vector<ApiTokenRecord> out;
  for (const auto& row : tx.Query("SELECT t.id, t.name, t.user_id, u.username, t.token_hash, t.scopes, t.created_at, "
                                  "t.revoked_at, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                  "WHERE t.user_id = ? AND t.revoked_at IS NULL ORDER BY t.id",
                                  {user_id}))
    out.push_back(TokenFromRow(row));
  return out;
}

void RevokeApiToken(Transaction& tx, std::int64_t id, Instant at) {
  tx.Execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {FormatUtc(at), id});
}

void TouchApiToken(Transaction& tx, std::int64_t id, Instant at) {
  tx.Execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {FormatUtc(at), id});
}

}  // namespace fd::store
