/**
 * The PostgreSQL schema notary-server and notary-signer 0.7 run on, as it stands after all of
 * 0.7's migrations. Written by hand from the facts of notary v0.7.0 (Debian's package ships no
 * SQL, and neither server creates its tables):
 *
 * - notary: migrations/server/postgresql/0001_initial.up.sql (tuf_files) and
 *   0002_changefeed.up.sql (change_category, changefeed); the models they serve are
 *   server/storage/sql_models.go (TUFFile is a gorm.Model: id, created_at, updated_at, deleted_at;
 *   then gun, role, version, sha256, data; SQLChange: id, created_at, gun, version, sha256,
 *   category). The server's health check only asks whether tuf_files exists
 *   (server/storage/sqldb.go CheckHealth).
 * - notary: migrations/signer/postgresql/0001_initial.up.sql (private_keys); the model is
 *   GormPrivateKey in signer/keydbstore/sql_keydbstore.go (a gorm.Model, then key_id,
 *   encryption_alg, keywrap_alg, algorithm, passphrase_alias, gun, role, public, private,
 *   last_used).
 *
 * The unique (gun, role, version) of tuf_files is what turns two publishers' race into a
 * unique-key violation on PostgreSQL: notary-server 0.7 translates that into its "old version"
 * error only for MySQL (server/storage/sqldb.go translateOldVersionError), so here the loser
 * gets `500 UPDATING`.
 */

/** notary-server's database: TUF files and the changefeed. */
export const NOTARY_SERVER_SCHEMA = `
CREATE TABLE tuf_files (
  id         serial PRIMARY KEY,
  created_at timestamp NULL DEFAULT NULL,
  updated_at timestamp NULL DEFAULT NULL,
  deleted_at timestamp NULL DEFAULT NULL,
  gun        varchar(255) NOT NULL,
  role       varchar(255) NOT NULL,
  version    integer NOT NULL,
  data       bytea NOT NULL,
  sha256     char(64) DEFAULT NULL,
  UNIQUE (gun, role, version)
);
CREATE INDEX tuf_files_sha256_idx ON tuf_files (sha256);

CREATE TABLE change_category (
  category varchar(20) PRIMARY KEY
);
INSERT INTO change_category VALUES ('update'), ('deletion');

CREATE TABLE changefeed (
  id         serial PRIMARY KEY,
  created_at timestamp DEFAULT CURRENT_TIMESTAMP,
  gun        varchar(255) NOT NULL,
  version    integer NOT NULL,
  sha256     char(64) DEFAULT NULL,
  category   varchar(20) NOT NULL DEFAULT 'update' REFERENCES change_category
);
CREATE INDEX idx_changefeed_gun ON changefeed (gun);
`;

/** notary-signer's database: the private keys it holds, encrypted with the alias's passphrase (JWE). */
export const NOTARY_SIGNER_SCHEMA = `
CREATE TABLE private_keys (
  id               serial PRIMARY KEY,
  created_at       timestamp NULL DEFAULT NULL,
  updated_at       timestamp NULL DEFAULT NULL,
  deleted_at       timestamp NULL DEFAULT NULL,
  key_id           varchar(255) NOT NULL,
  encryption_alg   varchar(255) NOT NULL,
  keywrap_alg      varchar(255) NOT NULL,
  algorithm        varchar(50) NOT NULL,
  passphrase_alias varchar(50) NOT NULL,
  public           bytea NOT NULL,
  private          bytea NOT NULL,
  gun              varchar(255) NOT NULL,
  role             varchar(255) NOT NULL,
  last_used        timestamp NULL DEFAULT NULL,
  CONSTRAINT key_id UNIQUE (key_id),
  CONSTRAINT key_id_2 UNIQUE (key_id, algorithm)
);
`;
