import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { batchFilesOf } from '../modules/payouts/index.js';

/**
 * `npm run payouts:export-sample -- <directory>`: writes the bank files of a sample EUR batch and a
 * sample CZK batch, made by the exporters the batches use, with the development debtor accounts
 * and payees whose names need transliteration and trimming. CI validates the XML with
 * `xmllint --noout --schema test/fixtures/iso20022/pain.001.001.03.xsd`. Needs no database.
 */
function main(): number {
  const directory = process.argv[2];
  if (!directory) {
    process.stderr.write('usage: npm run payouts:export-sample -- <directory>\n');
    return 2;
  }
  const { payoutDebtors } = loadConfig({ NODE_ENV: 'development' });
  fs.mkdirSync(directory, { recursive: true });
  const createdAt = new Date('2026-12-05T10:15:30.123Z');
  const payee = (id: string, amountMinor: bigint, holderName: string, iban: string, bic: string | null) => ({
    id,
    reference: String(1_000_000_000n + BigInt(id)),
    endToEndId: `VRATKA-PAYOUT-${id}`,
    amountMinor,
    holderName,
    iban,
    bic,
  });
  const batches = [
    {
      batch: { id: '9001', currency: 'EUR' as const, createdAt },
      payouts: [
        payee('41', 1500n, 'Anna Šťastná & <Syn> "Obchod"', 'SK9509000000001000000005', 'GIBASKBX'),
        payee('42', 123456n, `Jürgen Groß ${'ß'.repeat(60)}`, 'DE89370400440532013000', null),
      ],
    },
    {
      batch: { id: '9002', currency: 'CZK' as const, createdAt },
      payouts: [
        payee('43', 25500n, 'Jana Nováková', 'CZ6508000000192000145399', 'GIBACZPX'),
        payee('44', 20001n, 'Petr Dvořák; "Pepa"', 'CZ7508000000001000000005', 'GIBACZPX'),
      ],
    },
  ];
  for (const { batch, payouts } of batches) {
    const debtor = payoutDebtors[batch.currency];
    if (!debtor) throw new Error(`no development debtor for ${batch.currency}`);
    for (const file of batchFilesOf(batch, payouts, debtor)) {
      const target = path.join(directory, file.fileName);
      fs.writeFileSync(target, file.content);
      process.stdout.write(`${target}\n`);
    }
  }
  return 0;
}

process.exitCode = main();
