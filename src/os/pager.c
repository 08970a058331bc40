/*
 * pager.c: long output through a pager, as `git log` does (tcrm/os.h).
 *
 * tcrm_os_pager_start runs $PAGER (through sh -c; set but empty, or
 * "cat": no pager) or, when PAGER is unset, `less -FRX` if less is on
 * the PATH, reading a pipe that then becomes file descriptor 1: every
 * stream that writes there (stdout, and the charset converter of
 * charset.c on top of it) goes through the pager. The caller decides
 * when (stdout a terminal, more than a screenful).
 *
 * The pager runs with the user's own rights: a setgid tcrm has dropped
 * its group before (privilege.c), exec gives the child none back, and
 * SQLite opens the database close-on-exec. SIGPIPE is ignored while
 * paging, so a person who quits the pager early only makes the writes
 * fail (EPIPE); tcrm_os_pager_end says so, and the command stops quietly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tcrm/os.h"

static pid_t pager_pid = -1;
static int saved_out = -1;
static struct sigaction old_pipe;

/* 1 when a program of that name is an executable file on the PATH. */
static int on_path(const char *name)
{
    const char *path = getenv("PATH");
    char file[PATH_MAX];

    while (path && *path) {
        size_t n = strcspn(path, ":");
        if (n > 0 && n + strlen(name) + 2 <= sizeof file) {
            snprintf(file, sizeof file, "%.*s/%s", (int)n, path, name);
            if (access(file, X_OK) == 0)
                return 1;
        }
        path += n + (path[n] == ':');
    }
    return 0;
}

static void run_pager(const char *pager, int in)
{
    dup2(in, STDIN_FILENO);
    close(in);
    if (pager)
        execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
    else
        execlp("less", "less", "-FRX", (char *)NULL);
    _exit(127);
}

int tcrm_os_pager_start(void)
{
    const char *pager = getenv("PAGER");
    int fds[2];

    if (pager_pid > 0 || (pager && (!*pager || !strcmp(pager, "cat"))) ||
        (!pager && !on_path("less")) || pipe(fds) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[1]);
        run_pager(pager, fds[0]);
    }
    close(fds[0]);
    if (pid < 0 || (saved_out = dup(STDOUT_FILENO)) < 0 ||
        dup2(fds[1], STDOUT_FILENO) < 0) {
        close(fds[1]);
        if (pid > 0)
            waitpid(pid, NULL, 0);
        if (saved_out >= 0)
            close(saved_out);
        saved_out = -1;
        return -1;
    }
    close(fds[1]);
    pager_pid = pid;
    struct sigaction ign = { .sa_handler = SIG_IGN };
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);
    return 0;
}

int tcrm_os_pager_end(void)
{
    if (pager_pid <= 0)
        return 0;
    int quit = fflush(stdout) != 0 && errno == EPIPE;
    quit |= ferror(stdout) != 0;
    clearerr(stdout);
    dup2(saved_out, STDOUT_FILENO);     /* the pager sees the end */
    close(saved_out);
    saved_out = -1;
    while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
        ;
    pager_pid = -1;
    sigaction(SIGPIPE, &old_pipe, NULL);
    return quit;
}
