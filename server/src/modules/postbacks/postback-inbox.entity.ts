import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer, jsonTransformer } from '../../platform/db/transformers.js';

/** Every accepted request, raw, committed before we answer 2xx; the source of truth for replays. */
@Entity('postback_inbox')
export class PostbackInbox {
  @IdColumn()
  id!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  @Column({ name: 'source_ip', type: 'varchar', length: 45, nullable: true })
  sourceIp!: string | null;

  /** The headers that matter for processing (content type, webhook id and timestamp). */
  @Column({ type: 'text', transformer: jsonTransformer })
  headers!: Record<string, string>;

  /** Query string without the token. */
  @Column({ type: 'text' })
  query!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'boolean' })
  verified!: boolean;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome!: string | null;

  @Column({ name: 'http_status', type: 'int', nullable: true })
  httpStatus!: number | null;

  @Column({ name: 'error_code', type: 'varchar', length: 48, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'conversion_id', type: 'bigint', nullable: true, transformer: idTransformer })
  conversionId!: string | null;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;
}
