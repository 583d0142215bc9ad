import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { ReportImport } from '../../server/src/modules/reconciliation/report-import.entity.js';
import { ReportLineRow } from '../../server/src/modules/reconciliation/report-line.entity.js';
import { Settlement } from '../../server/src/modules/reconciliation/settlement.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

type Person = Awaited<ReturnType<typeof signedUpShopper>>;

const manager = () => ctx().database.manager;
const newKey = () => `settle-${randomUUID()}`;
const IMPORTS = '/api/v1/admin/reconciliation/imports';

async function withRole(role: User['role'], label: string): Promise<Person> {
  const person = await signedUpShopper(label);
  await manager().update(User, { id: person.userId }, { role });
  return person;
}

async function balances(userId: string) {
  const found = (await ctx().app.services.ledger.balancesOf(userId)).find((item) => item.currency === 'CZK');
  return { pending: found?.pending ?? 0n, available: found?.available ?? 0n };
}

async function rowCounts() {
  return {
    imports: await manager().count(ReportImport),
    lines: await manager().count(ReportLineRow),
    settlements: await manager().count(Settlement),
    conversions: await manager().count(Conversion),
    transfers: await manager().count(LedgerTransfer),
  };
}

describe('network reconciliation', () => {
  let finance: Person;
  let shopper: Person;
  /** A period of our own, far from every other test's purchases (and from earlier runs on MariaDB). */
  const base = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 3000) * 86_400_000);
  const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000).toISOString();
  const periodFrom = at(0);
  const periodTo = at(60);
  const orders = { a: '', b: '', c: '', d: '', e: '' };
  let clickE = '';

  async function purchase(order: string, commission: string, minutes: number) {
    const clickId = await clickThrough(shopper.browser.sessionCookie!, 'alza-cz');
    const response = await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '1000.00',
      commission,
      status: 'pending',
      occurred_at: at(minutes),
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return clickId;
  }

  before(async () => {
    await demoNetwork();
    finance = await withRole('finance', 'recon-finance');
    shopper = await signedUpShopper('recon-shopper');
    for (const key of Object.keys(orders) as Array<keyof typeof orders>) orders[key] = orderId(`REC${key}`);
    // Each purchase is 1000.00 at alza-cz: the shopper's share is 1.5 % of it, 15.00.
    await purchase(orders.a, '50.00', 5);
    await purchase(orders.b, '40.00', 10);
    await purchase(orders.c, '30.00', 15);
    await purchase(orders.d, '20.00', 20);
    // E: the shopper clicked and bought, but the network's postback never arrived.
    clickE = await clickThrough(shopper.browser.sessionCookie!, 'alza-cz');
  });

  let importId = '';

  it('when finance imports a crafted report, then the dry run yields exactly the expected lines and changes no conversion', async () => {
    const before = await rowCounts();
    const csv =
      'Číslo objednávky;Sub ID;Hodnota objednávky;Provize;Měna;Stav;Datum\n' +
      `${orders.a};;"1 000,00";50,00;CZK;čeká;${at(5).slice(0, 19).replace('T', ' ')}\n` +
      `${orders.b};;"1 000,00";45,00;CZK;čeká;${at(10).slice(0, 19).replace('T', ' ')}\n` +
      `${orders.c};;"1 000,00";30,00;CZK;schváleno;${at(15).slice(0, 19).replace('T', ' ')}\n` +
      `${orders.e};${clickE};"1 000,00";25,00;CZK;schváleno;${at(25).slice(0, 19).replace('T', ' ')}\n`;
    const response = await finance.browser
      .post(IMPORTS, {
        network: 'demo',
        format: 'generic',
        content: csv,
        fileName: 'demo-2001.csv',
        periodFrom,
        periodTo,
      })
      .expect(201);
    importId = response.body.id as string;
    assert.deepEqual(
      (
        response.body.lines as Array<{ lineNo: number; orderId: string; kind: string; actionable: boolean }>
      ).map((line) => [line.lineNo, line.orderId, line.kind, line.actionable]),
      [
        [1, orders.a, 'matched', false],
        [2, orders.b, 'amount_differs', true],
        [3, orders.c, 'status_differs', true],
        [4, orders.e, 'missing_here', true],
        [5, orders.d, 'missing_in_report', false],
      ],
    );
    assert.deepEqual(response.body.counts, {
      matched: 1,
      amount_differs: 1,
      status_differs: 1,
      missing_here: 1,
      missing_in_report: 1,
    });
    assert.deepEqual(response.body.lines[1].report.commission, { amountMinor: '4500', currency: 'CZK' });
    assert.deepEqual(response.body.lines[1].ours.commission, { amountMinor: '4000', currency: 'CZK' });
    const after = await rowCounts();
    assert.deepEqual(after, { ...before, imports: before.imports + 1, lines: before.lines + 5 });
    // Stored: finance comes back to it.
    const again = await finance.browser.get(`${IMPORTS}/${importId}`).expect(200);
    assert.deepEqual(again.body, response.body);
    const list = await finance.browser.get(IMPORTS).expect(200);
    assert.equal(list.body.items[0].id, importId);
    assert.equal(
      await manager().countBy(AuditEntry, { action: 'reconciliation_imported', actorUserId: finance.userId }),
      1,
    );
  });

  it('when finance applies a status_differs line, then pending moves to available once, however often it is applied', async () => {
    const before = await balances(shopper.userId);
    const first = await finance.browser.post(`${IMPORTS}/${importId}/lines/3/apply`).expect(200);
    assert.equal(first.body.applied, 1);
    assert.equal(first.body.lines[0].outcome, 'accepted');
    assert.deepEqual(await balances(shopper.userId), {
      pending: before.pending - 1500n,
      available: before.available + 1500n,
    });
    const transfers = await manager().count(LedgerTransfer);
    const second = await finance.browser.post(`${IMPORTS}/${importId}/lines/3/apply`).expect(200);
    assert.equal(second.body.applied, 0);
    assert.equal(await manager().count(LedgerTransfer), transfers);
    assert.deepEqual(await balances(shopper.userId), {
      pending: before.pending - 1500n,
      available: before.available + 1500n,
    });
    const conversion = await manager().findOneByOrFail(Conversion, { externalOrderId: orders.c });
    assert.equal(conversion.state, 'approved');
    const event = await manager().findOneOrFail(ConversionEvent, {
      where: { conversionId: conversion.id },
      order: { id: 'DESC' },
    });
    assert.equal(event.source, 'report');
    assert.equal(event.sourceReference, `${importId}:3`);
    assert.equal(event.actor, `admin:${finance.userId}`);
  });

  it('when finance creates a missing conversion, then the later postback for that order is a duplicate, not a second credit', async () => {
    const before = await balances(shopper.userId);
    const response = await finance.browser
      .post(`${IMPORTS}/${importId}/apply`, { kind: 'missing_here' })
      .expect(200);
    assert.equal(response.body.applied, 1);
    assert.equal(response.body.lines[0].outcome, 'accepted');
    const created = await manager().findOneByOrFail(Conversion, { externalOrderId: orders.e });
    assert.equal(created.userId, shopper.userId);
    assert.equal(created.state, 'approved');
    assert.equal(created.commissionMinor, 2500n);
    assert.deepEqual(await balances(shopper.userId), { ...before, available: before.available + 1500n });

    const late = await sendSigned({
      click_id: clickE,
      order_id: orders.e,
      order_amount: '1000.00',
      commission: '25.00',
      status: 'approved',
      occurred_at: at(25),
    });
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.equal(await manager().countBy(Conversion, { externalOrderId: orders.e }), 1);
    assert.deepEqual(await balances(shopper.userId), { ...before, available: before.available + 1500n });
    // Again for the kind: nothing left to apply.
    const again = await finance.browser
      .post(`${IMPORTS}/${importId}/apply`, { kind: 'missing_here' })
      .expect(200);
    assert.equal(again.body.applied, 0);
  });

  it('when finance applies the amount_differs line, then the amendment posts the difference', async () => {
    await finance.browser.post(`${IMPORTS}/${importId}/apply`, { kind: 'amount_differs' }).expect(200);
    const conversion = await manager().findOneByOrFail(Conversion, { externalOrderId: orders.b });
    assert.equal(conversion.commissionMinor, 4500n);
    assert.equal(conversion.ledgerCommissionMinor, 4500n);
  });

  it('when a line missing in the report is applied, then it is refused with nothing written', async () => {
    const before = await rowCounts();
    const response = await finance.browser.post(`${IMPORTS}/${importId}/lines/5/apply`).expect(409);
    assert.equal(response.body.code, 'RECONCILIATION_NOTHING_TO_APPLY');
    await finance.browser.post(`${IMPORTS}/${importId}/lines/99/apply`).expect(404);
    assert.deepEqual(await rowCounts(), before);
  });

  it('when Awin’s and CJ’s reports approve orders (their only approval path), then the orders move to approved', async () => {
    const awin = JSON.stringify([
      {
        id: orders.a,
        clickRefs: { clickRef: null },
        commissionAmount: { amount: 50, currency: 'CZK' },
        saleAmount: { amount: 1000, currency: 'CZK' },
        commissionStatus: 'approved',
        transactionDate: at(5).slice(0, 19),
      },
    ]);
    const awinImport = await finance.browser
      .post(IMPORTS, { network: 'demo', format: 'awin', content: awin, periodFrom: at(5), periodTo: at(5) })
      .expect(201);
    assert.deepEqual(
      (awinImport.body.lines as Array<{ kind: string }>).map((line) => line.kind),
      ['status_differs'],
    );
    await finance.browser
      .post(`${IMPORTS}/${awinImport.body.id}/apply`, { kind: 'status_differs' })
      .expect(200);
    assert.equal(
      (await manager().findOneByOrFail(Conversion, { externalOrderId: orders.a })).state,
      'approved',
    );

    const cj = JSON.stringify({
      data: {
        publisherCommissions: {
          records: [
            {
              commissionId: '1',
              originalActionId: orders.b,
              original: true,
              actionStatus: 'locked',
              pubCommissionAmountPubCurrency: '45.000',
              saleAmountPubCurrency: '1000.000',
              eventDate: at(10),
            },
          ],
        },
      },
    });
    const cjImport = await finance.browser
      .post(IMPORTS, {
        network: 'demo',
        format: 'cj',
        content: cj,
        currency: 'CZK',
        periodFrom: at(10),
        periodTo: at(10),
      })
      .expect(201);
    assert.deepEqual(
      (cjImport.body.lines as Array<{ kind: string }>).map((line) => line.kind),
      ['status_differs'],
    );
    await finance.browser.post(`${IMPORTS}/${cjImport.body.id}/lines/1/apply`).expect(200);
    assert.equal(
      (await manager().findOneByOrFail(Conversion, { externalOrderId: orders.b })).state,
      'approved',
    );
  });

  it('when the network pays for conversions, then they settle, the receivable clears and the overview ties to the ledger', async () => {
    const overview = async () =>
      (await finance.browser.get('/api/v1/admin/reconciliation/overview').expect(200)).body;
    const demoRow = (body: {
      networks: Array<Record<string, { amountMinor: string }> & { network: string; currency: string }>;
    }) => body.networks.find((row) => row.network === 'demo' && row.currency === 'CZK')!;
    const before = await overview();

    const settlements = await manager().count(Settlement);
    const mismatch = await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', {
        network: 'demo',
        currency: 'CZK',
        amountMinor: '9000',
        paidAt: at(60 * 24 * 30),
        orderIds: [orders.a, orders.b],
      })
      .set('Idempotency-Key', newKey())
      .expect(422);
    assert.equal(mismatch.body.code, 'RECONCILIATION_SETTLEMENT_MISMATCH');
    assert.equal(await manager().count(Settlement), settlements);

    const paidKey = newKey();
    const paidBody = {
      network: 'demo',
      currency: 'CZK',
      amountMinor: '9500',
      paidAt: at(60 * 24 * 30),
      orderIds: [orders.a, orders.b],
    };
    const paid = await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', paidBody)
      .set('Idempotency-Key', paidKey)
      .expect(201);
    // A retry with the same key answers the same settlement; the key with another request is refused.
    const transfers = await manager().count(LedgerTransfer);
    const retried = await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', paidBody)
      .set('Idempotency-Key', paidKey)
      .expect(201);
    assert.deepEqual(retried.body, paid.body);
    assert.equal(retried.headers['idempotent-replayed'], 'true');
    const reused = await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', { ...paidBody, note: 'other' })
      .set('Idempotency-Key', paidKey)
      .expect(422);
    assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await manager().count(LedgerTransfer), transfers);
    assert.deepEqual(paid.body.expected, { amountMinor: '9500', currency: 'CZK' });
    for (const order of [orders.a, orders.b]) {
      const conversion = await manager().findOneByOrFail(Conversion, { externalOrderId: order });
      assert.equal(conversion.state, 'settled');
      assert.equal(conversion.settled, true);
    }
    // Settling again is refused: the conversions are settled already.
    await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', {
        network: 'demo',
        currency: 'CZK',
        amountMinor: '9500',
        paidAt: at(60 * 24 * 30),
        orderIds: [orders.a],
        note: 'again',
      })
      .set('Idempotency-Key', newKey())
      .expect(409);

    const after = await overview();
    const moved = (key: string, body: typeof before) => BigInt(demoRow(body)[key]!.amountMinor);
    assert.equal(moved('receivable', before) - moved('receivable', after), 9500n);
    assert.equal(moved('receivableApproved', before) - moved('receivableApproved', after), 9500n);
    assert.equal(moved('settled', after) - moved('settled', before), 9500n);

    // The totals are the sums of the ledger's entries per kind, and the networks' receivables add up to them.
    const sums = await manager().query<Array<{ kind: string; currency: string; total: string | number }>>(
      `SELECT a.kind, a.currency, SUM(e.amount_minor) AS total
         FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id GROUP BY a.kind, a.currency`,
    );
    const ledger = (kind: string, currency: string) =>
      BigInt(sums.find((row) => row.kind === kind && row.currency === currency)?.total ?? 0);
    for (const total of after.totals as Array<
      Record<string, { amountMinor: string }> & { currency: string }
    >) {
      const c = total.currency;
      assert.equal(BigInt(total.receivable!.amountMinor), -ledger('network_receivable', c));
      assert.equal(BigInt(total.bank!.amountMinor), -ledger('bank', c));
      assert.equal(BigInt(total.owedPending!.amountMinor), ledger('pending', c));
      assert.equal(BigInt(total.owedAvailable!.amountMinor), ledger('available', c));
      assert.equal(BigInt(total.owedHeld!.amountMinor), ledger('payout_hold', c));
      assert.equal(BigInt(total.paidOut!.amountMinor), ledger('paid_out', c));
      assert.equal(BigInt(total.debt!.amountMinor), -ledger('debt', c));
      assert.equal(BigInt(total.platformPending!.amountMinor), ledger('platform_pending', c));
      assert.equal(BigInt(total.platformRevenue!.amountMinor), ledger('platform_revenue', c));
      const networks = (after.networks as Array<{ currency: string; receivable: { amountMinor: string } }>)
        .filter((row) => row.currency === c)
        .reduce((sum, row) => sum + BigInt(row.receivable.amountMinor), 0n);
      assert.equal(networks, BigInt(total.receivable!.amountMinor));
    }
    const list = await finance.browser.get('/api/v1/admin/reconciliation/settlements').expect(200);
    assert.equal(list.body.items[0].id, paid.body.id);
  });

  it('when the input is bad, then the answer is a 400 problem and nothing is written', async () => {
    const before = await rowCounts();
    const cases: object[] = [
      { network: 'demo', format: 'generic', content: 'order_id;commission;currency\nX-1;abc;CZK\n' },
      { network: 'demo', format: 'generic', content: 'only-a-header\n' },
      { network: 'demo', format: 'awin', content: '{"not":"a list"}' },
      { network: 'demo', format: 'excel', content: 'x' },
      { network: 'demo', format: 'generic', content: 'a;b\n1;2', extra: true },
      { network: 'demo', format: 'generic', encoding: 'windows-1250', content: 'ž not base64' },
      {
        network: 'demo',
        format: 'generic',
        content: 'order_id;commission\nA;1\n',
        periodFrom: periodTo,
        periodTo: periodFrom,
      },
    ];
    for (const body of cases) {
      const response = await finance.browser.post(IMPORTS, body).expect(400);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    }
    await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', {
        network: 'demo',
        currency: 'CZK',
        amountMinor: '1',
        paidAt: at(0),
      })
      .set('Idempotency-Key', newKey())
      .expect(400);
    await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', {
        network: 'demo',
        currency: 'CZK',
        amountMinor: '1',
        paidAt: at(0),
        orderIds: ['NO-SUCH-ORDER'],
      })
      .set('Idempotency-Key', newKey())
      .expect(400);
    // Without an Idempotency-Key.
    await finance.browser
      .post('/api/v1/admin/reconciliation/settlements', {
        network: 'demo',
        currency: 'CZK',
        amountMinor: '2000',
        paidAt: at(0),
        orderIds: [orders.d],
      })
      .expect(400);
    await finance.browser
      .post(IMPORTS, { network: 'no-such-network', format: 'generic', content: 'a;b\n1;2' })
      .expect(404);
    assert.deepEqual(await rowCounts(), before);
  });

  it('when a shopper calls the finance routes, then every one answers 403', async () => {
    await shopper.browser.get('/api/v1/admin/reconciliation/overview').expect(403);
    await shopper.browser.get(IMPORTS).expect(403);
    await shopper.browser.get(`${IMPORTS}/${importId}`).expect(403);
    await shopper.browser
      .post(IMPORTS, { network: 'demo', format: 'generic', content: 'a;b\n1;2' })
      .expect(403);
    await shopper.browser.post(`${IMPORTS}/${importId}/lines/2/apply`).expect(403);
    await shopper.browser
      .post('/api/v1/admin/reconciliation/settlements', {
        network: 'demo',
        currency: 'CZK',
        amountMinor: '1',
        paidAt: at(0),
        orderIds: ['x'],
      })
      .set('Idempotency-Key', newKey())
      .expect(403);
  });

  it('after the scenarios, the ledger and the conversion checks pass', async () => {
    const report = await ctx().app.services.ledger.verify();
    assert.equal(report.ok, true, JSON.stringify(report));
    const { conversionChecks } = await import('../../server/src/modules/conversions/conversion-checks.js');
    assert.deepEqual(
      (await conversionChecks(ctx().database)).filter((check) => !check.ok),
      [],
    );
  });
});
