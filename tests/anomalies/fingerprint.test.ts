// The narrative sketch: what it ignores (names, numbers, layout at sentence ends), and that the share of agreeing
// bins tracks the true Jaccard similarity of the shingle sets as the b-bit MinHash theory says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparableText, narrativeFingerprint, ownNames, proseFacts, sketchOf } from '../../src/anomalies/fingerprint';

const SENTENCES = [
  '本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自1月1日起至12月31日止。',
  '坚持以公开为常态、不公开为例外，做到应公开尽公开。',
  '严格执行信息发布审核制度，坚持谁公开、谁审查、谁负责。',
  '依托政府网站集约化平台，优化政府信息公开专栏设置。',
  '全年未发生因政府信息公开引起的行政复议、行政诉讼。',
  '一是信息更新还不够及时；二是工作人员业务水平有待提高。',
  '将政务公开工作纳入年度目标考核，明确责任分工。',
  '及时回应网民留言，做到件件有回音。',
  '持续完善门户网站栏目，实现重点领域信息集中统一发布。',
  '加强政策解读，以图解、问答等形式回应社会关切。',
  '规范依申请公开办理流程，加强与申请人沟通。',
  '定期开展政府信息公开自查，逐条核查，及时纠正错漏。',
];

const shingles = (t: string) => {
  const s = new Set<string>();
  for (let i = 0; i + 4 <= t.length; i++) if (!t.slice(i, i + 4).includes('\n')) s.add(t.slice(i, i + 4));
  return s;
};
const agreeing = (a: string, b: string) => [...a].filter((c, i) => c === b[i]).length / a.length;

describe('narrative sketch', () => {
  const text = SENTENCES.join('');

  it('ignores the agency’s own names, the numbers and whitespace', () => {
    const a = narrativeFingerprint(`兰州市商务局2021年政府信息公开工作年度报告。${text}市商务局全年主动公开政府信息120条。`, '兰州市商务局');
    const b = narrativeFingerprint(`天水市商务局2022年政府信息公开工作年度报告。${text.replaceAll('，', ' ，')}市商务局全年主动公开政府信息87条。`, '天水市商务局');
    expect(a).not.toBeNull();
    expect(b).toEqual(a);
  });

  it('takes a name and the tails after each place as the agency’s names', () => {
    expect(ownNames('兰州市城关区齐寿镇人民政府')).toEqual(['兰州市城关区齐寿镇人民政府', '城关区齐寿镇人民政府', '齐寿镇人民政府', '人民政府']);
    expect(comparableText('主办单位：齐寿镇人民政府。', '兰州市城关区齐寿镇人民政府')).toBe('主办单位：@\n');
  });

  it('says nothing about a text too short to compare', () => {
    expect(sketchOf('政府信息公开工作年度报告')).toBeNull();
  });

  it('counts distinct shingles to within a few percent', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: SENTENCES.length - 1 }), { minLength: 20, maxLength: 200 }), fc.integer(), (picks, salt) => {
        const t = comparableText(picks.map((i, k) => SENTENCES[i].replace('。', `${String.fromCharCode(0x4e00 + ((k * 31 + salt) & 0xfff))}。`)).join(''), null);
        const exact = shingles(t).size;
        const sketch = sketchOf(t);
        if (exact < 100 || !sketch) return;
        expect(Math.abs(sketch.shingles / exact - 1)).toBeLessThan(0.05);
      }),
      { numRuns: 40 },
    );
  });

  it('agrees in a share of bins that estimates the Jaccard similarity', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 4000 }), { minLength: 120, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (ids, keep) => {
        // two texts of sentences of five distinct "words", sharing a chosen part
        const words = ids.map((i) => String.fromCharCode(0x4e00 + i, 0x5e00 + ((i * 7) % 4000), 0x6e00 + ((i * 13) % 4000)));
        const sentences = (ws: string[]) => ws.map((w, k) => (k % 5 === 4 ? `${w}。` : w)).join('');
        const cut = Math.floor(words.length * keep);
        const a = comparableText(sentences(words), null);
        const b = comparableText(sentences([...words.slice(0, cut), ...words.slice(cut).map((w) => `${w[0]}乙${w[2]}`)]), null);
        const [sa, sb] = [shingles(a), shingles(b)];
        const both = [...sa].filter((x) => sb.has(x)).length;
        const jaccard = both / (sa.size + sb.size - both);
        const ka = sketchOf(a)!;
        const kb = sketchOf(b)!;
        const estimate = (agreeing(ka.minhash, kb.minhash) - 1 / 16) / (15 / 16);
        // the standard error is at most ~0.03; five of them
        expect(Math.abs(estimate - jaccard)).toBeLessThan(0.15);
      }),
      { numRuns: 60 },
    );
  });
});

describe('prose facts', () => {
  it('writes the stated numbers as key=value pairs, and nothing for no facts', () => {
    expect(proseFacts([{ key: 't3.new_received.total', value: 70, quote: '' }, { key: 'a+b', value: 3, quote: '' }])).toBe('t3.new_received.total=70;a+b=3');
    expect(proseFacts([])).toBeNull();
  });
});
