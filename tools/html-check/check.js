// check.js loads digicheck's HTML board report in headless Chromium and
// fails if the page is not what a board paper needs:
//
//   node check.js REPORT.html OUTDIR
//
// - any console error, page error, or request for anything but the page
//   itself (the report must be self-contained: nothing fetched, from the
//   network or the disk);
// - any serious or critical accessibility violation found by axe-core;
// - a print to A4 that fails.
//
// It saves OUTDIR/report.png (the page as a screen shows it, full length;
// report-1.png, report-2.png, ... the same a screen at a time)
// and OUTDIR/report.pdf (the page as printed on A4), for a person to look
// at. Chromium is Debian's (CHROMIUM, default /usr/bin/chromium), started
// with a fresh profile and with its background networking off, so that the
// only requests are the page's own.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const puppeteer = require('puppeteer-core');

async function main() {
  const [report, outDir] = process.argv.slice(2);
  if (!report || !outDir) {
    console.error('usage: node check.js REPORT.html OUTDIR');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'html-check-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', `--user-data-dir=${profile}`,
    ],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    const url = pathToFileURL(path.resolve(report)).href;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') {
        problems.push(`console ${m.type()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`));
    page.on('request', (r) => {
      if (r.url() !== url) {
        problems.push(`request for something other than the page: ${r.url()}`);
      }
    });
    await page.setViewport({ width: 1024, height: 768 });
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (!resp || !resp.ok()) {
      problems.push(`the page did not load: ${resp && resp.status()}`);
    }

    // axe-core, run in the page from the installed copy (not fetched).
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      return await axe.run(document, { resultTypes: ['violations'] });
    });
    for (const v of result.violations) {
      const line = `axe ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0] && v.nodes[0].target.join(' ')})`;
      if (v.impact === 'serious' || v.impact === 'critical') {
        problems.push(line);
      } else {
        console.log(`note: ${line}`);
      }
    }
    console.log(`axe: ${result.violations.length} violations in all; passes checked`);

    const charts = await page.$$eval('svg.chart', (els) => els.map((e) => e.getBoundingClientRect().width));
    console.log(`charts: ${charts.length}, drawn ${charts.map((w) => Math.round(w)).join(', ')} px wide`);

    await page.screenshot({ path: path.join(outDir, 'report.png'), fullPage: true });
    // And the page a screen at a time, for reading at full size.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, k = 1; y < height; y += 1200, k++) {
      await page.screenshot({ path: path.join(outDir, `report-${k}.png`), clip: { x: 0, y, width: 1024, height: Math.min(1200, height - y) } });
    }
    await page.emulateMediaType('print');
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    fs.writeFileSync(path.join(outDir, 'report.pdf'), pdf);
    console.log(`print: ${pdf.length} bytes of PDF on A4`);
    if (pdf.length < 1000 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      problems.push('the print is not a PDF');
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    for (const p of problems) {
      console.error(`html-check: ${p}`);
    }
    process.exit(1);
  }
  console.log(`html-check: ${report}: no console error, no request, no serious accessibility violation`);
}

main().catch((e) => {
  console.error(`html-check: ${e.stack || e}`);
  process.exit(1);
});
