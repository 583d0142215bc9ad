import type { LegalDocumentTexts } from './legal-texts.js';

/** Privacy notice, version 2026-01. Published versions are never edited; see `legal-texts.ts`. */
export const privacy202601: LegalDocumentTexts = {
  cs: (operator) => ({
    title: 'Zásady ochrany osobních údajů',
    lead:
      'Tady se dočtete, jaké osobní údaje o vás Vratka zpracovává, proč, jak dlouho a komu je předává ' +
      'a jaká máte práva. Zpracováváme jen to, co ke službě opravdu potřebujeme.',
    sections: [
      {
        id: 'controller',
        heading: '1. Správce a kontakt',
        blocks: [
          `Správcem vašich osobních údajů je ${operator.identity} (dále jen „my“). ${operator.contact}`,
          'Pověřence pro ochranu osobních údajů jsme nejmenovali, protože nám to zákon neukládá. Se vším, co ' +
            'se týká vašich údajů, se obracejte na kontakt výše.',
        ],
      },
      {
        id: 'data',
        heading: '2. Jaké údaje zpracováváme',
        blocks: [
          {
            list: [
              'Účet: e-mail, heslo v podobě otisku (samotné heslo neukládáme), jméno, pokud ho vyplníte, ' +
                'jazyk, trh, potvrzení, že vám je aspoň 18 let, a se kterým zněním podmínek a těchto zásad ' +
                'jste souhlasili a kdy. Když se přihlašujete přes Facebook nebo MojeID, také identifikátor a ' +
                'e-mail, které nám předají.',
              'Prokliky: kdy a do kterého obchodu jste se z Vratky proklikli, pod jakým pseudonymním ' +
                'identifikátorem, zkrácenou IP adresu a typ prohlížeče. Než se přihlásíte, spojuje vaše ' +
                'prokliky náhodný identifikátor návštěvníka uložený v cookie.',
              'Nákupy: od affiliate sítí a obchodů dostáváme k identifikátoru prokliku číslo a hodnotu ' +
                'objednávky, výši provize, stav a datum nákupu, případně důvod zamítnutí. Vaše jméno, adresu ' +
                'ani obsah košíku nám nesdělují.',
              'Účetní záznamy: každý pohyb cashbacku na vašem účtu (připsání, potvrzení, zamítnutí, blokace, ' +
                'výplata, opravy).',
              'Bankovní účty a výplaty: číslo účtu nebo IBAN, jméno majitele účtu, částky, data a stav výplat.',
              'Záznam souhlasů: kdy jste dali nebo odvolali souhlas s jednotlivými druhy marketingových ' +
                'e-mailů, kde (při registraci, v nastavení, odkazem v e-mailu), ke kterému znění textu a z ' +
                'jaké IP adresy a prohlížeče.',
              'Auditní záznam: každá změna účtu a každé přihlášení, i neúspěšné – čas, IP adresa, prohlížeč a ' +
                'co se změnilo (nikdy hesla ani jiné tajné údaje) – a také každé nahlédnutí našich pracovníků ' +
                'do vašich údajů.',
              'Přihlášení: otevřená přihlášení (kdy začala, kdy jste byli naposledy aktivní, IP adresa a ' +
                'prohlížeč), abyste je v nastavení viděli a mohli ukončit.',
              'Komunikace: e-maily, které vám posíláme, a vaše dotazy a reklamace.',
            ],
          },
        ],
      },
      {
        id: 'purposes',
        heading: '3. Proč údaje zpracováváme a na jakém právním základě',
        blocks: [
          {
            list: [
              'Vedení účtu, sledování nákupů, připisování a výplata cashbacku, vyřizování reklamací a ' +
                'servisní e-maily (ověření adresy, obnovení hesla, zprávy o výplatě): plnění smlouvy ' +
                '(čl. 6 odst. 1 písm. b) GDPR).',
              'Vedení účetnictví a plnění daňových povinností: plnění právní povinnosti (čl. 6 odst. 1 ' +
                'písm. c) GDPR).',
              'Zabezpečení účtů, odhalování podvodů a zneužití, auditní záznam, doklad o souhlasech a obrana ' +
                'právních nároků: náš oprávněný zájem (čl. 6 odst. 1 písm. f) GDPR).',
              'Marketingové e-maily (novinky, akce obchodů, tipy): váš souhlas (čl. 6 odst. 1 písm. a) ' +
                'GDPR), zvlášť pro každý druh. Bez souhlasu vám je neposíláme, a i se souhlasem nejvýš jeden ' +
                'denně.',
            ],
          },
          'Nerozhodujeme o vás automatizovaně s právními účinky a neprofilujeme vás pro reklamu.',
        ],
      },
      {
        id: 'cookies',
        heading: '4. Cookies',
        blocks: [
          'Používáme jen cookies nezbytné pro fungování služby: přihlašovací cookie (vratka.sid), která ' +
            'platí nejdéle 90 dní, a cookie s náhodným identifikátorem návštěvníka (vratka_ref), která platí ' +
            '30 dní a díky níž vám připíšeme nákup, i když se přihlásíte až po prokliku. Zvolený jazyk si ' +
            'pamatuje váš prohlížeč. Analytické ani reklamní cookies nepoužíváme.',
          'Obchody a affiliate sítě si po prokliku ukládají vlastní cookies podle svých zásad.',
        ],
      },
      {
        id: 'recipients',
        heading: '5. Komu údaje předáváme',
        blocks: [
          {
            list: [
              'Affiliate sítím a obchodům předáváme jen pseudonymní identifikátor prokliku. Kdo jste, se z ' +
                'něj nedozvědí.',
              'Bance předáváme při výplatě číslo účtu, jméno majitele, částku a referenci platby.',
              'Facebooku nebo MojeID, pokud se přes ně přihlašujete: dozvědí se, že se přihlašujete do Vratky.',
              'Zpracovatelům, kteří pro nás provozují servery a doručují e-maily, a to jen v nezbytném ' +
                'rozsahu a na základě smlouvy o zpracování osobních údajů.',
              'Úřadům a soudům, pokud nám to ukládá zákon.',
            ],
          },
          'Údaje neprodáváme. Mimo EU a EHP je nepředáváme; kdyby to bylo někdy nutné, pak jen se zárukami ' +
            'podle kapitoly V GDPR a předem to uvedeme v těchto zásadách.',
        ],
      },
      {
        id: 'retention',
        heading: '6. Jak dlouho údaje uchováváme',
        blocks: [
          {
            list: [
              'Údaje účtu, prokliky, nákupy a bankovní účty po dobu trvání smlouvy a potom po dobu promlčecí ' +
                'lhůty pro případné nároky, tedy 3 roky od zrušení účtu.',
              'Účetní záznamy o cashbacku a výplatách tak dlouho, jak ukládají účetní a daňové předpisy, ' +
                'nejdéle 10 let od konce roku, kterého se týkají.',
              'Záznam souhlasů po dobu trvání účtu a 3 roky od jeho zrušení, a to i u souhlasů, které jste ' +
                'odvolali: je to doklad, proč jsme vám e-maily posílali nebo proč už ne.',
              'Auditní záznam po dobu trvání účtu a 3 roky od jeho zrušení.',
              'Přihlášení do odhlášení nebo vypršení, nejdéle 90 dní.',
            ],
          },
          'Po zrušení účtu vaše osobní údaje vymažeme nebo anonymizujeme. Účetní záznamy, které musíme ' +
            'uchovat, zůstanou pod anonymním identifikátorem do konce zákonné lhůty.',
        ],
      },
      {
        id: 'rights',
        heading: '7. Vaše práva',
        blocks: [
          {
            list: [
              'Přístup: můžete se zeptat, jaké údaje o vás zpracováváme, a dostat jejich kopii.',
              'Oprava: nepřesné údaje opravíme. Jméno, jazyk, trh a e-mail si změníte sami v nastavení účtu.',
              'Výmaz: můžete chtít, abychom vaše údaje vymazali, pokud už je nepotřebujeme nebo je ' +
                'zpracováváme neoprávněně. Netýká se to údajů, které musíme uchovat ze zákona.',
              'Omezení zpracování: například po dobu, kdy ověřujeme přesnost údajů nebo vaši námitku.',
              'Přenositelnost: údaje, které jste nám poskytli, vám předáme ve strojově čitelném formátu (JSON).',
              'Námitka: proti zpracování na základě našeho oprávněného zájmu můžete vznést námitku. Vyhovíme ' +
                'jí, pokud nemáme závažné důvody, které převáží.',
              'Odvolání souhlasu: souhlas s marketingovými e-maily odvoláte kdykoli v nastavení účtu (část ' +
                'Marketingové e-maily) nebo odkazem v každém takovém e-mailu. Odvolání se netýká toho, co ' +
                'proběhlo před ním.',
              'Stížnost u dozorového úřadu: v Česku u Úřadu pro ochranu osobních údajů (ÚOOÚ, Pplk. Sochora ' +
                '27, 170 00 Praha 7, www.uoou.gov.cz), na Slovensku u Úradu na ochranu osobných údajov SR ' +
                '(ÚOOU, Hraničná 12, 820 07 Bratislava 27, www.dataprotection.gov.sk).',
            ],
          },
          'Žádosti posílejte na kontakt v bodě 1, nejlépe z e-mailu, který máte u účtu, abychom si vás mohli ' +
            'ověřit. Vyřídíme je bez zbytečného odkladu, nejpozději do jednoho měsíce. U složitých žádostí ' +
            'můžeme lhůtu prodloužit o další dva měsíce; o prodloužení a jeho důvodu vám dáme vědět do ' +
            'měsíce od žádosti.',
        ],
      },
      {
        id: 'security',
        heading: '8. Zabezpečení',
        blocks: [
          'Hesla ukládáme jen jako otisk (argon2id), spojení šifrujeme, přihlášení vedeme na serveru, takže ' +
            'je můžete kdykoli ukončit, a k vašim údajům mají přístup jen ti pracovníci, kteří je potřebují. ' +
            'Každé jejich nahlédnutí se zaznamená.',
        ],
      },
      {
        id: 'changes',
        heading: '9. Změny těchto zásad',
        blocks: [
          'Zásady aktualizujeme, když se změní to, jak údaje zpracováváme. Změnu oznámíme nejméně měsíc ' +
            'předem e-mailem a upozorněním ve vašem účtu. Všechna dřívější znění najdete na této stránce.',
        ],
      },
    ],
  }),

  sk: (operator) => ({
    title: 'Zásady ochrany osobných údajov',
    lead:
      'Tu sa dočítate, aké osobné údaje o vás Vratka spracúva, prečo, ako dlho a komu ich poskytuje a ' +
      'aké máte práva. Spracúvame len to, čo na službu naozaj potrebujeme.',
    sections: [
      {
        id: 'controller',
        heading: '1. Prevádzkovateľ a kontakt',
        blocks: [
          `Prevádzkovateľom, ktorý spracúva vaše osobné údaje, je ${operator.identity} (ďalej len „my“). ` +
            operator.contact,
          'Zodpovednú osobu sme nevymenovali, pretože nám to zákon neukladá. So všetkým, čo sa týka vašich ' +
            'údajov, sa obracajte na kontakt uvedený vyššie.',
        ],
      },
      {
        id: 'data',
        heading: '2. Aké údaje spracúvame',
        blocks: [
          {
            list: [
              'Účet: e-mail, heslo v podobe odtlačku (samotné heslo neukladáme), meno, ak ho vyplníte, ' +
                'jazyk, trh, potvrdenie, že máte aspoň 18 rokov, a s ktorým znením podmienok a týchto zásad ' +
                'ste súhlasili a kedy. Keď sa prihlasujete cez Facebook alebo MojeID, aj identifikátor a ' +
                'e-mail, ktoré nám odovzdajú.',
              'Prekliky: kedy a do ktorého obchodu ste sa z Vratky preklikli, pod akým pseudonymným ' +
                'identifikátorom, skrátenú IP adresu a typ prehliadača. Kým sa prihlásite, spája vaše ' +
                'prekliky náhodný identifikátor návštevníka uložený v cookie.',
              'Nákupy: od affiliate sietí a obchodov dostávame k identifikátoru prekliku číslo a hodnotu ' +
                'objednávky, výšku provízie, stav a dátum nákupu, prípadne dôvod zamietnutia. Vaše meno, ' +
                'adresu ani obsah košíka nám neoznamujú.',
              'Účtovné záznamy: každý pohyb cashbacku na vašom účte (pripísanie, potvrdenie, zamietnutie, ' +
                'blokácia, výplata, opravy).',
              'Bankové účty a výplaty: číslo účtu alebo IBAN, meno majiteľa účtu, sumy, dátumy a stav výplat.',
              'Záznam súhlasov: kedy ste dali alebo odvolali súhlas s jednotlivými druhmi marketingových ' +
                'e-mailov, kde (pri registrácii, v nastaveniach, odkazom v e-maile), ku ktorému zneniu textu a ' +
                'z akej IP adresy a prehliadača.',
              'Auditný záznam: každá zmena účtu a každé prihlásenie, aj neúspešné – čas, IP adresa, prehliadač ' +
                'a čo sa zmenilo (nikdy heslá ani iné tajné údaje) – a tiež každé nahliadnutie našich ' +
                'pracovníkov do vašich údajov.',
              'Prihlásenia: otvorené prihlásenia (kedy začali, kedy ste boli naposledy aktívni, IP adresa a ' +
                'prehliadač), aby ste ich v nastaveniach videli a mohli ukončiť.',
              'Komunikácia: e-maily, ktoré vám posielame, a vaše otázky a reklamácie.',
            ],
          },
        ],
      },
      {
        id: 'purposes',
        heading: '3. Prečo údaje spracúvame a na akom právnom základe',
        blocks: [
          {
            list: [
              'Vedenie účtu, sledovanie nákupov, pripisovanie a výplata cashbacku, vybavovanie reklamácií a ' +
                'servisné e-maily (overenie adresy, obnovenie hesla, správy o výplate): plnenie zmluvy ' +
                '(čl. 6 ods. 1 písm. b) GDPR).',
              'Vedenie účtovníctva a plnenie daňových povinností: plnenie zákonnej povinnosti (čl. 6 ods. 1 ' +
                'písm. c) GDPR).',
              'Zabezpečenie účtov, odhaľovanie podvodov a zneužitia, auditný záznam, doklad o súhlasoch a ' +
                'obrana právnych nárokov: náš oprávnený záujem (čl. 6 ods. 1 písm. f) GDPR).',
              'Marketingové e-maily (novinky, akcie obchodov, tipy): váš súhlas (čl. 6 ods. 1 písm. a) ' +
                'GDPR), zvlášť pre každý druh. Bez súhlasu vám ich neposielame, a aj so súhlasom najviac jeden ' +
                'denne.',
            ],
          },
          'Nerozhodujeme o vás automatizovane s právnymi účinkami a neprofilujeme vás na reklamu.',
        ],
      },
      {
        id: 'cookies',
        heading: '4. Cookies',
        blocks: [
          'Používame len cookies nevyhnutné na fungovanie služby: prihlasovaciu cookie (vratka.sid), ktorá ' +
            'platí najviac 90 dní, a cookie s náhodným identifikátorom návštevníka (vratka_ref), ktorá platí ' +
            '30 dní a vďaka ktorej vám pripíšeme nákup, aj keď sa prihlásite až po prekliku. Zvolený jazyk si ' +
            'pamätá váš prehliadač. Analytické ani reklamné cookies nepoužívame.',
          'Obchody a affiliate siete si po prekliku ukladajú vlastné cookies podľa svojich zásad.',
        ],
      },
      {
        id: 'recipients',
        heading: '5. Komu údaje poskytujeme',
        blocks: [
          {
            list: [
              'Affiliate sieťam a obchodom poskytujeme len pseudonymný identifikátor prekliku. Kto ste, sa z ' +
                'neho nedozvedia.',
              'Banke poskytujeme pri výplate číslo účtu, meno majiteľa, sumu a referenciu platby.',
              'Facebooku alebo MojeID, ak sa cez ne prihlasujete: dozvedia sa, že sa prihlasujete do Vratky.',
              'Sprostredkovateľom, ktorí pre nás prevádzkujú servery a doručujú e-maily, a to len v ' +
                'nevyhnutnom rozsahu a na základe zmluvy o spracúvaní osobných údajov.',
              'Úradom a súdom, ak nám to ukladá zákon.',
            ],
          },
          'Údaje nepredávame. Mimo EÚ a EHP ich neprenášame; ak by to niekedy bolo nevyhnutné, tak len so ' +
            'zárukami podľa kapitoly V GDPR a vopred to uvedieme v týchto zásadách.',
        ],
      },
      {
        id: 'retention',
        heading: '6. Ako dlho údaje uchovávame',
        blocks: [
          {
            list: [
              'Údaje účtu, prekliky, nákupy a bankové účty počas trvania zmluvy a potom počas premlčacej doby ' +
                'pre prípadné nároky, teda 3 roky od zrušenia účtu.',
              'Účtovné záznamy o cashbacku a výplatách tak dlho, ako to ukladajú účtovné a daňové predpisy, ' +
                'najviac 10 rokov od konca roka, ktorého sa týkajú.',
              'Záznam súhlasov počas trvania účtu a 3 roky od jeho zrušenia, a to aj pri súhlasoch, ktoré ste ' +
                'odvolali: je to doklad, prečo sme vám e-maily posielali alebo prečo už nie.',
              'Auditný záznam počas trvania účtu a 3 roky od jeho zrušenia.',
              'Prihlásenia do odhlásenia alebo vypršania, najviac 90 dní.',
            ],
          },
          'Po zrušení účtu vaše osobné údaje vymažeme alebo anonymizujeme. Účtovné záznamy, ktoré musíme ' +
            'uchovať, zostanú pod anonymným identifikátorom do konca zákonnej lehoty.',
        ],
      },
      {
        id: 'rights',
        heading: '7. Vaše práva',
        blocks: [
          {
            list: [
              'Prístup: môžete sa spýtať, aké údaje o vás spracúvame, a dostať ich kópiu.',
              'Oprava: nepresné údaje opravíme. Meno, jazyk, trh a e-mail si zmeníte sami v nastaveniach účtu.',
              'Vymazanie: môžete žiadať, aby sme vaše údaje vymazali, ak ich už nepotrebujeme alebo ich ' +
                'spracúvame neoprávnene. Netýka sa to údajov, ktoré musíme uchovať zo zákona.',
              'Obmedzenie spracúvania: napríklad počas doby, keď overujeme presnosť údajov alebo vašu námietku.',
              'Prenosnosť: údaje, ktoré ste nám poskytli, vám odovzdáme v strojovo čitateľnom formáte (JSON).',
              'Námietka: proti spracúvaniu na základe nášho oprávneného záujmu môžete podať námietku. ' +
                'Vyhovieme jej, ak nemáme závažné dôvody, ktoré prevážia.',
              'Odvolanie súhlasu: súhlas s marketingovými e-mailmi odvoláte kedykoľvek v nastaveniach účtu ' +
                '(časť Marketingové e-maily) alebo odkazom v každom takom e-maile. Odvolanie sa netýka toho, ' +
                'čo prebehlo pred ním.',
              'Sťažnosť na dozornom úrade: na Slovensku na Úrade na ochranu osobných údajov SR (ÚOOU, ' +
                'Hraničná 12, 820 07 Bratislava 27, www.dataprotection.gov.sk), v Česku na Úrade pre ochranu ' +
                'osobných údajov (ÚOOÚ, Pplk. Sochora 27, 170 00 Praha 7, www.uoou.gov.cz).',
            ],
          },
          'Žiadosti posielajte na kontakt v bode 1, najlepšie z e-mailu, ktorý máte pri účte, aby sme si vás ' +
            'mohli overiť. Vybavíme ich bez zbytočného odkladu, najneskôr do jedného mesiaca. Pri zložitých ' +
            'žiadostiach môžeme lehotu predĺžiť o ďalšie dva mesiace; o predĺžení a jeho dôvode vám dáme ' +
            'vedieť do mesiaca od žiadosti.',
        ],
      },
      {
        id: 'security',
        heading: '8. Zabezpečenie',
        blocks: [
          'Heslá ukladáme len ako odtlačok (argon2id), spojenie šifrujeme, prihlásenia vedieme na serveri, ' +
            'takže ich môžete kedykoľvek ukončiť, a k vašim údajom majú prístup len tí pracovníci, ktorí ich ' +
            'potrebujú. Každé ich nahliadnutie sa zaznamená.',
        ],
      },
      {
        id: 'changes',
        heading: '9. Zmeny týchto zásad',
        blocks: [
          'Zásady aktualizujeme, keď sa zmení to, ako údaje spracúvame. Zmenu oznámime najmenej mesiac ' +
            'vopred e-mailom a upozornením vo vašom účte. Všetky predchádzajúce znenia nájdete na tejto stránke.',
        ],
      },
    ],
  }),

  en: (operator) => ({
    title: 'Privacy notice',
    lead:
      'This notice explains what personal data Vratka processes about you, why, for how long and who we ' +
      'share it with, and what your rights are. We only process what the service really needs.',
    sections: [
      {
        id: 'controller',
        heading: '1. Controller and contact',
        blocks: [
          `The controller of your personal data is ${operator.identity} ("we", "us"). ${operator.contact}`,
          'We have not appointed a data protection officer, as the law does not require us to. For anything ' +
            'about your data, use the contact above.',
        ],
      },
      {
        id: 'data',
        heading: '2. What data we process',
        blocks: [
          {
            list: [
              'Account: your e-mail address, your password as a hash (we never store the password itself), ' +
                'your name if you give it, language, market, your confirmation that you are 18 or over, and ' +
                'which version of the terms and of this notice you accepted and when. If you log in with ' +
                'Facebook or MojeID, also the identifier and e-mail address they pass on to us.',
              'Clicks: when and to which shop you clicked through from Vratka, under which pseudonymous ID, ' +
                'your shortened IP address and browser type. Before you log in, a random visitor ID kept in a ' +
                'cookie links your clicks together.',
              'Purchases: affiliate networks and shops send us, with the click ID, the order number and value, ' +
                'the commission, the state and date of the purchase and, if rejected, the reason. They do not ' +
                'tell us your name, address or what was in your basket.',
              'Accounting records: every movement of cashback on your account (credit, confirmation, ' +
                'rejection, hold, payout, corrections).',
              'Bank accounts and payouts: account number or IBAN, account holder name, amounts, dates and ' +
                'state of payouts.',
              'Consent log: when you gave or withdrew consent to each kind of marketing e-mail, where (at ' +
                'sign-up, in settings, through a link in an e-mail), to which version of the wording, and from ' +
                'which IP address and browser.',
              'Audit log: every change to your account and every login, including failed ones – time, IP ' +
                'address, browser and what changed (never passwords or other secrets) – and every time our ' +
                'staff look at your data.',
              'Sessions: your open logins (when they started, when you were last active, IP address and ' +
                'browser), so you can see and end them in your settings.',
              'Communication: the e-mails we send you, and your questions and claims.',
            ],
          },
        ],
      },
      {
        id: 'purposes',
        heading: '3. Why we process data and on what legal basis',
        blocks: [
          {
            list: [
              'Running your account, tracking purchases, crediting and paying out cashback, handling claims ' +
                'and service e-mails (address verification, password reset, payout messages): performance of ' +
                'the contract (Art. 6(1)(b) GDPR).',
              'Keeping accounts and meeting tax obligations: legal obligation (Art. 6(1)(c) GDPR).',
              'Keeping accounts secure, detecting fraud and abuse, the audit log, proof of consent and ' +
                'defending legal claims: our legitimate interest (Art. 6(1)(f) GDPR).',
              'Marketing e-mails (news, shop offers, tips): your consent (Art. 6(1)(a) GDPR), separately for ' +
                'each kind. Without consent we send none, and even with it no more than one a day.',
            ],
          },
          'We make no automated decisions about you that have legal effects, and we do not profile you for ' +
            'advertising.',
        ],
      },
      {
        id: 'cookies',
        heading: '4. Cookies',
        blocks: [
          'We only use cookies the service cannot work without: the login cookie (vratka.sid), valid for at ' +
            'most 90 days, and a cookie with a random visitor ID (vratka_ref), valid for 30 days, which lets us ' +
            'credit a purchase even if you log in only after clicking through. Your browser remembers the ' +
            'language you chose. We use no analytics or advertising cookies.',
          'After you click through, shops and affiliate networks set their own cookies under their own ' +
            'policies.',
        ],
      },
      {
        id: 'recipients',
        heading: '5. Who we share data with',
        blocks: [
          {
            list: [
              'Affiliate networks and shops get only the pseudonymous click ID. It does not tell them who you ' +
                'are.',
              'For a payout, the bank gets the account number, the holder’s name, the amount and the payment ' +
                'reference.',
              'Facebook or MojeID, if you log in with them: they learn that you are logging in to Vratka.',
              'Processors that run our servers and deliver our e-mails, only as far as necessary and under a ' +
                'data processing agreement.',
              'Authorities and courts, where the law requires it.',
            ],
          },
          'We do not sell data. We do not transfer it outside the EU and EEA; should that ever be necessary, ' +
            'it will be only with the safeguards of Chapter V GDPR, and this notice will say so beforehand.',
        ],
      },
      {
        id: 'retention',
        heading: '6. How long we keep data',
        blocks: [
          {
            list: [
              'Account data, clicks, purchases and bank accounts for as long as the contract lasts and then ' +
                'for the limitation period for any claims, that is 3 years after the account is closed.',
              'Accounting records of cashback and payouts for as long as accounting and tax law requires, at ' +
                'most 10 years from the end of the year they relate to.',
              'The consent log for as long as the account exists and 3 years after it is closed, including ' +
                'consents you withdrew: it is the proof of why we sent you e-mails, or why we stopped.',
              'The audit log for as long as the account exists and 3 years after it is closed.',
              'Sessions until you log out or they expire, at most 90 days.',
            ],
          },
          'When you close your account, we erase or anonymise your personal data. Accounting records we are ' +
            'required to keep stay under an anonymous identifier until the legal period ends.',
        ],
      },
      {
        id: 'rights',
        heading: '7. Your rights',
        blocks: [
          {
            list: [
              'Access: you can ask what data we process about you and get a copy.',
              'Correction: we correct inaccurate data. You can change your name, language, market and e-mail ' +
                'address yourself in your account settings.',
              'Erasure: you can ask us to erase your data if we no longer need it or process it unlawfully. ' +
                'This does not cover data we must keep by law.',
              'Restriction: for example while we check whether data is accurate or consider your objection.',
              'Portability: we give you the data you provided in a machine-readable format (JSON).',
              'Objection: you can object to processing based on our legitimate interest. We comply unless we ' +
                'have compelling grounds that override it.',
              'Withdrawing consent: you can withdraw consent to marketing e-mails at any time in your account ' +
                'settings (Marketing e-mails) or through the link in every such e-mail. Withdrawal does not ' +
                'affect what happened before it.',
              'Complaint to a supervisory authority: in the Czech Republic the Office for Personal Data ' +
                'Protection (ÚOOÚ, Pplk. Sochora 27, 170 00 Praha 7, www.uoou.gov.cz), in Slovakia the Office ' +
                'for Personal Data Protection of the Slovak Republic (ÚOOU, Hraničná 12, 820 07 Bratislava 27, ' +
                'www.dataprotection.gov.sk).',
            ],
          },
          'Send requests to the contact in section 1, ideally from the e-mail address your account uses, so ' +
            'we can verify it is you. We handle them without undue delay and within one month at the latest. ' +
            'For complex requests we may extend this by two further months; if so, we tell you why within a ' +
            'month of your request.',
        ],
      },
      {
        id: 'security',
        heading: '8. Security',
        blocks: [
          'We store passwords only as hashes (argon2id), encrypt connections, keep sessions on the server so ' +
            'you can end them at any time, and give access to your data only to staff who need it. Every time ' +
            'they look at it is recorded.',
        ],
      },
      {
        id: 'changes',
        heading: '9. Changes to this notice',
        blocks: [
          'We update this notice when the way we process data changes. We announce a change at least one ' +
            'month in advance by e-mail and with a notice in your account. All earlier versions are available ' +
            'on this page.',
        ],
      },
    ],
  }),
};
