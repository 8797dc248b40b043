#!/usr/bin/env python3
"""mdBook preprocessor: each language sees its own comments in the Python twins.

The lessons' Python scripts carry every comment in both languages, in one of two shapes:

    x = 1  # 한국어 설명 / the English one            (one line: Korean, " / ", English)

    # 한국어 설명 한 줄 또는 여러 줄                    (lines with Hangul, then lines without:
    # the English one, on lines of its own            the English ones, at the same indent)

In the ```python blocks of a chapter, the Korean book keeps the Korean half and the English book
the English half. A comment with no Hangul (`# Rust: Poll::Ready`) is the same in both and is
kept. The Rust code's comments are in English only and are not touched.

Wired in book.toml as [preprocessor.comments]; mdBook hands it [context, book] as JSON on stdin.
"""

import json
import re
import sys

HANGUL = re.compile(r"[\uac00-\ud7a3]")
FENCE = re.compile(r"^(\s*)(```+|~~~+)(.*)$")


def has_hangul(text):
    return bool(HANGUL.search(text))


def split_comment(line):
    """(code, comment) where comment starts at the `#` that opens a comment, or (line, None).

    Good enough for the course's scripts: a `#` inside a string literal is skipped by tracking
    quotes on the line.
    """
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i], line[i:]
    return line, None


def one_language(comment, lang):
    """`# 한국어 / English` -> the half of `lang`; a comment without both halves stays."""
    body = comment[1:]
    if not has_hangul(body):
        return comment
    parts = body.split(" / ")
    # The English half is the longest tail without Hangul.
    for cut in range(1, len(parts)):
        ko, en = " / ".join(parts[:cut]), " / ".join(parts[cut:])
        if not has_hangul(en) and has_hangul(ko):
            return "#" + (ko if lang == "ko" else " " + en.strip())
    return comment if lang == "ko" else None


def filter_python(lines, lang):
    out = []
    previous_korean_indent = None  # indent of the full-line Korean comment just before
    for line in lines:
        code, comment = split_comment(line)
        if comment is None:
            out.append(line)
            previous_korean_indent = None
            continue
        whole_line = code.strip() == ""
        if whole_line and comment.startswith("# ANCHOR"):
            out.append(line)
            continue
        if whole_line:
            indent = code
            if has_hangul(comment) and " / " not in comment:
                previous_korean_indent = indent
                if lang == "ko":
                    out.append(line)
                continue
            if previous_korean_indent == indent and not has_hangul(comment):
                # The English lines that follow Korean ones.
                if lang == "en":
                    out.append(line)
                continue
            previous_korean_indent = None
            kept = one_language(comment, lang)
            if kept is not None:
                out.append(indent + kept)
            continue
        previous_korean_indent = None
        kept = one_language(comment, lang)
        out.append(code.rstrip() + ("  " + kept if kept else ""))
    return out


def filter_chapter(content, lang):
    lines = content.split("\n")
    out = []
    block = None  # lines of the python block being read, or None outside one
    fence = None
    for line in lines:
        if block is None:
            m = FENCE.match(line)
            out.append(line)
            if m and m.group(3).strip().startswith("python"):
                block, fence = [], m.group(2)
            continue
        if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
            out.extend(filter_python(block, lang))
            out.append(line)
            block = None
            continue
        block.append(line)
    if block is not None:
        out.extend(block)
    return "\n".join(out)


def walk(items, lang):
    for item in items:
        chapter = item.get("Chapter") if isinstance(item, dict) else None
        if chapter:
            chapter["content"] = filter_chapter(chapter["content"], lang)
            walk(chapter.get("sub_items", []), lang)


def check(site):
    """`comments.py check SITE`: every Python block of the built site is in its page's language."""
    import glob
    import html

    problems = []
    for lang in ("ko", "en"):
        for page in sorted(glob.glob(f"{site}/{lang}/*.html")):
            text = open(page, encoding="utf-8").read()
            for block in re.findall(r'<code class="language-python[^"]*">(.*?)</code>', text, re.S):
                lines = html.unescape(re.sub(r"<[^>]+>", "", block)).split("\n")
                wrong = lines != filter_python(lines, lang) or (
                    lang == "en" and any(has_hangul(split_comment(line)[1] or "") for line in lines)
                )
                if wrong:
                    problems.append(f"{page}: a Python block shows the other language's comments")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "supports":
        sys.exit(0)
    if len(sys.argv) > 2 and sys.argv[1] == "check":
        check(sys.argv[2])
        return
    context, book = json.load(sys.stdin)
    lang = context["config"]["book"].get("language", "ko")
    walk(book.get("items", book.get("sections", [])), lang)
    json.dump(book, sys.stdout)


if __name__ == "__main__":
    main()
