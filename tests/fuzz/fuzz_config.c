/*
 * fuzz_config.c: the config file (config.h, tcrm_config_load_file): our
 * own line scan, then iniparser, then every key's check. A refused file
 * must leave the struct as it was (here: the defaults) and say why with
 * "file:line" or "file:"; an accepted one must hold sane values.
 */
#include "fuzz.h"
#include "tcrm/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("tcrm.conf", data, size);
    struct tcrm_config cfg;
    struct tcrm_error err;
    if (tcrm_config_defaults(&cfg) != 0)
        abort();
    if (tcrm_config_load_file(path, &cfg, &err) == 0) {
        FUZZ_ASSERT(cfg.path && cfg.n_stages >= 1);
        FUZZ_ASSERT(cfg.busy_timeout_ms >= 0 && cfg.quiet_days >= 0);
        for (size_t i = 0; i < cfg.n_stages; i++) {
            FUZZ_ASSERT(cfg.stages[i] && cfg.stages[i][0]);
            FUZZ_ASSERT(tcrm_config_stage_index(&cfg, cfg.stages[i]) >= 0);
        }
    } else {
        FUZZ_ASSERT(err.code < 0 && !strncmp(err.msg, path, strlen(path)));
        FUZZ_ASSERT(cfg.path == NULL);
    }
    tcrm_config_free(&cfg);
    return 0;
}
