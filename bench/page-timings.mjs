// Loads pages in Debian's Chromium as a first-time visitor (a fresh profile each time) and reports, per page, the
// medians of: Largest Contentful Paint and Cumulative Layout Shift (from the browser's own performance entries),
// time to first byte, the page's weight without images (HTML, CSS, scripts: bytes on the wire), the images' weight,
// and the number of requests. Driven by playwright-core (bench/pages.sh installs it under bench/.node
// and names that folder in PLAYWRIGHT_HOME).
//   node bench/page-timings.mjs <site> <runs> <path>...      prints one JSON line per path
import { createRequire } from "node:module";

// playwright-core lives where bench/pages.sh installed it (PLAYWRIGHT_HOME), outside the project's sources.
const require = createRequire(`${process.env.PLAYWRIGHT_HOME || process.cwd()}/package.json`);
const { chromium } = require("playwright-core");

const [, , site, runsArg, ...paths] = process.argv;
const runs = Number(runsArg || 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  for (const path of paths) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__lcp = 0;
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__lcp = entry.renderTime || entry.loadTime || entry.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(site + path, { waitUntil: "load" });
      await page.waitForTimeout(700); // LCP and late shifts settle
      samples.push(await page.evaluate(() => {
        const bytes = (entry) => entry.transferSize || entry.encodedBodySize || 0;
        const nav = performance.getEntriesByType("navigation")[0];
        const resources = performance.getEntriesByType("resource");
        const isImage = (r) => r.initiatorType === "img" || /\.(png|jpe?g|gif|webp|avif|svg|ico)(\?|$)/.test(r.name);
        const images = resources.filter(isImage);
        return {
          lcp: window.__lcp,
          cls: window.__cls,
          ttfb: nav.responseStart - nav.requestStart,
          html: bytes(nav),
          weight: bytes(nav) + resources.filter((r) => !isImage(r)).reduce((sum, r) => sum + bytes(r), 0),
          images: images.reduce((sum, r) => sum + bytes(r), 0),
          requests: resources.length + 1,
        };
      }));
      await context.close();
    }
    const of = (key) => median(samples.map((s) => s[key]));
    console.log(JSON.stringify({
      path, runs, lcpMs: Math.round(of("lcp")), cls: Number(of("cls").toFixed(3)), ttfbMs: Math.round(of("ttfb")),
      htmlBytes: of("html"), weightBytes: of("weight"), imageBytes: of("images"), requests: of("requests"),
    }));
  }
} finally {
  await browser.close();
}
