"""Fails unless every message of a merged .po file is translated, none is fuzzy, and none is the
Korean source copied as its own translation (msginit does that to every entry).

Usage: python3 po_check.py MERGED.po    (mdbook/build runs it on po/en.po merged with the
current Korean source, so an edited Korean paragraph shows up here as fuzzy or untranslated)
"""
import re
import sys


def entries(text):
    """Yields (flags, msgid, msgstr, obsolete) for every entry but the header."""
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        if not lines:
            continue
        obsolete = all(l.startswith("#~") for l in lines if l.strip())
        lines = [l[2:].lstrip() if l.startswith("#~") else l for l in lines]
        flags = " ".join(l for l in lines if l.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            m = re.match(r'^(msgctxt|msgid|msgstr)\s+"(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = m.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        yield flags, fields["msgid"], fields.get("msgstr", ""), obsolete


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    translated, fuzzy, untranslated, copied = 0, [], [], []
    for flags, msgid, msgstr, obsolete in entries(text):
        if obsolete:
            continue
        if "fuzzy" in flags:
            fuzzy.append(msgid)
        elif msgstr == "":
            untranslated.append(msgid)
        elif msgstr == msgid and re.search("[가-힣]", msgid):
            copied.append(msgid)
        else:
            translated += 1
    print(f"en.po: {translated} translated, {len(fuzzy)} fuzzy, {len(untranslated)} untranslated, "
          f"{len(copied)} copied from Korean")
    problems = [("fuzzy (the Korean changed; check and update the English)", fuzzy),
                ("untranslated", untranslated),
                ("copied Korean in place of English", copied)]
    failed = False
    for what, items in problems:
        for msgid in items[:20]:
            print(f"  {what}: {msgid[:100]!r}", file=sys.stderr)
        failed |= bool(items)
    if failed:
        print("error: po/en.po is not complete; update it (msgmerge --update po/en.po with the new "
              "messages.pot, then translate) and build again", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 po_check.py MERGED.po", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
