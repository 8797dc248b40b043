// The book, tested in a real browser (Debian's chromium, driven by playwright-core):
//   1. the language switch opens the same chapter in the other language, and back;
//   2. the site's search finds Korean words on the Korean site and English ones on the English site
//      (mdBook's own index holds no Hangul at all, which is why the site uses Pagefind);
//   3. a chapter with Hangul and a timeline picture renders: real glyphs, not boxes, and the picture
//      loads. The screenshot is kept in target/browser/ for a person to look at;
//   4. no code block is wider than its column at 1280 px or at 390 px.
// Run: bash mdbook/build && node mdbook/tests/browser.mjs
// Needs: bash scripts/install-book-tools --browser (chromium, fonts-noto-cjk, playwright-core).
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const site = join(root, "site");
const shots = join(root, "target", "browser");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

if (!existsSync(chromiumPath)) {
  fail(`no browser at ${chromiumPath}; install it with: bash scripts/install-book-tools --browser`);
}
if (!existsSync(join(site, "index.html"))) {
  fail("no site to test; build it first with: bash mdbook/build");
}
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  fail("playwright-core is not installed; run: bash scripts/install-book-tools --browser");
}

// A static server for site/, so that the test sees what a reader sees (fetches, not file://).
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".svg": "image/svg+xml", ".json": "application/json", ".wasm": "application/wasm",
  ".woff2": "font/woff2", ".woff": "font/woff", ".png": "image/png", ".ico": "image/x-icon" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  let file = join(site, path);
  if (!file.startsWith(site)) { res.writeHead(403).end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) { res.writeHead(404).end("not found"); return; }
  res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

// playwright starts chromium with a fresh, empty profile of its own every time.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

let failures = 0;
let passes = 0;
async function check(name, body) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ko-KR" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await body(page);
    if (errors.length) throw new Error(`JavaScript errors on the page: ${errors.join("; ")}`);
    console.log(`ok   ${name}`);
    passes++;
  } catch (e) {
    console.log(`FAIL ${name}\n     ${String(e.message || e).split("\n").join("\n     ")}`);
    failures++;
  } finally {
    await page.close();
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

await check("the language switch opens the same chapter in English and back", async (page) => {
  await page.goto(`${base}/ko/sleep.html#`);
  expect(await page.getAttribute("html", "lang") === "ko", "the Korean page is not lang=ko");
  const koTitle = await page.textContent("main h1");
  await page.click("#course-language");
  await page.waitForURL(/\/en\/sleep\.html/);
  expect(await page.getAttribute("html", "lang") === "en", "the English page is not lang=en");
  const enTitle = await page.textContent("main h1");
  expect(!/[가-힣]/.test(enTitle), `the English chapter's title is Korean: ${enTitle}`);
  expect((await page.textContent("#course-language")).trim() === "한국어", "no way back to Korean");
  await page.click("#course-language");
  await page.waitForURL(/\/ko\/sleep\.html/);
  expect(await page.textContent("main h1") === koTitle, "switching back did not land on the same chapter");
});

async function search(page, lang, query) {
  await page.goto(`${base}/${lang}/index.html`);
  await page.click("#course-search-button");
  const input = page.locator("#course-search input");
  await input.waitFor();
  // Pagefind's box reacts to input events; type like a person, not fill().
  await input.pressSequentially(query, { delay: 30 });
  await page.waitForSelector("#course-search .pagefind-ui__result-link", { timeout: 10000 });
  return page.$$eval("#course-search .pagefind-ui__result-link", (links) => links.map((a) => a.getAttribute("href")));
}

const searches = [
  ["ko", "코루틴", "routine.html"],
  ["ko", "퓨처", "future.html"],
  ["en", "coroutine", "routine.html"],
];
const found = {};
for (const [lang, query, chapter] of searches) {
  await check(`searching "${query}" on the ${lang} site finds ${chapter}`, async (page) => {
    const hrefs = await search(page, lang, query);
    found[`${lang}:${query}`] = hrefs;
    expect(hrefs.some((h) => h.includes(`/${lang}/${chapter}`)), `results were: ${hrefs.join(", ")}`);
    expect(hrefs.every((h) => h.includes(`/${lang}/`)), `results from the other language: ${hrefs.join(", ")}`);
  });
}

await check("a chapter with Hangul and a timeline picture renders", async (page) => {
  await page.goto(`${base}/ko/sleep.html`);
  const picture = page.locator('main img[src*="generated/"]').first();
  await picture.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const img = document.querySelector('main img[src*="generated/"]');
    return img && img.complete;
  });
  const size = await picture.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  expect(size[0] > 100 && size[1] > 50, `the timeline picture did not load (natural size ${size})`);
  // Missing glyphs all render as the same box: two different syllables drawn in the page's own
  // font must differ pixel for pixel, or the Hangul is boxes.
  const distinct = await page.evaluate(() => {
    const font = getComputedStyle(document.querySelector("main p")).fontFamily;
    const draw = (text) => {
      const canvas = document.createElement("canvas");
      canvas.width = 64; canvas.height = 64;
      const ctx = canvas.getContext("2d");
      ctx.font = `48px ${font}`;
      ctx.fillText(text, 4, 52);
      return ctx.getImageData(0, 0, 64, 64).data.join(",");
    };
    return draw("가") !== draw("힣") && draw("잘") !== draw("요");
  });
  expect(distinct, "Hangul renders as boxes: install fonts-noto-cjk (bash scripts/install-book-tools --browser)");
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, "ko-sleep.png") });
  await picture.screenshot({ path: join(shots, "ko-sleep-timeline.png") });
  expect(statSync(join(shots, "ko-sleep.png")).size > 20000, "the screenshot is nearly empty");
});

// 4. Code is read without scrolling sideways, on a laptop (1280 px, sidebar open) and on a phone
//    (390 px): no code block in any chapter, in either language, is wider than its column.
//    Screenshots of one chapter at both widths are kept in target/browser/.
const pages = ["index", "routine", "awaiting", "future", "sleep", "gather", "wait", "threads", "tasks", "queue", "sockets", "event_loop", "exercises",
  "appendix-clock", "appendix-asyncio", "glossary"];
for (const [width, height] of [[1280, 900], [390, 844]]) {
  await check(`no code block is wider than its column at ${width} px`, async () => {
    const page = await browser.newPage({ viewport: { width, height }, locale: "ko-KR" });
    try {
      const wide = [];
      for (const lang of ["ko", "en"]) {
        for (const name of pages) {
          await page.goto(`${base}/${lang}/${name}.html`);
          const over = await page.$$eval("main pre, main pre > code", (blocks) => blocks
            .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
            .map((pre) => `${pre.scrollWidth} > ${pre.clientWidth}: ${pre.textContent.trim().split("\n")[0].slice(0, 60)}`));
          for (const o of over) wide.push(`${lang}/${name}.html: ${o}`);
        }
      }
      mkdirSync(shots, { recursive: true });
      await page.goto(`${base}/ko/sleep.html`);
      await page.screenshot({ path: join(shots, `ko-sleep-${width}.png`), fullPage: false });
      expect(wide.length === 0, `${wide.length} code block(s) wider than the column:\n${wide.slice(0, 15).join("\n")}`);
    } finally {
      await page.close();
    }
  });
}

await browser.close();
server.close();
for (const [key, hrefs] of Object.entries(found)) {
  console.log(`search ${key}: ${hrefs.length} results: ${hrefs.join(" ")}`);
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
