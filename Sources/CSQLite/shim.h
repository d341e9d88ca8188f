#include <sqlite3.h>

/* pipit loads libsqlite3 with dlopen when it first opens a store (history, contacts): a
   phone run with `history = false`, or a command that never reads the history, does not
   map it. These are the types of the functions it resolves, from the declarations above. */
#define PIPIT_SQLITE_FN(name) typedef __typeof__(&name) name##_fn;
PIPIT_SQLITE_FN(sqlite3_open_v2)
PIPIT_SQLITE_FN(sqlite3_close_v2)
PIPIT_SQLITE_FN(sqlite3_errmsg)
PIPIT_SQLITE_FN(sqlite3_extended_errcode)
PIPIT_SQLITE_FN(sqlite3_extended_result_codes)
PIPIT_SQLITE_FN(sqlite3_busy_timeout)
PIPIT_SQLITE_FN(sqlite3_exec)
PIPIT_SQLITE_FN(sqlite3_free)
PIPIT_SQLITE_FN(sqlite3_prepare_v3)
PIPIT_SQLITE_FN(sqlite3_changes64)
PIPIT_SQLITE_FN(sqlite3_last_insert_rowid)
PIPIT_SQLITE_FN(sqlite3_get_autocommit)
PIPIT_SQLITE_FN(sqlite3_finalize)
PIPIT_SQLITE_FN(sqlite3_bind_parameter_count)
PIPIT_SQLITE_FN(sqlite3_bind_int64)
PIPIT_SQLITE_FN(sqlite3_bind_double)
PIPIT_SQLITE_FN(sqlite3_bind_null)
PIPIT_SQLITE_FN(sqlite3_bind_text)
PIPIT_SQLITE_FN(sqlite3_step)
PIPIT_SQLITE_FN(sqlite3_reset)
PIPIT_SQLITE_FN(sqlite3_clear_bindings)
PIPIT_SQLITE_FN(sqlite3_column_count)
PIPIT_SQLITE_FN(sqlite3_column_type)
PIPIT_SQLITE_FN(sqlite3_column_int64)
PIPIT_SQLITE_FN(sqlite3_column_double)
PIPIT_SQLITE_FN(sqlite3_column_text)
PIPIT_SQLITE_FN(sqlite3_column_bytes)
#undef PIPIT_SQLITE_FN
