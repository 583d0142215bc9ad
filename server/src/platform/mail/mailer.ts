import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import type { Logger } from '../logger.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe for marketing mail. */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** Where a development copy was written, when the file transport is in use. */
  file?: string;
}

/**
 * Sends mail. In development the default is a file transport: each message is written as an .eml
 * file under `DATA_DIR/mail/`, so no mail server is needed and nothing leaves the machine.
 * Production uses SMTP from `SMTP_URL`.
 */
export class Mailer {
  private readonly transporter: Transporter;

  constructor(
    private readonly settings: Config['mail'],
    private readonly logger: Logger,
  ) {
    this.transporter =
      settings.transport === 'smtp'
        ? // Pooled: the outbox sends in bursts, and a connection per message would cap it at a few per second.
          (nodemailer.createTransport({ url: settings.smtpUrl, pool: true, maxConnections: 5 } as Parameters<
            typeof nodemailer.createTransport
          >[0]) as Transporter)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = (await this.transporter.sendMail({ from: this.settings.from, ...mail })) as {
      messageId: string;
      message?: Buffer;
    };
    if (this.settings.transport === 'file' && info.message) {
      await fs.mkdir(this.settings.directory, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9]/g, '')}.eml`;
      const file = path.join(this.settings.directory, name);
      await fs.writeFile(file, info.message);
      this.logger.info({ file }, 'mail written to file (development transport)');
      return { messageId: info.messageId, file };
    }
    return { messageId: info.messageId };
  }

  close(): void {
    this.transporter.close();
  }
}
