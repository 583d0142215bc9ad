import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { BankAccount } from '../../server/src/modules/bank-accounts/bank-account.entity.js';
import {
  czechAccountToIban,
  passesMod11,
} from '../../server/src/modules/bank-accounts/bank-account-number.js';
import { signedUpShopper, tokenFromMail, waitForNewMail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

const HOUR_MS = 3600_000;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A Czech account at Česká spořitelna no other test uses: ten random digits, the last solved for mod 11. */
function freshCzechAccount(): { domestic: string; iban: string } {
  for (;;) {
    const head = String(randomInt(100_000_000, 999_999_999));
    for (let last = 0; last <= 9; last += 1) {
      const number = `${head}${last}`;
      if (passesMod11(number)) {
        return {
          domestic: `${number}/0800`,
          iban: czechAccountToIban({ prefix: '', number, bankCode: '0800' }),
        };
      }
    }
  }
}

async function rowsOf(userId: string) {
  return ctx().database.manager.find(BankAccount, { where: { userId }, order: { id: 'ASC' } });
}

async function auditActions(userId: string) {
  const entries = await ctx().database.manager.find(AuditEntry, {
    where: { subjectUserId: userId },
    order: { id: 'ASC' },
  });
  return entries.map((entry) => entry.action);
}

describe('bank accounts', () => {
  it('when a shopper adds an IBAN, then it is stored normalised, shown masked, audited and mailed with a confirmation link', async () => {
    const shopper = await signedUpShopper('bank-iban');
    const { iban } = freshCzechAccount();
    const spaced = iban.toLowerCase().replace(/(.{4})/g, '$1 ');
    const sentBefore = ctx().smtp.messages.length;
    const added = await shopper.browser.post('/api/v1/me/bank-accounts', {
      account: spaced,
      holderName: 'Jana Nováková',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.maskedIban, `${iban.slice(0, 4)} **** **** **** **** ${iban.slice(-4)}`);
    assert.equal(added.body.bic, 'GIBACZPX');
    assert.equal(added.body.verifiedAt, null);
    assert.ok(!JSON.stringify(added.body).includes(iban.slice(4, 20)), 'the full IBAN is never sent');

    const [row] = await rowsOf(shopper.userId);
    assert.equal(row?.iban, iban);
    assert.equal(row?.holderName, 'Jana Nováková');
    assert.match(row?.domesticNumber ?? '', /^\d{10}\/0800$/);
    assert.deepEqual(await auditActions(shopper.userId).then((actions) => actions.slice(-1)), [
      'bank_account_added',
    ]);
    const audit = await ctx().database.manager.findOneByOrFail(AuditEntry, {
      subjectUserId: shopper.userId,
      action: 'bank_account_added',
    });
    assert.ok(!JSON.stringify(audit.after).includes(iban), 'the audit keeps the masked IBAN');

    const mail = await waitForNewMail(shopper.email, /bankovní účet/, sentBefore);
    assert.match(mail.text ?? '', /Pokud jste účet nepřidávali vy/);
    assert.match(mail.text ?? '', /\/bank-accounts#token=/);
    assert.ok(!(mail.text ?? '').includes(iban), 'the mail shows the IBAN masked');

    const list = await shopper.browser.get('/api/v1/me/bank-accounts').expect(200);
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].maskedIban, added.body.maskedIban);
    assert.equal(
      list.body.payoutsBlockedUntil,
      new Date(ctx().clock.now().getTime() + 72 * HOUR_MS).toISOString(),
    );
  });

  it('when a shopper adds a Czech domestic number, then it becomes the IBAN with the BIC of its bank', async () => {
    const shopper = await signedUpShopper('bank-domestic');
    const added = await shopper.browser.post('/api/v1/me/bank-accounts', {
      account: '19-2000145399/0800',
      holderName: 'Petr Novák',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.maskedIban, 'CZ65 **** **** **** **** 5399');
    assert.equal(added.body.maskedDomestic, '**-******5399/0800');
    assert.equal(added.body.bankName, 'Česká spořitelna, a.s.');
    const [row] = await rowsOf(shopper.userId);
    assert.equal(row?.iban, 'CZ6508000000192000145399');
    assert.equal(row?.bic, 'GIBACZPX');
    assert.equal(row?.domesticNumber, '19-2000145399/0800');

    const again = await shopper.browser.post('/api/v1/me/bank-accounts', {
      account: 'CZ65 0800 0000 1920 0014 5399',
      holderName: 'Petr Novák',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'BANK_ACCOUNT_EXISTS');
    assert.equal((await rowsOf(shopper.userId)).length, 1);
  });

  it('when the shopper opens the mailed link, then the account is verified, audited and mailed; the link is theirs only', async () => {
    const shopper = await signedUpShopper('bank-confirm');
    const other = await signedUpShopper('bank-confirm-other');
    const sentBefore = ctx().smtp.messages.length;
    const added = await shopper.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().domestic, holderName: 'Eva Malá' })
      .expect(201);
    const token = tokenFromMail(
      (await waitForNewMail(shopper.email, /přidán bankovní účet/, sentBefore)).text!,
    );

    const foreign = await other.browser.post('/api/v1/me/bank-accounts/confirm', { token });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.code, 'LINK_INVALID');
    const tampered = await shopper.browser.post('/api/v1/me/bank-accounts/confirm', {
      token: `${token.slice(0, -2)}xx`,
    });
    assert.equal(tampered.status, 400);
    assert.equal((await rowsOf(shopper.userId))[0]?.verifiedAt, null);

    const sentBeforeConfirm = ctx().smtp.messages.length;
    const confirmed = await shopper.browser.post('/api/v1/me/bank-accounts/confirm', { token });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.id, added.body.id);
    assert.equal(confirmed.body.verifiedAt, ctx().clock.now().toISOString());
    await waitForNewMail(shopper.email, /je potvrzený/, sentBeforeConfirm);

    const twice = await shopper.browser.post('/api/v1/me/bank-accounts/confirm', { token });
    assert.equal(twice.status, 200);
    const actions = await auditActions(shopper.userId);
    assert.equal(actions.filter((action) => action === 'bank_account_confirmed').length, 1);

    const target = await ctx().app.services.bankAccounts.payoutTarget(shopper.userId, added.body.id);
    assert.equal(target?.verifiedAt?.toISOString(), ctx().clock.now().toISOString());
  });

  it('when the link is asked for again, then a new one is mailed; once the account is removed, no link confirms it', async () => {
    const shopper = await signedUpShopper('bank-resend');
    const sentBefore = ctx().smtp.messages.length;
    const added = await shopper.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().domestic, holderName: 'Resend' })
      .expect(201);
    const first = tokenFromMail(
      (await waitForNewMail(shopper.email, /přidán bankovní účet/, sentBefore)).text!,
    );
    const sentBeforeResend = ctx().smtp.messages.length;
    const resend = await shopper.browser.post(`/api/v1/me/bank-accounts/${added.body.id}/confirmation`);
    assert.equal(resend.status, 202);
    const second = tokenFromMail(
      (await waitForNewMail(shopper.email, /přidán bankovní účet/, sentBeforeResend)).text!,
    );
    assert.notEqual(second, first);

    const sentBeforeRemoval = ctx().smtp.messages.length;
    await shopper.browser.delete(`/api/v1/me/bank-accounts/${added.body.id}`).expect(204);
    const notice = await waitForNewMail(shopper.email, /odebrán bankovní účet/, sentBeforeRemoval);
    assert.match(notice.text ?? '', /Pokud jste to nebyli vy/);
    for (const token of [first, second]) {
      const confirm = await shopper.browser.post('/api/v1/me/bank-accounts/confirm', { token });
      assert.equal(confirm.status, 400);
      assert.equal(confirm.body.code, 'LINK_INVALID');
    }
    assert.equal((await rowsOf(shopper.userId))[0]?.verifiedAt, null);
    const again = await shopper.browser.delete(`/api/v1/me/bank-accounts/${added.body.id}`);
    assert.equal(again.status, 404, 'a removed account is gone for the shopper');
  });

  it('when an account is added or removed, then payouts wait 72 hours (payoutTarget), and the first payout is flagged', async () => {
    const shopper = await signedUpShopper('bank-hold');
    const { bankAccounts } = ctx().app.services;
    const start = ctx().clock.now();
    const added = await shopper.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().iban, holderName: 'Karel Dvořák' })
      .expect(201);
    const second = await shopper.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().iban, holderName: 'Karel Dvořák' })
      .expect(201);

    const target = await bankAccounts.payoutTarget(shopper.userId, added.body.id);
    assert.ok(target);
    assert.deepEqual(
      { ...target, iban: target.iban.slice(0, 2) },
      {
        bankAccountId: added.body.id,
        userId: shopper.userId,
        iban: 'CZ',
        bic: 'GIBACZPX',
        holderName: 'Karel Dvořák',
        verifiedAt: null,
        payoutsBlockedUntil: new Date(start.getTime() + 72 * HOUR_MS),
        firstPayout: true,
      },
    );

    try {
      ctx().clock.advance(72 * HOUR_MS - 1);
      assert.ok((await bankAccounts.payoutTarget(shopper.userId, added.body.id))?.payoutsBlockedUntil);
      ctx().clock.advance(1);
      assert.equal(
        (await bankAccounts.payoutTarget(shopper.userId, added.body.id))?.payoutsBlockedUntil,
        null,
      );
    } finally {
      ctx().clock.set(start);
    }

    // A removal of any account holds payouts to the others again, from the removal.
    ctx().clock.advance(HOUR_MS);
    try {
      await shopper.browser.delete(`/api/v1/me/bank-accounts/${second.body.id}`).expect(204);
      const after = await bankAccounts.payoutTarget(shopper.userId, added.body.id);
      assert.equal(
        after?.payoutsBlockedUntil?.toISOString(),
        new Date(start.getTime() + 73 * HOUR_MS).toISOString(),
      );
      assert.equal(await bankAccounts.payoutTarget(shopper.userId, second.body.id), null, 'removed');
    } finally {
      ctx().clock.set(start);
    }
    const removed = (await rowsOf(shopper.userId)).find((row) => row.id === second.body.id);
    assert.ok(removed?.removedAt, 'removal keeps the row');
    const list = await shopper.browser.get('/api/v1/me/bank-accounts').expect(200);
    assert.deepEqual(
      list.body.items.map((item: { id: string }) => item.id),
      [added.body.id],
    );
    assert.deepEqual(
      (await auditActions(shopper.userId)).filter((action) => action.startsWith('bank_account')),
      ['bank_account_added', 'bank_account_added', 'bank_account_removed'],
    );

    await ctx().database.transaction((manager) =>
      bankAccounts.markPaidTo(manager, shopper.userId, added.body.id, start),
    );
    assert.equal((await bankAccounts.payoutTarget(shopper.userId, added.body.id))?.firstPayout, false);
    await ctx().database.transaction((manager) =>
      bankAccounts.markPaidTo(manager, shopper.userId, added.body.id, new Date(start.getTime() + 1000)),
    );
    const paid = (await rowsOf(shopper.userId)).find((row) => row.id === added.body.id);
    assert.equal(paid?.firstPaidAt?.toISOString(), start.toISOString(), 'the first payout keeps its date');
  });

  it('when the same account is added ten times at once, then exactly one is stored and the rest are 409', async () => {
    const shopper = await signedUpShopper('bank-race');
    const { domestic } = freshCzechAccount();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        shopper.browser.post('/api/v1/me/bank-accounts', { account: domestic, holderName: 'Race' }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(
      statuses,
      [201, ...Array<number>(9).fill(409)],
      JSON.stringify(answers.map((a) => a.body)),
    );
    assert.equal((await rowsOf(shopper.userId)).length, 1);
  });

  it('when shopper B names shopper A’s account, then 404 and nothing changes', async () => {
    const shopperA = await signedUpShopper('bank-owner');
    const shopperB = await signedUpShopper('bank-intruder');
    const added = await shopperA.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().domestic, holderName: 'A' })
      .expect(201);
    const remove = await shopperB.browser.delete(`/api/v1/me/bank-accounts/${added.body.id}`);
    assert.equal(remove.status, 404);
    const resend = await shopperB.browser.post(`/api/v1/me/bank-accounts/${added.body.id}/confirmation`);
    assert.equal(resend.status, 404);
    assert.equal((await shopperB.browser.get('/api/v1/me/bank-accounts')).body.items.length, 0);
    assert.equal(await ctx().app.services.bankAccounts.payoutTarget(shopperB.userId, added.body.id), null);
    assert.equal((await rowsOf(shopperA.userId))[0]?.removedAt, null);
  });

  it('when a personal access token calls, even with scope payouts, then it can never add, confirm or remove an account', async () => {
    const shopper = await signedUpShopper('bank-token');
    const added = await shopper.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().domestic, holderName: 'Token' })
      .expect(201);
    const created = await shopper.browser
      .post('/api/v1/me/tokens', { name: 'app', scopes: ['payouts'] })
      .expect(201);
    const secret = created.body.token as string;
    const app = ctx().app.express;

    const add = await request(app)
      .post('/api/v1/me/bank-accounts')
      .set(bearer(secret))
      .send({ account: freshCzechAccount().domestic, holderName: 'Robot' });
    assert.equal(add.status, 403);
    assert.equal(add.body.code, 'SESSION_REQUIRED');
    const remove = await request(app).delete(`/api/v1/me/bank-accounts/${added.body.id}`).set(bearer(secret));
    assert.equal(remove.status, 403);
    const confirm = await request(app)
      .post('/api/v1/me/bank-accounts/confirm')
      .set(bearer(secret))
      .send({ token: 'x'.repeat(20) });
    assert.equal(confirm.status, 403);
    assert.equal((await rowsOf(shopper.userId)).length, 1);
    assert.equal((await rowsOf(shopper.userId))[0]?.removedAt, null);

    assert.equal((await request(app).get('/api/v1/me/bank-accounts')).status, 401, 'anonymous');
    // It may read the masked list: a payout request names the account to pay to.
    const read = await request(app).get('/api/v1/me/bank-accounts').set(bearer(secret));
    assert.equal(read.status, 200);
    assert.equal(read.body.items.length, 1);

    // A cookie session without the CSRF token is refused too.
    const noCsrf = await shopper.browser.agent
      .post('/api/v1/me/bank-accounts')
      .send({ account: freshCzechAccount().domestic, holderName: 'No CSRF' });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.body.code, 'CSRF_INVALID');
  });

  it('when the input is bad, then 400 problem+json names the field and the reason, and nothing is written', async () => {
    const shopper = await signedUpShopper('bank-bad');
    const sentBefore = ctx().smtp.messages.length;
    const auditBefore = (await auditActions(shopper.userId)).length;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ account: '19-2000145398/0800', holderName: 'X' }, 'BANK_ACCOUNT_NUMBER_CHECKSUM', 'account'],
      [{ account: '18-2000145399/0800', holderName: 'X' }, 'BANK_ACCOUNT_PREFIX_CHECKSUM', 'account'],
      [{ account: '19-2000145399/0801', holderName: 'X' }, 'BANK_ACCOUNT_UNKNOWN_BANK_CODE', 'account'],
      [
        { account: 'CZ66 0800 0000 1920 0014 5399', holderName: 'X' },
        'BANK_ACCOUNT_IBAN_CHECKSUM',
        'account',
      ],
      [{ account: 'DE89 3704 0044 0532 0130', holderName: 'X' }, 'BANK_ACCOUNT_INVALID_IBAN', 'account'],
      [{ account: '12345678901/0800', holderName: 'X' }, 'BANK_ACCOUNT_FORMAT', 'account'],
      [{ account: '19-2000145399/0800', holderName: '  ' }, 'VALIDATION_FAILED', 'holderName'],
      [{ account: '', holderName: 'X' }, 'VALIDATION_FAILED', 'account'],
      [{ account: '19-2000145399/0800', holderName: 'X', verifiedAt: 'now' }, 'VALIDATION_FAILED', ''],
    ];
    for (const [body, code, field] of cases) {
      const response = await shopper.browser.post('/api/v1/me/bank-accounts', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(response.headers['content-type'] ?? '', /application\/problem\+json/);
      assert.equal(response.body.code, code, JSON.stringify(response.body));
      const errors = response.body.errors as Array<{ path: string; message: string }>;
      assert.ok(
        errors.some((error) => error.path === field && error.message.length > 0),
        JSON.stringify(response.body),
      );
    }
    assert.equal((await rowsOf(shopper.userId)).length, 0);
    assert.equal((await auditActions(shopper.userId)).length, auditBefore);
    await ctx().app.outbox.drain();
    assert.equal(
      ctx()
        .smtp.messages.slice(sentBefore)
        .filter((mail) => JSON.stringify(mail.to).includes(shopper.email)).length,
      0,
    );
  });

  it('when several shoppers enter one IBAN, then finance sees it flagged (the read audited); a shopper gets 403', async () => {
    const first = await signedUpShopper('bank-shared-1');
    const second = await signedUpShopper('bank-shared-2');
    const loner = await signedUpShopper('bank-shared-3');
    const shared = freshCzechAccount();
    await first.browser
      .post('/api/v1/me/bank-accounts', { account: shared.domestic, holderName: 'One' })
      .expect(201);
    await second.browser
      .post('/api/v1/me/bank-accounts', { account: shared.iban, holderName: 'Two' })
      .expect(201);
    await loner.browser
      .post('/api/v1/me/bank-accounts', { account: freshCzechAccount().iban, holderName: 'Alone' })
      .expect(201);

    const finance = await signedUpShopper('bank-finance');
    await ctx().database.manager.update(User, { id: finance.userId }, { role: 'finance' });
    const items: Array<{ iban: string; users: number; accounts: Array<{ userId: string }> }> = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const page = await finance.browser.get(`/api/v1/admin/bank-accounts/shared-ibans${query}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    const flagged = items.find((item) => item.iban === shared.iban);
    assert.equal(flagged?.users, 2);
    assert.deepEqual(
      flagged?.accounts.map((account) => account.userId).sort(),
      [first.userId, second.userId].sort(),
    );
    assert.ok(!items.some((item) => item.accounts.some((account) => account.userId === loner.userId)));
    const viewed = await ctx().database.manager.findOneBy(AuditEntry, {
      subjectUserId: first.userId,
      action: 'personal_data_viewed',
    });
    assert.equal(viewed?.actorUserId, finance.userId);

    const refused = await first.browser.get('/api/v1/admin/bank-accounts/shared-ibans');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'FORBIDDEN');
  });
});
