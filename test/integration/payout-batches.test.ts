import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { validateXML } from 'xmllint-wasm';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { LedgerEntry } from '../../server/src/modules/ledger/ledger-entry.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { Payout } from '../../server/src/modules/payouts/payout.entity.js';
import { PayoutBatch } from '../../server/src/modules/payouts/exports/payout-batch.entity.js';
import {
  payoutChecks,
  PayoutBatchesRepository,
  PayoutBatchesService,
} from '../../server/src/modules/payouts/index.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { demoNetwork } from '../helpers/money-path.js';
import {
  balance,
  CZ_IBAN,
  exportBatch,
  newKey,
  shopperWithPayout,
  SK_IBAN,
  withRole,
  type Person,
} from '../helpers/payouts.js';

const XSD_PATH = path.resolve('test/fixtures/iso20022/pain.001.001.03.xsd');
const manager = () => ctx().database.manager;

/** Every exported XML is checked against the official schema, in WebAssembly (no system tools). */
async function assertValidPain001(xml: string, name: string): Promise<void> {
  const result = await validateXML({
    xml: [{ fileName: `${name}.xml`, contents: xml }],
    schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD_PATH, 'utf8') }],
  });
  assert.equal(result.valid, true, `${name}: ${result.rawOutput}`);
}

const tag = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((match) => match[1]!);

function post(who: Person, url: string, key?: string, body?: object) {
  const call = who.browser.agent.post(url).set('X-CSRF-Token', who.browser.csrfToken);
  return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
}

/** The file's bytes as downloaded (supertest would otherwise parse the XML/CSV as text). */
function download(who: Person, batchId: string, format: string) {
  return who.browser.agent
    .get(`/api/v1/admin/payout-batches/${batchId}/files/${format}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

const approve = (who: Person, payoutId: string) =>
  who.browser.post(`/api/v1/admin/payouts/${payoutId}/approve`).expect(200);

async function stateOf(payoutId: string) {
  return manager().findOneByOrFail(Payout, { id: payoutId });
}

describe('payout bank exports', () => {
  // Four eyes: `approver` approves, `exporter` makes the batches, `colleague` is a third.
  let approver: Person;
  let exporter: Person;
  let colleague: Person;

  before(async () => {
    await demoNetwork();
    approver = await withRole('finance', 'batch-approver');
    exporter = await withRole('finance', 'batch-exporter');
    colleague = await withRole('admin', 'batch-colleague');
  });

  afterEach(() => {
    ctx().app.services.payoutBatches.step = 100;
  });

  describe('making a batch', () => {
    it('when finance exports CZK payouts, then they are exported in one batch with a domestic CSV and a CZK pain.001 valid against the XSD, totals adding up', async () => {
      const jana = await shopperWithPayout('batch-czk-a', 25500);
      // 70 characters, the most an account holder may have; longer once `ß` is spelled out.
      const long = `Nováková-Dvořáková & <Syn> "Obchod" ${'ß'.repeat(34)}`;
      const petr = await shopperWithPayout('batch-czk-b', 30000, { holderName: long });
      for (const one of [jana, petr]) await approve(approver, one.payoutId);

      const batch = await exportBatch(exporter, {
        currency: 'CZK',
        payoutIds: [petr.payoutId, jana.payoutId],
      });
      assert.equal(batch.state, 'ready');
      const view = (await exporter.browser.get(`/api/v1/admin/payout-batches/${batch.id}`).expect(200)).body;
      assert.equal(view.currency, 'CZK');
      assert.equal(view.payoutCount, 2);
      assert.equal(view.exportedCount, 2);
      assert.deepEqual(view.total, { amountMinor: '55500', currency: 'CZK' });
      assert.deepEqual(view.payouts, { exported: 2, paid: 0, failed: 0 });
      assert.deepEqual(view.skipped, []);
      assert.equal(view.createdBy, exporter.userId);
      assert.deepEqual(
        view.files.map((file: { format: string }) => file.format),
        ['czk-csv', 'czk-xml'],
      );

      for (const one of [jana, petr]) {
        const row = await stateOf(one.payoutId);
        assert.equal(row.state, 'exported');
        assert.equal(row.batchId, batch.id);
        const history = await one.browser.get('/api/v1/me/payouts').expect(200);
        assert.equal(history.body.items[0].state, 'exported');
      }
      const exportedAudit = (await manager().findBy(AuditEntry, { action: 'payout_exported' })).filter(
        (entry) => entry.after?.batchId === batch.id,
      );
      assert.deepEqual(
        exportedAudit.map((entry) => [entry.after?.payoutId, entry.actorUserId]).sort(),
        [
          [jana.payoutId, exporter.userId],
          [petr.payoutId, exporter.userId],
        ].sort(),
      );

      const [janaRow, petrRow] = [await stateOf(jana.payoutId), await stateOf(petr.payoutId)];
      const csv = await download(exporter, batch.id, 'czk-csv');
      assert.equal(csv.status, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(
        csv.headers['content-disposition'] ?? '',
        /^attachment; filename="vratka-payouts-\d+-cz-domestic\.csv"$/,
      );
      const lines = (csv.body as Buffer).toString('utf8').split('\r\n');
      assert.equal(lines.pop(), '', 'CRLF after every row');
      assert.deepEqual(lines, [
        'account_prefix;account_number;bank_code;amount;currency;variable_symbol;message;payee_name',
        `19;2000145399;0800;255.00;CZK;${janaRow.reference};Vratka cashback ${janaRow.reference};Jana Novakova`,
        `19;2000145399;0800;300.00;CZK;${petrRow.reference};Vratka cashback ${petrRow.reference};Novakova-Dvorakova + Syn 'Obchod' s`,
      ]);

      const xml = (await download(exporter, batch.id, 'czk-xml')).body.toString('utf8') as string;
      await assertValidPain001(xml, 'czk');
      assert.match(
        xml,
        /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.03">/,
      );
      assert.deepEqual(tag(xml, 'NbOfTxs'), ['2', '2']);
      assert.deepEqual(tag(xml, 'CtrlSum'), ['555.00', '555.00']);
      assert.deepEqual(tag(xml, 'MsgId'), [`VRATKA-BATCH-${batch.id}`]);
      assert.deepEqual(tag(xml, 'EndToEndId'), [janaRow.endToEndId, petrRow.endToEndId]);
      assert.deepEqual(tag(xml, 'InstdAmt'), ['255.00', '300.00']);
      assert.equal((xml.match(/<InstdAmt Ccy="CZK">/g) ?? []).length, 2);
      assert.deepEqual(tag(xml, 'Ref'), [`VS:${janaRow.reference}`, `VS:${petrRow.reference}`]);
      assert.doesNotMatch(xml, /<Cd>SEPA<\/Cd>/, 'no SEPA service level in CZK');
      // The debtor is the operator's CZK account from the configuration.
      assert.deepEqual(tag(xml, 'IBAN')[0], ctx().config.payoutDebtors.CZK!.iban);
      const names = tag(xml, 'Nm');
      assert.deepEqual(names.slice(0, 2), ['Vratka (development)', 'Vratka (development)']);
      assert.equal(names[2], 'Jana Novakova');
      assert.equal(names[3], `Novakova-Dvorakova + Syn 'Obchod' ${'ss'.repeat(18)}`.slice(0, 70));
      assert.deepEqual(tag(xml, 'IBAN').slice(1), [CZ_IBAN, CZ_IBAN]);
    });

    it('when finance exports EUR payouts, then the SEPA pain.001 is valid against the XSD and carries the EndToEndId, the creditor’s BIC and SEPA service level', async () => {
      const anna = await shopperWithPayout('batch-eur', 1500, {
        currency: 'EUR',
        account: SK_IBAN,
        holderName: 'Anna Šťastná',
      });
      await approve(approver, anna.payoutId);
      const batch = await exportBatch(exporter, { currency: 'EUR', payoutIds: [anna.payoutId] });
      const view = (await exporter.browser.get(`/api/v1/admin/payout-batches/${batch.id}`).expect(200)).body;
      assert.deepEqual(
        view.files.map((file: { format: string; mediaType: string }) => [file.format, file.mediaType]),
        [['sepa-xml', 'application/xml; charset=utf-8']],
      );
      const row = await stateOf(anna.payoutId);
      const response = await download(exporter, batch.id, 'sepa-xml');
      assert.equal(response.headers['content-type'], 'application/xml; charset=utf-8');
      const xml = response.body.toString('utf8') as string;
      await assertValidPain001(xml, 'sepa');
      assert.deepEqual(tag(xml, 'NbOfTxs'), ['1', '1']);
      assert.deepEqual(tag(xml, 'CtrlSum'), ['15.00', '15.00']);
      assert.deepEqual(tag(xml, 'EndToEndId'), [row.endToEndId]);
      assert.equal(row.endToEndId, `VRATKA-PAYOUT-${row.id}`);
      assert.deepEqual(tag(xml, 'InstdAmt'), ['15.00']);
      assert.match(xml, /<InstdAmt Ccy="EUR">15\.00<\/InstdAmt>/);
      assert.deepEqual(tag(xml, 'Cd'), ['SEPA']);
      assert.deepEqual(tag(xml, 'ChrgBr'), ['SLEV']);
      assert.deepEqual(tag(xml, 'BIC'), [ctx().config.payoutDebtors.EUR!.bic, 'GIBASKBX']);
      assert.deepEqual(tag(xml, 'IBAN'), [ctx().config.payoutDebtors.EUR!.iban, SK_IBAN]);
      assert.deepEqual(tag(xml, 'Ustrd'), [`Vratka cashback ${row.reference}`]);
      assert.equal(tag(xml, 'Nm').at(-1), 'Anna Stastna');
      const missing = await download(exporter, batch.id, 'czk-csv');
      assert.equal(missing.status, 404);
    });

    it('four eyes: the approver cannot export what they approved (named: 403; all: left out and said), nor anyone their own payout', async () => {
      const shopper = await shopperWithPayout('batch-four-eyes', 21000);
      await approve(approver, shopper.payoutId);
      const named = await post(approver, '/api/v1/admin/payout-batches', newKey(), {
        currency: 'CZK',
        payoutIds: [shopper.payoutId],
      });
      assert.equal(named.status, 403, JSON.stringify(named.body));
      assert.equal(named.body.code, 'PAYOUT_FOUR_EYES');
      const all = await post(approver, '/api/v1/admin/payout-batches', newKey(), { currency: 'CZK' });
      if (all.status === 201) {
        assert.ok(
          all.body.skipped.some(
            (skip: { payoutId: string; reason: string }) =>
              skip.payoutId === shopper.payoutId && skip.reason === 'APPROVED_BY_YOU',
          ),
        );
      } else {
        assert.equal(all.status, 422, JSON.stringify(all.body));
        assert.equal(all.body.code, 'PAYOUT_BATCH_EMPTY');
        assert.deepEqual(all.body.skipped, [{ payoutId: shopper.payoutId, reason: 'APPROVED_BY_YOU' }]);
      }
      const row = await stateOf(shopper.payoutId);
      assert.equal(row.state, 'approved');
      assert.equal(row.batchId, null);

      // A finance member's own payout: approved by a colleague, still not exported by its owner.
      const own = await shopperWithPayout('batch-own', 21000);
      await manager().update('users', { id: own.userId }, { role: 'finance' });
      await approve(approver, own.payoutId);
      const self = await post(own, '/api/v1/admin/payout-batches', newKey(), {
        currency: 'CZK',
        payoutIds: [own.payoutId],
      });
      assert.equal(self.status, 403);
      assert.equal(self.body.code, 'PAYOUT_OWN');

      const batch = await exportBatch(exporter, {
        currency: 'CZK',
        payoutIds: [shopper.payoutId, own.payoutId],
      });
      assert.equal((await stateOf(shopper.payoutId)).batchId, batch.id);
      const ownPaid = await post(own, `/api/v1/admin/payout-batches/${batch.id}/paid`);
      assert.equal(ownPaid.status, 403);
      assert.equal(ownPaid.body.code, 'PAYOUT_OWN');
    });

    it('idempotent: the same key and body answer the same batch, another body is 422, no key is 400, and a refused request stores nothing', async () => {
      const a = await shopperWithPayout('batch-key-a', 21000);
      const b = await shopperWithPayout('batch-key-b', 21000);
      for (const one of [a, b]) await approve(approver, one.payoutId);
      const key = newKey();
      const body = { currency: 'CZK', payoutIds: [a.payoutId] };
      const first = await post(exporter, '/api/v1/admin/payout-batches', key, body);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const again = await post(exporter, '/api/v1/admin/payout-batches', key, body);
      assert.equal(again.status, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.body, first.body);
      const other = await post(exporter, '/api/v1/admin/payout-batches', key, {
        currency: 'CZK',
        payoutIds: [b.payoutId],
      });
      assert.equal(other.status, 422);
      assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.equal((await stateOf(b.payoutId)).state, 'approved');
      assert.equal(await manager().countBy(PayoutBatch, { idempotencyKey: key }), 1);

      const raced = await Promise.all(
        [1, 2, 3].map(() =>
          post(exporter, '/api/v1/admin/payout-batches', `${key}-race`, {
            currency: 'CZK',
            payoutIds: [b.payoutId],
          }),
        ),
      );
      assert.deepEqual(
        raced.map((response) => response.status),
        [201, 201, 201],
        JSON.stringify(raced.map((response) => response.body)),
      );
      assert.equal(new Set(raced.map((response) => response.body.id as string)).size, 1);

      const noKey = await post(exporter, '/api/v1/admin/payout-batches', undefined, body);
      assert.equal(noKey.status, 400);
      assert.equal(noKey.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
      // Refused (nothing left to export): nothing is stored, so the key may be used again.
      const refusedKey = newKey();
      const refused = await post(exporter, '/api/v1/admin/payout-batches', refusedKey, body);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'PAYOUT_NOT_EXPORTABLE');
      assert.equal(await manager().countBy(PayoutBatch, { idempotencyKey: refusedKey }), 0);
    });

    it('when two batches are made at the same moment, then every approved payout lands in exactly one of them', async () => {
      const payouts = [];
      for (let index = 0; index < 4; index++) {
        const one = await shopperWithPayout(`batch-race-${index}`, 1500, {
          currency: 'EUR',
          account: SK_IBAN,
        });
        await approve(approver, one.payoutId);
        payouts.push(one.payoutId);
      }
      const before = (await manager().findBy(Payout, { state: 'approved', currency: 'EUR' }))
        .filter((payout) => payout.batchId === null)
        .map((payout) => payout.id);
      const [one, two] = await Promise.all([
        post(exporter, '/api/v1/admin/payout-batches', newKey(), { currency: 'EUR' }),
        post(colleague, '/api/v1/admin/payout-batches', newKey(), { currency: 'EUR' }),
      ]);
      const made = [one, two].filter((response) => response.status === 201);
      for (const response of [one, two].filter((answer) => answer.status !== 201)) {
        assert.equal(response.status, 422, JSON.stringify(response.body));
        assert.equal(response.body.code, 'PAYOUT_BATCH_EMPTY');
      }
      assert.ok(made.length >= 1);
      const batchIds = made.map((response) => response.body.id as string);
      const inBatches = await manager().findBy(Payout, { currency: 'EUR' });
      const placed = inBatches.filter(
        (payout) => payout.batchId !== null && batchIds.includes(payout.batchId),
      );
      assert.deepEqual(placed.map((payout) => payout.id).sort(), [...before].sort());
      for (const id of payouts) assert.ok(before.includes(id));
      assert.equal(
        made.reduce((sum, response) => sum + (response.body.payoutCount as number), 0),
        before.length,
      );
      for (const payout of placed) assert.equal(payout.state, 'exported');
    });
  });

  describe('a large batch, step by step', () => {
    it('when a batch is exported in steps and interrupted, then each payout is claimed or exported (never half), held by its batch, and carrying it on finishes it', async () => {
      const service = ctx().app.services.payoutBatches;
      service.step = 2;
      const shoppers = [];
      for (let index = 0; index < 5; index++) {
        const one = await shopperWithPayout(`batch-steps-${index}`, 20100);
        await approve(approver, one.payoutId);
        shoppers.push(one);
      }
      const ids = shoppers.map((one) => one.payoutId);
      const created = await post(exporter, '/api/v1/admin/payout-batches', newKey(), {
        currency: 'CZK',
        payoutIds: ids,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.state, 'exporting');
      assert.equal(created.body.payoutCount, 5);
      assert.equal(created.body.exportedCount, 2);
      assert.deepEqual(created.body.files, []);
      const batchId = created.body.id as string;
      const rows = await Promise.all(ids.map(stateOf));
      assert.deepEqual(
        rows.map((row) => [row.state, row.batchId]),
        [
          ['exported', batchId],
          ['exported', batchId],
          ['approved', batchId],
          ['approved', batchId],
          ['approved', batchId],
        ],
      );

      // Claimed payouts belong to the batch: no one else takes or moves them until it is ready.
      const taken = await post(colleague, '/api/v1/admin/payout-batches', newKey(), {
        currency: 'CZK',
        payoutIds: [ids[4]!],
      });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'PAYOUT_NOT_EXPORTABLE');
      const reject = await colleague.browser.post(`/api/v1/admin/payouts/${ids[4]}/reject`, {
        reason: 'changed mind',
      });
      assert.equal(reject.status, 409);
      assert.equal(reject.body.code, 'PAYOUT_BEING_EXPORTED');
      const early = await colleague.browser.post(`/api/v1/admin/payouts/${ids[0]}/paid`);
      assert.equal(early.status, 409);
      assert.equal(early.body.code, 'PAYOUT_BATCH_UNFINISHED');
      assert.equal((await download(exporter, batchId, 'czk-csv')).status, 409);
      assert.equal((await post(exporter, `/api/v1/admin/payout-batches/${batchId}/paid`)).status, 409);

      const second = await exporter.browser.post(`/api/v1/admin/payout-batches/${batchId}/advance`);
      assert.equal(second.status, 200);
      assert.equal(second.body.exportedCount, 4);

      // The last step fails half-way (no account to pay from): nothing of it stays.
      const broken = new PayoutBatchesService({
        database: ctx().database,
        clock: ctx().clock,
        audit: ctx().app.services.audit,
        payouts: ctx().app.services.payouts,
        repository: new PayoutBatchesRepository(ctx().database),
        debtors: {},
      });
      broken.step = 2;
      const actor = {
        userId: exporter.userId,
        kind: 'staff' as const,
        client: { ip: null, userAgent: null },
      };
      await assert.rejects(broken.advance(batchId, actor), /No account to pay CZK from/);
      assert.equal((await stateOf(ids[4]!)).state, 'approved');
      assert.equal((await manager().findOneByOrFail(PayoutBatch, { id: batchId })).exportedCount, 4);

      const last = await exporter.browser.post(`/api/v1/admin/payout-batches/${batchId}/advance`);
      assert.equal(last.status, 200);
      assert.equal(last.body.state, 'ready');
      assert.equal(last.body.exportedCount, 5);
      assert.ok(last.body.completedAt);
      const again = await exporter.browser.post(`/api/v1/admin/payout-batches/${batchId}/advance`);
      assert.deepEqual(again.body, last.body);
      const csv = (await download(exporter, batchId, 'czk-csv')).body.toString('utf8') as string;
      assert.equal(csv.split('\r\n').length, 7, csv);
      const xml = (await download(exporter, batchId, 'czk-xml')).body.toString('utf8') as string;
      await assertValidPain001(xml, 'steps');
      assert.deepEqual(tag(xml, 'CtrlSum'), ['1005.00', '1005.00']);
      const audited = (await manager().findBy(AuditEntry, { action: 'payout_exported' })).filter(
        (entry) => entry.after?.batchId === batchId,
      );
      assert.equal(audited.length, 5, 'one audit row per payout, none from the failed step');
    });
  });

  describe('downloads, paid and failed', () => {
    it('when a file is downloaded again, then it is byte-identical and every download is audited', async () => {
      const shopper = await shopperWithPayout('batch-download', 21000);
      await approve(approver, shopper.payoutId);
      const batch = await exportBatch(exporter, { currency: 'CZK', payoutIds: [shopper.payoutId] });
      const auditBefore = await manager().countBy(AuditEntry, { action: 'payout_batch_downloaded' });
      const first = await download(exporter, batch.id, 'czk-xml');
      ctx().clock.set(new Date(ctx().clock.now().getTime() + 60_000));
      const second = await download(colleague, batch.id, 'czk-xml');
      assert.ok(Buffer.isBuffer(first.body) && first.body.length > 500);
      assert.ok(first.body.equals(second.body as Buffer));
      assert.equal(first.headers['x-content-sha256'], second.headers['x-content-sha256']);
      const listed = (
        await exporter.browser.get('/api/v1/admin/payout-batches?currency=CZK&limit=5').expect(200)
      ).body;
      const file = listed.items
        .find((item: { id: string }) => item.id === batch.id)
        .files.find((one: { format: string }) => one.format === 'czk-xml');
      assert.equal(file.sha256, first.headers['x-content-sha256']);
      assert.equal(file.bytes, first.body.length);
      const downloads = (
        await manager().find(AuditEntry, {
          where: { action: 'payout_batch_downloaded' },
          order: { id: 'ASC' },
        })
      ).slice(auditBefore);
      assert.deepEqual(
        downloads.map((entry) => [
          entry.actorUserId,
          entry.after?.batchId,
          entry.after?.format,
          entry.after?.sha256,
        ]),
        [
          [exporter.userId, batch.id, 'czk-xml', file.sha256],
          [colleague.userId, batch.id, 'czk-xml', file.sha256],
        ],
      );
      assert.ok(downloads[1]!.createdAt.getTime() > downloads[0]!.createdAt.getTime());
    });

    it('paid comes after the export only: a batch marked paid pays each payout once; a second "paid" is refused with no ledger entries; failed releases the hold', async () => {
      const paidOne = await shopperWithPayout('batch-paid-a', 21000);
      const paidTwo = await shopperWithPayout('batch-paid-b', 24000);
      const failing = await shopperWithPayout('batch-failed', 27000);
      const all = [paidOne, paidTwo, failing];
      for (const one of all) {
        await approve(approver, one.payoutId);
        // Approved is not paid: money leaves through a bank file.
        const early = await approver.browser.post(`/api/v1/admin/payouts/${one.payoutId}/paid`);
        assert.equal(early.status, 409);
        assert.equal(early.body.code, 'PAYOUT_STATE_CONFLICT');
      }
      const batch = await exportBatch(exporter, {
        currency: 'CZK',
        payoutIds: all.map((one) => one.payoutId),
      });
      // An exported payout can no longer be rejected (the bank may have paid it): failed instead.
      const reject = await approver.browser.post(`/api/v1/admin/payouts/${failing.payoutId}/reject`, {
        reason: 'too late',
      });
      assert.equal(reject.status, 409);
      const failed = await approver.browser.post(`/api/v1/admin/payouts/${failing.payoutId}/failed`, {
        reason: 'Banka platbu vrátila.',
      });
      assert.equal(failed.status, 200, JSON.stringify(failed.body));
      assert.deepEqual(await balance(failing.browser), {
        available: '27000',
        payoutHold: '0',
        paidOut: '0',
        debt: '0',
      });

      const paid = await post(colleague, `/api/v1/admin/payout-batches/${batch.id}/paid`);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      assert.equal(paid.body.paid, 2);
      assert.equal(paid.body.alreadyResolved, 1);
      assert.deepEqual(paid.body.batch.payouts, { exported: 0, paid: 2, failed: 1 });
      for (const [one, amount] of [
        [paidOne, '21000'],
        [paidTwo, '24000'],
      ] as const) {
        assert.equal((await stateOf(one.payoutId)).state, 'paid');
        assert.deepEqual(await balance(one.browser), {
          available: '0',
          payoutHold: '0',
          paidOut: amount,
          debt: '0',
        });
        const transfers = await manager().find(LedgerTransfer, {
          where: { reference: `payout:${one.payoutId}` },
          order: { id: 'ASC' },
        });
        assert.deepEqual(
          transfers.map((transfer) => [transfer.code, transfer.idempotencyKey]),
          [
            ['payout_hold', `payout:${one.payoutId}:hold`],
            ['payout_paid', `payout:${one.payoutId}:paid`],
          ],
        );
      }
      const failedTransfers = await manager().find(LedgerTransfer, {
        where: { reference: `payout:${failing.payoutId}` },
        order: { id: 'ASC' },
      });
      assert.deepEqual(
        failedTransfers.map((transfer) => transfer.idempotencyKey),
        [`payout:${failing.payoutId}:hold`, `payout:${failing.payoutId}:failed`],
      );

      const entriesBefore = await manager().count(LedgerEntry);
      const twice = await post(colleague, `/api/v1/admin/payout-batches/${batch.id}/paid`);
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, 'PAYOUT_BATCH_SETTLED');
      const single = await colleague.browser.post(`/api/v1/admin/payouts/${paidOne.payoutId}/paid`);
      assert.equal(single.status, 409);
      assert.equal(single.body.code, 'PAYOUT_STATE_CONFLICT');
      assert.equal(await manager().count(LedgerEntry), entriesBefore);
      const history = await paidOne.browser.get('/api/v1/me/payouts').expect(200);
      assert.equal(history.body.items[0].state, 'paid');
    });
  });

  describe('who may', () => {
    it('when a shopper calls any bank export route, then 403 and nothing happens', async () => {
      const shopper = await signedUpShopper('batch-shopper');
      const batchId = (await manager().find(PayoutBatch, { order: { id: 'DESC' }, take: 1 }))[0]?.id ?? '1';
      const calls = [
        shopper.browser.agent.get('/api/v1/admin/payout-batches'),
        shopper.browser.agent.get(`/api/v1/admin/payout-batches/${batchId}`),
        shopper.browser.agent.get(`/api/v1/admin/payout-batches/${batchId}/files/czk-csv`),
        post(shopper, '/api/v1/admin/payout-batches', newKey(), { currency: 'CZK' }),
        post(shopper, `/api/v1/admin/payout-batches/${batchId}/advance`),
        post(shopper, `/api/v1/admin/payout-batches/${batchId}/paid`),
      ];
      const auditBefore = await manager().count(AuditEntry);
      for (const [index, response] of (await Promise.all(calls)).entries()) {
        assert.equal(response.status, 403, `call ${index}: ${JSON.stringify(response.body)}`);
        assert.equal(response.body.code, 'FORBIDDEN');
      }
      assert.equal(await manager().count(AuditEntry), auditBefore);
      const anonymous = await request(ctx().app.express).get('/api/v1/admin/payout-batches');
      assert.equal(anonymous.status, 401);
    });
  });

  describe('ledger:verify after the exports', () => {
    it('passes I7 and the ledger’s checks', async () => {
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
});
