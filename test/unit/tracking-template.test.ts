import assert from 'node:assert/strict';
import {
  MAX_DEEP_LINK_HOSTS,
  validateDeepLinkHost,
  validateDeepLinkHosts,
  validateTrackingTemplate,
} from '../../shared/src/tracking-template.js';

const production = { allowHttpLocalhost: false };
const development = { allowHttpLocalhost: true };

/** Asserts the template is refused, with a message matching `reason`. */
function refused(template: string, reason: RegExp, options = production) {
  const message = validateTrackingTemplate(template, options);
  assert.ok(message !== null, `expected ${JSON.stringify(template)} to be refused`);
  assert.match(message, reason, JSON.stringify(template));
}

describe('tracking template validation', () => {
  it('accepts absolute https templates with {click_id} in a query value, and {to} in another', () => {
    for (const template of [
      'https://network.example/c?aid=1&subid={click_id}&url={to}',
      'https://network.example/c?subid={click_id}',
      'https://network.example?subid={click_id}',
      'https://www.awin1.com/cread.php?awinmid=1&awinaffid=2&clickref={click_id}&ued={to}',
      'https://ad.admitad.com/g/abc/?subid={click_id}',
      'https://network.example:8443/c?subid={click_id}',
      'https://xn--bcher-kva.example/c?subid={click_id}',
      // Inside a value, e.g. a nested, percent-encoded tracking URL.
      'https://network.example/c?u=https%3A%2F%2Fshop.example%2F%3Fsid%3D{click_id}',
      'https://network.example/c?url={to}&subid={click_id}',
    ]) {
      assert.equal(validateTrackingTemplate(template, production), null, template);
    }
  });

  it('accepts http only for localhost in development; never in production', () => {
    assert.equal(
      validateTrackingTemplate('http://localhost:3000/demo-shop/a?subid={click_id}', development),
      null,
    );
    assert.equal(
      validateTrackingTemplate('http://127.0.0.1:3000/demo-shop/a?subid={click_id}&url={to}', development),
      null,
    );
    refused('http://localhost:3000/demo-shop/a?subid={click_id}', /localhost/, production);
    refused('https://localhost/demo-shop/a?subid={click_id}', /localhost/, production);
    refused('http://127.0.0.1/a?subid={click_id}', /localhost/, production);
    refused('http://network.example/c?subid={click_id}', /https/, development);
    refused('http://network.example/c?subid={click_id}', /https/, production);
  });

  it('refuses other schemes and relative or malformed URLs', () => {
    refused('javascript:alert(1)//?subid={click_id}', /absolute URL starting with https/);
    refused('JAVASCRIPT:alert(1)?subid={click_id}', /absolute URL/);
    refused('data:text/html,x?subid={click_id}', /absolute URL/);
    refused('ftp://network.example/c?subid={click_id}', /absolute URL/);
    refused('//network.example/c?subid={click_id}', /absolute URL/);
    refused('/c?subid={click_id}', /absolute URL/);
    refused('HTTPS://network.example/c?subid={click_id}', /absolute URL/);
    refused('https:network.example/c?subid={click_id}', /absolute URL/);
    refused('https:\\\\network.example/c?subid={click_id}', /backslashes/);
    refused('https://network.example/c?subid={click_id} ', /spaces/);
    refused('https://network.example/c?\nsubid={click_id}', /line breaks/);
    refused('https://síť.example/c?subid={click_id}', /non-ASCII/);
    refused('https:///c?subid={click_id}', /not a valid URL|host/);
    refused('', /Enter/);
    refused(`https://network.example/c?subid={click_id}&x=${'a'.repeat(2000)}`, /longer than 2000/);
  });

  it('requires {click_id} exactly once', () => {
    refused('https://network.example/c?subid=123', /must contain \{click_id\}/);
    refused('https://network.example/c?subid={clickid}', /must contain \{click_id\}/);
    refused('https://network.example/c?subid={click_id}&sub2={click_id}', /exactly once/);
    refused('https://network.example/c?subid={click_id}&a={to}&b={to}', /at most once/);
    refused('https://network.example/c?subid={click_id}&x={user_id}', /Only \{click_id\} and \{to\}/);
    refused('https://network.example/c?subid={click_id}&x=}', /braces/);
  });

  it('refuses {click_id} or {to} in the host, the path or a parameter name', () => {
    refused('https://{click_id}.network.example/c?a=1', /value of a query parameter/);
    refused('https://network.example/{click_id}?a=1', /value of a query parameter/);
    refused('https://network.example/c/{click_id}', /value of a query parameter/);
    refused('https://network.example/c?{click_id}=1', /value of a query parameter/);
    refused('https://network.example/c?{click_id}', /value of a query parameter/);
    refused('https://network.example/c?={click_id}', /value of a query parameter/);
    refused('https://network.example/{to}?subid={click_id}', /\{to\} must be the value/);
    refused('https://network.example/c?subid={click_id}&{to}', /\{to\} must be the value/);
  });

  it('refuses credentials and fragments', () => {
    refused('https://user:secret@network.example/c?subid={click_id}', /credentials/);
    refused('https://user@network.example/c?subid={click_id}', /credentials/);
    refused('https://network.example/c?subid={click_id}#top', /fragment/);
    refused('https://network.example/c?subid=1#{click_id}', /fragment/);
    refused('https://network.example/c?subid={click_id}#', /fragment/);
  });

  it('refuses hosts that are not proper names', () => {
    refused('https://1.2.3.4/c?subid={click_id}', /IP addresses/);
    refused('https://[::1]/c?subid={click_id}', /not valid|IP/);
    refused('https://network/c?subid={click_id}', /full host name/);
    refused('https://xn--a.example/c?subid={click_id}', /not a valid URL|not a valid host/);
    refused('https://net_work.example/c?subid={click_id}', /not a valid host name/);
  });
});

describe('deep-link host validation', () => {
  it('accepts exact lower-case host names, punycode included', () => {
    for (const host of ['www.alza.cz', 'alza.cz', 'm.shop-name.co.uk', 'xn--bcher-kva.example', 'a.b']) {
      assert.equal(validateDeepLinkHost(host), null, host);
    }
  });

  it('refuses schemes, ports, paths, wildcards, IPs, upper case and Unicode', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /Enter a host name/],
      ['https://www.alza.cz', /without https/],
      ['www.alza.cz/', /without a path/],
      ['www.alza.cz/kosik', /without a path/],
      ['www.alza.cz:443', /without a port/],
      ['user@www.alza.cz', /credentials/],
      ['*.alza.cz', /Wildcards/],
      ['.alza.cz', /not a valid host name/],
      ['alza..cz', /not a valid host name/],
      ['-alza.cz', /not a valid host name/],
      ['www.alza.cz.', /trailing dot/],
      ['WWW.Alza.cz', /lower case/],
      ['www.alza.cz ', /punycode|spaces/],
      ['bücher.example', /punycode/],
      ['localhost', /full host name/],
      ['10.0.0.1', /IP addresses/],
      ['xn--a.example', /check the punycode|not a valid host/],
      [`${'a'.repeat(64)}.cz`, /not a valid host name/],
      [`${'a.'.repeat(127)}cz`, /longer than 253/],
    ];
    for (const [host, reason] of cases) {
      const message = validateDeepLinkHost(host);
      assert.ok(message !== null, `expected ${JSON.stringify(host)} to be refused`);
      assert.match(message, reason, host);
    }
  });

  it('checks the list: each host by position, no duplicates, at most 20', () => {
    assert.deepEqual(validateDeepLinkHosts([]), []);
    assert.deepEqual(validateDeepLinkHosts(['www.alza.cz', 'alza.cz']), []);
    assert.deepEqual(
      validateDeepLinkHosts(['www.alza.cz', '*.alza.cz', 'www.alza.cz']).map((problem) => problem.index),
      [1, 2],
    );
    const many = Array.from({ length: MAX_DEEP_LINK_HOSTS + 1 }, (_, index) => `h${index}.example`);
    assert.deepEqual(validateDeepLinkHosts(many), [{ index: null, message: 'At most 20 hosts.' }]);
  });
});
