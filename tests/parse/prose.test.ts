// What the prose states about the tables, and what it does not.
import { describe, expect, it } from 'vitest';
import { readProse } from '../../src/parse/prose';

const facts = (text: string) => Object.fromEntries(readProse(text).map((f) => [f.key, f.value]));

describe('prose statements', () => {
  it.each([
    ['本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。', { 't3.new_received.total': 70, 't3.total.total': 69, 't3.carried_forward.total': 1 }],
    ['2023年全区受理政府信息公开申请 21 件，均在法定期限答复。', { 't3.new_received.total': 21 }],
    ['全年收到依申请公开信息3条，答复率100%。', { 't3.new_received.total': 3 }],
    ['受理并答复依申请公开2件', { 't3.new_received.total': 2 }],
    ['行政复议36起，行政诉讼9起。', { 't4.review.total': 36, 't4.suit_direct.total+t4.suit_after_review.total': 9 }],
    ['本年度制发的规范性文件77件，现行有效393件。', { 't2.normative_docs.issued': 77, 't2.normative_docs.in_force': 393 }],
    ['同意公开答复9件，部分公开答复0件。', { 't3.granted.total': 9, 't3.partial.total': 0 }],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));

  it.each([
    '全年受理各类群众诉求259起。',
    '全年受理网络问政182件。',
    '共处理群众留言92条。',
    '予以公开及部分公开42件。',
  ])('reads nothing about the tables from "%s"', (text) => expect(facts(text)).toEqual({}));
});
