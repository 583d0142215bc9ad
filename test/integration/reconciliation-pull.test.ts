import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../server/src/platform/clock.js';
import { ReportPuller } from '../../server/src/modules/reconciliation/index.js';
import { ctx } from '../helpers/context.js';
import { orderId } from '../helpers/money-path.js';

describe('the scheduled report pull', () => {
  let server: http.Server;
  let baseUrl = '';
  const requests: Array<{ method: string; url: string; authorization: string | undefined; body: string }> =
    [];
  const orders = [orderId('PULL'), orderId('PULL')];
  /** Our own moment, so that no other test's purchase on the network falls within the pulled days. */
  const clock = fixedClock(new Date(Date.UTC(1999, 5, 1 + Math.floor(Math.random() * 25), 12)));

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
        if (req.url?.startsWith('/awin/')) {
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify(
              orders.map((order, index) => ({
                id: order,
                clickRefs: { clickRef: null },
                commissionAmount: { amount: 12.5 + index, currency: 'CZK' },
                saleAmount: { amount: 250, currency: 'CZK' },
                commissionStatus: index === 0 ? 'approved' : 'declined',
                transactionDate: new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 19),
              })),
            ),
          );
        } else {
          res.statusCode = 503;
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('when Awin and CJ are configured, then Awin’s report for the last days is imported as a dry run and a failing network is skipped', async () => {
    const puller = new ReportPuller({
      config: {
        intervalMinutes: 0,
        days: 7,
        awin: { publisherId: '45628', token: 'awin-secret-token', url: `${baseUrl}/awin` },
        cj: { publisherId: '123', token: 'cj-token', url: `${baseUrl}/cj`, currency: 'EUR' },
      },
      reconciliation: ctx().app.services.reconciliation,
      clock,
      logger: ctx().logger,
    });
    const imported = await puller.pullOnce();

    const awinRequest = requests.find((request) => request.url.startsWith('/awin/'))!;
    assert.equal(awinRequest.method, 'GET');
    assert.equal(awinRequest.authorization, 'Bearer awin-secret-token');
    const url = new URL(awinRequest.url, baseUrl);
    assert.equal(url.pathname, '/awin/publishers/45628/transactions/');
    assert.equal(url.searchParams.get('timezone'), 'UTC');
    assert.equal(url.searchParams.get('endDate'), clock.now().toISOString().slice(0, 19));
    const cjRequest = requests.find((request) => request.url.startsWith('/cj'))!;
    assert.equal(cjRequest.method, 'POST');
    assert.equal(cjRequest.authorization, 'Bearer cj-token');
    assert.match(cjRequest.body, /publisherCommissions\(forPublishers: \[\\"123\\"\]/);

    // CJ answered 503: logged and skipped; Awin's report is stored for finance, nothing applied.
    assert.equal(imported.length, 1);
    const [awin] = imported;
    assert.equal(awin!.network, 'awin');
    assert.equal(awin!.createdBy, null);
    assert.equal(awin!.periodTo, clock.now().toISOString());
    assert.deepEqual(
      awin!.lines.map((line) => [
        line.orderId,
        line.kind,
        line.report?.state,
        line.report?.commission.amountMinor,
      ]),
      [
        [orders[0], 'missing_here', 'approved', '1250'],
        [orders[1], 'missing_here', 'rejected', '1350'],
      ],
    );
    assert.ok(awin!.lines.every((line) => line.appliedAt === null));
  });
});
