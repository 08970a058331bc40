/*
 * ui_export.c: the contacts listed on the screen as a vCard file (X in
 * the Contacts view).
 *
 * It asks for the file name, then hands the list's own filter (search,
 * tag and sort) to the io layer (tcrm_vcard_export with `list`), so the
 * file holds exactly the contacts the list shows, in its order, however
 * many pages that is. The file is written next to its name and renamed
 * into place only when complete, as `tcrm export -o` does, so a failed
 * export leaves nothing half-written. The result goes to the status
 * line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modal.h"
#include "tcrm/vcard.h"
#include "ui.h"

static int write_file(struct tui_app *a, const char *path, int64_t *cards,
                      struct tcrm_error *err)
{
    struct tcrm_contact_filter f;
    memset(&f, 0, sizeof f);
    f.search = a->search[0] ? a->search : NULL;
    f.tag = a->tag;
    f.sort = a->sort;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *out = fopen(tmp, "wb");
    if (!out)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    struct tcrm_vcard_export_opts o = { out, TCRM_VCARD_30, NULL, NULL, NULL,
                                        0, &f };
    int rc = tcrm_vcard_export(a->db, &o, cards, err);
    if (fclose(out) != 0 && !rc)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    if (!rc && rename(tmp, path) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    if (rc)
        unlink(tmp);
    return rc;
}

void tui_export_vcard(struct tui_app *a)
{
    if (a->view != TUI_V_CONTACTS) {
        tui_status(a, 0, "Export works on the Contacts view (1)");
        return;
    }
    char *path = NULL;
    int got = tui_prompt(_("Export the contacts listed as vCard to"), "",
                         &path);
    if (got != 1 || !*path) {
        free(path);
        tui_status(a, 0, "Not exported");
        return;
    }
    struct tcrm_error err;
    int64_t cards = 0;
    if (write_file(a, path, &cards, &err))
        tui_status(a, 1, "%s", err.msg);
    else
        tui_status(a, 0, P_("Exported %lld card to %s",
                            "Exported %lld cards to %s", cards),
                   (long long)cards, path);
    free(path);
}
