import { timingSafeEqual } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/logger.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import { verifyWebhook } from '../../platform/security/standard-webhooks.js';
import type { ApplyOutcome, ConversionsService } from '../conversions/conversions.service.js';
import { Network } from '../networks/network.entity.js';
import { ADAPTERS } from './adapters/presets.js';
import type { PostbackEvent, RawPostback } from './adapters/adapter.js';
import type { NetworkSecretsService } from './network-secrets.service.js';
import { PostbackInbox } from './postback-inbox.entity.js';

const NETWORK_CACHE_MS = 10_000;
/** The headers kept with the raw message (the signature itself is not needed to replay). */
const KEPT_HEADERS = ['content-type', 'webhook-id', 'webhook-timestamp', 'user-agent'];

export interface PostbackAnswer {
  status: 200 | 202 | 409;
  body: { status: string; conversionId?: string; detail?: string };
}

const STATUS_OF: Record<ApplyOutcome['kind'], PostbackAnswer['status']> = {
  accepted: 200,
  duplicate: 200,
  ignored: 200,
  unattributed: 202,
  conflict: 409,
};

/**
 * Postback intake (DESIGN §5): find the network, check where the call comes from and who signed
 * it, parse it with the network's adapter, then — in one transaction — store the raw message,
 * apply it to the conversion and its ledger, and record the outcome. We answer only after that
 * commit. Bad input is refused before anything is written.
 */
export class PostbacksService {
  private readonly networks = new Map<string, { network: Network | null; until: number }>();

  constructor(
    private readonly deps: {
      database: Database;
      clock: Clock;
      logger: Logger;
      secrets: NetworkSecretsService;
      conversions: ConversionsService;
    },
  ) {}

  private async network(slug: string): Promise<Network> {
    const now = this.deps.clock.now().getTime();
    let cached = this.networks.get(slug);
    if (!cached || cached.until <= now) {
      const network = await this.deps.database.manager.findOneBy(Network, { slug, isActive: true });
      cached = { network, until: now + NETWORK_CACHE_MS };
      this.networks.set(slug, cached);
    }
    if (!cached.network)
      throw new AppError('POSTBACK_UNKNOWN_NETWORK', 404, 'There is no active network with this address.');
    return cached.network;
  }

  invalidate(): void {
    this.networks.clear();
  }

  async receive(slug: string, raw: RawPostback, sourceIp: string | null): Promise<PostbackAnswer> {
    const network = await this.network(slug);
    this.checkSource(network, sourceIp);
    await this.authenticate(network, raw);
    const event = this.parse(network, raw);
    const query = new URLSearchParams(raw.query);
    query.delete('token');
    const headers = Object.fromEntries(
      KEPT_HEADERS.filter((name) => raw.headers[name]).map((name) => [name, raw.headers[name]!]),
    );
    const inbox = {
      networkId: network.id,
      receivedAt: this.deps.clock.now(),
      method: raw.method,
      sourceIp,
      headers,
      query: query.toString(),
      body: raw.body.toString('utf8'),
      verified: true,
    };
    try {
      const outcome = await this.deps.database.transaction(async (manager) => {
        const inserted = await manager.insert(PostbackInbox, {
          ...inbox,
          outcome: null,
          httpStatus: null,
          errorCode: null,
          conversionId: null,
          processedAt: null,
        });
        const stored = { id: String((inserted.identifiers[0] as { id: string | number }).id) };
        const result = await this.deps.conversions.apply(
          manager,
          { networkId: network.id, ...event },
          {
            source: 'postback',
            inboxId: stored.id,
            createdBy: `postback:${stored.id}`,
          },
        );
        await manager.update(
          PostbackInbox,
          { id: stored.id },
          {
            outcome: result.kind,
            httpStatus: STATUS_OF[result.kind],
            conversionId: result.conversionId,
            processedAt: this.deps.clock.now(),
          },
        );
        return result;
      });
      return answer(outcome);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) throw error;
      // Keep the message even when processing failed, so it can be replayed once fixed.
      await this.deps.database
        .run((manager) =>
          manager.insert(PostbackInbox, {
            ...inbox,
            outcome: 'error',
            httpStatus: 500,
            errorCode: 'PROCESSING_FAILED',
            conversionId: null,
            processedAt: null,
          }),
        )
        .catch((storeError: unknown) =>
          this.deps.logger.error({ err: storeError }, 'could not store a failed postback'),
        );
      throw error;
    }
  }

  /** Reprocesses stored messages (idempotently): the replay command and operators use this. */
  async replay(inbox: PostbackInbox): Promise<ApplyOutcome> {
    const network = await this.deps.database.manager.findOneByOrFail(Network, { id: inbox.networkId });
    const raw: RawPostback = {
      method: inbox.method,
      contentType: inbox.headers['content-type'] ?? '',
      query: new URLSearchParams(inbox.query),
      body: Buffer.from(inbox.body, 'utf8'),
      headers: inbox.headers,
    };
    const event = this.parse(network, raw);
    return this.deps.database.transaction(async (manager) => {
      const result = await this.deps.conversions.apply(
        manager,
        { networkId: network.id, ...event },
        {
          source: 'replay',
          inboxId: inbox.id,
          createdBy: `replay:${inbox.id}`,
        },
      );
      await manager.update(
        PostbackInbox,
        { id: inbox.id },
        {
          outcome: result.kind,
          httpStatus: STATUS_OF[result.kind],
          conversionId: result.conversionId,
          processedAt: this.deps.clock.now(),
          errorCode: null,
        },
      );
      return result;
    });
  }

  private checkSource(network: Network, sourceIp: string | null): void {
    const allowlist = network.settings.ipAllowlist;
    if (typeof allowlist !== 'string' || allowlist.trim() === '') return;
    const trusted = proxyaddr.compile(
      allowlist
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
    if (!sourceIp || !trusted(sourceIp, 0)) {
      throw new AppError(
        'POSTBACK_IP_NOT_ALLOWED',
        403,
        'Postbacks for this network are not accepted from this address.',
      );
    }
  }

  private async authenticate(network: Network, raw: RawPostback): Promise<void> {
    const credentials = await this.deps.secrets.credentials(network.id);
    if (network.kind === 'signed') {
      const verdict = verifyWebhook(
        {
          id: raw.headers['webhook-id'],
          timestamp: raw.headers['webhook-timestamp'],
          signature: raw.headers['webhook-signature'],
        },
        raw.body,
        credentials.hmacKeys,
        this.deps.clock.now(),
      );
      if (!verdict.ok)
        throw new AppError(
          'POSTBACK_BAD_SIGNATURE',
          401,
          `The signature does not verify (${verdict.reason}).`,
        );
      return;
    }
    const token = raw.query.get('token');
    const presented = token ? Buffer.from(sha256Hex(token), 'hex') : undefined;
    const matches = presented
      ? credentials.tokenHashes.some((hash) => timingSafeEqual(Buffer.from(hash, 'hex'), presented))
      : false;
    if (!matches) throw new AppError('POSTBACK_BAD_TOKEN', 401, 'The token is missing or wrong.');
  }

  private parse(network: Network, raw: RawPostback): PostbackEvent {
    return ADAPTERS[network.kind](raw, network.settings);
  }
}

function answer(outcome: ApplyOutcome): PostbackAnswer {
  const body = { status: outcome.kind, conversionId: outcome.conversionId };
  if (outcome.kind === 'conflict' || outcome.kind === 'ignored')
    return { status: STATUS_OF[outcome.kind], body: { ...body, detail: outcome.why } };
  return { status: STATUS_OF[outcome.kind], body };
}
