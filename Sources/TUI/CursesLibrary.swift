import Audio
import CNcursesw

/// The ncursesw functions the full-screen interface calls, resolved from
/// `libncursesw.so.6` when it starts and kept for the life of the process: the command
/// mode, scripts and `--send` never map ncursesw and libtinfo (about 0.25 MiB resident,
/// linked). Each field is the C function of the same name.
final class CursesLibrary: @unchecked Sendable {  // immutable C function pointers
    let newterm: pipit_newterm_fn
    let endwin: pipit_endwin_fn
    let tigetstr: pipit_tigetstr_fn
    let cbreak: pipit_cbreak_fn
    let noecho: pipit_noecho_fn
    let nonl: pipit_nonl_fn
    let keypad: pipit_keypad_fn
    let nodelay: pipit_nodelay_fn
    let set_escdelay: pipit_set_escdelay_fn
    let has_colors: pipit_has_colors_fn
    let start_color: pipit_start_color_fn
    let use_default_colors: pipit_use_default_colors_fn
    let init_pair: pipit_init_pair_fn
    let getmaxx: pipit_getmaxx_fn
    let getmaxy: pipit_getmaxy_fn
    let resizeterm: pipit_resizeterm_fn
    let clearok: pipit_clearok_fn
    let beep: pipit_beep_fn
    let werase: pipit_werase_fn
    let wmove: pipit_wmove_fn
    let wclrtoeol: pipit_wclrtoeol_fn
    let wattr_set: pipit_wattr_set_fn
    let waddnwstr: pipit_waddnwstr_fn
    let curs_set: pipit_curs_set_fn
    let wrefresh: pipit_wrefresh_fn
    let wget_wch: pipit_wget_wch_fn
    /// curses' `stdscr` variable (read after `newterm`).
    let standardScreen: UnsafeMutablePointer<UnsafeMutablePointer<WINDOW>?>

    /// Loaded once (Swift initialises a global once, thread-safely); a failure is kept.
    private static let loaded = Result { () throws(SharedLibraryError) in
        try CursesLibrary(SharedLibrary("libncursesw.so.6", package: "libncursesw6"))
    }

    /// The functions, or what to install.
    static func load() throws(SharedLibraryError) -> CursesLibrary { try loaded.get() }

    private init(_ library: SharedLibrary) throws(SharedLibraryError) {
        newterm = try library.function("newterm")
        endwin = try library.function("endwin")
        tigetstr = try library.function("tigetstr")
        cbreak = try library.function("cbreak")
        noecho = try library.function("noecho")
        nonl = try library.function("nonl")
        keypad = try library.function("keypad")
        nodelay = try library.function("nodelay")
        set_escdelay = try library.function("set_escdelay")
        has_colors = try library.function("has_colors")
        start_color = try library.function("start_color")
        use_default_colors = try library.function("use_default_colors")
        init_pair = try library.function("init_pair")
        getmaxx = try library.function("getmaxx")
        getmaxy = try library.function("getmaxy")
        resizeterm = try library.function("resizeterm")
        clearok = try library.function("clearok")
        beep = try library.function("beep")
        werase = try library.function("werase")
        wmove = try library.function("wmove")
        wclrtoeol = try library.function("wclrtoeol")
        wattr_set = try library.function("wattr_set")
        waddnwstr = try library.function("waddnwstr")
        curs_set = try library.function("curs_set")
        wrefresh = try library.function("wrefresh")
        wget_wch = try library.function("wget_wch")
        standardScreen = try library.address("stdscr").assumingMemoryBound(to: UnsafeMutablePointer<WINDOW>?.self)
    }
}
