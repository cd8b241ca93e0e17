// Run Lighthouse (mobile, performance) on each URL RUNS times with one chromium.
// Usage: node lighthouse.mjs NODE_MODULES RUNS URL... ; chromium from CHROME_PATH, its
// flags as a JSON list in LH_CHROME_FLAGS. Prints {url: [result, ...]} as JSON on stdout.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, runs, ...urls] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const { default: lighthouse } = await load("lighthouse/core/index.js");
const chromeLauncher = await load("chrome-launcher/dist/index.js");

const AUDITS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  cls: "cumulative-layout-shift",
  tbt: "total-blocking-time",
  si: "speed-index",
  bytes: "total-byte-weight",
};

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: JSON.parse(process.env.LH_CHROME_FLAGS || "[]"),
  logLevel: "silent",
});
const results = {};
try {
  for (const url of urls) {
    results[url] = [];
    for (let i = 0; i < Number(runs); i++) {
      const { lhr } = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
      });
      const result = {
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        requests: lhr.audits["network-requests"].details?.items?.length ?? null,
        renderBlocking: (lhr.audits["render-blocking-resources"].details?.items ?? []).map(
          (item) => item.url),
        benchmarkIndex: lhr.environment.benchmarkIndex,
        warnings: lhr.runWarnings,
        error: lhr.runtimeError?.message ?? null,
      };
      for (const [key, id] of Object.entries(AUDITS)) {
        result[key] = lhr.audits[id].numericValue ?? null;
      }
      results[url].push(result);
    }
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
