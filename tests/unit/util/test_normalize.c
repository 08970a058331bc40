/*
 * test_normalize.c: folding, duplicate keys and input checks
 * (src/util/normalize.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcrm/normalize.h"
#include "tcrm/text.h"

struct pair {
    const char *in, *want;
};

typedef char *(*norm_fn)(const char *);

static void check_pairs(const char *what, norm_fn fn, const struct pair *t,
                        size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *got = fn(t[i].in);
        assert_non_null(got);
        if (strcmp(got, t[i].want) != 0)
            fail_msg("%s('%s') = '%s', want '%s'", what,
                     t[i].in ? t[i].in : "(null)", got, t[i].want);
        free(got);
    }
}

#define CHECK(fn, table) \
    check_pairs(#fn, fn, table, sizeof(table) / sizeof((table)[0]))

static void test_fold(void **state)
{
    (void)state;
    static const struct pair t[] = {
        {NULL, ""},
        {"", ""},
        {"  Anna   SILVA  ", "anna silva"},
        {"a\t\n\r b", "a b"},
        {"José Müller", "jose muller"},
        {"Ñandú", "nandu"},
        {"Straße", "strasse"},
        {"STRAẞE", "strasse"},
        {"Øystein Ødegård", "oystein odegard"},
        {"Æsir æble", "aesir aeble"},
        {"Łódź", "lodz"},
        {"Þór Ðorri", "thor dorri"},
        {"Œuvre", "oeuvre"},
        {"İstanbul ılık", "istanbul ilik"},
        {"Ĳssel", "ijssel"},
        {"Dvořák Šťastný Wałęsa Ğüneş Čapek Őrs", "dvorak stastny walesa gunes capek ors"},
        {"ÀÁÂÃÄÅàáâãäå", "aaaaaaaaaaaa"},
        {"ÇçÈÉÊËèéêë", "cceeeeeeee"},
        {"ÌÍÎÏìíîïÐðÑñ", "iiiiiiiiddnn"},
        {"ÒÓÔÕÖØòóôõöø", "oooooooooooo"},
        {"ÙÚÛÜùúûüÝýÿŸ", "uuuuuuuuyyyy"},
        {"2×3÷4", "2×3÷4"},
        {"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
        {"Lǚ Zǔ Ǎ", "lu zu a"},
        {"Ștefan Țepeș", "stefan tepes"},
        {"Jose\xCC\x81 Mu\xCC\x88ller", "jose muller"}, /* decomposed */
        {"ΣΩΚΡΑΤΗΣ", "σωκρατησ"},
        {"Ελλάδα Ά Ώ", "ελλάδα ά ώ"},
        {"ΟΔΥΣΣΕΥΣ", "οδυσσευσ"},
        {"МОСКВА Ёлка", "москва ёлка"},
        {"ЄІЇЎ Ђ", "єіїў ђ"},
        {"ＡＢＣ１２３", "abc123"},
        {"ｔｅｓｔ＠ｘ．ｃｏｍ", "test@x.com"},
        {"张\xE3\x80\x80伟", "张 伟"},
        {"\xE3\x80\x80张伟\xE3\x80\x80", "张伟"},
        {"a\xC2\xA0" "b", "a b"},
        {"华为集团 株式会社 한국", "华为集团 株式会社 한국"},
        {"😀 OK", "😀 ok"},
        {"a\xFF" "B", "a\xEF\xBF\xBD" "b"},
    };
    CHECK(tcrm_norm_fold, t);
}

/* Every letter of Latin-1 Supplement and Latin Extended-A folds to one or
 * two lower-case ASCII letters (× and ÷ are not letters). */
static void test_fold_latin_blocks(void **state)
{
    (void)state;
    for (uint32_t cp = 0xC0; cp <= 0x17F; cp++) {
        if (cp == 0xD7 || cp == 0xF7)
            continue;
        char in[5] = {0};
        tcrm_utf8_encode(cp, in);
        char *f = tcrm_norm_fold(in);
        size_t n = strlen(f);
        if (n < 1 || n > 2 || f[0] < 'a' || f[0] > 'z' ||
            (n == 2 && (f[1] < 'a' || f[1] > 'z')))
            fail_msg("U+%04X folded to '%s'", (unsigned)cp, f);
        free(f);
    }
}

static void test_name_key(void **state)
{
    (void)state;
    static const struct pair t[] = {
        {"Silva, Anna", "anna silva"},
        {"anna  SILVA", "anna silva"},
        {"Anna Silva", "anna silva"},
        {"ＳＩＬＶＡ\xE3\x80\x80Ａｎｎａ", "anna silva"},
        {"张 伟", "张伟"},
        {"张伟", "张伟"},
        {"O'Brien, Pat", "obrien pat"},
        {"Pat O\xE2\x80\x99" "Brien", "obrien pat"},
        {"Jean-Pierre Dupont", "dupont jean pierre"},
        {"José María Müller", "jose maria muller"},
        {"Dr. J.R. Smith", "dr j r smith"},
        {"ジョン・スミス", "ジョンスミス"},
        {"阿凡提·买买提", "阿凡提买买提"},
        {"Zhang Wei 张伟", "wei zhang 张伟"},
        {"(Anna) \"Silva\"!", "anna silva"},
        {"", ""},
        {NULL, ""},
        {"  ,,, ", ""},
        {"a b c d e f g h i j k l m n o p q r s t",
         "a b c d e f g h i j k l m n o p q r s t"},
        {"t s r q p o n m l k j i h g f e d c b a",
         "a b c d e f g h i j k l m n o p q r s t"},
    };
    CHECK(tcrm_norm_name_key, t);
}

static void test_company_key(void **state)
{
    (void)state;
    static const struct pair t[] = {
        {"Acme", "acme"},
        {"Acme Ltd", "acme"},
        {"ACME Ltd.", "acme"},
        {"Acme Co., Ltd.", "acme"},
        {"acme inc", "acme"},
        {"Acme Corp", "acme"},
        {"Acme LLC", "acme"},
        {"Acme GmbH & Co. KG", "acme"},
        {"Smith & Sons Co", "smith sons"},
        {"The Company Store Ltd", "company store the"},
        {"华为技术有限公司", "华为技术"},
        {"华为 集团", "华为"},
        {"华为集团有限公司", "华为"},
        {"腾讯控股 有限公司", "腾讯控股"},
        {"Inc", "inc"},
        {"Ltd Ltd", "ltd"},
        {"公司", "公司"},
        {"Corporate Solutions", "corporate solutions"},
        {NULL, ""},
    };
    CHECK(tcrm_norm_company_key, t);
}

static void test_phone_keys(void **state)
{
    (void)state;
    static const struct pair key[] = {
        {"+86 138 0000 0000", "800000000"},
        {"138-0000-0000", "800000000"},
        {"0086 13800000000", "800000000"},
        {"+86 １３８ ００００ ００００", "800000000"},
        {"(555) 123-4567", "551234567"},
        {"+1 555 123 4567", "551234567"},
        {"555-123-4567 x123", "551234567"},
        {"555 123 4567 ext. 12", "551234567"},
        {"555-1234", "5551234"},
        {"tel: 555 1234", "5551234"},
        {"12345", "12345"},
        {"1234", ""},
        {"12-34 x56789", ""},
        {"", ""},
        {NULL, ""},
    };
    CHECK(tcrm_norm_phone_key, key);
    static const struct pair digits[] = {
        {"+86 138 0000 0000", "8613800000000"},
        {"12", "12"},
        {"555 1234 x9", "5551234"},
        {"", ""},
        {NULL, ""},
    };
    CHECK(tcrm_norm_phone_digits, digits);
}

static void test_phone_same_number(void **state)
{
    (void)state;
    static const struct { const char *a, *b; int same; } t[] = {
        { "+86 138 0000 0000", "138-0000-0000", 1 },     /* one has no code */
        { "+86 138 0000 0000", "+86 13800000000", 1 },
        { "+46 8 000 000 00", "+86 138 0000 0000", 0 },  /* other country */
        { "\xE3\x80\x80+46 8 000 000 00", "+86 138 0000 0000", 0 },
        { "08 000 000 00", "138 0000 0000", 1 },         /* cannot tell */
        { NULL, "+86 138 0000 0000", 1 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        assert_int_equal(tcrm_norm_phone_same_number(t[i].a, t[i].b), t[i].same);
}

static void test_email_key_trim(void **state)
{
    (void)state;
    static const struct pair email[] = {
        {"  Bob@Example.COM ", "bob@example.com"},
        {"\xE3\x80\x80" "a@b.cn\xE3\x80\x80", "a@b.cn"},
        {"张伟@例子.中国", "张伟@例子.中国"},
        {NULL, ""},
    };
    CHECK(tcrm_norm_email_key, email);
    static const struct pair trim[] = {
        {"  a b  ", "a b"},
        {"\xE3\x80\x80张伟\xE3\x80\x80 ", "张伟"},
        {"\t\n\r\v\f", ""},
        {"a\xE3\x80\x80", "a"},
        {"\xC2\xA0" "a", "\xC2\xA0" "a"}, /* only ASCII and U+3000 */
        {"", ""},
        {NULL, ""},
    };
    CHECK(tcrm_norm_trim, trim);
}

static void test_check_email_good(void **state)
{
    (void)state;
    static const char *const good[] = {
        "bob@example.com", "anna.silva+crm@mail.example.co.uk",
        " bob@example.com ", "张伟@例子.中国", "o'brien@x.ie", "a@b.io",
        "first_last-1@sub-domain.example.museum",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct tcrm_error err = {0};
        if (tcrm_norm_check_email(good[i], &err) != 0)
            fail_msg("'%s' refused: %s", good[i], err.msg);
    }
}

static void test_check_email_bad(void **state)
{
    (void)state;
    static const struct pair t[] = {
        {"bob@", "e-mail 'bob@' is not a valid address"},
        {"  bob@  ", "e-mail 'bob@' is not a valid address"},
        {"", "e-mail '' is not a valid address"},
        {NULL, "e-mail '' is not a valid address"},
        {"@example.com", "e-mail '@example.com' is not a valid address"},
        {"bob", "e-mail 'bob' is not a valid address"},
        {"bob@@example.com", "e-mail 'bob@@example.com' is not a valid address"},
        {"a@b@c.com", "e-mail 'a@b@c.com' is not a valid address"},
        {"bob@example", "e-mail 'bob@example' is not a valid address"},
        {"bob@ex ample.com", "e-mail 'bob@ex ample.com' is not a valid address"},
        {"bob smith@x.com", "e-mail 'bob smith@x.com' is not a valid address"},
        {".bob@x.com", "e-mail '.bob@x.com' is not a valid address"},
        {"bob.@x.com", "e-mail 'bob.@x.com' is not a valid address"},
        {"bo..b@x.com", "e-mail 'bo..b@x.com' is not a valid address"},
        {"bob@-x.com", "e-mail 'bob@-x.com' is not a valid address"},
        {"bob@x-.com", "e-mail 'bob@x-.com' is not a valid address"},
        {"bob@x..com", "e-mail 'bob@x..com' is not a valid address"},
        {"bob@.x.com", "e-mail 'bob@.x.com' is not a valid address"},
        {"bob@x.com.", "e-mail 'bob@x.com.' is not a valid address"},
        {"bob@x.c", "e-mail 'bob@x.c' is not a valid address"},
        {"bob@1.2.3.4", "e-mail 'bob@1.2.3.4' is not a valid address"},
        {"bob@exam_ple.com", "e-mail 'bob@exam_ple.com' is not a valid address"},
        {"<bob@x.com>", "e-mail '<bob@x.com>' is not a valid address"},
        {"bob@x.com, ann@y.com",
         "e-mail 'bob@x.com, ann@y.com' is not a valid address"},
        {"\x1b[2J@x.com", "e-mail '\xE2\x90\x9B[2J@x.com' is not a valid address"},
        {"bob@\xFF.com", "e-mail 'bob@\xEF\xBF\xBD.com' is not a valid address"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.com",
         "e-mail 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "\xE2\x80\xA6' is not a valid address"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        struct tcrm_error err = {0};
        int rc = tcrm_norm_check_email(t[i].in, &err);
        if (rc != TCRM_EINVAL || err.code != TCRM_EINVAL)
            fail_msg("'%s' accepted (rc %d)", t[i].in ? t[i].in : "(null)",
                     rc);
        if (strcmp(err.msg, t[i].want) != 0)
            fail_msg("message '%s', want '%s'", err.msg, t[i].want);
    }
    assert_int_equal(tcrm_norm_check_email("x", NULL), TCRM_EINVAL);
}

#define PHONE_CHARS "use digits, spaces, + - . ( ) / and x123 for an extension"

static void test_check_phone(void **state)
{
    (void)state;
    static const char *const good[] = {
        "+86 138 0000 0000", "(555) 123-4567", "555.123.4567", "030/1234567",
        "555-1234 x12", "555-1234 ext 12", "555 1234 Ext. 12", "555 1234X9",
        "123", "+86 １３８ ００００ ００００", "  555 1234  ",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct tcrm_error err = {0};
        if (tcrm_norm_check_phone(good[i], &err) != 0)
            fail_msg("'%s' refused: %s", good[i], err.msg);
    }
    static const struct pair bad[] = {
        {"12", "phone '12' is not a valid number: it needs at least 3 digits"},
        {"", "phone '' is not a valid number: it needs at least 3 digits"},
        {NULL, "phone '' is not a valid number: it needs at least 3 digits"},
        {"12 x345",
         "phone '12 x345' is not a valid number: it needs at least 3 digits"},
        {"abc", "phone 'abc' is not a valid number: " PHONE_CHARS},
        {"x123", "phone 'x123' is not a valid number: " PHONE_CHARS},
        {"555-CALL-NOW",
         "phone '555-CALL-NOW' is not a valid number: " PHONE_CHARS},
        {"555#1234", "phone '555#1234' is not a valid number: " PHONE_CHARS},
        {"五五五", "phone '五五五' is not a valid number: " PHONE_CHARS},
        {"555 1234 x", "phone '555 1234 x' is not a valid number: "
                       "an extension is x or ext and its digits"},
        {"555 1234 x12a", "phone '555 1234 x12a' is not a valid number: "
                          "an extension is x or ext and its digits"},
        {"555 1234 ext", "phone '555 1234 ext' is not a valid number: "
                         "an extension is x or ext and its digits"},
        {"555+1234",
         "phone '555+1234' is not a valid number: '+' may only come first"},
        {"\x1b[31m555", "phone '\xE2\x90\x9B[31m555' is not a valid number: "
                        PHONE_CHARS},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct tcrm_error err = {0};
        int rc = tcrm_norm_check_phone(bad[i].in, &err);
        if (rc != TCRM_EINVAL || err.code != TCRM_EINVAL)
            fail_msg("'%s' accepted", bad[i].in ? bad[i].in : "(null)");
        if (strcmp(err.msg, bad[i].want) != 0)
            fail_msg("message '%s', want '%s'", err.msg, bad[i].want);
    }
}

static void test_looks_like_phone(void **state)
{
    (void)state;
    static const char *const yes[] = {"138 0000", "+86 (10) 1234-5678", "123",
                                      "030/123.45", "１３８ ００００"};
    static const char *const no[] = {"12", "anna", "12a3", "", "555 1234 x1",
                                     "张伟", "+-()./ "};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!tcrm_norm_looks_like_phone(yes[i]))
            fail_msg("'%s' should look like a phone", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (tcrm_norm_looks_like_phone(no[i]))
            fail_msg("'%s' should not look like a phone", no[i]);
    assert_false(tcrm_norm_looks_like_phone(NULL));
}

/* The CJK legal forms at the end of a company name, as the company key
 * drops them (the pinyin keys leave them out). */
static void test_cjk_legal_tail(void **state)
{
    (void)state;
    static const struct { const char *in; size_t tail; } t[] = {
        {"华为技术有限公司", 12}, {"阿里巴巴集团", 6},
        {"比亚迪股份有限公司", 18}, {"上海东方贸易集团有限公司", 18},
        {"腾讯", 0}, {"公司", 0}, {"有限公司", 6} /* 公司, not all */,
        {"Acme Ltd", 0},
        {"", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (tcrm_norm_cjk_legal_tail(t[i].in) != t[i].tail)
            fail_msg("'%s': %zu, want %zu", t[i].in ? t[i].in : "(null)",
                     tcrm_norm_cjk_legal_tail(t[i].in), t[i].tail);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_latin_blocks),
        cmocka_unit_test(test_name_key),
        cmocka_unit_test(test_company_key),
        cmocka_unit_test(test_phone_keys),
        cmocka_unit_test(test_phone_same_number),
        cmocka_unit_test(test_email_key_trim),
        cmocka_unit_test(test_check_email_good),
        cmocka_unit_test(test_check_email_bad),
        cmocka_unit_test(test_check_phone),
        cmocka_unit_test(test_looks_like_phone),
        cmocka_unit_test(test_cjk_legal_tail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
