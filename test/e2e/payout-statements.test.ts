import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { Payout } from '../../server/src/modules/payouts/payout.entity.js';
import {
  closePages,
  createVerifiedAccount,
  logInThroughForm,
  newPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';
import { demoNetwork } from '../helpers/money-path.js';
import { exportBatch, shopperWithPayout, withRole } from '../helpers/payouts.js';

describe('bank statement import in a browser', () => {
  before(async () => {
    await demoNetwork();
    await startBrowser();
  });
  afterEach(closePages);
  after(stopBrowser);

  it('when finance uploads a statement, then the exported payout it names is paid and the unknown line is listed', async () => {
    // An exported payout, as the queue leaves it: approved by one colleague, exported by another.
    const shopper = await shopperWithPayout('e2e-stmt', 24000);
    const approver = await withRole('finance', 'e2e-stmt-approver');
    const exporter = await withRole('finance', 'e2e-stmt-exporter');
    await approver.browser.post(`/api/v1/admin/payouts/${shopper.payoutId}/approve`).expect(200);
    await exportBatch(exporter, { currency: 'CZK', payoutIds: [shopper.payoutId] });
    const { reference } = await ctx().database.manager.findOneByOrFail(Payout, { id: shopper.payoutId });

    const email = `e2e-stmt-${randomBytes(6).toString('hex')}@example.test`;
    const { page, problems } = await newPage();
    const financeId = await createVerifiedAccount(page, email);
    await ctx().database.manager.update(User, { id: financeId }, { role: 'finance' });
    await logInThroughForm(page, email);
    await page.goto(urlOf('/admin'));
    await page.getByRole('link', { name: 'Bankovní výpisy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import bankovního výpisu' }).waitFor();

    await page.getByLabel('Formát výpisu').selectOption('csv');
    await page.getByLabel('Soubor s výpisem').setInputFiles({
      name: 'vypis.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Datum;Objem;Měna;Protiúčet;Kód banky;VS;Zpráva pro příjemce\n` +
          `02.03.2026;-240,00;CZK;19-2000145399;0800;${reference};Výplata Vratka\n` +
          `02.03.2026;-99,00;CZK;123456789;0100;4242424242;Něco jiného\n`,
      ),
    });
    await page.getByRole('button', { name: 'Zkontrolovat výpis' }).click();
    await page.getByText('Zatím jen náhled: žádná výplata se nezměnila.').waitFor();
    await page.getByTestId('statement-matched').getByText('Označí se jako vyplacené').waitFor();
    assert.equal(
      (await ctx().database.manager.findOneByOrFail(Payout, { id: shopper.payoutId })).state,
      'exported',
    );

    await page.getByRole('button', { name: 'Označit 1 výplatu jako vyplacenou' }).click();
    const matched = page.getByTestId('statement-matched').getByRole('row', { name: new RegExp(reference!) });
    await matched.getByText('Označeno jako vyplacené').waitFor();
    const unmatched = page.getByTestId('statement-unmatched').getByRole('row', { name: /4242424242/ });
    await unmatched.getByText('Není to naše výplata').waitFor();
    await page.getByRole('heading', { name: 'Dřívější importy' }).waitFor();
    await saveScreenshot(page, 'payout-statements.png');

    assert.equal(
      (await ctx().database.manager.findOneByOrFail(Payout, { id: shopper.payoutId })).state,
      'paid',
    );
    assert.deepEqual(problems, []);
  });
});
