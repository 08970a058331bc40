#!/usr/bin/env python3
"""scripts/gen-pinyin.py: make data/pinyin.txt, the hanzi-to-pinyin table,
from the Unicode Unihan database as Debian's `unicode-data` package ships it.

    python3 scripts/gen-pinyin.py [/usr/share/unicode/Unihan_Readings.txt.bz2] > data/pinyin.txt

Readings of a character: kMandarin (the common reading, first), then every
reading in kXHC1983 (现代汉语词典) and kTGHZ2013 (通用规范汉字字典), so that
polyphonic characters keep all their modern readings (曾 ceng/zeng, 单
dan/chan/shan, 解 jie/xie); only characters with none of those fall back
to kHanyuPinyin (汉语大字典). Tones are dropped, ü is written v, ê is e;
only plain a-z syllables are kept.

Output: comment lines (#) with the source and its licence, then one line
per syllable, in byte order: the syllable, a TAB, the characters whose
first (common) reading it is, a TAB, the characters that also read so;
each group in code point order. `scripts/gen-pinyin-table.c` turns it into
the C table at build time.
"""
import bz2
import sys
import unicodedata

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_Readings.txt.bz2"
MODERN = ("kMandarin", "kXHC1983", "kTGHZ2013")


def plain(reading):
    r = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    r = "".join(c for c in r if not unicodedata.combining(c))
    return r if r.isascii() and r.isalpha() else None


def readings(value):
    out = []
    for item in value.split():
        item = item.split(":", 1)[-1]       # "0110.090:céng" -> "céng"
        out.extend(item.split(","))         # kHanyuPinyin "zēng,céng"
    return out


def main():
    opener = bz2.open if SRC.endswith(".bz2") else open
    fields = {}
    with opener(SRC, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in MODERN or field == "kHanyuPinyin":
                fields.setdefault(int(cp[2:], 16), {})[field] = value
    first, also = {}, {}
    for cp, fs in sorted(fields.items()):
        raw = []
        for field in MODERN:
            raw.extend(readings(fs.get(field, "")))
        if not raw:
            raw = readings(fs.get("kHanyuPinyin", ""))
        seen = []
        for r in raw:
            p = plain(r)
            if p and p not in seen:
                seen.append(p)
        for i, p in enumerate(seen):
            (first if i == 0 else also).setdefault(p, []).append(chr(cp))
    print("# data/pinyin.txt: hanzi -> toneless pinyin, made by scripts/gen-pinyin.py")
    print("# from Unihan_Readings.txt of the Unicode Character Database (Debian")
    print("# package unicode-data); modified: readings merged, tones removed.")
    print("# © Unicode, Inc.; Unicode License, see data/pinyin.LICENSE.")
    print("# syllable TAB characters read so first TAB characters also read so")
    for syl in sorted(set(first) | set(also)):
        print(f"{syl}\t{''.join(first.get(syl, []))}\t{''.join(also.get(syl, []))}")


if __name__ == "__main__":
    main()
