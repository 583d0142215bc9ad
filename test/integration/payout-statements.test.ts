import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { PayoutStatementImport } from '../../server/src/modules/payouts/payout-statement-import.entity.js';
import { PayoutStatementLine } from '../../server/src/modules/payouts/payout-statement-line.entity.js';
import { Payout } from '../../server/src/modules/payouts/payout.entity.js';
import { payoutChecks } from '../../server/src/modules/payouts/index.js';
import { signedUpShopper, waitForNewMail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { demoNetwork } from '../helpers/money-path.js';
import { exportBatch, shopperWithPayout as requested, withRole, type Person } from '../helpers/payouts.js';

const manager = () => ctx().database.manager;
const PATH = '/api/v1/admin/payout-statements';
const stateOf = async (id: string) => (await manager().findOneByOrFail(Payout, { id })).state;

/** A shopper's requested payout, with its variable symbol. */
async function shopperWithPayout(label: string, amountMinor: number) {
  const shopper = await requested(label, amountMinor);
  const { reference } = await manager().findOneByOrFail(Payout, { id: shopper.payoutId });
  return { ...shopper, reference: reference! };
}

/** Four eyes: one finance member approves, another exports the CZK batch. */
async function approveAndExport(approver: Person, exporter: Person, payoutIds: string[]) {
  for (const id of payoutIds) await approver.browser.post(`/api/v1/admin/payouts/${id}/approve`).expect(200);
  await exportBatch(exporter, { currency: 'CZK', payoutIds });
}

const paidTransfers = (id: string) =>
  manager().find(LedgerTransfer, { where: { idempotencyKey: `payout:${id}:paid` } });

/** A camt.053 entry: a booked debit or credit, with an EndToEndId or a variable symbol. */
function camtEntry(entry: { amount: string; debit?: boolean; endToEndId?: string; vs?: string }): string {
  const reference = entry.vs
    ? `<RmtInf><Strd><CdtrRefInf><Ref>${entry.vs}</Ref></CdtrRefInf></Strd></RmtInf>`
    : '';
  return `<Ntry><Amt Ccy="CZK">${entry.amount}</Amt><CdtDbtInd>${entry.debit === false ? 'CRDT' : 'DBIT'}</CdtDbtInd>
    <Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt><NtryDtls><TxDtls>
    <Refs><EndToEndId>${entry.endToEndId ?? 'NOTPROVIDED'}</EndToEndId></Refs>${reference}</TxDtls></NtryDtls></Ntry>`;
}

function camt(entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>T</MsgId><CreDtTm>2026-03-02T06:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>1</Id><Acct><Id><IBAN>CZ5520100000002900123456</IBAN></Id></Acct>${entries.join('')}</Stmt>
</BkToCstmrStmt></Document>`;
}

/** A GPC (ABO) statement in windows-1250, base64: a 074 header and one debit 075 per payment. */
function gpc(payments: Array<{ amountMinor: number; vs: string; name: string }>): string {
  const header = `074${'2900123456'.padStart(16, '0')}${'Vratka'.padEnd(20)}010326${'0'.repeat(14)}+${'0'.repeat(14)}+${'0'.repeat(14)}0${'0'.repeat(14)}0001020326${' '.repeat(14)}`;
  const records = payments.map(
    (payment, index) =>
      `075${'2900123456'.padStart(16, '0')}${'192000145399'.padStart(16, '0')}${String(index + 1).padStart(13, '0')}` +
      `${String(payment.amountMinor).padStart(12, '0')}1${payment.vs.padStart(10, '0')}0008000000${'0'.repeat(10)}000000` +
      `${payment.name.padEnd(20)}00203020326`,
  );
  return iconv.encode([header, ...records].join('\r\n'), 'win1250').toString('base64');
}

describe('payout statements', () => {
  let approver: Person;
  let exporter: Person;

  before(async () => {
    await demoNetwork();
    approver = await withRole('finance', 'stmt-approver');
    exporter = await withRole('finance', 'stmt-exporter');
  });

  it('when a statement names exported payouts by end-to-end id and by variable symbol, then exactly those are paid — after a dry run that changes nothing — and the rest is listed', async () => {
    const byEndToEnd = await shopperWithPayout('stmt-e2e', 21000);
    const bySymbol = await shopperWithPayout('stmt-vs', 22200);
    const wrongAmount = await shopperWithPayout('stmt-amount', 23100);
    const notExported = await shopperWithPayout('stmt-approved', 24000);
    const untouched = await shopperWithPayout('stmt-untouched', 25200);
    await approveAndExport(approver, exporter, [
      byEndToEnd.payoutId,
      bySymbol.payoutId,
      wrongAmount.payoutId,
      untouched.payoutId,
    ]);
    await approver.browser.post(`/api/v1/admin/payouts/${notExported.payoutId}/approve`).expect(200);

    const content = camt([
      camtEntry({ amount: '210.00', endToEndId: `VRATKA-PAYOUT-${byEndToEnd.payoutId}` }),
      camtEntry({ amount: '222.00', vs: bySymbol.reference }),
      camtEntry({ amount: '231.01', vs: wrongAmount.reference }),
      camtEntry({ amount: '240.00', vs: notExported.reference }),
      camtEntry({ amount: '99.00', vs: '9999999999' }),
      camtEntry({ amount: '5000.00', debit: false, vs: bySymbol.reference }),
    ]);
    const upload = { format: 'camt053', content, fileName: 'vypis-2026-03-02.xml' };

    const preview = await approver.browser.post(PATH, { ...upload, dryRun: true });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.id, null);
    assert.equal(preview.body.dryRun, true);
    assert.deepEqual(
      preview.body.lines.map((line: { result: string }) => line.result),
      ['paid', 'paid', 'amount_differs', 'not_exported', 'unknown_reference', 'ignored'],
    );
    assert.equal(await stateOf(byEndToEnd.payoutId), 'exported');
    assert.equal(await manager().count(PayoutStatementImport), 0);

    const sentBefore = ctx().smtp.messages.length;
    const imported = await approver.browser.post(PATH, upload);
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.equal(imported.body.replayed, false);
    assert.equal(imported.body.fileName, 'vypis-2026-03-02.xml');
    assert.deepEqual(
      imported.body.lines.map((line: { result: string; payoutId: string | null }) => [
        line.result,
        line.payoutId,
      ]),
      [
        ['paid', byEndToEnd.payoutId],
        ['paid', bySymbol.payoutId],
        ['amount_differs', wrongAmount.payoutId],
        ['not_exported', notExported.payoutId],
        ['unknown_reference', null],
        ['ignored', null],
      ],
    );
    assert.deepEqual(imported.body.lines[2].payoutAmount, { amountMinor: '23100', currency: 'CZK' });
    assert.equal(imported.body.lines[2].amountMinor, '-23101');
    assert.deepEqual(imported.body.counts, {
      paid: 2,
      already_paid: 0,
      amount_differs: 1,
      unknown_reference: 1,
      not_exported: 1,
      own_payout: 0,
      ignored: 1,
    });

    assert.equal(await stateOf(byEndToEnd.payoutId), 'paid');
    assert.equal(await stateOf(bySymbol.payoutId), 'paid');
    assert.equal(await stateOf(wrongAmount.payoutId), 'exported');
    assert.equal(await stateOf(notExported.payoutId), 'approved');
    assert.equal(await stateOf(untouched.payoutId), 'exported');
    for (const paid of [byEndToEnd, bySymbol]) {
      const transfers = await paidTransfers(paid.payoutId);
      assert.deepEqual(
        transfers.map((transfer) => [transfer.code, transfer.createdBy]),
        [['payout_paid', `admin:${approver.userId}`]],
      );
      const balance = await paid.browser.get('/api/v1/me/balance').expect(200);
      const czk = balance.body.items.find((item: { currency: string }) => item.currency === 'CZK');
      assert.equal(czk.payoutHold.amountMinor, '0');
      await waitForNewMail(paid.email, /.+/, sentBefore);
    }
    for (const left of [wrongAmount, notExported, untouched])
      assert.equal((await paidTransfers(left.payoutId)).length, 0);

    const audits = await manager().find(AuditEntry, { where: { action: 'payout_statement_imported' } });
    const audit = audits.find((row) => row.after?.importId === imported.body.id);
    assert.ok(audit, 'the import is audited');
    assert.equal(audit.actorUserId, approver.userId);
    assert.deepEqual(audit.after!.paidPayoutIds, [byEndToEnd.payoutId, bySymbol.payoutId]);

    // The same file again: the earlier import, nothing paid, nothing stored.
    const imports = await manager().count(PayoutStatementImport);
    const lines = await manager().count(PayoutStatementLine);
    const transfers = await manager().count(LedgerTransfer);
    const again = await exporter.browser.post(PATH, upload);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.replayed, true);
    assert.equal(again.body.id, imported.body.id);
    assert.deepEqual(again.body.lines, imported.body.lines);
    assert.equal(await manager().count(PayoutStatementImport), imports);
    assert.equal(await manager().count(PayoutStatementLine), lines);
    assert.equal(await manager().count(LedgerTransfer), transfers);

    // The next day's GPC names a paid payout again and the corrected amount: already paid, and paid.
    const next = await exporter.browser.post(PATH, {
      format: 'gpc',
      base64: true,
      content: gpc([
        { amountMinor: 21000, vs: byEndToEnd.reference, name: 'Výplata Vratka' },
        { amountMinor: 23100, vs: wrongAmount.reference, name: 'Příliš žluťoučký' },
      ]),
    });
    assert.equal(next.status, 201, JSON.stringify(next.body));
    assert.deepEqual(
      next.body.lines.map((line: { result: string }) => line.result),
      ['already_paid', 'paid'],
    );
    assert.equal(next.body.lines[1].message, 'Příliš žluťoučký');
    assert.equal((await paidTransfers(byEndToEnd.payoutId)).length, 1);
    assert.equal(await stateOf(wrongAmount.payoutId), 'paid');
    assert.equal(await stateOf(untouched.payoutId), 'exported');

    const list = await approver.browser.get(PATH).expect(200);
    assert.deepEqual(
      list.body.items
        .slice(0, 2)
        .map((item: { id: string; counts: { paid: number } }) => [item.id, item.counts.paid]),
      [
        [next.body.id, 1],
        [imported.body.id, 2],
      ],
    );
    assert.equal(list.body.items[0].lines, undefined);
    const one = await approver.browser.get(`${PATH}/${imported.body.id}`).expect(200);
    assert.deepEqual(one.body.lines, imported.body.lines);
    assert.equal((await approver.browser.get(`${PATH}/999999999`)).status, 404);
  });

  it('when the same statement is posted twice at once and names a payout twice, then it is paid once and both answers are the one import', async () => {
    const shopper = await shopperWithPayout('stmt-race', 27000);
    await approveAndExport(approver, exporter, [shopper.payoutId]);
    const csv = `Datum;Objem;Měna;VS\n02.03.2026;-270,00;CZK;${shopper.reference}\n03.03.2026;-270,00;CZK;${shopper.reference}\n`;
    const [first, second] = await Promise.all([
      approver.browser.post(PATH, { format: 'csv', content: csv }),
      exporter.browser.post(PATH, { format: 'csv', content: csv }),
    ]);
    assert.deepEqual(
      [first.status, second.status].sort(),
      [200, 201],
      JSON.stringify([first.body, second.body]),
    );
    assert.equal(first.body.id, second.body.id);
    assert.deepEqual(
      first.body.lines.map((line: { result: string }) => line.result),
      ['paid', 'already_paid'],
    );
    assert.equal((await paidTransfers(shopper.payoutId)).length, 1);
    assert.equal(await manager().countBy(PayoutStatementImport, { sha256: first.body.sha256 }), 1);
  });

  it('when a CSV line pays the importer’s own payout, then it is left for a colleague (four eyes)', async () => {
    const own = await shopperWithPayout('stmt-own', 26100);
    await approveAndExport(approver, exporter, [own.payoutId]);
    // The shopper becomes finance only now, as a colleague who joined later would.
    await manager().update(User, { id: own.userId }, { role: 'finance' });
    const csv = `Datum;Objem;Měna;VS\n02.03.2026;-261,00;CZK;${own.reference}\n`;
    const mine = await own.browser.post(PATH, { format: 'csv', content: csv });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    assert.equal(mine.body.lines[0].result, 'own_payout');
    assert.equal(await stateOf(own.payoutId), 'exported');
  });

  it('when the file cannot be read, then 400 names the problems and nothing is stored', async () => {
    const imports = await manager().count(PayoutStatementImport);
    const broken = await approver.browser.post(PATH, {
      format: 'csv',
      content: 'Datum;Částka;Měna;VS\n01.03.2026;-12.345;CZK;1000000001\n',
    });
    assert.equal(broken.status, 400);
    assert.match(broken.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(broken.body.code, 'PAYOUT_STATEMENT_INVALID');
    assert.deepEqual(broken.body.problems, [{ line: 2, message: 'amount "-12.345" is not an amount' }]);

    for (const body of [
      { format: 'camt053', content: '<Document><BkToCstmrStmt>' },
      { format: 'gpc', content: 'bm90IGdwYw==', base64: true },
      { format: 'csv', content: '%%%', base64: true },
      { format: 'csv', content: 'x', encoding: 'windows-1250' },
      { format: 'mt940', content: 'x' },
      { format: 'csv', content: 'x'.repeat(4_000_001) },
    ]) {
      const response = await approver.browser.post(PATH, body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    const tooLarge = await approver.browser.post(PATH, { format: 'csv', content: 'x'.repeat(6_000_000) });
    assert.equal(tooLarge.status, 413);
    assert.equal(await manager().count(PayoutStatementImport), imports);
  });

  it('when a shopper calls the statement routes, then 403', async () => {
    const shopper = await signedUpShopper('stmt-shopper');
    assert.equal((await shopper.browser.post(PATH, { format: 'csv', content: 'x' })).status, 403);
    assert.equal((await shopper.browser.get(PATH)).status, 403);
    assert.equal((await shopper.browser.get(`${PATH}/1`)).status, 403);
  });

  it('when the statements are imported, then ledger:verify and I7 pass', async () => {
    assert.deepEqual(
      (await payoutChecks(ctx().database)).filter((check) => !check.ok),
      [],
    );
    const ledger = await ctx().app.services.ledger.verify();
    assert.deepEqual(
      ledger.checks.filter((check) => !check.ok),
      [],
    );
  });
});
