// Wide-character curses: the TUI is UTF-8 throughout.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>

/* pipit loads libncursesw with dlopen when the full-screen interface starts (the command
   mode, scripts and `--send` never map it, nor libtinfo). These are the types of the
   functions it resolves, taken from the declarations above. */
#define PIPIT_CURSES_FN(name) typedef __typeof__(&name) pipit_##name##_fn;
PIPIT_CURSES_FN(newterm)
PIPIT_CURSES_FN(endwin)
PIPIT_CURSES_FN(tigetstr)
PIPIT_CURSES_FN(cbreak)
PIPIT_CURSES_FN(noecho)
PIPIT_CURSES_FN(nonl)
PIPIT_CURSES_FN(keypad)
PIPIT_CURSES_FN(nodelay)
PIPIT_CURSES_FN(set_escdelay)
PIPIT_CURSES_FN(has_colors)
PIPIT_CURSES_FN(start_color)
PIPIT_CURSES_FN(use_default_colors)
PIPIT_CURSES_FN(init_pair)
PIPIT_CURSES_FN(getmaxx)
PIPIT_CURSES_FN(getmaxy)
PIPIT_CURSES_FN(resizeterm)
PIPIT_CURSES_FN(clearok)
PIPIT_CURSES_FN(beep)
PIPIT_CURSES_FN(werase)
PIPIT_CURSES_FN(wmove)
PIPIT_CURSES_FN(wclrtoeol)
PIPIT_CURSES_FN(wattr_set)
PIPIT_CURSES_FN(waddnwstr)
PIPIT_CURSES_FN(curs_set)
PIPIT_CURSES_FN(wrefresh)
PIPIT_CURSES_FN(wget_wch)
#undef PIPIT_CURSES_FN
