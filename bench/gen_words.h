/*
 * gen_words.h: the word lists tcrm-bench-gen draws realistic names,
 * companies and notes from. Only bench/gen.c includes it.
 */
#ifndef TCRM_BENCH_GEN_WORDS_H
#define TCRM_BENCH_GEN_WORDS_H

static const char *const gen_cjk_family[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
    "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
    "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "欧阳", "司马", "上官"};
static const char *const gen_cjk_given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "娟", "涛", "明", "超", "秀", "英", "华", "平", "刚", "桂", "文",
    "辉", "鑫", "宇", "浩", "凯", "婷", "雪", "琳", "晨", "欣", "怡", "佳",
    "俊", "博", "子", "梓", "涵", "轩", "诗", "雨", "萱", "思", "源", "瑶"};
static const char *const gen_pinyin[] = {
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu",
    "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "wei", "fang", "na",
    "min", "jing", "qiang", "lei", "jun", "yong", "jie", "tao", "ming"};
static const char *const gen_first[] = {
    "Anna", "José", "Zoë", "Mohammed", "Olivia", "Liam", "Sofía", "Lucas",
    "Émilie", "Noah", "Mia", "Björn", "Aisha", "Mateo", "Chloé", "Ivan",
    "Priya", "Kenji", "Fatima", "Oliver", "Léa", "Jakub", "Ingrid", "Tomás",
    "Hannah", "David", "Sarah", "Michael", "Laura", "Daniel", "Eva", "Peter"};
static const char *const gen_last[] = {
    "Silva", "Müller", "García", "Smith", "Johansson", "Novak", "Rossi",
    "Dubois", "Kowalski", "O'Brien", "Nguyen", "Fernández", "Schmidt",
    "Jensen", "Andersson", "Costa", "Ivanova", "Tanaka", "Khan", "Brown",
    "Martin", "Lefèvre", "Horvat", "Papadopoulos", "Weber", "Wilson"};
static const int gen_country[] = {44, 49, 33, 34, 39, 1, 31, 46, 48, 351};
static const char *const gen_domain[] = {
    "example.com", "example.cn", "mail.example.org", "corp.example.net",
    "example.de", "example.co.uk"};
static const char *const gen_cjk_city[] = {
    "北京", "上海", "深圳", "广州", "杭州", "成都", "南京", "武汉", "苏州",
    "西安", "天津", "重庆", "厦门", "青岛", "宁波", "长沙"};
static const char *const gen_cjk_word[] = {
    "华信", "东方", "新天地", "宏达", "金桥", "恒通", "联创", "博远", "中科",
    "瑞丰", "海纳", "星辰", "远航", "鼎盛", "汇智", "天成"};
static const char *const gen_cjk_form[] = {
    "科技有限公司", "贸易有限公司", "集团", "电子有限公司", "咨询有限公司",
    "物流有限公司"};
static const char *const gen_latin_word[] = {
    "Acme", "Nordic", "Blue", "Summit", "Atlas", "Vertex", "Golden", "Pioneer",
    "Quantum", "Harbor", "Silver", "Crescent", "Evergreen", "Apex"};
static const char *const gen_latin_word2[] = {
    "Systems", "Trading", "Logistics", "Foods", "Robotics", "Textiles",
    "Consulting", "Energy", "Devices", "Media", "Supplies", "Labs"};
static const char *const gen_latin_form[] = {
    "Ltd", "GmbH", "Inc", "S.A.", "B.V.", "AB", "LLC", "SARL"};
static const char *const gen_title[] = {
    "CEO", "CTO", "Sales Manager", "Purchasing Manager", "Engineer",
    "Account Manager", "总经理", "工程师", "销售经理", "采购主管", "技术总监",
    "市场部经理", "Office Manager", "Consultant", "Director"};
static const char *const gen_industry[] = {
    "Manufacturing", "Retail", "Logistics", "Software", "Finance", "Energy",
    "制造业", "贸易", "电子", "咨询"};
static const char *const gen_city[] = {
    "Beijing", "Shanghai", "Shenzhen", "London", "Berlin", "Paris", "Madrid",
    "Stockholm", "Lisbon", "深圳", "上海", "杭州"};
static const char *const gen_owner[] = {"ann", "bob", "chen", "dana", "li"};
static const char *const gen_tag[] = {
    "vip", "supplier", "customer", "lead", "2026-expo", "partner", "重点客户",
    "展会", "newsletter", "distributor"};
static const char *const gen_event[] = {
    "the Canton Fair", "CeBIT", "our booth", "the Shanghai expo", "a dinner"};
static const char *const gen_when[] = {
    "next week", "in March", "after the holidays", "on Monday"};
static const char *const gen_cjk_note[] = {
    "展会上认识，对新产品感兴趣", "需要报价，下周回电", "老客户介绍，重点跟进",
    "已发送样品，等待反馈"};
static const char *const gen_summary[] = {
    "Asked for a quote", "Sent the brochure", "Follow-up on samples",
    "Discussed delivery dates", "电话沟通报价", "拜访客户", "Contract review",
    "Intro call", "Price negotiation", "Support question"};
static const char *const gen_deal[] = {
    "Annual supply contract", "Pilot order", "Service renewal", "新产品采购",
    "Framework agreement", "Spare parts", "Software licences"};
static const char *const gen_stage[] = {
    "Lead", "Qualified", "Proposal", "Negotiation"};
static const char *const gen_currency[] = {"EUR", "EUR", "CNY", "USD"};

#endif
