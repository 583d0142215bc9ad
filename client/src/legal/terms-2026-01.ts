import type { LegalDocumentTexts } from './legal-texts.js';

/** Terms of service, version 2026-01. Published versions are never edited; see `legal-texts.ts`. */
export const terms202601: LegalDocumentTexts = {
  cs: (operator) => ({
    title: 'Podmínky služby Vratka',
    lead:
      'Tyto podmínky říkají, jak Vratka funguje, co od nás můžete čekat a co čekáme od vás. ' +
      'Založením účtu s nimi souhlasíte.',
    sections: [
      {
        id: 'provider',
        heading: '1. Kdo službu poskytuje',
        blocks: [
          `Službu Vratka poskytuje ${operator.identity} (dále jen „my“). ${operator.contact}`,
          'Smlouvu s námi uzavíráte založením účtu. Je bezplatná a uzavírá se na dobu neurčitou. ' +
            'Služba je jen pro lidi starší 18 let.',
          'Pokud jste spotřebitel, nic v těchto podmínkách vám nebere práva, která vám dává zákon.',
        ],
      },
      {
        id: 'service',
        heading: '2. Co Vratka dělá',
        blocks: [
          'E-shopy platí provizi za nákupy zákazníků, které k nim přivedou jejich partneři, obvykle ' +
            'prostřednictvím affiliate sítí. Když se do e-shopu prokliknete z Vratky a nakoupíte, dostaneme ' +
            'provizi my a její část vám vrátíme jako cashback.',
          'U každého obchodu vidíte, kolik cashbacku dostanete a za jakých podmínek (obchod ho například ' +
            'nemusí přiznat na některé druhy zboží nebo na nákup s cizím slevovým kódem). Cashback ' +
            'počítáme podle pravidla uvedeného u obchodu: jako podíl z provize, kterou nám obchod za nákup ' +
            'přizná, jako procento z hodnoty objednávky nebo jako pevnou částku. Nikdy není vyšší než ' +
            'provize sama. Výsledek zaokrouhlujeme dolů na celé haléře či centy.',
          'Za zboží a služby, které si koupíte, odpovídá e-shop. Kupní smlouvu uzavíráte s ním, ne s námi.',
        ],
      },
      {
        id: 'earning',
        heading: '3. Jak cashback získáte',
        blocks: [
          {
            list: [
              'Přihlaste se a do obchodu přejděte tlačítkem na Vratce. Proklik si zaznamenáme pod náhodným ' +
                'pseudonymním identifikátorem, podle kterého pak nákup přiřadíme k vašemu účtu.',
              'Nákup dokončete ve stejném prohlížeči. Když mezi proklikem a nákupem přejdete do obchodu přes ' +
                'jiný web (jiný cashbackový portál, srovnávač cen, slevový server), provizi obvykle dostane on ' +
                'a cashback od nás nedostanete.',
              'Nevypínejte cookies, které obchod potřebuje ke sledování nákupu. Blokátory reklam a některá ' +
                'rozšíření prohlížeče umějí sledování přerušit; na stránce obchodu vám ukážeme, jestli je něco ' +
                'takového zapnuté.',
              'Nákup se ve vašem účtu obvykle objeví do dvou dnů, u některých obchodů později.',
            ],
          },
        ],
      },
      {
        id: 'states',
        heading: '4. Čekající, potvrzený a zamítnutý cashback',
        blocks: [
          {
            list: [
              'Čekající: obchod nám nákup nahlásil, ale ještě ho nepotvrdil. Obvykle čeká, až uplyne lhůta ' +
                'pro vrácení zboží, tedy 30 až 90 dní. U každého nákupu vidíte předpokládané datum potvrzení.',
              'Potvrzený: obchod nákup schválil. Potvrzený cashback se přičte k zůstatku, který si můžete ' +
                'nechat vyplatit.',
              'Zamítnutý: obchod provizi nepřiznal, například protože jste zboží vrátili, objednávku zrušili ' +
                'nebo nezaplatili, nebo nákup nesplnil jeho podmínky. Důvod, který nám obchod sdělí, vám ' +
                'ukážeme.',
            ],
          },
          'Změní-li se hodnota objednávky (třeba když vrátíte jen část zboží), upravíme cashback o rozdíl. ' +
            'Zamítne-li obchod nákup až poté, co jste za něj cashback dostali vyplacený, započteme tuto ' +
            'částku proti vašemu budoucímu cashbacku. Zůstatek, který si můžete vyplatit, nikdy nebude záporný.',
          'O potvrzení nebo zamítnutí rozhoduje obchod, případně affiliate síť. Pokud s jejich rozhodnutím ' +
            'nesouhlasíte, napište nám a my jim vaši námitku předáme.',
        ],
      },
      {
        id: 'claims',
        heading: '5. Když se nákup nezapočítal',
        blocks: [
          'Jestliže se nákup neobjeví ve vašem účtu do 7 dnů, můžete nám ho reklamovat, nejpozději do 90 dnů ' +
            'od nákupu. Uveďte obchod, datum, číslo a hodnotu objednávky a přiložte její potvrzení.',
          'Reklamaci předáme affiliate síti nebo obchodu. Když ji uzná, připíšeme vám cashback jako u ' +
            'ostatních nákupů. O výsledku vám dáme vědět; vyřízení závisí na obchodě a obvykle trvá několik týdnů.',
        ],
      },
      {
        id: 'payouts',
        heading: '6. Výplata',
        blocks: [
          'Potvrzený cashback si můžete nechat vyplatit, jakmile dosáhne minimální částky: 200 Kč na českém ' +
            'trhu, 10 € na slovenském.',
          'Vyplácíme bankovním převodem na účet, který si přidáte v nastavení: na českém trhu v korunách na ' +
            'účet vedený v Česku, na slovenském v eurech na účet s IBAN v oblasti SEPA. Účet musí být veden ' +
            'na vaše jméno a můžeme vás požádat o jeho ověření.',
          'Žádost o výplatu vyřídíme zpravidla do 14 dnů. Výplata je zdarma. Po dobu vyřizování je částka ' +
            'blokovaná; když se převod nepodaří, vrátíme ji do vašeho zůstatku.',
          'Cashback nepřevádíme na jiné osoby ani ho nevyplácíme v hotovosti.',
        ],
      },
      {
        id: 'fair-play',
        heading: '7. Co je zakázáno',
        blocks: [
          {
            list: [
              'mít víc účtů nebo si založit účet za někoho jiného,',
              'nakupovat jen kvůli cashbacku s úmyslem zboží vrátit, vytvářet fiktivní objednávky nebo jinak ' +
                'obchody klamat,',
              'podstrkávat prokliky cizím lidem (například skrytě načítat odkazy Vratky na jiných webech) nebo ' +
                'jinak zasahovat do sledování nákupů,',
              'používat službu automatizovaně, pomocí robotů nebo skriptů.',
            ],
          },
          'Cashback získaný takovým jednáním nepřiznáme. Při závažném nebo opakovaném porušení můžeme účet ' +
            'zrušit. Cashback, který jste získali poctivě, vám vyplatíme i v takovém případě.',
        ],
      },
      {
        id: 'cancellation',
        heading: '8. Zrušení účtu',
        blocks: [
          'Účet můžete kdykoli zrušit; stačí nám napsat z e-mailu, který máte u účtu.',
          'Zrušením účtu o peníze nepřijdete. Potvrzený zůstatek vám vyplatíme na bankovní účet, který nám ' +
            'uvedete, a to i když nedosahuje minimální částky. Čekající cashback vyplatíme, jakmile ho obchod ' +
            'potvrdí. Dokud nám bankovní účet neuvedete, zůstatek pro vás evidujeme.',
          'My můžeme smlouvu vypovědět s výpovědní lhůtou dva měsíce, například když službu přestaneme ' +
            'provozovat, a při závažném porušení těchto podmínek (bod 7) i bez výpovědní lhůty. Ani pak o ' +
            'poctivě získaný cashback nepřijdete.',
          'Co se po zrušení účtu stane s vašimi osobními údaji, popisují zásady ochrany osobních údajů.',
        ],
      },
      {
        id: 'changes',
        heading: '9. Změny podmínek',
        blocks: [
          'Podmínky můžeme změnit, například když přidáme novou funkci nebo když to vyžaduje zákon. Každou ' +
            'změnu oznámíme nejméně měsíc předem e-mailem a upozorněním ve vašem účtu a napíšeme, co se mění.',
          'Nové znění platí ode dne, kdy nabude účinnosti. Při prvním přihlášení po tomto dni vás požádáme ' +
            'o souhlas; dokud ho nedáte, službu dál používat nemůžete, o zůstatek ale nepřicházíte. Pokud se ' +
            'změnou nesouhlasíte, můžete účet kdykoli zrušit, zdarma a bez ztráty zůstatku.',
          'Všechna dřívější znění podmínek najdete na této stránce.',
        ],
      },
      {
        id: 'liability',
        heading: '10. Odpovědnost',
        blocks: [
          'Děláme, co je v našich silách, aby se každý nákup započítal a služba běžela bez přerušení. Zaručit ' +
            'to ale nemůžeme: o provizi rozhodují obchody a affiliate sítě a sledování nákupu může selhat i z ' +
            'příčin na vaší straně. Za cashback z nákupu, který nám obchod nenahlásil nebo neuznal, proto ' +
            'neodpovídáme.',
          'Za škodu, kterou způsobíme porušením svých povinností, odpovídáme podle právních předpisů. ' +
            'Odpovědnost, kterou zákon vyloučit nedovoluje, nevylučujeme.',
        ],
      },
      {
        id: 'disputes',
        heading: '11. Stížnosti a řešení sporů',
        blocks: [
          'Dotazy a stížnosti posílejte na kontakt uvedený v bodě 1. Odpovíme do 30 dnů.',
          'Spotřebitel z Česka se může s návrhem na mimosoudní řešení sporu obrátit na Českou obchodní ' +
            'inspekci (www.coi.cz). Spotřebitel ze Slovenska se může obrátit na Slovenskou obchodní inspekci ' +
            '(www.soi.sk) nebo na jiný subjekt alternativního řešení sporů ze seznamu vedeného Ministerstvem ' +
            'hospodářství Slovenské republiky.',
          'Smlouva se řídí českým právem. Spotřebitelé s bydlištěm na Slovensku tím nepřicházejí o ochranu, ' +
            'kterou jim dávají kogentní ustanovení slovenského práva.',
        ],
      },
      {
        id: 'final',
        heading: '12. Závěrečná ustanovení',
        blocks: [
          'Podmínky jsou k dispozici česky, slovensky a anglicky; všechna znění mají stejný obsah. ' +
            'Platné i všechna dřívější znění si můžete kdykoli zobrazit na této stránce a uložit. U vašeho ' +
            'účtu evidujeme, se kterým zněním jste souhlasili a kdy; najdete to v nastavení účtu.',
        ],
      },
    ],
  }),

  sk: (operator) => ({
    title: 'Podmienky služby Vratka',
    lead:
      'Tieto podmienky hovoria, ako Vratka funguje, čo od nás môžete očakávať a čo očakávame od vás. ' +
      'Založením účtu s nimi súhlasíte.',
    sections: [
      {
        id: 'provider',
        heading: '1. Kto službu poskytuje',
        blocks: [
          `Službu Vratka poskytuje ${operator.identity} (ďalej len „my“). ${operator.contact}`,
          'Zmluvu s nami uzatvárate založením účtu. Je bezplatná a uzatvára sa na dobu neurčitú. ' +
            'Služba je len pre ľudí starších ako 18 rokov.',
          'Ak ste spotrebiteľ, nič v týchto podmienkach vám neberie práva, ktoré vám dáva zákon.',
        ],
      },
      {
        id: 'service',
        heading: '2. Čo Vratka robí',
        blocks: [
          'E-shopy platia províziu za nákupy zákazníkov, ktorých k nim privedú ich partneri, zvyčajne ' +
            'prostredníctvom affiliate sietí. Keď sa do e-shopu preklikniete z Vratky a nakúpite, dostaneme ' +
            'províziu my a jej časť vám vrátime ako cashback.',
          'Pri každom obchode vidíte, koľko cashbacku dostanete a za akých podmienok (obchod ho napríklad ' +
            'nemusí priznať na niektoré druhy tovaru alebo na nákup s cudzím zľavovým kódom). Cashback ' +
            'počítame podľa pravidla uvedeného pri obchode: ako podiel z provízie, ktorú nám obchod za nákup ' +
            'prizná, ako percento z hodnoty objednávky alebo ako pevnú sumu. Nikdy nie je vyšší ako samotná ' +
            'provízia. Výsledok zaokrúhľujeme nadol na celé centy či haliere.',
          'Za tovar a služby, ktoré si kúpite, zodpovedá e-shop. Kúpnu zmluvu uzatvárate s ním, nie s nami.',
        ],
      },
      {
        id: 'earning',
        heading: '3. Ako cashback získate',
        blocks: [
          {
            list: [
              'Prihláste sa a do obchodu prejdite tlačidlom na Vratke. Preklik si zaznamenáme pod náhodným ' +
                'pseudonymným identifikátorom, podľa ktorého potom nákup priradíme k vášmu účtu.',
              'Nákup dokončite v tom istom prehliadači. Keď medzi preklikom a nákupom prejdete do obchodu cez ' +
                'iný web (iný cashbackový portál, porovnávač cien, zľavový portál), províziu zvyčajne dostane ' +
                'on a cashback od nás nedostanete.',
              'Nevypínajte cookies, ktoré obchod potrebuje na sledovanie nákupu. Blokovače reklám a niektoré ' +
                'rozšírenia prehliadača vedia sledovanie prerušiť; na stránke obchodu vám ukážeme, či je niečo ' +
                'také zapnuté.',
              'Nákup sa vo vašom účte zvyčajne objaví do dvoch dní, pri niektorých obchodoch neskôr.',
            ],
          },
        ],
      },
      {
        id: 'states',
        heading: '4. Čakajúci, potvrdený a zamietnutý cashback',
        blocks: [
          {
            list: [
              'Čakajúci: obchod nám nákup nahlásil, ale ešte ho nepotvrdil. Zvyčajne čaká, kým uplynie lehota ' +
                'na vrátenie tovaru, teda 30 až 90 dní. Pri každom nákupe vidíte predpokladaný dátum potvrdenia.',
              'Potvrdený: obchod nákup schválil. Potvrdený cashback sa pripočíta k zostatku, ktorý si môžete ' +
                'dať vyplatiť.',
              'Zamietnutý: obchod províziu nepriznal, napríklad preto, že ste tovar vrátili, objednávku ' +
                'zrušili alebo nezaplatili, alebo nákup nesplnil jeho podmienky. Dôvod, ktorý nám obchod ' +
                'oznámi, vám ukážeme.',
            ],
          },
          'Ak sa zmení hodnota objednávky (napríklad keď vrátite len časť tovaru), upravíme cashback o ' +
            'rozdiel. Ak obchod zamietne nákup až potom, čo ste zaň cashback dostali vyplatený, započítame ' +
            'túto sumu proti vášmu budúcemu cashbacku. Zostatok, ktorý si môžete vyplatiť, nikdy nebude záporný.',
          'O potvrdení alebo zamietnutí rozhoduje obchod, prípadne affiliate sieť. Ak s ich rozhodnutím ' +
            'nesúhlasíte, napíšte nám a my im vašu námietku odovzdáme.',
        ],
      },
      {
        id: 'claims',
        heading: '5. Keď sa nákup nezapočítal',
        blocks: [
          'Ak sa nákup neobjaví vo vašom účte do 7 dní, môžete ho u nás reklamovať, najneskôr do 90 dní od ' +
            'nákupu. Uveďte obchod, dátum, číslo a hodnotu objednávky a priložte jej potvrdenie.',
          'Reklamáciu odovzdáme affiliate sieti alebo obchodu. Keď ju uzná, pripíšeme vám cashback ako pri ' +
            'ostatných nákupoch. O výsledku vám dáme vedieť; vybavenie závisí od obchodu a zvyčajne trvá ' +
            'niekoľko týždňov.',
        ],
      },
      {
        id: 'payouts',
        heading: '6. Výplata',
        blocks: [
          'Potvrdený cashback si môžete dať vyplatiť, hneď ako dosiahne minimálnu sumu: 10 € na slovenskom ' +
            'trhu, 200 Kč na českom.',
          'Vyplácame bankovým prevodom na účet, ktorý si pridáte v nastaveniach: na slovenskom trhu v eurách ' +
            'na účet s IBAN v oblasti SEPA, na českom v korunách na účet vedený v Česku. Účet musí byť vedený ' +
            'na vaše meno a môžeme vás požiadať o jeho overenie.',
          'Žiadosť o výplatu vybavíme spravidla do 14 dní. Výplata je bezplatná. Počas vybavovania je suma ' +
            'zablokovaná; keď sa prevod nepodarí, vrátime ju do vášho zostatku.',
          'Cashback neprevádzame na iné osoby ani ho nevyplácame v hotovosti.',
        ],
      },
      {
        id: 'fair-play',
        heading: '7. Čo je zakázané',
        blocks: [
          {
            list: [
              'mať viac účtov alebo si založiť účet za niekoho iného,',
              'nakupovať len kvôli cashbacku s úmyslom tovar vrátiť, vytvárať fiktívne objednávky alebo ' +
                'inak klamať obchody,',
              'podstrkávať prekliky cudzím ľuďom (napríklad skryto načítavať odkazy Vratky na iných weboch) ' +
                'alebo inak zasahovať do sledovania nákupov,',
              'používať službu automatizovane, pomocou robotov alebo skriptov.',
            ],
          },
          'Cashback získaný takýmto konaním nepriznáme. Pri závažnom alebo opakovanom porušení môžeme účet ' +
            'zrušiť. Cashback, ktorý ste získali poctivo, vám vyplatíme aj v takom prípade.',
        ],
      },
      {
        id: 'cancellation',
        heading: '8. Zrušenie účtu',
        blocks: [
          'Účet môžete kedykoľvek zrušiť; stačí nám napísať z e-mailu, ktorý máte pri účte.',
          'Zrušením účtu o peniaze neprídete. Potvrdený zostatok vám vyplatíme na bankový účet, ktorý nám ' +
            'uvediete, a to aj vtedy, keď nedosahuje minimálnu sumu. Čakajúci cashback vyplatíme, hneď ako ' +
            'ho obchod potvrdí. Kým nám bankový účet neuvediete, zostatok pre vás evidujeme.',
          'My môžeme zmluvu vypovedať s výpovednou lehotou dva mesiace, napríklad keď službu prestaneme ' +
            'prevádzkovať, a pri závažnom porušení týchto podmienok (bod 7) aj bez výpovednej lehoty. Ani ' +
            'vtedy o poctivo získaný cashback neprídete.',
          'Čo sa po zrušení účtu stane s vašimi osobnými údajmi, opisujú zásady ochrany osobných údajov.',
        ],
      },
      {
        id: 'changes',
        heading: '9. Zmeny podmienok',
        blocks: [
          'Podmienky môžeme zmeniť, napríklad keď pridáme novú funkciu alebo keď to vyžaduje zákon. Každú ' +
            'zmenu oznámime najmenej mesiac vopred e-mailom a upozornením vo vašom účte a napíšeme, čo sa mení.',
          'Nové znenie platí odo dňa, keď nadobudne účinnosť. Pri prvom prihlásení po tomto dni vás ' +
            'požiadame o súhlas; kým ho nedáte, službu ďalej používať nemôžete, o zostatok však neprichádzate. ' +
            'Ak so zmenou nesúhlasíte, môžete účet kedykoľvek zrušiť, bezplatne a bez straty zostatku.',
          'Všetky predchádzajúce znenia podmienok nájdete na tejto stránke.',
        ],
      },
      {
        id: 'liability',
        heading: '10. Zodpovednosť',
        blocks: [
          'Robíme všetko, čo je v našich silách, aby sa každý nákup započítal a služba fungovala bez ' +
            'prerušenia. Zaručiť to však nemôžeme: o provízii rozhodujú obchody a affiliate siete a sledovanie ' +
            'nákupu môže zlyhať aj z príčin na vašej strane. Za cashback z nákupu, ktorý nám obchod nenahlásil ' +
            'alebo neuznal, preto nezodpovedáme.',
          'Za škodu, ktorú spôsobíme porušením svojich povinností, zodpovedáme podľa právnych predpisov. ' +
            'Zodpovednosť, ktorú zákon nedovoľuje vylúčiť, nevylučujeme.',
        ],
      },
      {
        id: 'disputes',
        heading: '11. Sťažnosti a riešenie sporov',
        blocks: [
          'Otázky a sťažnosti posielajte na kontakt uvedený v bode 1. Odpovieme do 30 dní.',
          'Spotrebiteľ zo Slovenska sa môže s návrhom na alternatívne riešenie sporu obrátiť na Slovenskú ' +
            'obchodnú inšpekciu (www.soi.sk) alebo na iný subjekt alternatívneho riešenia sporov zo zoznamu, ' +
            'ktorý vedie Ministerstvo hospodárstva Slovenskej republiky. Spotrebiteľ z Česka sa môže obrátiť ' +
            'na Českú obchodnú inšpekciu (www.coi.cz).',
          'Zmluva sa riadi českým právom. Spotrebitelia s bydliskom na Slovensku tým neprichádzajú o ochranu, ' +
            'ktorú im poskytujú kogentné ustanovenia slovenského práva.',
        ],
      },
      {
        id: 'final',
        heading: '12. Záverečné ustanovenia',
        blocks: [
          'Podmienky sú k dispozícii po česky, po slovensky a po anglicky; všetky znenia majú rovnaký obsah. ' +
            'Platné aj všetky predchádzajúce znenia si môžete kedykoľvek zobraziť na tejto stránke a uložiť. ' +
            'Pri vašom účte evidujeme, s ktorým znením ste súhlasili a kedy; nájdete to v nastaveniach účtu.',
        ],
      },
    ],
  }),

  en: (operator) => ({
    title: 'Vratka terms of service',
    lead:
      'These terms explain how Vratka works, what you can expect from us and what we expect from you. ' +
      'By creating an account you agree to them.',
    sections: [
      {
        id: 'provider',
        heading: '1. Who provides the service',
        blocks: [
          `The Vratka service is provided by ${operator.identity} ("we", "us"). ${operator.contact}`,
          'You enter into the contract with us by creating an account. It is free of charge and for an ' +
            'indefinite period. The service is only for people aged 18 or over.',
          'If you are a consumer, nothing in these terms takes away the rights the law gives you.',
        ],
      },
      {
        id: 'service',
        heading: '2. What Vratka does',
        blocks: [
          'Online shops pay a commission for purchases by customers their partners bring to them, usually ' +
            'through affiliate networks. When you click through from Vratka to a shop and buy something, the ' +
            'commission comes to us and we give part of it back to you as cashback.',
          'Each shop shows how much cashback you get and on what conditions (a shop may, for example, pay ' +
            'nothing on some kinds of goods or on orders using a third-party discount code). We work out ' +
            'your cashback by the rule shown for the shop: as a share of the commission the shop grants us ' +
            'for the purchase, as a percentage of the order value, or as a fixed amount. It is never more ' +
            'than the commission itself. We round down to the whole cent or haléř.',
          'The shop is responsible for the goods and services you buy. Your purchase contract is with the ' +
            'shop, not with us.',
        ],
      },
      {
        id: 'earning',
        heading: '3. How you earn cashback',
        blocks: [
          {
            list: [
              'Log in and go to the shop using the button on Vratka. We record the click under a random, ' +
                'pseudonymous ID, which is how we match the purchase to your account later.',
              'Finish the purchase in the same browser. If you go to the shop through another website between ' +
                'your click and the purchase (another cashback site, a price comparison site, a coupon site), ' +
                'the commission usually goes to that website and you get no cashback from us.',
              'Do not block the cookies the shop needs to track the purchase. Ad blockers and some browser ' +
                'extensions can break tracking; the shop page tells you if something like that is switched on.',
              'A purchase usually shows up in your account within two days; with some shops it takes longer.',
            ],
          },
        ],
      },
      {
        id: 'states',
        heading: '4. Pending, confirmed and rejected cashback',
        blocks: [
          {
            list: [
              'Pending: the shop has reported the purchase but not confirmed it yet. It usually waits until ' +
                'the return period is over, typically 30 to 90 days. Each purchase shows the expected date of ' +
                'confirmation.',
              'Confirmed: the shop has approved the purchase. Confirmed cashback is added to the balance you ' +
                'can have paid out.',
              'Rejected: the shop has not granted the commission, for example because you returned the ' +
                'goods, cancelled or did not pay for the order, or the purchase did not meet the shop’s ' +
                'conditions. We show you the reason the shop gives us.',
            ],
          },
          'If the order value changes (say you return part of the goods), we adjust your cashback by the ' +
            'difference. If a shop rejects a purchase after its cashback has been paid out to you, we set ' +
            'that amount off against your future cashback. The balance you can withdraw never goes negative.',
          'Confirming or rejecting a purchase is up to the shop or the affiliate network. If you disagree ' +
            'with their decision, write to us and we will pass your objection on.',
        ],
      },
      {
        id: 'claims',
        heading: '5. When a purchase was not tracked',
        blocks: [
          'If a purchase does not show up in your account within 7 days, you can file a claim with us, no ' +
            'later than 90 days after the purchase. Tell us the shop, the date, the order number and value, ' +
            'and attach the order confirmation.',
          'We pass the claim on to the affiliate network or the shop. If they accept it, we credit the ' +
            'cashback like for any other purchase. We will let you know the outcome; it depends on the shop ' +
            'and usually takes a few weeks.',
        ],
      },
      {
        id: 'payouts',
        heading: '6. Payouts',
        blocks: [
          'You can have confirmed cashback paid out once it reaches the minimum amount: CZK 200 in the Czech ' +
            'market, €10 in the Slovak market.',
          'We pay by bank transfer to an account you add in your settings: in Czech crowns to an account held ' +
            'in the Czech Republic in the Czech market, in euros to an account with an IBAN in the SEPA area ' +
            'in the Slovak market. The account must be in your name, and we may ask you to verify it.',
          'We usually process a payout request within 14 days. Payouts are free. While a request is being ' +
            'processed, the amount is on hold; if the transfer fails, it goes back to your balance.',
          'We do not transfer cashback to other people and do not pay it out in cash.',
        ],
      },
      {
        id: 'fair-play',
        heading: '7. What is not allowed',
        blocks: [
          {
            list: [
              'having more than one account, or creating an account for someone else;',
              'buying only for the cashback with the intention of returning the goods, placing fake orders or ' +
                'misleading shops in any other way;',
              'slipping clicks onto other people (for example by loading Vratka links unseen on other ' +
                'websites) or otherwise interfering with purchase tracking;',
              'using the service in an automated way, with bots or scripts.',
            ],
          },
          'We do not grant cashback earned that way. For serious or repeated breaches we may close the ' +
            'account. Cashback you earned honestly is paid out to you even then.',
        ],
      },
      {
        id: 'cancellation',
        heading: '8. Closing your account',
        blocks: [
          'You can close your account at any time; just write to us from the e-mail address your account uses.',
          'Closing your account never costs you your money. We pay out your confirmed balance to the bank ' +
            'account you give us, even if it is below the minimum amount. Pending cashback is paid out once ' +
            'the shop confirms it. Until you give us a bank account, we keep your balance for you.',
          'We may terminate the contract with two months’ notice, for example if we stop running the ' +
            'service, and without notice for a serious breach of these terms (section 7). Even then you keep ' +
            'the cashback you earned honestly.',
          'What happens to your personal data after you close your account is described in the privacy notice.',
        ],
      },
      {
        id: 'changes',
        heading: '9. Changes to these terms',
        blocks: [
          'We may change these terms, for example when we add a feature or when the law requires it. We ' +
            'announce every change at least one month in advance by e-mail and with a notice in your ' +
            'account, and we say what changes.',
          'The new version applies from the day it takes effect. The first time you log in after that day, ' +
            'we ask you to accept it; until you do, you cannot go on using the service, but you do not lose ' +
            'your balance. If you disagree with a change, you can close your account at any time, free of ' +
            'charge and without losing your balance.',
          'All earlier versions of these terms are available on this page.',
        ],
      },
      {
        id: 'liability',
        heading: '10. Liability',
        blocks: [
          'We do all we can to make every purchase count and to keep the service running. We cannot ' +
            'guarantee it, though: shops and affiliate networks decide on commissions, and tracking can fail ' +
            'for reasons on your side too. We are therefore not liable for cashback on a purchase that a shop ' +
            'did not report to us or did not accept.',
          'We are liable for damage we cause by breaching our obligations as the law provides. We do not ' +
            'exclude any liability that the law does not allow to be excluded.',
        ],
      },
      {
        id: 'disputes',
        heading: '11. Complaints and disputes',
        blocks: [
          'Send questions and complaints to the contact in section 1. We reply within 30 days.',
          'Consumers in the Czech Republic can turn to the Czech Trade Inspection Authority (www.coi.cz) for ' +
            'out-of-court dispute resolution. Consumers in Slovakia can turn to the Slovak Trade Inspection ' +
            '(www.soi.sk) or to another alternative dispute resolution body on the list kept by the Slovak ' +
            'Ministry of Economy.',
          'The contract is governed by Czech law. Consumers living in Slovakia keep the protection that the ' +
            'mandatory provisions of Slovak law give them.',
        ],
      },
      {
        id: 'final',
        heading: '12. Final provisions',
        blocks: [
          'These terms are available in Czech, Slovak and English; all versions have the same content. You ' +
            'can view and save the current and all earlier versions on this page at any time. We record with ' +
            'your account which version you accepted and when; you can see it in your account settings.',
        ],
      },
    ],
  }),
};
