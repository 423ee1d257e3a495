#ifndef NNBOOK_CREADLINE_SHIM_H
#define NNBOOK_CREADLINE_SHIM_H

#include <stdio.h>
#include <errno.h>
#include <poll.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Readline's settings are C globals; these wrappers keep Swift from touching them directly. */

/* Lets nnbook handle SIGINT, and installs the completion entry point. */
static inline void nnbook_readline_configure(rl_completion_func_t *completer) {
  rl_catch_signals = 0;
  rl_catch_sigwinch = 1;
  rl_readline_name = "nnbook";
  rl_attempted_completion_function = completer;
  rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{([,";
}

/* Completes `text` with `generator` only (no file-name fallback). */
static inline char **nnbook_readline_matches(const char *text, rl_compentry_func_t *generator) {
  rl_attempted_completion_over = 1;
  return rl_completion_matches(text, generator);
}

/* The line being edited, up to the cursor's byte offset. */
static inline const char *nnbook_readline_buffer(void) { return rl_line_buffer; }
static inline int nnbook_readline_point(void) { return rl_point; }

/* Abandons the line being edited (Ctrl-C at the prompt). */
static inline void nnbook_readline_cancel_line(void) {
  rl_replace_line("", 0);
  rl_crlf();
  rl_callback_handler_remove();
}

/* Blocks until `descriptor` is readable or a signal arrives. Returns 1 when there is input, 0 when
   a signal interrupted the wait, and -1 when the terminal is gone (hang-up or error), so the caller
   ends instead of spinning. */
static inline int nnbook_wait_for_input(int descriptor) {
  struct pollfd entry = {descriptor, POLLIN, 0};
  int ready = poll(&entry, 1, -1);
  if (ready < 0) return errno == EINTR ? 0 : -1;
  if (entry.revents & (POLLHUP | POLLERR | POLLNVAL)) return -1;
  return (entry.revents & POLLIN) ? 1 : 0;
}

#endif
