import type { Language } from '@shared/markets.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';

interface MailFacts {
  /** The masked IBAN, e.g. `CZ65 **** **** **** **** 5399`. */
  account: string;
  /** The confirmation link (added) or the bank accounts page (confirmed, removed). */
  link: string;
  /** The security settings, for "if it wasn't you". */
  securityLink: string;
}

type MailText = { subject: string; text: (facts: MailFacts) => string };

/** Mails about the shopper's bank accounts, written per language rather than translated word for word. */
const MAILS: Record<'added' | 'confirmed' | 'removed', Record<Language, MailText>> = {
  added: {
    cs: {
      subject: 'K vašemu účtu ve Vratce byl přidán bankovní účet',
      text: ({ account, link, securityLink }) =>
        `Dobrý den,\n\nk vašemu účtu ve Vratce byl právě přidán bankovní účet ${account}.\n\n` +
        `Pokud jste ho přidali vy, potvrďte ho prosím na tomto odkazu:\n${link}\n\n` +
        'Výplaty posíláme jen na potvrzené účty, a to nejdříve 72 hodin po každé změně bankovních účtů.\n\n' +
        `Pokud jste účet nepřidávali vy, odkaz nepoužívejte, hned si změňte heslo a účet odeberte:\n${securityLink}\n\nTým Vratky`,
    },
    sk: {
      subject: 'K vášmu účtu vo Vratke bol pridaný bankový účet',
      text: ({ account, link, securityLink }) =>
        `Dobrý deň,\n\nk vášmu účtu vo Vratke bol práve pridaný bankový účet ${account}.\n\n` +
        `Ak ste ho pridali vy, potvrďte ho, prosím, na tomto odkaze:\n${link}\n\n` +
        'Výplaty posielame len na potvrdené účty, a to najskôr 72 hodín po každej zmene bankových účtov.\n\n' +
        `Ak ste účet nepridávali vy, odkaz nepoužívajte, hneď si zmeňte heslo a účet odstráňte:\n${securityLink}\n\nTím Vratky`,
    },
    en: {
      subject: 'A bank account was added to your Vratka account',
      text: ({ account, link, securityLink }) =>
        `Hello,\n\nthe bank account ${account} was just added to your Vratka account.\n\n` +
        `If it was you, please confirm it here:\n${link}\n\n` +
        'We only pay out to confirmed accounts, and not until 72 hours after any change to your bank accounts.\n\n' +
        `If it wasn't you, do not use the link: change your password at once and remove the account:\n${securityLink}\n\nThe Vratka team`,
    },
  },
  confirmed: {
    cs: {
      subject: 'Bankovní účet ve Vratce je potvrzený',
      text: ({ account, link, securityLink }) =>
        `Dobrý den,\n\nbankovní účet ${account} je potvrzený. Výplaty na něj můžete žádat ` +
        `72 hodin po jeho přidání.\n${link}\n\n` +
        `Pokud jste účet nepotvrzovali vy, změňte si hned heslo:\n${securityLink}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Bankový účet vo Vratke je potvrdený',
      text: ({ account, link, securityLink }) =>
        `Dobrý deň,\n\nbankový účet ${account} je potvrdený. Výplaty naň môžete žiadať ` +
        `72 hodín po jeho pridaní.\n${link}\n\n` +
        `Ak ste účet nepotvrdzovali vy, hneď si zmeňte heslo:\n${securityLink}\n\nTím Vratky`,
    },
    en: {
      subject: 'Your bank account on Vratka is confirmed',
      text: ({ account, link, securityLink }) =>
        `Hello,\n\nthe bank account ${account} is confirmed. You can ask for payouts to it ` +
        `72 hours after it was added.\n${link}\n\n` +
        `If it wasn't you who confirmed it, change your password at once:\n${securityLink}\n\nThe Vratka team`,
    },
  },
  removed: {
    cs: {
      subject: 'Z vašeho účtu ve Vratce byl odebrán bankovní účet',
      text: ({ account, link, securityLink }) =>
        `Dobrý den,\n\nz vašeho účtu ve Vratce byl odebrán bankovní účet ${account}.\n${link}\n\n` +
        'Po každé změně bankovních účtů čekají výplaty 72 hodin.\n\n' +
        `Pokud jste to nebyli vy, hned si změňte heslo:\n${securityLink}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Z vášho účtu vo Vratke bol odstránený bankový účet',
      text: ({ account, link, securityLink }) =>
        `Dobrý deň,\n\nz vášho účtu vo Vratke bol odstránený bankový účet ${account}.\n${link}\n\n` +
        'Po každej zmene bankových účtov čakajú výplaty 72 hodín.\n\n' +
        `Ak ste to neboli vy, hneď si zmeňte heslo:\n${securityLink}\n\nTím Vratky`,
    },
    en: {
      subject: 'A bank account was removed from your Vratka account',
      text: ({ account, link, securityLink }) =>
        `Hello,\n\nthe bank account ${account} was removed from your Vratka account.\n${link}\n\n` +
        'After any change to your bank accounts, payouts wait 72 hours.\n\n' +
        `If it wasn't you, change your password at once:\n${securityLink}\n\nThe Vratka team`,
    },
  },
};

export function bankAccountMail(
  kind: keyof typeof MAILS,
  language: Language,
  to: string,
  facts: MailFacts,
): OutgoingMail {
  const mail = MAILS[kind][language];
  return { to, subject: mail.subject, text: mail.text(facts) };
}
