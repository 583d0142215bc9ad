import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Mailer } from '../../server/src/platform/mail/mailer.js';
import { ctx } from '../helpers/context.js';

describe('mail platform', () => {
  it('when a message is sent over SMTP, then the receiver gets it with subject, body and headers', async () => {
    await ctx().mailer.send({
      to: 'recipient-smtp@example.test',
      subject: 'Vítejte ve Vratce',
      text: 'Dobrý den, děkujeme za registraci.',
      headers: { 'List-Unsubscribe': '<https://vratka.test/u/abc>' },
    });
    const mail = await ctx().mail('recipient-smtp@example.test');
    assert.equal(mail.subject, 'Vítejte ve Vratce');
    assert.match(mail.text ?? '', /děkujeme za registraci/);
    const listUnsubscribe = mail.headerLines.find((header) => header.key === 'list-unsubscribe');
    assert.match(listUnsubscribe?.line ?? '', /<https:\/\/vratka\.test\/u\/abc>/);
  });

  it('when the development file transport is used, then the message is written as .eml', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-mail-'));
    const mailer = new Mailer(
      { transport: 'file', smtpUrl: undefined, from: 'Vratka <no-reply@localhost>', directory },
      ctx().logger,
    );
    try {
      const sent = await mailer.send({ to: 'file@example.test', subject: 'Soubor', text: 'Obsah zprávy' });
      assert.ok(sent.file);
      const content = fs.readFileSync(sent.file, 'utf8');
      assert.match(content, /To: file@example\.test/);
      assert.match(content, /Subject: Soubor/);
    } finally {
      mailer.close();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
