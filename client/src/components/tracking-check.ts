/**
 * Checks, in the shopper's browser, the two things that most often lose a purchase: cookies
 * switched off (the network remembers the click in a cookie) and an ad blocker (it blocks or strips
 * affiliate links and tracking). Both checks stay on our own origin, so the CSP (`'self'` only)
 * allows them and nothing is reported anywhere.
 */

export interface TrackingCheckResult {
  cookies: boolean;
  adBlocker: boolean;
}

export const COOKIE_TEST_NAME = 'vratka_cookie_test';

/** A file named and addressed like an ad script, served by us (`client/public/ads/`). */
export const BAIT_URL = '/ads/adsbygoogle.js?ad_slot=1';
/** Text in the bait file; a blocker that swaps the answer for a stub of its own loses it. */
const BAIT_MARKER = 'vratka-ad-bait';
/** Class names that blockers' element-hiding lists hide on every site. */
export const BAIT_CLASSES = 'adsbox ad-banner pub_300x250 textads';
/** Some blockers hide new elements a moment after they appear. */
const HIDE_DELAY_MS = 150;

export async function runTrackingCheck(signal?: AbortSignal): Promise<TrackingCheckResult> {
  const [hidden, blocked] = await Promise.all([baitElementHidden(), baitRequestBlocked(signal)]);
  return { cookies: cookiesWork(), adBlocker: hidden || blocked };
}

/** `navigator.cookieEnabled` can say yes while a setting or an extension drops every cookie. */
export function cookiesWork(): boolean {
  if (!navigator.cookieEnabled) return false;
  const value = Math.random().toString(36).slice(2, 10);
  const attributes = `; Path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  try {
    document.cookie = `${COOKIE_TEST_NAME}=${value}; Max-Age=60${attributes}`;
    const works = document.cookie.split(/;\s*/).includes(`${COOKIE_TEST_NAME}=${value}`);
    document.cookie = `${COOKIE_TEST_NAME}=; Max-Age=0${attributes}`;
    return works;
  } catch {
    // Some browsers throw instead of ignoring the cookie (sandboxed documents).
    return false;
  }
}

async function baitElementHidden(): Promise<boolean> {
  const bait = document.createElement('div');
  bait.className = `${BAIT_CLASSES} tracking-bait`;
  bait.setAttribute('aria-hidden', 'true');
  bait.textContent = '\u00a0';
  document.body.append(bait);
  try {
    await new Promise((resolve) => setTimeout(resolve, HIDE_DELAY_MS));
    if (!bait.isConnected) return true;
    const style = getComputedStyle(bait);
    return bait.offsetHeight === 0 || style.display === 'none' || style.visibility === 'hidden';
  } finally {
    bait.remove();
  }
}

async function baitRequestBlocked(signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(BAIT_URL, { cache: 'no-store', credentials: 'omit', signal });
    if (!response.ok) return true;
    return !(await response.text()).includes(BAIT_MARKER);
  } catch (error) {
    if (signal?.aborted) throw error;
    return true;
  }
}
