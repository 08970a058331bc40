/*
 * ui_print.c: a printed document (a report, a quote, an order) saved to
 * a file or piped to the configured print command, for every screen that
 * prints (ui_report.c, ui_sales.c).
 *
 * Saving asks for the path (a default offered), expands a leading ~ to
 * $HOME, and asks before writing over a file that is there. Printing runs
 * cfg->print_command through popen with its output and errors sent to a
 * temporary file, never to the screen, and the first line of its
 * complaint (if any) comes back as the message.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modal.h"
#include "tcrm/report.h"
#include "ui.h"

/* "~/x.txt" as $HOME/x.txt (malloc'd; a copy of path otherwise). */
static char *expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] != '~' || (path[1] != '/' && path[1] != '\0') || !home ||
        !*home)
        return strdup(path);
    size_t n = strlen(home) + strlen(path);
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s", home, path + 1);
    return out;
}

static void say(char *msg, size_t n, int *is_err, int err, const char *fmt,
                ...) __attribute__((format(printf, 5, 6)));
static void say(char *msg, size_t n, int *is_err, int err, const char *fmt,
                ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, n, fmt, ap);
    va_end(ap);
    *is_err = err;
}

void tui_save_ask(const char *question, const char *def, tui_save_fn save,
                  const void *ud, char *msg, size_t n, int *is_err)
{
    char *typed, *path, ask[512];
    struct tcrm_error err;
    say(msg, n, is_err, 0, "%s", _("Cancelled"));
    if (tui_prompt(question, def, &typed) != 1)
        return;
    path = *typed ? expand_home(typed) : NULL;
    free(typed);
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(ask, sizeof ask, _("%.400s exists: overwrite it? (y/n)"),
             path ? path : "");
    if (!path)
        say(msg, n, is_err, 1, "%s", _("no file name given; nothing saved"));
    else if (access(path, F_OK) == 0 && !tui_confirm(ask))
        say(msg, n, is_err, 0, _("Not saved: %s is there already"), path);
    else if (save(ud, path, &err) != 0)
        say(msg, n, is_err, 1, "%s", err.msg);
    else
        say(msg, n, is_err, 0, _("Saved to %s"), path);
    free(path);
}

static int save_doc(const void *doc, const char *path, struct tcrm_error *err)
{
    return tcrm_doc_save(doc, path, err);
}

void tui_doc_save_ask(const struct tcrm_doc *doc, const char *question,
                      const char *def, char *msg, size_t n, int *is_err)
{
    tui_save_ask(question, def, save_doc, doc, msg, n, is_err);
}

/* The first line the command wrote, into buf. */
static void first_line(FILE *f, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!f)
        return;
    rewind(f);
    if (fgets(buf, (int)n, f))
        buf[strcspn(buf, "\r\n")] = '\0';
}

/* Pipe text into pc; its exit status, its first line of output in out. */
static int pipe_to(const char *pc, const char *text, int fd,
                   const char *errtmp, char *out, size_t n)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "(%s) >'%s' 2>&1", pc, errtmp);
    /* a command that exits early must not kill us with SIGPIPE */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    FILE *p = popen(cmd, "w");
    int st = -1;
    if (p) {
        fputs(text, p);
        st = pclose(p);
    }
    sigaction(SIGPIPE, &old, NULL);
    unlink(errtmp);
    FILE *ef = fdopen(fd, "r");
    first_line(ef, out, n);
    if (ef)
        fclose(ef);
    else
        close(fd);
    return st;
}

void tui_doc_print(const struct tcrm_doc *doc, const char *question,
                   const char *command, char *msg, size_t n, int *is_err)
{
    const char *pc = command ? command : "lpr";
    char errtmp[] = "/tmp/tcrm-print-XXXXXX", out[200];
    say(msg, n, is_err, 0, "%s", _("Cancelled"));
    if (!tui_confirm(question))
        return;
    int fd = mkstemp(errtmp);
    char *text = tcrm_doc_text(doc);
    if (fd < 0 || !text) {
        say(msg, n, is_err, 1, _("cannot run '%s': no temporary file"), pc);
        if (fd >= 0)
            close(fd);
        free(text);
        return;
    }
    int st = pipe_to(pc, text, fd, errtmp, out, sizeof out);
    free(text);
    if (st == 0)
        say(msg, n, is_err, 0, _("Sent to %s"), pc);
    else if (out[0])
        say(msg, n, is_err, 1, _("'%s' failed: %s"), pc, out);
    else
        say(msg, n, is_err, 1, _("'%s' failed"), pc);
}
