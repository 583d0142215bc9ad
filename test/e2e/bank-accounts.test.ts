import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  closePages,
  createVerifiedAccount,
  E2E_PASSWORD,
  horizontalOverflow,
  logInThroughForm,
  newPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { waitForNewMail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

describe('bank accounts in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  it('when a shopper adds a Czech account, then a typo is shown next to the field, the account is listed masked, and the mailed link verifies it', async () => {
    const email = `e2e-bank-${randomBytes(6).toString('hex')}@example.test`;
    const { page, problems } = await newPage({ viewport: { width: 375, height: 740 } });
    await createVerifiedAccount(page, email);
    await logInThroughForm(page, email);

    await page.getByRole('banner').getByRole('link', { name: 'Bankovní účty' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bankovní účty' }).waitFor();
    await page.getByText('Zatím nemáte žádný bankovní účet').waitFor();
    assert.match((await page.getByRole('main').textContent()) ?? '', /72 hodinách/);

    await page.getByLabel('Majitel účtu').fill('Jana Nováková');
    await page.getByLabel('IBAN nebo číslo účtu').fill('19-2000145398/0800');
    await page.getByRole('button', { name: 'Přidat účet' }).click();
    await page.locator('#bank-account-error').getByText('Číslo účtu nesedí').waitFor();
    assert.equal(await page.getByLabel('IBAN nebo číslo účtu').getAttribute('aria-invalid'), 'true');

    const sentBefore = ctx().smtp.messages.length;
    await page.getByLabel('IBAN nebo číslo účtu').fill('19-2000145399/0800');
    await page.getByRole('button', { name: 'Přidat účet' }).click();
    const list = page.getByTestId('bank-account-list');
    await list.getByRole('heading', { name: 'CZ65 **** **** **** **** 5399' }).waitFor();
    await list.getByText(/Čeká na potvrzení/).waitFor();
    await list.getByText('Česká spořitelna, a.s.').waitFor();
    await page.getByTestId('payout-hold').waitFor();
    assert.equal(
      await page.getByLabel('IBAN nebo číslo účtu').inputValue(),
      '',
      'the form is ready for another',
    );
    assert.ok(!((await list.textContent()) ?? '').includes('2000145399'), 'the list shows the number masked');
    assert.ok((await horizontalOverflow(page)) <= 0, 'no sideways scrolling on a phone');
    await saveScreenshot(page, 'bank-accounts-phone.png');

    const mail = await waitForNewMail(email, /přidán bankovní účet/, sentBefore);
    const token = /#token=([^\s]+)/.exec(mail.text ?? '')?.[1];
    assert.ok(token, mail.text);
    // The link opens in a new tab of the same browser, as from a mail client.
    const fromMail = await page.context().newPage();
    await fromMail.goto(urlOf(`/bank-accounts#token=${token}`));
    await fromMail.getByText('Účet CZ65 **** **** **** **** 5399 je ověřený.').waitFor();
    await fromMail
      .getByTestId('bank-account-state')
      .getByText(/Ověřený/)
      .waitFor();
    assert.equal(new URL(fromMail.url()).hash, '', 'the token is taken out of the address bar');

    await fromMail.getByRole('button', { name: /^Odebrat/ }).click();
    await fromMail.getByRole('button', { name: /Ano, odebrat účet/ }).click();
    await fromMail.getByText('Zatím nemáte žádný bankovní účet').waitFor();
    // The one expected failure: the mistyped number, refused with 400.
    assert.deepEqual(
      problems.filter((problem) => !problem.includes('status of 400')),
      [],
    );
    assert.equal(problems.length, 1, problems.join('\n'));
  });
  it('when two shoppers enter one IBAN, then finance sees it flagged on the shared-IBAN page', async () => {
    const { page, problems } = await newPage();
    const client = { ip: '127.0.0.1', userAgent: 'e2e' };
    const { bankAccounts } = ctx().app.services;
    const shoppers: string[] = [];
    for (const label of ['one', 'two']) {
      const email = `e2e-bank-shared-${label}-${randomBytes(6).toString('hex')}@example.test`;
      const userId = await createVerifiedAccount(page, email);
      await bankAccounts.add(
        userId,
        { account: 'SK08 0900 0000 0001 2312 3123', holderName: `Holder ${label}` },
        client,
      );
      shoppers.push(userId);
    }
    const financeEmail = `e2e-bank-finance-${randomBytes(6).toString('hex')}@example.test`;
    const financeId = await createVerifiedAccount(page, financeEmail);
    await ctx().database.manager.update(User, { id: financeId }, { role: 'finance' });
    await logInThroughForm(page, financeEmail);

    await page.goto(urlOf('/admin'));
    await page.getByRole('link', { name: 'Sdílené IBANy' }).click();
    await page.getByRole('heading', { level: 1, name: 'IBANy u více zákazníků' }).waitFor();
    const row = page
      .getByTestId('shared-iban-table')
      .getByRole('row', { name: /SK08 0900 0000 0001 2312 3123/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    for (const userId of shoppers) assert.ok(text.includes(`zákazník ${userId}`), text);
    assert.ok(text.includes('GIBASKBX'), text);
    assert.deepEqual(problems, []);
  });
  it('when the mailed link is opened logged out, then after logging in the account is verified', async () => {
    const email = `e2e-bank-later-${randomBytes(6).toString('hex')}@example.test`;
    const { page: setup } = await newPage();
    const userId = await createVerifiedAccount(setup, email);
    const sentBefore = ctx().smtp.messages.length;
    await ctx().app.services.bankAccounts.add(
      userId,
      { account: '19-2000145399/0800', holderName: 'Later' },
      { ip: '127.0.0.1', userAgent: 'e2e' },
    );
    const mail = await waitForNewMail(email, /přidán bankovní účet/, sentBefore);
    const token = /#token=([^\s]+)/.exec(mail.text ?? '')?.[1];
    assert.ok(token, mail.text);

    const { page, problems } = await newPage();
    await page.goto(urlOf(`/bank-accounts#token=${token}`));
    await page.getByRole('heading', { level: 1, name: 'Přihlášení' }).waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Heslo', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
    await page.getByText('Účet CZ65 **** **** **** **** 5399 je ověřený.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/bank-accounts');
    assert.deepEqual(problems, []);
  });
});
