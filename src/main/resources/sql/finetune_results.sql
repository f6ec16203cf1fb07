-- finetune_results: one row per attempt of one cell (run_id, factor, variant, crypto, fold) of a
-- fine-tuning sweep. A cell may have several attempts (a retry after a failure); created_at orders
-- them and the latest completed one counts. Metrics stay NULL when an attempt did not complete.
--
-- The tool only ever reads this table (sql/select_rows.sql), over a read-only session. A role that
-- can do nothing else, run once by the owner of the table (set its password with psql's
-- \password dossier_reader, so that it is written in no file):
--
--   CREATE ROLE dossier_reader LOGIN;
--   GRANT CONNECT ON DATABASE sweeps TO dossier_reader;   -- sweeps: the database of the table
--   GRANT USAGE ON SCHEMA public TO dossier_reader;
--   GRANT SELECT ON finetune_results TO dossier_reader;
--   REVOKE CREATE ON SCHEMA public FROM PUBLIC;   -- PostgreSQL 14 and older only, see below
--
-- Up to PostgreSQL 14, every role (PUBLIC) may create tables in schema public, dossier_reader
-- too; PostgreSQL 15 revoked that by default. The REVOKE does the same on an older server; grant
-- CREATE ON SCHEMA public back to the roles that create tables there.

CREATE TABLE IF NOT EXISTS finetune_results (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id         text             NOT NULL,
  factor         text             NOT NULL,
  variant        text             NOT NULL,
  crypto         text             NOT NULL,
  fold           integer          NOT NULL CHECK (fold >= 0),
  status         text             NOT NULL,
  f1_buy         double precision,
  sortino        double precision,
  total_return   double precision,
  n_trades       integer          CHECK (n_trades >= 0),
  ece            double precision,
  expectancy_net double precision,
  max_drawdown   double precision,
  created_at     timestamptz      NOT NULL DEFAULT now()
);

-- The tool always asks for some runs of one factor.
CREATE INDEX IF NOT EXISTS finetune_results_run_factor ON finetune_results (run_id, factor);
