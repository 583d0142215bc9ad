import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { bankName, toBankText } from '../../server/src/modules/payouts/exports/bank-text.js';
import { czechDomesticCsv } from '../../server/src/modules/payouts/exports/czech-domestic-csv.js';
import { pain001 } from '../../server/src/modules/payouts/exports/pain001.js';

const XSD = fs.readFileSync(path.resolve('test/fixtures/iso20022/pain.001.001.03.xsd'), 'utf8');
const SEPA_SET = /^[A-Za-z0-9/\-?:().,'+ ]*$/;
const debtor = { name: 'Vratka s.r.o.', iban: 'CZ7508000000001000000005', bic: 'GIBACZPX' };

async function valid(xml: string): Promise<{ valid: boolean; rawOutput: string }> {
  return validateXML({
    xml: [{ fileName: 'file.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.03.xsd', contents: XSD }],
  });
}

describe('bank files', () => {
  it('transliterates into the SEPA character set: marks dropped, known letters spelled out, the rest spaces', () => {
    assert.equal(
      toBankText('Příliš žluťoučký kůň úpěl ďábelské ódy'),
      'Prilis zlutoucky kun upel dabelske ody',
    );
    assert.equal(toBankText('Straße & Søn <b>"x"</b>_1'), "Strasse + Son b 'x' /b -1");
    assert.equal(toBankText('Łódź\tŁuk\n€ 5'), 'Lodz Luk 5');
    assert.equal(bankName('  -=+Jana', 70), 'Jana', 'no formula start in a spreadsheet');
    assert.equal(bankName('😀', 70), 'UNKNOWN');
    assert.equal(bankName('Ž'.repeat(100), 70), 'Z'.repeat(70));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const name = bankName(text, 70);
        return (
          SEPA_SET.test(toBankText(text)) && SEPA_SET.test(name) && name.length >= 1 && name.length <= 70
        );
      }),
    );
  });

  it('writes exact decimal amounts from minor units, and CSV fields a separator cannot break', () => {
    const csv = czechDomesticCsv([
      {
        iban: 'CZ6508000000192000145399',
        amountMinor: 9_007_199_254_740_991n,
        reference: '1000000017',
        message: 'Vratka cashback 1000000017',
        payeeName: 'Jana Nováková',
      },
      {
        iban: 'CZ7508000000001000000005',
        amountMinor: 1n,
        reference: '1000000018',
        message: 'a;b',
        payeeName: 'Petr',
      },
    ]);
    assert.deepEqual(csv.split('\r\n'), [
      'account_prefix;account_number;bank_code;amount;currency;variable_symbol;message;payee_name',
      '19;2000145399;0800;90071992547409.91;CZK;1000000017;Vratka cashback 1000000017;Jana Novakova',
      ';1000000005;0800;0.01;CZK;1000000018;a b;Petr',
      '',
    ]);
    assert.throws(
      () =>
        czechDomesticCsv([
          { iban: 'SK9509000000001000000005', amountMinor: 1n, reference: '1', message: '', payeeName: 'x' },
        ]),
      /not a Czech IBAN/,
    );
  });

  it('makes a pain.001 valid against the XSD for any names and amounts, its control sum exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            amountMinor: fc.bigInt({ min: 1n, max: 99_999_999_999n }),
            creditorName: fc.string({ maxLength: 140 }),
            message: fc.string({ maxLength: 300 }),
            withBic: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.constantFrom('EUR' as const, 'CZK' as const),
        async (transfers, currency) => {
          const xml = pain001({
            messageId: 'VRATKA-BATCH-1',
            createdAt: new Date('2026-12-05T10:00:00.000Z'),
            currency,
            debtor,
            transfers: transfers.map((transfer, index) => ({
              endToEndId: `VRATKA-PAYOUT-${index + 1}`,
              reference: String(1_000_000_001 + index),
              amountMinor: transfer.amountMinor,
              creditorName: transfer.creditorName,
              creditorIban: 'CZ6508000000192000145399',
              creditorBic: transfer.withBic ? 'GIBACZPX' : null,
              message: transfer.message,
            })),
          });
          const result = await valid(xml);
          assert.equal(result.valid, true, result.rawOutput);
          const sum = transfers.reduce((total, transfer) => total + transfer.amountMinor, 0n);
          const controlSum = `${sum / 100n}.${(sum % 100n).toString().padStart(2, '0')}`;
          assert.equal(xml.split(`<CtrlSum>${controlSum}</CtrlSum>`).length, 3);
        },
      ),
      { numRuns: 15 },
    );
    assert.throws(
      () => pain001({ messageId: 'x', createdAt: new Date(), currency: 'EUR', debtor, transfers: [] }),
      /at least one transfer/,
    );
  });

  it('takes the debtor accounts from the configuration: stand-ins in development, none in production, both parts or neither', () => {
    assert.equal(loadConfig({}).payoutDebtors.CZK?.iban, 'CZ7508000000001000000005');
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-session-secret-that-is-long-enough',
      APP_KEYS: `1:${Buffer.alloc(32, 7).toString('base64')}`,
      PUBLIC_URL: 'https://vratka.example',
      SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
      SMTP_URL: 'smtp://mail.vratka.example:587',
    };
    assert.deepEqual(loadConfig(production).payoutDebtors, {});
    const configured = loadConfig({
      ...production,
      PAYOUT_DEBTOR_NAME: 'Vratka s.r.o.',
      PAYOUT_DEBTOR_CZK_IBAN: 'CZ75 0800 0000 0010 0000 0005',
      PAYOUT_DEBTOR_CZK_BIC: 'gibaczpx',
    });
    assert.deepEqual(configured.payoutDebtors, {
      CZK: { name: 'Vratka s.r.o.', iban: 'CZ7508000000001000000005', bic: 'GIBACZPX' },
    });
    assert.throws(
      () =>
        loadConfig({
          PAYOUT_DEBTOR_NAME: 'Vratka',
          PAYOUT_DEBTOR_EUR_IBAN: 'CZ1008000000002800000008',
          PAYOUT_DEBTOR_CZK_IBAN: 'SK9509000000001000000005',
          PAYOUT_DEBTOR_CZK_BIC: 'GIBASKBX',
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PAYOUT_DEBTOR_EUR_IBAN and PAYOUT_DEBTOR_EUR_BIC: set both/.test(error.message) &&
        /PAYOUT_DEBTOR_CZK_IBAN: CZK payouts go out from a Czech account/.test(error.message),
    );
  });
});
