/*
 * fuzz_db.h: the database the targets that need one share: a temporary
 * file with the demo data (contacts in Latin and Chinese script,
 * companies, deals, tags), made once per process in fuzz_dir().
 */
#ifndef TCRM_FUZZ_DB_H
#define TCRM_FUZZ_DB_H

#include "fuzz.h"
#include "tcrm/db.h"

static inline struct tcrm_db *fuzz_demo_db(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fuzz.db", fuzz_dir());
    struct tcrm_db_options o = {path, "fuzz", 1000, 0, NULL};
    struct tcrm_error err;
    struct tcrm_db *db;
    static const char *const stages[] = {"Lead", "Won"};
    if (tcrm_db_open(&o, &db, &err) != 0 ||
        tcrm_db_fill_demo(db, 1795000000, stages, 2, "EUR", &err) != 0) {
        fprintf(stderr, "fuzz: demo database: %s\n", err.msg);
        abort();
    }
    return db;
}

/* Defines `db` and the LLVMFuzzerInitialize that opens it. */
#define FUZZ_DEMO_DB                                        \
    static struct tcrm_db *db;                              \
    int LLVMFuzzerInitialize(int *argc, char ***argv)       \
    {                                                       \
        (void)argc;                                         \
        (void)argv;                                         \
        db = fuzz_demo_db();                                \
        return 0;                                           \
    }

#endif
