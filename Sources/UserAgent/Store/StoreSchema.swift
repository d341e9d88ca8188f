/// The schema of pipit.sqlite3, one migration per version, never edited once released:
/// a change is a new migration appended at the end.
public enum StoreSchema {
    public static let migrations: [Migration] = [
        Migration(version: 1, sql: """
            CREATE TABLE calls (
                id          TEXT PRIMARY KEY NOT NULL,
                direction   TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
                account     TEXT NOT NULL,
                remote_uri  TEXT NOT NULL,
                remote_name TEXT,
                started_ms  INTEGER NOT NULL,
                answered_ms INTEGER,
                ended_ms    INTEGER,
                end_reason  TEXT,
                sip_code    INTEGER,
                missed      INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1))
            );
            CREATE INDEX calls_by_start ON calls (started_ms DESC);
            CREATE INDEX calls_open ON calls (ended_ms) WHERE ended_ms IS NULL;

            CREATE TABLE contacts (
                id   INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                note TEXT,
                uid  TEXT
            );
            CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE);
            CREATE INDEX contacts_by_uid ON contacts (uid) WHERE uid IS NOT NULL;

            CREATE TABLE contact_uris (
                contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
                position   INTEGER NOT NULL,
                uri        TEXT NOT NULL,
                match_key  TEXT NOT NULL,
                PRIMARY KEY (contact_id, position)
            );
            CREATE INDEX contact_uris_by_key ON contact_uris (match_key);

            CREATE TABLE contact_numbers (
                contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
                position   INTEGER NOT NULL,
                number     TEXT NOT NULL,
                label      TEXT,
                match_key  TEXT NOT NULL,
                PRIMARY KEY (contact_id, position)
            );
            CREATE INDEX contact_numbers_by_key ON contact_numbers (match_key);
            """),
        Migration(version: 2, sql: """
            CREATE TABLE messages (
                id         INTEGER PRIMARY KEY,
                direction  TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
                account    TEXT NOT NULL,
                remote_uri TEXT NOT NULL,
                body       TEXT NOT NULL,
                sent_ms    INTEGER NOT NULL,
                sip_code   INTEGER
            );
            CREATE INDEX messages_by_time ON messages (sent_ms DESC);
            """),
    ]

    /// The version this build writes.
    public static var currentVersion: Int { migrations.count }
}
