import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer, jsonTransformer } from '../../platform/db/transformers.js';

export type ActorKind = 'user' | 'staff' | 'system' | 'anonymous';

/** One account-changing action. Rows are only ever inserted. */
@Entity('audit_log')
export class AuditEntry {
  @IdColumn()
  id!: string;

  @Column({ name: 'actor_user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  actorUserId!: string | null;

  @Column({ name: 'subject_user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  subjectUserId!: string | null;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: ActorKind;

  @Column({ type: 'varchar', length: 48 })
  action!: string;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 400, nullable: true })
  userAgent!: string | null;

  @Column({ name: 'before_json', type: 'text', nullable: true, transformer: jsonTransformer })
  before!: Record<string, unknown> | null;

  @Column({ name: 'after_json', type: 'text', nullable: true, transformer: jsonTransformer })
  after!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
