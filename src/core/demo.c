/*
 * demo.c: a small, believable database to look at (`tcrm init --demo`).
 *
 * Forty people, half with Chinese names at Chinese companies and half with
 * Latin names (accents included) at European ones, each with phones,
 * e-mails, a title and tags; interactions over the last 90 days; some
 * contacts silent for more than 30 days; follow-ups overdue, due today and
 * in the coming days (one repeating weekly, one at a set time); deals in
 * every stage of the configured pipeline plus some won and lost; and the
 * money side (demo_sales.c): orders billed at every age of the aging
 * report, partly paid, one deposit; and service and marketing
 * (demo_service.c): tickets in every state, one late, and two campaigns,
 * the first won deal brought by the spring fair.
 *
 * Everything is dated relative to `now` and written through the public
 * entity functions (the same validation, keys, search index and audit
 * trail as typed-in data), all in one transaction: a failure leaves the
 * database empty.
 */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"

struct demo_company {
    const char *name, *industry, *city, *phone, *website, *tag;
};

static const struct demo_company companies[] = {
    { "华为技术有限公司", "通信设备", "深圳", "+86 755 2878 0808",
      "www.huawei.example.cn", "2026-expo" },
    { "腾讯", "互联网", "深圳", "+86 755 8601 3388", "www.tencent.example.cn",
      NULL },
    { "阿里巴巴", "电子商务", "杭州", "+86 571 8502 2088",
      "www.alibaba.example.cn", "2026-expo" },
    { "小米科技", "消费电子", "北京", "+86 10 6060 6666",
      "www.mi.example.cn", NULL },
    { "比亚迪股份有限公司", "汽车", "深圳", "+86 755 8988 8888",
      "www.byd.example.cn", "supplier" },
    { "上海东方贸易集团", "外贸", "上海", "+86 21 6888 1234",
      "www.dongfang.example.cn", "supplier" },
    { "Acme Ltd", "Manufacturing", "London", "+44 20 7946 0958",
      "www.acme.example.co.uk", "supplier" },
    { "Müller & Söhne GmbH", "Engineering", "München", "+49 89 1234 5678",
      "www.mueller-soehne.example.de", "2026-expo" },
    { "Álvarez Logística S.L.", "Logistics", "Madrid", "+34 91 123 45 67",
      "www.alvarez.example.es", NULL },
    { "Nordlicht AB", "Software", "Stockholm", "+46 8 123 456 78",
      "www.nordlicht.example.se", NULL },
    { "Silva Consultoria", "Consulting", "Lisboa", "+351 21 123 4567",
      "www.silva.example.pt", "vip" },
    { "Dubois et Fils SARL", "Wine trade", "Lyon", "+33 4 72 00 00 00",
      "www.dubois.example.fr", NULL },
};
#define N_COMPANIES (int)(sizeof companies / sizeof companies[0])

struct demo_person {
    const char *name, *title, *mobile, *email, *tags;
    int company;      /* index into companies */
    int quiet_days;   /* days since the last interaction */
};

static const struct demo_person people[] = {
    { "张伟", "采购经理", "+86 138 0013 8001", "zhang.wei@huawei.example.cn", "vip", 0, 2 },
    { "李娜", "销售总监", "+86 139 1024 5566", "li.na@huawei.example.cn", "2026-expo", 0, 12 },
    { "王芳", "产品经理", "+86 137 2233 4455", "wangfang@tencent.example.cn", NULL, 1, 5 },
    { "刘洋", "技术总监", "+86 136 9876 5432", "liu.yang@tencent.example.cn", "vip", 1, 45 },
    { "陈静", "市场专员", "+86 135 1111 2222", "chenjing@alibaba.example.cn", "2026-expo", 2, 1 },
    { "杨磊", "运营经理", "+86 188 3344 5566", "yang.lei@alibaba.example.cn", NULL, 2, 33 },
    { "赵敏", "财务主管", "+86 186 7788 9900", "zhaomin@mi.example.cn", NULL, 3, 20 },
    { "黄强", "工程师", "+86 158 1234 0000", "huang.qiang@mi.example.cn", NULL, 3, 8 },
    { "周婷", "采购专员", "+86 159 2468 1357", "zhou.ting@byd.example.cn", "supplier", 4, 60 },
    { "吴刚", "供应链经理", "+86 150 1357 2468", "wu.gang@byd.example.cn", "supplier,vip", 4, 3 },
    { "徐丽", "总经理助理", "+86 152 8080 9090", "xuli@dongfang.example.cn", NULL, 5, 15 },
    { "孙涛", "外贸经理", "+86 153 6060 7070", "sun.tao@dongfang.example.cn", "2026-expo", 5, 40 },
    { "胡军", "区域经理", "+86 187 5050 4040", "hu.jun@huawei.example.cn", NULL, 0, 26 },
    { "朱琳", "人力资源", "+86 189 3030 2020", "zhulin@tencent.example.cn", NULL, 1, 70 },
    { "高峰", "副总裁", "+86 180 1010 0909", "gao.feng@alibaba.example.cn", "vip", 2, 4 },
    { "林晓东", "项目经理", "+86 181 8181 7272", "lin.xd@mi.example.cn", NULL, 3, 10 },
    { "何雪", "客户经理", "+86 182 6363 5454", "he.xue@byd.example.cn", NULL, 4, 35 },
    { "郭鹏", "物流主管", "+86 183 4545 3636", "guo.peng@dongfang.example.cn", "supplier", 5, 7 },
    { "马丽华", "法务顾问", "+86 184 2727 1818", "ma.lihua@huawei.example.cn", NULL, 0, 85 },
    { "罗志强", "研发主管", "+86 185 0909 1212", "luo.zq@tencent.example.cn", NULL, 1, 18 },
    { "José Álvarez", "Director General", "+34 612 345 678", "jose@alvarez.example.es", "vip", 8, 1 },
    { "Zoë Müller", "Einkaufsleiterin", "+49 151 2345 6789", "zoe.mueller@mueller-soehne.example.de", "2026-expo", 7, 6 },
    { "Anna Silva", "CEO", "+351 912 345 678", "anna@silva.example.pt", "vip", 10, 0 },
    { "John Smith", "Purchasing Manager", "+44 7700 900123", "john.smith@acme.example.co.uk", "supplier", 6, 14 },
    { "Émilie Dubois", "Gérante", "+33 6 12 34 56 78", "emilie@dubois.example.fr", NULL, 11, 50 },
    { "Søren Nielsen", "CTO", "+46 70 123 45 67", "soren@nordlicht.example.se", NULL, 9, 9 },
    { "María García", "Jefa de Compras", "+34 622 111 222", "maria.garcia@alvarez.example.es", NULL, 8, 31 },
    { "Giulia Rossi", "Account Manager", "+44 7700 900456", "giulia.rossi@acme.example.co.uk", "2026-expo", 6, 3 },
    { "Łukasz Nowak", "Engineer", "+49 160 9876 5432", "lukasz.nowak@mueller-soehne.example.de", NULL, 7, 22 },
    { "François Lefèvre", "Sommelier", "+33 6 98 76 54 32", "francois@dubois.example.fr", NULL, 11, 11 },
    { "Ingrid Bergström", "Product Owner", "+46 73 987 65 43", "ingrid@nordlicht.example.se", "vip", 9, 65 },
    { "Miguel Ángel Torres", "Transport Planner", "+34 633 444 555", "miguel@alvarez.example.es", NULL, 8, 2 },
    { "Sarah O'Connor", "Finance Director", "+44 7700 900789", "sarah.oconnor@acme.example.co.uk", NULL, 6, 42 },
    { "Priya Patel", "Consultant", "+351 913 222 333", "priya@silva.example.pt", NULL, 10, 16 },
    { "Björn Andersson", "Sales Lead", "+46 76 555 44 33", "bjorn@nordlicht.example.se", "2026-expo", 9, 5 },
    { "Nathalie Rousseau", "Export Manager", "+33 7 11 22 33 44", "nathalie@dubois.example.fr", NULL, 11, 37 },
    { "Tomás Ruiz", "Warehouse Manager", "+34 644 666 777", "tomas.ruiz@alvarez.example.es", "supplier", 8, 13 },
    { "Hannah Weber", "Projektleiterin", "+49 170 1112 1314", "hannah.weber@mueller-soehne.example.de", NULL, 7, 4 },
    { "David Brown", "Operations", "+44 7700 900321", "david.brown@acme.example.co.uk", NULL, 6, 55 },
    { "Inês Costa", "Partner", "+351 914 555 666", "ines@silva.example.pt", "vip,2026-expo", 10, 24 },
};
#define N_PEOPLE (int)(sizeof people / sizeof people[0])

static const char *const zh_notes[] = {
    "电话沟通报价", "讨论年度框架协议", "发送产品目录", "拜访工厂",
    "确认交货时间", "跟进样品反馈",
};
static const char *const en_notes[] = {
    "Called about the quote", "Discussed the annual contract",
    "Sent the product catalogue", "Visited their site",
    "Confirmed delivery dates", "Followed up on samples",
};

static int is_cjk(const char *s)
{
    return (unsigned char)s[0] >= 0xe0;
}

static int add_companies(struct tcrm_db *db, int64_t ids[],
                         struct tcrm_error *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < N_COMPANIES; i++) {
        const struct demo_company *d = &companies[i];
        struct tcrm_company c;
        tcrm_company_init(&c);
        if (tcrm_str_set(&c.name, d->name) ||
            tcrm_str_set(&c.industry, d->industry) ||
            tcrm_str_set(&c.city, d->city) ||
            tcrm_str_set(&c.phone, d->phone) ||
            tcrm_str_set(&c.website, d->website) ||
            (d->tag && tcrm_strlist_add(&c.tags, d->tag)))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (rc == 0)
            rc = tcrm_company_insert(db, &c, err);
        ids[i] = c.id;
        tcrm_company_clear(&c);
    }
    return rc;
}

/* Tags "a,b" into the list. */
static int split_tags(const char *tags, struct tcrm_strlist *l)
{
    char buf[64];
    while (tags && *tags) {
        size_t n = strcspn(tags, ",");
        snprintf(buf, sizeof buf, "%.*s", (int)n, tags);
        if (tcrm_strlist_add(l, buf))
            return TCRM_ENOMEM;
        tags += n + (tags[n] == ',');
    }
    return 0;
}

static int add_person(struct tcrm_db *db, const struct demo_person *p,
                      int64_t company_id, int64_t *id, struct tcrm_error *err)
{
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    c.company_id = company_id;
    int rc = 0;
    if (tcrm_str_set(&c.name, p->name) || tcrm_str_set(&c.title, p->title) ||
        tcrm_str_set(&c.city, companies[p->company].city) ||
        tcrm_str_set(&c.source, is_cjk(p->name) ? "展会" : "Trade fair") ||
        tcrm_str_set(&c.owner, tcrm_db_user(db)) ||
        tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, p->mobile) ||
        tcrm_contact_add_channel(&c, TCRM_CH_WORK,
                                 companies[p->company].phone) ||
        tcrm_contact_add_channel(&c, TCRM_CH_EMAIL, p->email) ||
        split_tags(p->tags, &c.tags))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0)
        rc = tcrm_contact_insert(db, &c, err);
    *id = c.id;
    tcrm_contact_clear(&c);
    return rc;
}

/* "YYYY-MM-DD HH:MM" days ago, at an office hour that depends on seed
 * (today: the current time, so nothing is in the future). */
static void when_ago(time_t now, int days, unsigned seed, char out[17])
{
    char today[11], day[11], ts[20];
    if (days == 0) {
        tcrm_date_timestamp(now, ts);
        snprintf(out, 17, "%.16s", ts);
        return;
    }
    tcrm_date_today(now, today);
    tcrm_date_add_days(today, -days, day);
    snprintf(out, 17, "%.10s %02u:%02u", day, 9 + seed % 8u,
             (seed * 17u) % 60u);
}

static int add_history(struct tcrm_db *db, int i, int64_t contact, time_t now,
                       struct tcrm_error *err)
{
    const struct demo_person *p = &people[i];
    int n = 1 + i % 4, rc = 0;
    for (int k = n - 1; rc == 0 && k >= 0; k--) {
        int days = p->quiet_days + k * (7 + i % 9);
        if (days > 89)
            continue;
        char at[17];
        when_ago(now, days, (unsigned)(i + k), at);
        struct tcrm_interaction ia;
        tcrm_interaction_init(&ia);
        ia.contact_id = contact;
        ia.kind = (enum tcrm_interaction_kind)((i + k) % TCRM_IA_COUNT);
        int note = (i * 3 + k) % 6;
        if (tcrm_str_set(&ia.at, at) ||
            tcrm_str_set(&ia.summary, is_cjk(p->name) ? zh_notes[note]
                                                       : en_notes[note]))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (rc == 0)
            rc = tcrm_interaction_insert(db, &ia, err);
        tcrm_interaction_clear(&ia);
    }
    return rc;
}

static const struct {
    int person, days, repeat;
    const char *time, *title;
} followups[] = {
    { 0, -3, 0, NULL, "发送正式报价" },
    { 20, -1, 0, "10:00", "Call José about the contract" },
    { 23, -5, 0, NULL, "Chase the signed order" },
    { 22, 0, 0, "14:30", "Call Anna: quote" },
    { 4, 0, 0, NULL, "确认展会展位" },
    { 21, 0, 7, "09:00", "Weekly check-in with Zoë" },
    { 9, 1, 0, NULL, "寄送样品" },
    { 25, 2, 0, "11:00", "Demo for Søren's team" },
    { 14, 3, 0, NULL, "安排高层会面" },
    { 27, 5, 0, NULL, "Send Giulia the price list" },
    { 2, 6, 0, NULL, "回访产品试用" },
    { 34, 12, 30, NULL, "Monthly review with Björn" },
    { 39, 20, 0, NULL, "Plan the expo meeting" },
};

static int add_followups(struct tcrm_db *db, const int64_t ids[], time_t now,
                         struct tcrm_error *err)
{
    char today[11];
    tcrm_date_today(now, today);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof followups / sizeof followups[0];
         i++) {
        char due[11];
        tcrm_date_add_days(today, followups[i].days, due);
        struct tcrm_followup f;
        tcrm_followup_init(&f);
        f.contact_id = ids[followups[i].person];
        f.repeat_days = followups[i].repeat;
        if (tcrm_str_set(&f.title, followups[i].title) ||
            tcrm_str_set(&f.due_date, due) ||
            tcrm_str_set(&f.due_time, followups[i].time) ||
            tcrm_str_set(&f.owner, tcrm_db_user(db)))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (rc == 0)
            rc = tcrm_followup_insert(db, &f, err);
        tcrm_followup_clear(&f);
    }
    return rc;
}

/* *id: in, the campaign that brought the deal (0: none); out, the deal. */
static int add_deal(struct tcrm_db *db, int person, int64_t contact,
                    int64_t company, const char *stage, int probability,
                    const char *currency, time_t now, int n,
                    int64_t *id, struct tcrm_error *err)
{
    char today[11], close[11], title[128];
    tcrm_date_today(now, today);
    tcrm_date_add_days(today, 10 + (n * 13) % 60, close);
    snprintf(title, sizeof title, is_cjk(people[person].name)
             ? "%s 年度采购" : "%s annual order",
             companies[people[person].company].name);
    struct tcrm_deal d;
    tcrm_deal_init(&d);
    d.contact_id = contact;
    d.company_id = company;
    d.amount_minor = (int64_t)(5 + (n * 37) % 95) * 100000 + (n % 4) * 2550;
    d.probability = probability;
    d.campaign_id = *id;
    int rc = 0;
    if (tcrm_str_set(&d.title, title) || tcrm_str_set(&d.stage, stage) ||
        tcrm_str_set(&d.currency, currency) ||
        tcrm_str_set(&d.expected_close, close) ||
        tcrm_str_set(&d.owner, tcrm_db_user(db)) ||
        (n % 5 == 0 && tcrm_strlist_add(&d.tags, "vip")))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0)
        rc = tcrm_deal_insert(db, &d, err);
    *id = d.id;
    tcrm_deal_clear(&d);
    return rc;
}

/* fair: the campaign the first won deal came from. */
static int add_deals(struct tcrm_db *db, const int64_t people_ids[],
                     const int64_t company_ids[], time_t now,
                     const char *const *stages, int n_stages,
                     const char *currency, int64_t fair,
                     struct tcrm_error *err)
{
    int rc = 0, n = 0;
    int64_t id;
    /* Two open deals per stage, then two won and two lost. */
    for (int s = 0; rc == 0 && s < n_stages; s++)
        for (int k = 0; rc == 0 && k < 2; k++, n++) {
            int p = (n * 7 + 3) % N_PEOPLE;
            id = 0;
            rc = add_deal(db, p, people_ids[p],
                          company_ids[people[p].company], stages[s],
                          (s + 1) * 100 / (n_stages + 1), currency, now, n,
                          &id, err);
        }
    for (int k = 0; rc == 0 && k < 4; k++, n++) {
        int p = (n * 7 + 3) % N_PEOPLE;
        id = k == 0 ? fair : 0;
        rc = add_deal(db, p, people_ids[p], company_ids[people[p].company],
                      stages[n_stages - 1], 80, currency, now, n, &id, err);
        if (rc == 0 && k < 2)
            rc = tcrm_deal_won(db, id, err);
        else if (rc == 0)
            rc = tcrm_deal_lost(db, id, k == 2 ? "Price too high"
                                               : "选择了竞争对手", err);
    }
    return rc;
}

static int has_contacts(struct tcrm_db *db, int *yes, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT EXISTS (SELECT 1 FROM contacts)", err);
    if (!st)
        return err->code;
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        *yes = sqlite3_column_int(st, 0);
    else
        rc = tcrm_db_fail(db, "demo", err);
    tcrm_db_done(st);
    return rc;
}

static int fill(struct tcrm_db *db, time_t now, const char *const *stages,
                int n_stages, const char *currency, struct tcrm_error *err)
{
    int64_t company_ids[N_COMPANIES], people_ids[N_PEOPLE];
    int yes = 0;
    int rc = has_contacts(db, &yes, err);
    if (rc == 0 && yes)
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: the database already has "
                            "contacts; demo data goes into an empty one",
                            tcrm_db_path(db));
    if (rc == 0)
        rc = add_companies(db, company_ids, err);
    for (int i = 0; rc == 0 && i < N_PEOPLE; i++) {
        rc = add_person(db, &people[i], company_ids[people[i].company],
                        &people_ids[i], err);
        if (rc == 0)
            rc = add_history(db, i, people_ids[i], now, err);
    }
    if (rc == 0)
        rc = add_followups(db, people_ids, now, err);
    int64_t fair = 0;
    if (rc == 0)
        rc = tcrm_demo_campaigns(db, people_ids, now, &fair, err);
    if (rc == 0)
        rc = add_deals(db, people_ids, company_ids, now, stages, n_stages,
                       currency, fair, err);
    if (rc == 0)
        rc = tcrm_demo_sales(db, company_ids, now, err);
    if (rc == 0)
        rc = tcrm_demo_tickets(db, company_ids, people_ids, now, err);
    return rc;
}

int tcrm_db_fill_demo(struct tcrm_db *db, time_t now,
                      const char *const *stages, int n_stages,
                      const char *currency, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (!stages || n_stages <= 0)
        return tcrm_error_set(err, TCRM_EINVAL, "demo: no pipeline stages");
    if (tcrm_str_empty(currency))
        currency = "EUR";
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = fill(db, now, stages, n_stages, currency, err);
    return tcrm_db_end(db, rc, err);
}
