import type { z } from 'zod';
import { SharedIbanPageSchema } from '@shared/contracts/bank-accounts.js';
import { pageQuery, request } from './client.js';

/** Staff: IBANs that several shoppers entered (finance and admins; each read is audited). */

export type SharedIbanPage = z.infer<typeof SharedIbanPageSchema>;
export type SharedIban = SharedIbanPage['items'][number];

export function getSharedIbans(cursor: string | undefined, signal?: AbortSignal): Promise<SharedIbanPage> {
  return request(
    'GET',
    `/admin/bank-accounts/shared-ibans?${pageQuery({ limit: 20, cursor })}`,
    SharedIbanPageSchema,
    { signal },
  );
}
