-- Issue 9 point 4: the dashboard's figures for each complete local month, kept so that a year is
-- the sum of twelve kept months (docs/dashboard.md "Kept months"). A kept month is exact: every
-- write that can change a month's figures after the month has ended is noted here by a trigger,
-- in the writer's own transaction, and the dashboard forgets the months those notes name before
-- it uses any. Nothing else is cached.

-- One row per month and team (0: all teams). `calendar` names the pack versions whose working
-- days judged it; `stale_at`, when set, is the first instant at which "now" alone changes a figure
-- (a pending decision falls due, an open deadline passes its due time).
CREATE TABLE performance_months (
  month TEXT NOT NULL,
  team_id INTEGER NOT NULL,
  calendar TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  stale_at TEXT,
  figures TEXT NOT NULL,
  PRIMARY KEY (month, team_id)
);

-- `cached_until`: the start of the month the dashboard last saw as the current one. Writes about
-- records older than this are noted; writes about newer ones (nearly all of them) are not, so the
-- ordinary write path pays one read of this row. `generation` counts the times notes were taken:
-- a month counted before notes were taken by someone else is not kept.
CREATE TABLE performance_month_state (
  id INTEGER PRIMARY KEY,
  cached_until TEXT NOT NULL,
  generation INTEGER NOT NULL
);
INSERT INTO performance_month_state (id, cached_until, generation) VALUES (1, '0000-01-01T00:00:00Z', 0);

-- A write about a record received (or requested, or begun) at `at`: its month is to be forgotten,
-- and with `forward` the twelve months after it too (a referral or a child's register link
-- changes whether later referrals are re-referrals). No `at`: forget every month (a person moved
-- team, so consultations change team).
CREATE TABLE performance_touches (
  id ID_PRIMARY_KEY,
  at TEXT,
  forward INTEGER NOT NULL
);

-- sqlite:begin
CREATE TRIGGER performance_contacts_update AFTER UPDATE OF received_at, referrer_type, queue, team_id ON contacts BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.received_at, 1 WHERE OLD.received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_contacts_delete AFTER DELETE ON contacts BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.received_at, 1 WHERE OLD.received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_decisions_insert AFTER INSERT ON decisions BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = NEW.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_decisions_update AFTER UPDATE ON decisions BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_decisions_delete AFTER DELETE ON decisions BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_acknowledgements_insert AFTER INSERT ON contact_acknowledgements BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = NEW.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_acknowledgements_update AFTER UPDATE ON contact_acknowledgements BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_acknowledgements_delete AFTER DELETE ON contact_acknowledgements BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_referrals_insert AFTER INSERT ON referrals BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 1 FROM contacts WHERE id = NEW.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_referrals_update AFTER UPDATE ON referrals BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 1 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_referrals_delete AFTER DELETE ON referrals BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 1 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_children_insert AFTER INSERT ON contact_children BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 1 FROM contacts WHERE id = NEW.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_children_update AFTER UPDATE ON contact_children BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 1 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_children_delete AFTER DELETE ON contact_children BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 1 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_consultations_insert AFTER INSERT ON consultations BEGIN INSERT INTO performance_touches (at, forward) SELECT NEW.requested_at, 0 WHERE NEW.requested_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_consultations_update AFTER UPDATE ON consultations BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.requested_at, 0 WHERE OLD.requested_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_consultations_delete AFTER DELETE ON consultations BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.requested_at, 0 WHERE OLD.requested_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_chair_insert AFTER INSERT ON chair_consultations BEGIN INSERT INTO performance_touches (at, forward) SELECT NEW.requested_at, 0 WHERE NEW.requested_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_chair_update AFTER UPDATE ON chair_consultations BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.requested_at, 0 WHERE OLD.requested_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_chair_delete AFTER DELETE ON chair_consultations BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.requested_at, 0 WHERE OLD.requested_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_deadlines_insert AFTER INSERT ON deadlines BEGIN INSERT INTO performance_touches (at, forward) SELECT NEW.starts_at, 0 WHERE NEW.starts_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_deadlines_update AFTER UPDATE ON deadlines BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.starts_at, 0 WHERE OLD.starts_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_deadlines_delete AFTER DELETE ON deadlines BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.starts_at, 0 WHERE OLD.starts_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_users_team AFTER UPDATE OF team_id ON users WHEN OLD.team_id IS NOT NEW.team_id BEGIN INSERT INTO performance_touches (at, forward) VALUES (NULL, 1); END;
-- sqlite:end

-- postgres:begin
-- A record's own time, in the column TG_ARGV[0]; TG_ARGV[1] is `forward`. An update is noted by the
-- old row's time (the times these triggers read are never changed).
CREATE FUNCTION performance_touch_record() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE at_text TEXT; BEGIN IF TG_OP = 'INSERT' THEN at_text := to_jsonb(NEW) ->> TG_ARGV[0]; ELSE at_text := to_jsonb(OLD) ->> TG_ARGV[0]; END IF; IF at_text < (SELECT cached_until FROM performance_month_state) THEN INSERT INTO performance_touches (at, forward) VALUES (at_text, TG_ARGV[1]::BIGINT); END IF; RETURN NULL; END $$;
-- A row of a contact's (decision, acknowledgement, referral, child): the contact's receipt.
CREATE FUNCTION performance_touch_contact() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE id_of BIGINT; BEGIN IF TG_OP = 'INSERT' THEN id_of := NEW.contact_id; ELSE id_of := OLD.contact_id; END IF; INSERT INTO performance_touches (at, forward) SELECT received_at, TG_ARGV[0]::BIGINT FROM contacts WHERE id = id_of AND received_at < (SELECT cached_until FROM performance_month_state); RETURN NULL; END $$;
CREATE FUNCTION performance_touch_everything() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO performance_touches (at, forward) VALUES (NULL, 1); RETURN NULL; END $$;
CREATE TRIGGER performance_contacts_update AFTER UPDATE OF received_at, referrer_type, queue, team_id ON contacts FOR EACH ROW EXECUTE FUNCTION performance_touch_record('received_at', '1');
CREATE TRIGGER performance_contacts_delete AFTER DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION performance_touch_record('received_at', '1');
CREATE TRIGGER performance_decisions AFTER INSERT OR UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION performance_touch_contact('0');
CREATE TRIGGER performance_acknowledgements AFTER INSERT OR UPDATE OR DELETE ON contact_acknowledgements FOR EACH ROW EXECUTE FUNCTION performance_touch_contact('0');
CREATE TRIGGER performance_referrals AFTER INSERT OR UPDATE OR DELETE ON referrals FOR EACH ROW EXECUTE FUNCTION performance_touch_contact('1');
CREATE TRIGGER performance_children AFTER INSERT OR UPDATE OR DELETE ON contact_children FOR EACH ROW EXECUTE FUNCTION performance_touch_contact('1');
CREATE TRIGGER performance_consultations AFTER INSERT OR UPDATE OR DELETE ON consultations FOR EACH ROW EXECUTE FUNCTION performance_touch_record('requested_at', '0');
CREATE TRIGGER performance_chair AFTER INSERT OR UPDATE OR DELETE ON chair_consultations FOR EACH ROW EXECUTE FUNCTION performance_touch_record('requested_at', '0');
CREATE TRIGGER performance_deadlines AFTER INSERT OR UPDATE OR DELETE ON deadlines FOR EACH ROW EXECUTE FUNCTION performance_touch_record('starts_at', '0');
CREATE TRIGGER performance_users_team AFTER UPDATE OF team_id ON users FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id) EXECUTE FUNCTION performance_touch_everything();
-- postgres:end
