import assert from 'node:assert/strict';
import { LEGAL_TEXTS } from '../../client/src/legal/legal-texts.js';
import { operatorFrom, operatorWords } from '../../client/src/legal/operator.js';
import { LEGAL_DOCUMENTS, LEGAL_VERSIONS, legalState, type LegalVersions } from '../../shared/src/legal.js';
import { LANGUAGES } from '../../shared/src/markets.js';

const VERSIONS: LegalVersions = {
  terms: [
    { version: '2026-01', effectiveFrom: '2025-12-31T23:00:00.000Z' },
    { version: '2026-06', effectiveFrom: '2026-05-31T22:00:00.000Z' },
    { version: '2027-01', effectiveFrom: '2026-12-31T23:00:00.000Z' },
  ],
  privacy: [{ version: '2026-01', effectiveFrom: '2025-12-31T23:00:00.000Z' }],
};

describe('legal documents', () => {
  it('when a later version is announced, then the latest one in effect is current and the first later one is next', () => {
    const before = legalState(VERSIONS, new Date('2026-05-01T00:00:00Z'));
    assert.equal(before.terms.current.version, '2026-01');
    assert.equal(before.terms.next?.version, '2026-06');
    assert.equal(before.privacy.next, null);

    const onTheDay = legalState(VERSIONS, new Date('2026-05-31T22:00:00.000Z'));
    assert.equal(onTheDay.terms.current.version, '2026-06');
    assert.equal(onTheDay.terms.next?.version, '2027-01');

    const after = legalState(VERSIONS, new Date('2027-03-01T00:00:00Z'));
    assert.equal(after.terms.current.version, '2027-01');
    assert.equal(after.terms.next, null);
  });

  it('every published version has a date, a unique id and its place in order', () => {
    for (const document of LEGAL_DOCUMENTS) {
      const versions = LEGAL_VERSIONS[document];
      assert.ok(versions.length > 0, document);
      for (const [index, version] of versions.entries()) {
        assert.ok(!Number.isNaN(Date.parse(version.effectiveFrom)), `${document} ${version.version}`);
        const previous = versions[index - 1];
        if (previous) assert.ok(Date.parse(previous.effectiveFrom) < Date.parse(version.effectiveFrom));
      }
      assert.equal(new Set(versions.map((version) => version.version)).size, versions.length);
    }
  });

  it('every published version has its text in Czech, Slovak and English, naming the operator', () => {
    const operator = operatorFrom({
      VITE_OPERATOR_NAME: 'Zkušební provozovatel s.r.o.',
      VITE_OPERATOR_ID: '00000019',
      VITE_OPERATOR_ADDRESS: 'Dlouhá 1, 110 00 Praha 1',
      VITE_OPERATOR_EMAIL: 'podpora@vratka.example',
    });
    for (const document of LEGAL_DOCUMENTS) {
      for (const { version } of LEGAL_VERSIONS[document]) {
        const texts = LEGAL_TEXTS[document][version];
        assert.ok(texts, `${document} ${version} has no text`);
        const sectionIds = new Set<string>();
        for (const language of LANGUAGES) {
          const text = texts[language](operatorWords(language, operator));
          assert.ok(
            text.title && text.lead && text.sections.length >= 5,
            `${document} ${version} ${language}`,
          );
          const words = JSON.stringify(text);
          assert.match(words, /Zkušební provozovatel s\.r\.o\., (IČO|company ID) 00000019/);
          assert.match(words, /podpora@vratka\.example/);
          assert.doesNotMatch(words, /undefined|\{\{|TODO/);
          // The same sections in every language, so anchors and the table of contents agree.
          const ids = text.sections.map((section) => section.id).join(',');
          sectionIds.add(ids);
        }
        assert.equal(sectionIds.size, 1, `${document} ${version}: sections differ between languages`);
      }
    }
  });

  it('the documents say what the issue asks of them', () => {
    const cs = (document: 'terms' | 'privacy') =>
      JSON.stringify(LEGAL_TEXTS[document]['2026-01']!.cs(operatorWords('cs', undefined)));
    const terms = cs('terms');
    for (const needle of [/200 Kč/, /10 €/, /reklamovat/, /nepřijdete/, /měsíc předem/, /Zamítnutý/]) {
      assert.match(terms, needle);
    }
    const privacy = cs('privacy');
    for (const needle of [/ÚOOÚ/, /ÚOOU/, /jednoho měsíce/, /JSON/, /pseudonymní identifikátor prokliku/]) {
      assert.match(privacy, needle);
    }
  });

  it('without a configured operator, the documents say so instead of naming one', () => {
    assert.equal(operatorFrom({}), undefined);
    assert.equal(operatorFrom({ VITE_OPERATOR_NAME: '  ' }), undefined);
    assert.match(operatorWords('cs', undefined).identity, /zatím neuvedl/);
    assert.deepEqual(operatorWords('en', operatorFrom({ VITE_OPERATOR_NAME: 'Vratka Ltd' })), {
      identity: 'Vratka Ltd',
      contact: '',
    });
  });
});
