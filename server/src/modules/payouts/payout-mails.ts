import type { PayoutState } from '@shared/contracts/payouts.js';
import { LOCALE_OF, type Currency, type Language } from '@shared/markets.js';
import { formatMoney } from '@shared/money.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';

/** The states the shopper is told about (`exported` is internal to finance). */
export type PayoutMailKind = Exclude<PayoutState, 'exported'>;

interface PayoutMailFacts {
  amount: string;
  reference: string;
  reason: string | null;
  link: string;
}

type MailText = { subject: string; text: (facts: PayoutMailFacts) => string };

const reasonLine = (label: string, reason: string | null) => (reason ? `${label}: ${reason}\n` : '');

/** Payout mail copy, written per language rather than translated word for word. */
const MAILS: Record<PayoutMailKind, Record<Language, MailText>> = {
  requested: {
    cs: {
      subject: 'Žádost o výplatu jsme přijali',
      text: (f) =>
        `Dobrý den,\n\nžádost o výplatu ${f.amount} jsme přijali (variabilní symbol ${f.reference}). ` +
        `Částku jsme vám zatím zablokovali na účtu ve Vratce; jakmile ji zkontrolujeme a odešleme, dáme vědět.\n\n` +
        `Přehled výplat: ${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Žiadosť o výplatu sme prijali',
      text: (f) =>
        `Dobrý deň,\n\nžiadosť o výplatu ${f.amount} sme prijali (variabilný symbol ${f.reference}). ` +
        `Sumu sme vám zatiaľ zablokovali na účte vo Vratke; keď ju skontrolujeme a odošleme, dáme vedieť.\n\n` +
        `Prehľad výplat: ${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: 'We have received your payout request',
      text: (f) =>
        `Hello,\n\nwe have received your request to pay out ${f.amount} (reference ${f.reference}). ` +
        `The amount is on hold in your Vratka account; we will let you know once it is checked and sent.\n\n` +
        `Your payouts: ${f.link}\n\nThe Vratka team`,
    },
  },
  cancelled: {
    cs: {
      subject: 'Výplatu jste zrušili',
      text: (f) =>
        `Dobrý den,\n\nvýplatu ${f.amount} (variabilní symbol ${f.reference}) jste zrušili. ` +
        `Částka je zase k dispozici na vašem účtu ve Vratce.\n\n${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Výplatu ste zrušili',
      text: (f) =>
        `Dobrý deň,\n\nvýplatu ${f.amount} (variabilný symbol ${f.reference}) ste zrušili. ` +
        `Suma je opäť k dispozícii na vašom účte vo Vratke.\n\n${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: 'You cancelled a payout',
      text: (f) =>
        `Hello,\n\nyou cancelled the payout of ${f.amount} (reference ${f.reference}). ` +
        `The amount is available in your Vratka account again.\n\n${f.link}\n\nThe Vratka team`,
    },
  },
  approved: {
    cs: {
      subject: 'Výplatu jsme schválili',
      text: (f) =>
        `Dobrý den,\n\nvýplatu ${f.amount} (variabilní symbol ${f.reference}) jsme schválili ` +
        `a brzy ji pošleme na váš účet.\n\n${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Výplatu sme schválili',
      text: (f) =>
        `Dobrý deň,\n\nvýplatu ${f.amount} (variabilný symbol ${f.reference}) sme schválili ` +
        `a čoskoro ju pošleme na váš účet.\n\n${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: 'Your payout is approved',
      text: (f) =>
        `Hello,\n\nwe have approved your payout of ${f.amount} (reference ${f.reference}) ` +
        `and will send it to your account soon.\n\n${f.link}\n\nThe Vratka team`,
    },
  },
  rejected: {
    cs: {
      subject: 'Výplatu jsme nemohli schválit',
      text: (f) =>
        `Dobrý den,\n\nvýplatu ${f.amount} (variabilní symbol ${f.reference}) jsme nemohli schválit.\n` +
        reasonLine('Důvod', f.reason) +
        `Částka je zase k dispozici na vašem účtu ve Vratce.\n\n${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Výplatu sme nemohli schváliť',
      text: (f) =>
        `Dobrý deň,\n\nvýplatu ${f.amount} (variabilný symbol ${f.reference}) sme nemohli schváliť.\n` +
        reasonLine('Dôvod', f.reason) +
        `Suma je opäť k dispozícii na vašom účte vo Vratke.\n\n${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: 'We could not approve your payout',
      text: (f) =>
        `Hello,\n\nwe could not approve your payout of ${f.amount} (reference ${f.reference}).\n` +
        reasonLine('Reason', f.reason) +
        `The amount is available in your Vratka account again.\n\n${f.link}\n\nThe Vratka team`,
    },
  },
  paid: {
    cs: {
      subject: 'Výplatu jsme odeslali',
      text: (f) =>
        `Dobrý den,\n\nvýplatu ${f.amount} jsme odeslali na váš účet (variabilní symbol ${f.reference}). ` +
        `Podle banky ji uvidíte do jednoho až dvou pracovních dnů.\n\n${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Výplatu sme odoslali',
      text: (f) =>
        `Dobrý deň,\n\nvýplatu ${f.amount} sme odoslali na váš účet (variabilný symbol ${f.reference}). ` +
        `Podľa banky ju uvidíte do jedného až dvoch pracovných dní.\n\n${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: 'Your payout is on its way',
      text: (f) =>
        `Hello,\n\nwe have sent ${f.amount} to your bank account (reference ${f.reference}). ` +
        `Depending on your bank it arrives within one or two working days.\n\n${f.link}\n\nThe Vratka team`,
    },
  },
  failed: {
    cs: {
      subject: 'Výplata se nepovedla',
      text: (f) =>
        `Dobrý den,\n\nbanka výplatu ${f.amount} (variabilní symbol ${f.reference}) nepřijala.\n` +
        reasonLine('Důvod', f.reason) +
        `Částka je zase k dispozici na vašem účtu ve Vratce; zkontrolujte prosím bankovní účet a požádejte znovu.\n\n` +
        `${f.link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Výplata sa nepodarila',
      text: (f) =>
        `Dobrý deň,\n\nbanka výplatu ${f.amount} (variabilný symbol ${f.reference}) neprijala.\n` +
        reasonLine('Dôvod', f.reason) +
        `Suma je opäť k dispozícii na vašom účte vo Vratke; skontrolujte, prosím, bankový účet a požiadajte znova.\n\n` +
        `${f.link}\n\nTím Vratky`,
    },
    en: {
      subject: 'Your payout did not go through',
      text: (f) =>
        `Hello,\n\nthe bank did not accept the payout of ${f.amount} (reference ${f.reference}).\n` +
        reasonLine('Reason', f.reason) +
        `The amount is available in your Vratka account again; please check your bank account and ask again.\n\n` +
        `${f.link}\n\nThe Vratka team`,
    },
  },
};

export function payoutMail(
  kind: PayoutMailKind,
  language: Language,
  to: string,
  payout: { amountMinor: bigint; currency: Currency; reference: string; reason: string | null },
  link: string,
): OutgoingMail {
  const mail = MAILS[kind][language];
  const amount = formatMoney(payout.amountMinor, payout.currency, LOCALE_OF[language]);
  return {
    to,
    subject: mail.subject,
    text: mail.text({ amount, reference: payout.reference, reason: payout.reason, link }),
  };
}
