/*
 * migrations.h: the schema migrations compiled into tcrm.
 *
 * The table is generated at build time from data/migrations/NNN_*.sql by
 * scripts/embed.c. Migration N moves a database from PRAGMA user_version
 * N-1 to N. Only src/core/db.c reads this table.
 */
#ifndef TCRM_MIGRATIONS_H
#define TCRM_MIGRATIONS_H

struct tcrm_migration {
    int number;          /* the user_version after it has run */
    const char *name;    /* file name, for messages */
    const char *sql;     /* the whole script */
};

extern const struct tcrm_migration tcrm_migrations[];
extern const int tcrm_migrations_count;

#endif
