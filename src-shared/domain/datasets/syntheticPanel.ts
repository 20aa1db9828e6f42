/**
 * A deterministic synthetic enterprise-level panel for scale tests and demos.
 * Nothing here is real: enterprise ids are SYN-…, every row says
 * synthetic=true, and the generator never writes to the indicator tables.
 */

export const SYNTHETIC_PANEL_COLUMNS = ['synthetic', 'enterprise', 'town', 'industry', 'year', 'revenue', 'rd_expenditure', 'is_hightech'] as const;
/** Units of the money columns. */
export const SYNTHETIC_PANEL_MONEY_UNIT = '万元';

export interface SyntheticPanelRow {
  synthetic: true;
  enterprise: string;
  town: string;
  industry: string;
  year: number;
  /** 万元 */
  revenue: number;
  /** 万元 */
  rd_expenditure: number;
  is_hightech: boolean;
}

const TOWNS = ['浒山街道', '白沙路街道', '古塘街道', '坎墩街道', '宗汉街道', '观海卫镇', '周巷镇', '逍林镇', '新浦镇', '附海镇', '桥头镇', '匡堰镇', '横河镇', '崇寿镇', '长河镇', '掌起镇', '龙山镇', '胜山镇', '天元镇', '庵东镇'];
/** Industry, typical R&D intensity (share of revenue). */
const INDUSTRIES: [string, number][] = [
  ['智能家电', 0.035],
  ['汽车零部件', 0.04],
  ['化纤纺织', 0.02],
  ['机械装备', 0.035],
  ['电子信息', 0.05],
  ['新材料', 0.045],
  ['生物医药', 0.07],
  ['轴承', 0.03],
];
export const SYNTHETIC_FIRST_YEAR = 2019;
export const SYNTHETIC_YEARS = 5;

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(next: () => number): number {
  const u = Math.max(next(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * `rows` rows: enterprises × the years 2019–2023 in enterprise order, the
 * last enterprise cut short when `rows` is not a multiple of 5. The same
 * `rows` and `seed` give the same rows, and a smaller `rows` gives a prefix.
 */
export function* syntheticPanel(rows: number, seed = 1): Generator<SyntheticPanelRow> {
  let produced = 0;
  for (let enterprise = 1; produced < rows; enterprise++) {
    const next = random(Math.imul(seed, 0x9e3779b1) ^ enterprise);
    const town = TOWNS[Math.floor(next() * TOWNS.length)]!;
    const [industry, intensity] = INDUSTRIES[Math.floor(next() * INDUSTRIES.length)]!;
    let revenue = Math.exp(8 + 1.2 * normal(next));
    const firmIntensity = intensity * Math.exp(0.5 * normal(next));
    const hightechFrom = next() < 0.35 ? SYNTHETIC_FIRST_YEAR + Math.floor(next() * (SYNTHETIC_YEARS + 2)) : Infinity;
    for (let year = 0; year < SYNTHETIC_YEARS && produced < rows; year++, produced++) {
      revenue *= Math.exp(0.06 + 0.12 * normal(next));
      const rd = revenue * firmIntensity * Math.exp(0.15 * normal(next));
      yield {
        synthetic: true,
        enterprise: `SYN-${String(enterprise).padStart(7, '0')}`,
        town,
        industry,
        year: SYNTHETIC_FIRST_YEAR + year,
        revenue: round1(revenue),
        rd_expenditure: round1(rd),
        is_hightech: SYNTHETIC_FIRST_YEAR + year >= hightechFrom,
      };
    }
  }
}
