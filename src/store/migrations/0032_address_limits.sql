-- The limits on what anyone may do without signing in (app/address_throttle.h): the public portal's
-- requests per hour and the looks at referrer status links, per client address. Counted here, not in
-- each node's memory, so behind a load balancer the public gets the limit once, not once per node,
-- and a restart forgets nothing. One row per limit and address: the window it counts in and the uses
-- so far. A row is deleted once its window has passed (store/address_limit_records.cpp), so an
-- address is kept no longer than one window. IF NOT EXISTS: a test of an earlier migration runs the
-- later ones again.
CREATE TABLE IF NOT EXISTS address_limits (
  limit_name TEXT NOT NULL,
  address TEXT NOT NULL,
  window_start TEXT NOT NULL,
  uses INTEGER NOT NULL,
  PRIMARY KEY (limit_name, address)
);
CREATE INDEX IF NOT EXISTS address_limits_by_window ON address_limits(limit_name, window_start);
