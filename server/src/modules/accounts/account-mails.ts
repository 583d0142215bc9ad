import type { Language } from '@shared/markets.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';

type MailText = { subject: string; text: (link: string) => string };

/** Transactional mail copy, written per language rather than translated word for word. */
const MAILS: Record<
  'verify' | 'exists' | 'reset' | 'emailChange' | 'emailChangeNotice',
  Record<Language, MailText>
> = {
  verify: {
    cs: {
      subject: 'Potvrďte svůj e-mail ve Vratce',
      text: (link) =>
        `Dobrý den,\n\ndíky za registraci ve Vratce. Potvrďte prosím svůj e-mail kliknutím na odkaz:\n${link}\n\n` +
        'Odkaz platí 48 hodin. Pokud jste se neregistrovali vy, zprávu klidně smažte.\n\nTým Vratky',
    },
    sk: {
      subject: 'Potvrďte svoj e-mail vo Vratke',
      text: (link) =>
        `Dobrý deň,\n\nďakujeme za registráciu vo Vratke. Potvrďte, prosím, svoj e-mail kliknutím na odkaz:\n${link}\n\n` +
        'Odkaz platí 48 hodín. Ak ste sa neregistrovali vy, správu pokojne vymažte.\n\nTím Vratky',
    },
    en: {
      subject: 'Confirm your e-mail address for Vratka',
      text: (link) =>
        `Hello,\n\nthank you for signing up to Vratka. Please confirm your e-mail address:\n${link}\n\n` +
        'The link is valid for 48 hours. If you did not sign up, just delete this message.\n\nThe Vratka team',
    },
  },
  exists: {
    cs: {
      subject: 'Účet ve Vratce už máte',
      text: (link) =>
        'Dobrý den,\n\nněkdo se právě pokusil zaregistrovat s vaším e-mailem, ale účet u nás už máte.\n' +
        `Pokud jste to byli vy, přihlaste se, nebo si nastavte nové heslo:\n${link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Účet vo Vratke už máte',
      text: (link) =>
        'Dobrý deň,\n\nniekto sa práve pokúsil zaregistrovať s vaším e-mailom, no účet u nás už máte.\n' +
        `Ak ste to boli vy, prihláste sa alebo si nastavte nové heslo:\n${link}\n\nTím Vratky`,
    },
    en: {
      subject: 'You already have a Vratka account',
      text: (link) =>
        'Hello,\n\nsomeone just tried to sign up with your e-mail address, but you already have an account.\n' +
        `If it was you, log in or set a new password:\n${link}\n\nThe Vratka team`,
    },
  },
  reset: {
    cs: {
      subject: 'Nastavení nového hesla ve Vratce',
      text: (link) =>
        `Dobrý den,\n\nnové heslo si nastavíte na tomto odkazu:\n${link}\n\n` +
        'Odkaz platí hodinu a použít ho jde jen jednou. Pokud jste o změnu nežádali, zprávu ignorujte.\n\nTým Vratky',
    },
    sk: {
      subject: 'Nastavenie nového hesla vo Vratke',
      text: (link) =>
        `Dobrý deň,\n\nnové heslo si nastavíte na tomto odkaze:\n${link}\n\n` +
        'Odkaz platí hodinu a dá sa použiť iba raz. Ak ste o zmenu nežiadali, správu ignorujte.\n\nTím Vratky',
    },
    en: {
      subject: 'Set a new Vratka password',
      text: (link) =>
        `Hello,\n\nyou can set a new password here:\n${link}\n\n` +
        'The link is valid for one hour and works once. If you did not ask for this, ignore this message.\n\nThe Vratka team',
    },
  },
  emailChange: {
    cs: {
      subject: 'Potvrďte nový e-mail pro Vratku',
      text: (link) =>
        `Dobrý den,\n\npotvrďte prosím změnu e-mailu na tuto adresu:\n${link}\n\nOdkaz platí 48 hodin.\n\nTým Vratky`,
    },
    sk: {
      subject: 'Potvrďte nový e-mail pre Vratku',
      text: (link) =>
        `Dobrý deň,\n\npotvrďte, prosím, zmenu e-mailu na túto adresu:\n${link}\n\nOdkaz platí 48 hodín.\n\nTím Vratky`,
    },
    en: {
      subject: 'Confirm your new e-mail address for Vratka',
      text: (link) =>
        `Hello,\n\nplease confirm the change of your e-mail to this address:\n${link}\n\nThe link is valid for 48 hours.\n\nThe Vratka team`,
    },
  },
  emailChangeNotice: {
    cs: {
      subject: 'Žádost o změnu e-mailu ve Vratce',
      text: (link) =>
        `Dobrý den,\n\nu vašeho účtu někdo požádal o změnu e-mailu. Pokud jste to nebyli vy, změňte si heslo:\n${link}\n\nTým Vratky`,
    },
    sk: {
      subject: 'Žiadosť o zmenu e-mailu vo Vratke',
      text: (link) =>
        `Dobrý deň,\n\npri vašom účte niekto požiadal o zmenu e-mailu. Ak ste to neboli vy, zmeňte si heslo:\n${link}\n\nTím Vratky`,
    },
    en: {
      subject: 'E-mail change requested on Vratka',
      text: (link) =>
        `Hello,\n\nsomeone asked to change the e-mail address of your account. If it was not you, change your password:\n${link}\n\nThe Vratka team`,
    },
  },
};

export function accountMail(
  kind: keyof typeof MAILS,
  language: Language,
  to: string,
  link: string,
): OutgoingMail {
  const mail = MAILS[kind][language];
  return { to, subject: mail.subject, text: mail.text(link) };
}
