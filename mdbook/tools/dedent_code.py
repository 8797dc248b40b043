"""Removes the indentation that every line of a Rust code block shares, in the built HTML.

mdBook 0.5.4 includes an anchored region with the indentation it has in its file, so a region
inside a function body shows 4-8 spaces before every line. The code is the same code either
way; only the common leading spaces go.

Usage: python3 dedent_code.py PAGE.html...   (mdbook/build runs it on both languages)
"""
import re
import sys

BLOCK = re.compile(r'(<code class="language-rust[^"]*">)(.*?)(</code>)', re.S)


def dedent(match):
    body = match.group(2)
    lines = body.split("\n")
    widths = [len(l) - len(l.lstrip(" ")) for l in lines if l.strip()]
    cut = min(widths) if widths else 0
    if cut == 0:
        return match.group(0)
    body = "\n".join(l[cut:] if l.strip() else l.strip(" ") for l in lines)
    return match.group(1) + body + match.group(3)


def main(pages):
    changed = 0
    for page in pages:
        with open(page, encoding="utf-8") as f:
            html = f.read()
        new = BLOCK.sub(dedent, html)
        if new != html:
            changed += 1
            with open(page, "w", encoding="utf-8") as f:
                f.write(new)
    print(f"dedented code blocks in {changed} pages")


if __name__ == "__main__":
    main(sys.argv[1:])
