// Lighthouse CI's puppeteerScript (lighthouserc.cjs): puts the viewer's session cookies into the
// browser's cookie jar before Lighthouse opens a page. A Cookie request header alone
// (settings.extraHeaders) is not enough: once a response sets a cookie, Chromium sends its jar
// instead, so the page's own prefetches went out signed out and were redirected to sign-in.
// BRISK_LHCI_COOKIE holds the cookies as a Cookie header ("name=value; …"), set by bench/lighthouse.ts.

/** @param {import('puppeteer-core').Browser} browser */
module.exports = async function signIn(browser, { url }) {
  const header = process.env.BRISK_LHCI_COOKIE;
  if (!header) return;
  const domain = new URL(url).hostname;
  const cookies = header.split(/;\s*/).map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), domain, path: '/', httpOnly: true, sameSite: /** @type {const} */ ('Lax') };
  });
  await browser.setCookie(...cookies);
};
