// Opens the site in Debian's Chromium (headless) with playwright-core, as a reader would, and reports
// what it saw as JSON on stdout: headings, the home page's numbers, console errors, axe-core
// violations, the status of every link on the pages, the date form with JavaScript off, the language
// switch, and screenshots at 360 and 1280 px wide. Usage: node browse.js <base URL> <screenshot folder>
'use strict';
const { chromium } = require('playwright-core');
const axe = require('axe-core');
const path = require('path');

const [base, shots] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
  '--disable-quic', '--disable-component-update', '--disable-sync'];
const pages = ['/', '/nl', '/companies/nobian', '/phases/eop', '/sources', '/on-date?date=2024-06-30'];
const charts = ['/charts/companies-per-phase.svg', '/charts/status-changes.svg', '/charts/agreed-reductions.svg'];

async function visit(context, url) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  const response = await page.goto(base + url, { waitUntil: 'load' });
  const seen = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
    headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1])),
    landmarks: [...document.querySelectorAll('header,nav,main,footer')].map(e => e.tagName.toLowerCase()),
    links: [...document.querySelectorAll('a[href], link[href], img[src]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src')),
    counts: Object.fromEntries([...document.querySelectorAll('[data-phase]')].map(e => [e.dataset.phase, Number(e.textContent)])),
    images: [...document.querySelectorAll('img')].map(i => ({ src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0 })),
    overflow: document.documentElement.scrollWidth > window.innerWidth,
  }));
  // axe-core runs inside the page through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations = result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  await page.close();
  return { url, status: response.status(), ...seen, consoleErrors, violations };
}

// A chart is photographed as a reader meets it: embedded with one <img> in a page of that width.
async function shoot(browser, url, name, embedded) {
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    if (embedded) {
      await page.setContent(`<!DOCTYPE html><body style="margin:8px"><img src="${base + url}" style="max-width:100%;height:auto"></body>`, { waitUntil: 'load' });
    } else {
      await page.goto(base + url, { waitUntil: 'load' });
    }
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true, timeout: 120000 });
    await context.close();
  }
}

(async () => {
  const browser = await chromium.launch({ executablePath, args, headless: true });
  try {
    const report = { pages: [], links: {}, screenshots: [] };
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      for (const url of pages) {
        report.pages.push({ width, ...await visit(context, url) });
      }
      await context.close();
    }

    // Every link on the pages (this site's own; other sites are not reached from tests).
    const context = await browser.newContext();
    const own = new Set(report.pages.flatMap(p => p.links).filter(l => l.startsWith('/') && !l.startsWith('//')));
    for (const link of own) {
      const response = await context.request.get(base + link.split('#')[0], { maxRedirects: 0 });
      report.links[link] = response.status();
    }

    // The language switch, followed as a reader clicks it.
    const page = await context.newPage();
    await page.goto(base + '/companies/nobian');
    await page.click('nav a[hreflang="nl"]');
    report.languageSwitch = { url: new URL(page.url()).pathname, lang: await page.evaluate(() => document.documentElement.lang) };
    await context.close();

    // The past-date form with JavaScript switched off: a plain GET form.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const form = await noScript.newPage();
    await form.goto(base + '/');
    await form.fill('#date', '2024-12-20');
    await Promise.all([form.waitForNavigation(), form.click('form button[type="submit"]')]);
    report.form = { url: new URL(form.url()).pathname + new URL(form.url()).search, h1: await form.textContent('h1'),
      nobian: await form.textContent('a[href="/companies/nobian"] >> xpath=ancestor::tr') };
    await noScript.close();

    await shoot(browser, '/', 'home');
    await shoot(browser, '/companies/nobian', 'company-nobian');
    await shoot(browser, '/on-date?date=2024-06-30', 'on-date');
    for (const chart of charts) {
      await shoot(browser, chart, 'chart-' + path.basename(chart, '.svg'), true);
    }
    report.screenshots = require('fs').readdirSync(shots).filter(f => f.endsWith('.png')).sort();
    process.stdout.write(JSON.stringify(report));
  } finally {
    await browser.close();
  }
})().catch(e => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
