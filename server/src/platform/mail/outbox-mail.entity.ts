import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer, jsonTransformer } from '../db/transformers.js';

/**
 * A message waiting to be sent. Written in the same transaction as its cause, so a mail is sent
 * if and only if the change that caused it committed; the dispatcher delivers it afterwards.
 */
@Entity('mail_outbox')
export class OutboxMail {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  category!: 'transactional' | 'marketing';

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody!: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody!: string | null;

  @Column({ type: 'text', transformer: jsonTransformer })
  headers!: Record<string, string>;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
