// The Node half of guide/pwa.py (which calls it with one JSON argument): the app's PNG icons,
// drawn from the favicon with sharp, and the service worker, made by Workbox's generateSW.
// Both packages are pinned in package.json and package-lock.json (`make site` runs `npm ci`).
//
// Job: {site, favicon, iconDir, iconSizes, background, ignore, cacheId}
//   icon-N.png           the favicon as it is, N x N
//   icon-maskable-N.png  the favicon in the middle 80% of a square of `background`: the part a
//                        phone keeps whatever shape (circle, rounded square) it cuts out
//   sw.js                precaches every file of `site` but those matching `ignore`
import { readFile, mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { generateSW } from "workbox-build";

const job = JSON.parse(process.argv[2]);

async function icons() {
  const svg = (await readFile(job.favicon, "utf8")).replace(/<\?xml[^>]*>\s*/, "");
  const maskable = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" fill="${job.background}"/>` +
    `<svg x="10" y="10" width="80" height="80">${svg}</svg></svg>`);
  await mkdir(job.iconDir, { recursive: true });
  for (const size of job.iconSizes) {
    for (const [name, source] of [[`icon-${size}.png`, Buffer.from(svg)], [`icon-maskable-${size}.png`, maskable]]) {
      // A vector drawing rendered straight at the size wanted (density), never a scaled bitmap.
      await sharp(source, { density: 72 * size / 32 })
        .resize(size, size)
        .png({ palette: true, compressionLevel: 9 })
        .toFile(path.join(job.iconDir, name));
    }
  }
}

async function worker() {
  const { count, size, warnings } = await generateSW({
    globDirectory: job.site,
    globPatterns: ["**/*"],
    globIgnores: job.ignore,
    swDest: path.join(job.site, "sw.js"),
    cacheId: job.cacheId,
    // One file, no importScripts from elsewhere: the worker runs under worker-src 'self'.
    inlineWorkboxRuntime: true,
    mode: "production",
    sourcemap: false,
    // A first visit's page is served from the cache at once; a new version waits until the
    // reader presses "Reload" in the notice (offline-app.js), which sends SKIP_WAITING.
    clientsClaim: true,
    skipWaiting: false,
    // A static site ignores query strings: "?h=knot" (a search result's highlight) and "?q="
    // must still find the cached page.
    ignoreURLParametersMatching: [/.*/],
    // Files over 2 MB are never precached silently: fail instead (see warnings below).
    maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
  });
  if (warnings.length) throw new Error(warnings.join("\n"));
  console.log(JSON.stringify({ count, size }));
}

try {
  await icons();
  await worker();
} catch (error) {
  console.error(error && error.message ? error.message : String(error));
  process.exit(1);
}
