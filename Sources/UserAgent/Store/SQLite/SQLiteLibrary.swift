import Audio
import CSQLite

/// The libsqlite3 functions the stores call, resolved from `libsqlite3.so.0` when the
/// first database opens and kept for the life of the process. Linked, the library was
/// mapped and relocated at every start, about 0.25 MiB resident, also for a phone run with
/// `history = false`. Each field is the C function without its `sqlite3_` prefix, with
/// the header's own signature.
final class SQLiteLibrary: @unchecked Sendable {  // immutable C function pointers
    let open_v2: sqlite3_open_v2_fn
    let close_v2: sqlite3_close_v2_fn
    let errmsg: sqlite3_errmsg_fn
    let extended_errcode: sqlite3_extended_errcode_fn
    let extended_result_codes: sqlite3_extended_result_codes_fn
    let busy_timeout: sqlite3_busy_timeout_fn
    let exec: sqlite3_exec_fn
    let free: sqlite3_free_fn
    let prepare_v3: sqlite3_prepare_v3_fn
    let changes64: sqlite3_changes64_fn
    let last_insert_rowid: sqlite3_last_insert_rowid_fn
    let get_autocommit: sqlite3_get_autocommit_fn
    let finalize: sqlite3_finalize_fn
    let bind_parameter_count: sqlite3_bind_parameter_count_fn
    let bind_int64: sqlite3_bind_int64_fn
    let bind_double: sqlite3_bind_double_fn
    let bind_null: sqlite3_bind_null_fn
    let bind_text: sqlite3_bind_text_fn
    let step: sqlite3_step_fn
    let reset: sqlite3_reset_fn
    let clear_bindings: sqlite3_clear_bindings_fn
    let column_count: sqlite3_column_count_fn
    let column_type: sqlite3_column_type_fn
    let column_int64: sqlite3_column_int64_fn
    let column_double: sqlite3_column_double_fn
    let column_text: sqlite3_column_text_fn
    let column_bytes: sqlite3_column_bytes_fn

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept and
    /// reported on every open.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try SQLiteLibrary(SharedLibrary("libsqlite3.so.0", package: "libsqlite3-0"))
    }

    /// The functions, or `StoreError.unavailable` saying which package to install.
    static func load() throws(StoreError) -> SQLiteLibrary {
        do {
            return try loaded.get()
        } catch {
            throw .unavailable(error.description)
        }
    }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        open_v2 = try library.function("sqlite3_open_v2")
        close_v2 = try library.function("sqlite3_close_v2")
        errmsg = try library.function("sqlite3_errmsg")
        extended_errcode = try library.function("sqlite3_extended_errcode")
        extended_result_codes = try library.function("sqlite3_extended_result_codes")
        busy_timeout = try library.function("sqlite3_busy_timeout")
        exec = try library.function("sqlite3_exec")
        free = try library.function("sqlite3_free")
        prepare_v3 = try library.function("sqlite3_prepare_v3")
        changes64 = try library.function("sqlite3_changes64")
        last_insert_rowid = try library.function("sqlite3_last_insert_rowid")
        get_autocommit = try library.function("sqlite3_get_autocommit")
        finalize = try library.function("sqlite3_finalize")
        bind_parameter_count = try library.function("sqlite3_bind_parameter_count")
        bind_int64 = try library.function("sqlite3_bind_int64")
        bind_double = try library.function("sqlite3_bind_double")
        bind_null = try library.function("sqlite3_bind_null")
        bind_text = try library.function("sqlite3_bind_text")
        step = try library.function("sqlite3_step")
        reset = try library.function("sqlite3_reset")
        clear_bindings = try library.function("sqlite3_clear_bindings")
        column_count = try library.function("sqlite3_column_count")
        column_type = try library.function("sqlite3_column_type")
        column_int64 = try library.function("sqlite3_column_int64")
        column_double = try library.function("sqlite3_column_double")
        column_text = try library.function("sqlite3_column_text")
        column_bytes = try library.function("sqlite3_column_bytes")
    }
}
