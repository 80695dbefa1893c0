//! Which database errors mean "the storage is unavailable" — the disk is full, the file is
//! read-only or gone, the server is down or restarting, the connection broke — as opposed to a
//! bad query or a bad row. An unavailable store is retried with backoff and reported once per
//! outage (see `StoreError::Unavailable`); the others are bugs or bad data.

/// SQLite primary result codes of an unavailable store: BUSY (after the busy timeout),
/// LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB.
const SQLITE_UNAVAILABLE: [i64; 10] = [5, 6, 7, 8, 10, 11, 13, 14, 15, 26];

/// Whether `e` means the storage is unavailable rather than the query is wrong.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    use sqlx::Error as E;
    match e {
        E::Io(_)
        | E::Tls(_)
        | E::Protocol(_)
        | E::PoolTimedOut
        | E::PoolClosed
        | E::WorkerCrashed
        | E::InvalidSavePointStatement
        | E::BeginFailed => true,
        E::Database(db) => db.code().is_some_and(|c| unavailable_code(&c)),
        _ => false,
    }
}

/// A SQLite extended result code (a number) or a PostgreSQL SQLSTATE (five characters).
fn unavailable_code(code: &str) -> bool {
    // SQLite's codes have at most four digits; every SQLSTATE has five characters.
    if code.len() < 5
        && let Ok(n) = code.parse::<i64>()
    {
        return SQLITE_UNAVAILABLE.contains(&(n & 0xff));
    }
    // PostgreSQL: connection exceptions, insufficient resources (disk full), operator
    // intervention (shutdown, crash, starting up), system errors (I/O), read-only transaction.
    code.starts_with("08")
        || code.starts_with("53")
        || code.starts_with("57P")
        || code.starts_with("58")
        || code == "25006"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_an_unavailable_store() {
        for c in ["13", "8", "10", "14", "26", "3338", "1546"] {
            assert!(unavailable_code(c), "sqlite {c}");
        }
        for c in ["19", "1555", "2067", "1", "12"] {
            assert!(!unavailable_code(c), "sqlite {c}");
        }
        for c in [
            "08006", "08001", "57P01", "57P03", "53100", "25006", "58030",
        ] {
            assert!(unavailable_code(c), "postgres {c}");
        }
        for c in ["23505", "42601", "40001", "22P02"] {
            assert!(!unavailable_code(c), "postgres {c}");
        }
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
    }
}
