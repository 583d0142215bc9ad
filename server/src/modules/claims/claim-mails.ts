import type { Language } from '@shared/markets.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';

/** The decisions the shopper is told about. */
export type ClaimMailKind = 'needs_info' | 'accepted' | 'rejected' | 'resolved';

interface ClaimMailFacts {
  shop: string;
  orderNumber: string;
  reason: string | null;
  link: string;
}

type MailText = { subject: (facts: ClaimMailFacts) => string; text: (facts: ClaimMailFacts) => string };

const reasonLine = (label: string, reason: string | null) => (reason ? `${label}: ${reason}\n\n` : '');

/** Claim mail copy, written per language rather than translated word for word. */
const MAILS: Record<ClaimMailKind, Record<Language, MailText>> = {
  needs_info: {
    cs: {
      subject: (f) => `Reklamace nákupu v ${f.shop}: potřebujeme od vás doplnění`,
      text: (f) =>
        `Dobrý den,\n\nk reklamaci nákupu v ${f.shop} (objednávka ${f.orderNumber}) od vás ještě něco potřebujeme.\n\n` +
        reasonLine('Co potřebujeme', f.reason) +
        `Odpovědět můžete přímo u reklamace: ${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: (f) => `Reklamácia nákupu v ${f.shop}: potrebujeme od vás doplnenie`,
      text: (f) =>
        `Dobrý deň,\n\nk reklamácii nákupu v ${f.shop} (objednávka ${f.orderNumber}) od vás ešte niečo potrebujeme.\n\n` +
        reasonLine('Čo potrebujeme', f.reason) +
        `Odpovedať môžete priamo pri reklamácii: ${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: (f) => `Your claim for ${f.shop}: we need a little more`,
      text: (f) =>
        `Hello,\n\nwe need something more from you for your claim for a purchase at ${f.shop} (order ${f.orderNumber}).\n\n` +
        reasonLine('What we need', f.reason) +
        `You can answer right on the claim: ${f.link}\n\nThe Vratka team`,
    },
  },
  accepted: {
    cs: {
      subject: (f) => `Reklamaci nákupu v ${f.shop} jsme uznali`,
      text: (f) =>
        `Dobrý den,\n\nreklamaci nákupu v ${f.shop} (objednávka ${f.orderNumber}) jsme uznali. ` +
        `Nákup teď najdete mezi svými nákupy s cashbackem ve stavu „čeká na potvrzení“; ` +
        `jakmile ho obchod potvrdí, cashback vám připíšeme.\n\n${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: (f) => `Reklamáciu nákupu v ${f.shop} sme uznali`,
      text: (f) =>
        `Dobrý deň,\n\nreklamáciu nákupu v ${f.shop} (objednávka ${f.orderNumber}) sme uznali. ` +
        `Nákup teraz nájdete medzi svojimi nákupmi s cashbackom v stave „čaká na potvrdenie“; ` +
        `keď ho obchod potvrdí, cashback vám pripíšeme.\n\n${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: (f) => `We accepted your claim for ${f.shop}`,
      text: (f) =>
        `Hello,\n\nwe accepted your claim for a purchase at ${f.shop} (order ${f.orderNumber}). ` +
        `It is now among your purchases as awaiting confirmation; once the shop confirms it, ` +
        `the cashback is yours.\n\n${f.link}\n\nThe Vratka team`,
    },
  },
  rejected: {
    cs: {
      subject: (f) => `Reklamaci nákupu v ${f.shop} jsme nemohli uznat`,
      text: (f) =>
        `Dobrý den,\n\nreklamaci nákupu v ${f.shop} (objednávka ${f.orderNumber}) jsme bohužel nemohli uznat.\n\n` +
        reasonLine('Důvod', f.reason) +
        `${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: (f) => `Reklamáciu nákupu v ${f.shop} sme nemohli uznať`,
      text: (f) =>
        `Dobrý deň,\n\nreklamáciu nákupu v ${f.shop} (objednávka ${f.orderNumber}) sme, žiaľ, nemohli uznať.\n\n` +
        reasonLine('Dôvod', f.reason) +
        `${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: (f) => `We could not accept your claim for ${f.shop}`,
      text: (f) =>
        `Hello,\n\nwe are sorry, we could not accept your claim for a purchase at ${f.shop} (order ${f.orderNumber}).\n\n` +
        reasonLine('Reason', f.reason) +
        `${f.link}\n\nThe Vratka team`,
    },
  },
  resolved: {
    cs: {
      subject: (f) => `Nákup v ${f.shop} se našel`,
      text: (f) =>
        `Dobrý den,\n\nobchod nám nákup v ${f.shop} (objednávka ${f.orderNumber}) mezitím nahlásil sám, ` +
        `takže je vyřízeno: najdete ho mezi svými nákupy s cashbackem.\n\n${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: (f) => `Nákup v ${f.shop} sa našiel`,
      text: (f) =>
        `Dobrý deň,\n\nobchod nám nákup v ${f.shop} (objednávka ${f.orderNumber}) medzitým nahlásil sám, ` +
        `takže je vybavené: nájdete ho medzi svojimi nákupmi s cashbackom.\n\n${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: (f) => `Your purchase at ${f.shop} has turned up`,
      text: (f) =>
        `Hello,\n\nthe shop has since reported your purchase at ${f.shop} (order ${f.orderNumber}) itself, ` +
        `so your claim is settled: you will find it among your purchases.\n\n${f.link}\n\nThe Vratka team`,
    },
  },
};

export function claimMail(
  kind: ClaimMailKind,
  language: Language,
  to: string,
  facts: ClaimMailFacts,
): OutgoingMail {
  const mail = MAILS[kind][language];
  return { to, subject: mail.subject(facts), text: mail.text(facts) };
}
