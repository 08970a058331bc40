/*
 * test_mapping.c: header recognition (Google, Outlook, English, Chinese),
 * --map specs and their errors, profiles (the shipped INI files agree
 * with the built-in table), and rows into contacts: names, channels, tags,
 * notes for unmapped columns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "io_test_util.h"
#include "mapping_internal.h"

static void guess(const char *const *h, size_t n, struct tcrm_csv_map *m)
{
    struct tcrm_error err;
    assert_int_equal(tcrm_csv_map_guess(h, n, m, &err), 0);
}

#define N(a) (sizeof a / sizeof a[0])

static void test_guess_google(void **state)
{
    (void)state;
    static const char *const h[] = {
        "Name", "Given Name", "Family Name", "Organization 1 - Name",
        "Organization 1 - Title", "E-mail 1 - Type", "E-mail 1 - Value",
        "Phone 1 - Type", "Phone 1 - Value", "Phone 2 - Value",
        "Group Membership", "Address 1 - Street"
    };
    struct tcrm_csv_map m;
    guess(h, N(h), &m);
    static const int want[] = {
        TCRM_CF_NAME, TCRM_CF_GIVEN, TCRM_CF_FAMILY, TCRM_CF_COMPANY,
        TCRM_CF_TITLE, TCRM_CF_TYPE, TCRM_CF_EMAIL, TCRM_CF_TYPE,
        TCRM_CF_PHONE_TYPED, TCRM_CF_PHONE, TCRM_CF_TAGS, TCRM_CF_UNMAPPED
    };
    for (size_t i = 0; i < N(h); i++)
        assert_int_equal(m.field[i], want[i]);
    assert_int_equal(m.type_col[8], 7);
    tcrm_csv_map_free(&m);
}

static void test_guess_outlook_english_chinese(void **state)
{
    (void)state;
    static const char *const o[] = {
        "Title", "First Name", "Last Name", "Company", "Job Title",
        "E-mail Address", "Mobile Phone", "Business Phone"
    };
    static const int wo[] = {
        TCRM_CF_UNMAPPED, TCRM_CF_GIVEN, TCRM_CF_FAMILY, TCRM_CF_COMPANY,
        TCRM_CF_TITLE, TCRM_CF_EMAIL, TCRM_CF_MOBILE, TCRM_CF_PHONE
    };
    static const char *const e[] = {
        " Name ", "COMPANY", "email 2", "mobile 1", "phone", "title",
        "address", "notes", "tags", "Favourite colour"
    };
    static const int we[] = {
        TCRM_CF_NAME, TCRM_CF_COMPANY, TCRM_CF_EMAIL, TCRM_CF_MOBILE,
        TCRM_CF_PHONE, TCRM_CF_TITLE, TCRM_CF_ADDRESS, TCRM_CF_NOTES,
        TCRM_CF_TAGS, TCRM_CF_UNMAPPED
    };
    static const char *const z[] = {
        "姓名", "公司", "单位", "职位", "职务", "手机", "电话", "传真", "邮箱",
        "电子邮件", "地址", "备注", "标签"
    };
    static const int wz[] = {
        TCRM_CF_NAME, TCRM_CF_COMPANY, TCRM_CF_COMPANY, TCRM_CF_TITLE,
        TCRM_CF_TITLE, TCRM_CF_MOBILE, TCRM_CF_PHONE, TCRM_CF_FAX,
        TCRM_CF_EMAIL, TCRM_CF_EMAIL, TCRM_CF_ADDRESS, TCRM_CF_NOTES,
        TCRM_CF_TAGS
    };
    struct tcrm_csv_map m;
    guess(o, N(o), &m);
    for (size_t i = 0; i < N(o); i++)
        assert_int_equal(m.field[i], wo[i]);
    tcrm_csv_map_free(&m);
    guess(e, N(e), &m);
    for (size_t i = 0; i < N(e); i++)
        assert_int_equal(m.field[i], we[i]);
    tcrm_csv_map_free(&m);
    guess(z, N(z), &m);
    for (size_t i = 0; i < N(z); i++)
        assert_int_equal(m.field[i], wz[i]);
    tcrm_csv_map_free(&m);
}

static void test_spec(void **state)
{
    (void)state;
    static const char *const h[] = {"Person", "Org", "Cell", "X"};
    struct tcrm_csv_map m;
    struct tcrm_error err;
    guess(h, N(h), &m);
    assert_int_equal(tcrm_csv_map_check(&m, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "no column gives the name");
    assert_string_equal(err.field, "map");   /* front ends say how */
    assert_int_equal(tcrm_csv_map_spec(&m, "Person=name, Org=company,"
                                       "cell=mobile,X=skip", &err), 0);
    assert_int_equal(m.field[0], TCRM_CF_NAME);
    assert_int_equal(m.field[1], TCRM_CF_COMPANY);
    assert_int_equal(m.field[2], TCRM_CF_MOBILE);
    assert_int_equal(m.field[3], TCRM_CF_SKIP);
    assert_int_equal(tcrm_csv_map_check(&m, &err), 0);
    static const struct { const char *spec, *msg; } bad[] = {
        {"Fullname=name", "--map: no column 'Fullname' (columns: Person, "
                          "Org, Cell, X)"},
        {"Org=boss", "--map: 'Org=boss': unknown field 'boss'"},
        {"Org", "--map: 'Org': expected COLUMN=FIELD"},
    };
    for (size_t i = 0; i < N(bad); i++) {
        assert_int_equal(tcrm_csv_map_spec(&m, bad[i].spec, &err), TCRM_EINVAL);
        assert_string_equal(err.msg, bad[i].msg);
    }
    tcrm_csv_map_free(&m);
}

/* Every line of data/profiles/NAME.ini maps as the built-in table says,
 * and --profile NAME (built in) gives the same fields. */
static void test_profiles_match_table(void **state)
{
    (void)state;
    static const char *const names[] = {"google", "outlook", "english",
                                        "chinese"};
    for (size_t p = 0; p < N(names); p++) {
        char path[512], line[512];
        snprintf(path, sizeof path, "%s/data/profiles/%s.ini", TCRM_SRCDIR,
                 names[p]);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        size_t lines = 0, table = 0;
        while (fgets(line, sizeof line, f)) {
            char *eq = strstr(line, " = ");
            if (line[0] == '#' || line[0] == '[' || !eq)
                continue;
            *eq = '\0';
            eq[strcspn(eq + 3, "\n") + 3] = '\0';
            int found = 0;
            for (const struct tcrm_map_entry *e = tcrm_map_table; e->header;
                 e++)
                if (!strcmp(e->profile, names[p]) &&
                    !strcmp(e->header, line)) {
                    assert_int_equal(tcrm_csv_field_parse(eq + 3), e->field);
                    found = 1;
                }
            assert_true(found);
            lines++;
        }
        fclose(f);
        for (const struct tcrm_map_entry *e = tcrm_map_table; e->header; e++)
            table += !strcmp(e->profile, names[p]);
        assert_int_equal(lines, table);
    }
}

static void test_profile_file_and_errors(void **state)
{
    (void)state;
    static const char *const h[] = {"Cell", "Who", "Firma"};
    struct tcrm_csv_map m;
    struct tcrm_error err;
    guess(h, N(h), &m);
    const char *p = IO_WRITE("mine.ini", "# mine\n[columns]\nWho = name\n"
                             "Firma = company\nCell = mobile\nGone = notes\n");
    assert_int_equal(tcrm_csv_map_profile(&m, p, &err), 0);
    assert_int_equal(m.field[0], TCRM_CF_MOBILE);
    assert_int_equal(m.field[1], TCRM_CF_NAME);
    assert_int_equal(m.field[2], TCRM_CF_COMPANY);
    const char *saved = io_path("saved.ini");
    assert_int_equal(tcrm_csv_map_save(&m, saved, &err), 0);
    tcrm_csv_map_free(&m);
    guess(h, N(h), &m);
    assert_int_equal(tcrm_csv_map_profile(&m, saved, &err), 0);
    assert_int_equal(m.field[1], TCRM_CF_NAME);
    assert_int_equal(tcrm_csv_map_profile(&m, "nosuch", &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "--profile: no profile 'nosuch' (built in: "
                        "google, outlook, english, chinese)");
    p = IO_WRITE("badf.ini", "Who = boss\n");
    assert_int_equal(tcrm_csv_map_profile(&m, p, &err), TCRM_EINVAL);
    assert_non_null(strstr(err.msg, "badf.ini:1: 'Who=boss': unknown field "
                           "'boss'"));
    tcrm_csv_map_free(&m);
}

static void map_one(const char *const *h, size_t n, const char *const *v,
                    int drop, struct tcrm_contact *c)
{
    struct tcrm_csv_map m;
    struct tcrm_error err;
    guess(h, n, &m);
    m.drop_unmapped = drop;
    size_t lens[32];
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(v[i]);
    struct tcrm_csv_row row = {n, (const char **)v, lens, 2};
    tcrm_contact_init(c);
    assert_int_equal(tcrm_csv_map_row(&m, &row, c, &err), 0);
    tcrm_csv_map_free(&m);
}

static void test_row_names(void **state)
{
    (void)state;
    static const char *const h[] = {"First Name", "Last Name", "E-mail"};
    static const char *const cjk[] = {"伟", "张", ""};
    static const char *const latin[] = {" Anna ", "Silva", ""};
    static const char *const mail[] = {"", "", "anna.b_silva@x.example"};
    struct tcrm_contact c;
    map_one(h, 3, cjk, 0, &c);
    assert_string_equal(c.name, "张伟");
    tcrm_contact_clear(&c);
    map_one(h, 3, latin, 0, &c);
    assert_string_equal(c.name, "Anna Silva");
    tcrm_contact_clear(&c);
    map_one(h, 3, mail, 0, &c);
    assert_string_equal(c.name, "anna b silva");
    tcrm_contact_clear(&c);
}

static void test_row_channels_tags_notes(void **state)
{
    (void)state;
    static const char *const h[] = {
        "Name", "Phone 1 - Type", "Phone 1 - Value", "E-mail 1 - Value",
        "Labels", "Notes", "Hobby", "Company", "Organization 1 - Name"
    };
    static const char *const v[] = {
        "Ann", "Mobile", "+1 555 0100 ::: +1 555 0101", "a@x.example; b@x.example",
        "* myContacts ::: vip, 客户、北京", "first line", "chess", "Acme",
        "Acme Europe"
    };
    struct tcrm_contact c;
    map_one(h, N(h), v, 0, &c);
    assert_int_equal(c.n_channels, 4);
    assert_int_equal(c.channels[0].kind, TCRM_CH_MOBILE);
    assert_string_equal(c.channels[1].value, "+1 555 0101");
    assert_int_equal(c.channels[2].kind, TCRM_CH_EMAIL);
    assert_string_equal(c.channels[3].value, "b@x.example");
    assert_int_equal(c.tags.n, 4);
    assert_string_equal(c.tags.items[0], "myContacts");
    assert_string_equal(c.tags.items[3], "北京");
    assert_string_equal(c.company, "Acme");
    assert_string_equal(c.notes, "first line\nHobby: chess\n"
                        "Organization 1 - Name: Acme Europe");
    tcrm_contact_clear(&c);
    map_one(h, N(h), v, 1, &c);
    assert_string_equal(c.notes, "first line\n"
                        "Organization 1 - Name: Acme Europe");
    tcrm_contact_clear(&c);
}

static void test_row_ragged_and_neutralized(void **state)
{
    (void)state;
    static const char *const h[] = {"name", "notes"};
    static const char *const v[] = {"Ann", "'=1+1", "extra"};
    struct tcrm_csv_map m;
    struct tcrm_error err;
    guess(h, 2, &m);
    size_t lens[3] = {3, 5, 5};
    struct tcrm_csv_row row = {3, (const char **)v, lens, 9};
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_csv_map_row(&m, &row, &c, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "3 fields, the header has 2");
    row.n = 2;
    assert_int_equal(tcrm_csv_map_row(&m, &row, &c, &err), 0);
    assert_string_equal(c.notes, "=1+1");
    assert_string_equal(tcrm_csv_unneutralize("''-x"), "'-x");
    assert_string_equal(tcrm_csv_unneutralize("'plain"), "'plain");
    assert_int_equal(tcrm_csv_needs_neutralize("@x"), 1);
    assert_int_equal(tcrm_csv_needs_neutralize("'+x"), 1);
    assert_int_equal(tcrm_csv_needs_neutralize("x=1"), 0);
    tcrm_contact_clear(&c);
    tcrm_csv_map_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guess_google),
        cmocka_unit_test(test_guess_outlook_english_chinese),
        cmocka_unit_test(test_spec),
        cmocka_unit_test(test_profiles_match_table),
        cmocka_unit_test(test_profile_file_and_errors),
        cmocka_unit_test(test_row_names),
        cmocka_unit_test(test_row_channels_tags_notes),
        cmocka_unit_test(test_row_ragged_and_neutralized),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
