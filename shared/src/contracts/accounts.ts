import { z } from 'zod';
import { MARKETING_CATEGORIES, type MarketingCategory } from '../legal.js';
import { LANGUAGES, MARKET_CODES } from '../markets.js';
import { CursorQuery, LimitQuery, pageOf } from './common.js';

export const ROLES = ['shopper', 'support', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PROVIDERS = ['facebook', 'mojeid'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const TOKEN_SCOPES = ['read', 'payouts'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'not a valid e-mail address' }))
  .transform((email) => email.toLowerCase());

/** Length only: composition rules make passwords weaker, the breached-list check happens on the server. */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

const CurrentPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const MarketingConsentsSchema = z
  .object(Object.fromEntries(MARKETING_CATEGORIES.map((category) => [category, z.boolean().optional()])))
  .strict()
  .meta({ id: 'MarketingConsents' });

/** Every category, each stated: the settings form replaces the shopper's whole choice. */
export const MarketingChoiceSchema = z
  .object(
    Object.fromEntries(MARKETING_CATEGORIES.map((category) => [category, z.boolean()])) as Record<
      MarketingCategory,
      z.ZodBoolean
    >,
  )
  .strict()
  .meta({ id: 'MarketingChoice' });
export type MarketingChoice = z.infer<typeof MarketingChoiceSchema>;

/**
 * The id of a version of the terms or the privacy notice. Which one is current is the server's
 * call (it depends on the date), so the schema checks the shape and the service the value.
 */
export const LegalVersionIdSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/, 'not a document version');

export const RegisterRequestSchema = z
  .object({
    email: EmailSchema,
    password: NewPasswordSchema,
    market: z.enum(MARKET_CODES),
    language: z.enum(LANGUAGES),
    adultConfirmed: z.literal(true, { message: 'the service is only for people aged 18 or over' }),
    termsVersion: LegalVersionIdSchema,
    privacyVersion: LegalVersionIdSchema,
    marketing: MarketingConsentsSchema.optional(),
  })
  .strict()
  .meta({ id: 'RegisterRequest' });
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

export const AcceptedResponseSchema = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .meta({ id: 'Accepted' });

export const LoginRequestSchema = z
  .object({ email: EmailSchema, password: CurrentPasswordSchema, remember: z.boolean().default(false) })
  .strict()
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const MeSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    role: z.enum(ROLES),
    market: z.enum(MARKET_CODES),
    language: z.enum(LANGUAGES),
    displayName: z.string().nullable(),
    hasPassword: z.boolean(),
    /** Accounts created through a provider confirm 18+ and the terms before first use. */
    onboardingRequired: z.boolean(),
    /** A newer version of the terms or the privacy notice is in effect: accept it before going on. */
    mustAcceptTerms: z.boolean(),
    /** The versions this shopper accepted, and when (null before onboarding). */
    termsVersion: z.string().nullable(),
    termsAcceptedAt: z.iso.datetime().nullable(),
    privacyVersion: z.string().nullable(),
    privacyAcceptedAt: z.iso.datetime().nullable(),
    providers: z.array(z.enum(PROVIDERS)),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const LoginResponseSchema = z
  .object({ user: MeSchema, csrfToken: z.string() })
  .meta({ id: 'LoginResponse' });

export const LegalVersionSchema = z
  .object({ version: z.string(), effectiveFrom: z.iso.datetime() })
  .meta({ id: 'LegalVersion' });
const LegalDocumentStateSchema = z
  .object({
    current: LegalVersionSchema,
    /** Announced and not in effect yet (at least a month ahead); null when nothing is announced. */
    next: LegalVersionSchema.nullable(),
  })
  .meta({ id: 'LegalDocumentState' });
export const LegalStateSchema = z
  .object({ terms: LegalDocumentStateSchema, privacy: LegalDocumentStateSchema })
  .meta({ id: 'LegalState' });

export const SessionStateSchema = z
  .object({
    user: MeSchema.nullable(),
    /** Which social logins this instance offers, so the client shows only working buttons. */
    providers: z.object({ facebook: z.boolean(), mojeid: z.boolean() }),
    /** The terms and privacy notice in effect now, and any announced change. */
    legal: LegalStateSchema,
  })
  .meta({ id: 'SessionState' });

export const CsrfResponseSchema = z.object({ csrfToken: z.string() }).meta({ id: 'CsrfToken' });

export const TokenRequestSchema = z.object({ token: z.string().min(10).max(1000) }).strict();

export const PasswordResetRequestSchema = z.object({ email: EmailSchema }).strict();
export const PasswordResetConfirmSchema = z
  .object({ token: z.string().min(10).max(1000), password: NewPasswordSchema })
  .strict();

export const ProfilePatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(120).nullable().optional(),
    language: z.enum(LANGUAGES).optional(),
    market: z.enum(MARKET_CODES).optional(),
  })
  .strict()
  .meta({ id: 'ProfilePatch' });
export type ProfilePatch = z.infer<typeof ProfilePatchSchema>;

export const OnboardingRequestSchema = z
  .object({
    adultConfirmed: z.literal(true, { message: 'the service is only for people aged 18 or over' }),
    termsVersion: LegalVersionIdSchema,
    privacyVersion: LegalVersionIdSchema,
    market: z.enum(MARKET_CODES),
    language: z.enum(LANGUAGES),
    marketing: MarketingConsentsSchema.optional(),
  })
  .strict();

/** Accepting the versions now in effect, after they changed (both, as the acceptance page shows them). */
export const TermsAcceptanceSchema = z
  .object({ termsVersion: LegalVersionIdSchema, privacyVersion: LegalVersionIdSchema })
  .strict()
  .meta({ id: 'TermsAcceptance' });
export type TermsAcceptance = z.infer<typeof TermsAcceptanceSchema>;

export const PreferencesSchema = z
  .object({
    language: z.enum(LANGUAGES),
    /** Marketing e-mail consent per category; each change is one row of the consent log. */
    marketing: MarketingChoiceSchema,
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const PreferencesUpdateSchema = z
  .object({
    /** The whole choice: every category, consenting or not. */
    marketing: MarketingChoiceSchema,
    /** Optional; the same as changing the language in the profile. */
    language: z.enum(LANGUAGES).optional(),
  })
  .strict()
  .meta({ id: 'PreferencesUpdate' });
export type PreferencesUpdate = z.infer<typeof PreferencesUpdateSchema>;

export const PasswordChangeSchema = z
  .object({
    currentPassword: CurrentPasswordSchema,
    newPassword: NewPasswordSchema,
    endOtherSessions: z.boolean().default(true),
  })
  .strict();

export const EmailChangeSchema = z
  .object({ currentPassword: CurrentPasswordSchema, newEmail: EmailSchema })
  .strict();

export const SessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'Session' });
export const SessionListSchema = z.object({ items: z.array(SessionSchema) }).meta({ id: 'SessionList' });

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    action: z.string(),
    actor: z.enum(['self', 'staff', 'system']),
    createdAt: z.iso.datetime(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });
export const AuditPageSchema = pageOf(AuditEntrySchema, 'AuditPage');
export const PageQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) }).meta({ id: 'ApiTokenList' });
export const ApiTokenCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
    expiresInDays: z.number().int().min(1).max(730).optional(),
  })
  .strict();
export const ApiTokenCreatedSchema = ApiTokenSchema.extend({
  token: z.string().meta({ description: 'Shown once; store it now.' }),
}).meta({ id: 'ApiTokenCreated' });

export const IdParamsSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,18}$/, 'not an id') }).strict();
export const SessionIdParamsSchema = z
  .object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'not a session id') })
  .strict();
export const ProviderParamsSchema = z.object({ provider: z.enum(PROVIDERS) }).strict();

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    role: z.enum(ROLES),
    market: z.enum(MARKET_CODES),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminUser' });
export const AdminUserPageSchema = pageOf(AdminUserSchema, 'AdminUserPage');
export const AdminUserQuerySchema = z
  .object({ email: z.string().trim().max(254).optional(), limit: LimitQuery, cursor: CursorQuery })
  .strict();
export const RoleChangeSchema = z.object({ role: z.enum(ROLES) }).strict();
