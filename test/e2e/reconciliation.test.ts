import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
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
import { demoNetwork, orderId } from '../helpers/money-path.js';

describe('network reconciliation in a browser', () => {
  before(async () => {
    await demoNetwork();
    await startBrowser();
  });
  afterEach(closePages);
  after(stopBrowser);

  it('when finance uploads a report, then the diff shows its lines and a missing purchase is created from its row', async () => {
    const email = `e2e-recon-${randomBytes(6).toString('hex')}@example.test`;
    const { page, problems } = await newPage();
    const financeId = await createVerifiedAccount(page, email);
    await ctx().database.manager.update(User, { id: financeId }, { role: 'finance' });
    await logInThroughForm(page, email);
    await page.goto(urlOf('/admin/reconciliation'));
    await page.getByRole('heading', { level: 1, name: 'Párování se sítěmi' }).waitFor();
    await page.getByTestId('finance-totals').or(page.getByText('Zatím se nepohnuly žádné peníze.')).waitFor();

    const order = orderId('E2EREC');
    await page.getByLabel('Síť').fill('demo');
    await page.getByLabel('Soubor s reportem').setInputFiles({
      name: 'report.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Číslo objednávky;Hodnota objednávky;Provize;Měna;Stav;Datum\n${order};"1 000,00";30,00;CZK;schváleno;1. 3. 2001\n`,
      ),
    });
    await page.getByRole('button', { name: 'Porovnat s našimi nákupy' }).click();
    const row = page.getByTestId('reconciliation-diff').getByRole('row', { name: new RegExp(order) });
    await row.getByText('U nás chybí').waitFor();
    await saveScreenshot(page, 'reconciliation-diff.png');
    await row.getByRole('button', { name: 'Založit nákup' }).click();
    await row.getByText(/Převzato/).waitFor();
    const created = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
    assert.equal(created.state, 'approved');
    assert.deepEqual(problems, []);
  });
});
