import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { datasetStandInSql, LIST_RELATIONS_SQL } from '../../tests/support/datasetStandIns';
import { cliRunner } from '../../tests/support/cliRunner';

// These tests build their own observations/indicators/targets: open workspaces without the bundled datasets.

const root = mkdtempSync(join(tmpdir(), 'iwb-nbcli-'));
const workspace = join(root, 'workspace');
const notebooks = join(root, 'notebooks');
const samples = resolve(__dirname, '../../queries');

const cli = cliRunner(workspace, { ...process.env, IWB_BUNDLED_DATASETS: 'off' });

function notebook(name: string, cells: string[], folder = notebooks): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, `---\niwb-notebook: 1\ntitle: ${name}\n---\n\n${cells.join('\n')}`);
  return path;
}

const YEAR = '```parameter 年份\ncontrol: slider\nvalue: 2022\nmin: 2019\nmax: 2023\n```\n';
const SERIES = "```sql 序列\nselect year as 年份, value as 数值, '研发' as 名称 from observations where indicator_code = 'rd_gdp_ratio' and year <= getvariable('年份') order by year\n```\n";
const CHART = '```chart 图\nkind: line\nsource: 序列\nx: 年份\ny: ["数值"]\ntitle: 研发投入强度\nunit: "%"\n```\n';

beforeAll(async () => {
  vi.stubEnv('XDG_DATA_HOME', join(root, 'user-data'));
  const listed = await cli('query', LIST_RELATIONS_SQL, '--format', 'json');
  const existing = (JSON.parse(listed.stdout) as { name: string }[]).map((row) => row.name);
  const setup = datasetStandInSql(existing);
  if (setup) expect((await cli('query', setup)).code).toBe(0);
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('iwb check', () => {
  it('reports nothing wrong with the sample notebooks', async () => {
    const files = readdirSync(samples).filter((name) => name.endsWith('.iwb.md')).map((name) => join(samples, name));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const { code, stdout } = await cli('check', ...files);
    expect(stdout.trim().split('\n')).toEqual(files.map((file) => `${file}: ok`));
    expect(code).toBe(0);
  });

  it('names the file, line and problem, and exits 1', async () => {
    const broken = notebook('broken.iwb.md', ['```chart\nkind: line\nsource: nowhere\nx: a\ny: b\n```\n', '```sql\nselect 1\n']);
    const { code, stdout } = await cli('check', broken);
    expect(code).toBe(1);
    expect(stdout).toBe(`${broken}:13: error: the sql cell opened here is never closed with \`\`\` (is the file cut short?)\n`);
    const chart = notebook('chart.iwb.md', ['```chart\nkind: line\nsource: nowhere\nx: a\ny: b\n```\n']);
    expect((await cli('check', chart)).stdout).toBe(`${chart}:6: error: the chart's source "nowhere" is not the name of a cell above it\n`);
  });

  it('prints every problem in English from the catalog, a raw cell\'s and a parameter\'s with their values', async () => {
    const path = notebook('several.iwb.md', ['```sql x\nselect 1\n```\n', '```sql X\nselect 2\n```\n', '```parameter p\ncontrol: slider\nvalue: 1\nmin: 5\nmax: 2\n```\n', '```chart\nkind: pie\n```\n']);
    const { code, stdout } = await cli('check', path);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `${path}:10: error: the name "X" is already used by the cell on line 6`,
        `${path}:14: error: parameter "p": min 5 is above max 2`,
        `${path}:14: warning: parameter "p": the value 1 is below min 5`,
        `${path}:22: error: "kind" must be one of line, bar, barh, combo, area, scatter, fan, waterfall (found "pie")`,
        '',
      ].join('\n'),
    );
  });
});

describe('iwb run', () => {
  it('writes CSV, the chart figure and a manifest, with a parameter given on the command line', async () => {
    const path = notebook('trend.iwb.md', [YEAR, SERIES, CHART]);
    await cli('trust', path);
    const out = join(root, 'out-trend');
    const { code, stdout, stderr } = await cli('run', path, '--param', '年份=2021', '--out', out, '--images', 'none');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Line 14: trusting added the signature line to the header.
    expect(stdout.split('\n')[0]).toBe(`Running ${path} → ${out}`);
    expect(stdout).toContain('cell 2 (sql "序列", line 14): 3 rows');
    expect(readdirSync(out).sort()).toEqual(['02-序列.csv', '03-图.plotly.json', 'manifest.json']);
    expect(readFileSync(join(out, '02-序列.csv'), 'utf8')).toBe('\uFEFF年份,数值,名称\r\n2019,2.9,研发\r\n2020,3.02,研发\r\n2021,3.15,研发\r\n');
    const figure = JSON.parse(readFileSync(join(out, '03-图.plotly.json'), 'utf8'));
    expect(figure.data[0]).toMatchObject({ type: 'scatter', x: ['2019', '2020', '2021'], y: [2.9, 3.02, 3.15] });
    expect(figure.layout.title.text).toBe('研发投入强度');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ trusted: true, parameters: { 年份: 2021 }, files: ['02-序列.csv', '03-图.plotly.json'] });
  });

  it('stops at the failing cell, naming it and the line, and exits 1', async () => {
    const path = notebook('failing.iwb.md', [YEAR, SERIES, '```sql\nselect 1 as fine;\nselect nosuch from 序列\n```\n', CHART]);
    const { code, stderr } = await cli('run', path, '--out', join(root, 'out-failing'), '--images', 'none');
    expect(code).toBe(1);
    expect(stderr).toContain('cell 3 (sql, line 17) failed at line 19: Binder Error: Referenced column "nosuch" not found');
  });

  it('refuses a file that is not a notebook, naming the line, and writes nothing', async () => {
    const path = join(notebooks, 'binary.iwb.md');
    writeFileSync(path, new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x00]));
    const out = join(root, 'out-binary');
    const { code, stderr, stdout } = await cli('run', path, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toBe('binary.iwb.md: line 2: this is a binary file (a NUL byte at byte 5), not a notebook\n');
    expect(stdout).not.toContain('Running');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a notebook with errors without first saying it is running', async () => {
    const chart = notebook('errors.iwb.md', ['```chart\nkind: line\nsource: nowhere\nx: a\ny: b\n```\n']);
    const { code, stdout, stderr } = await cli('run', chart, '--images', 'none', '--out', join(root, 'out-errors'));
    expect(code).toBe(1);
    expect(stderr).toContain('errors.iwb.md has errors; fix them (iwb check lists them) before running it.');
    expect(stdout).not.toContain('Running');
  });

  it('refuses an unknown parameter or a bad value before running anything', async () => {
    const path = notebook('params.iwb.md', [YEAR, SERIES]);
    const unknown = await cli('run', path, '--param', 'year=2021', '--out', join(root, 'out-params'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--param: there is no parameter "year" (the notebook has: 年份)');
    expect(unknown.stdout).not.toContain('Running');
    const bad = await cli('run', path, '--param', '年份=去年', '--out', join(root, 'out-params'));
    expect(bad.stderr).toContain('--param: parameter "年份": "去年" is not a number');
    expect(existsSync(join(root, 'out-params'))).toBe(false);
    expect((await cli('run', path, '--param', '年份')).code).toBe(2);
    const twice = await cli('run', path, '--param', '年份=2021', '--param', '年份=2022', '--out', join(root, 'out-params'));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--param gives "年份" twice ("2021" and "2022"); give it once');
    expect(existsSync(join(root, 'out-params'))).toBe(false);
  });

  it('runs a notebook it did not sign restricted to its folder, and says so', async () => {
    writeFileSync(join(root, 'secret.csv'), 'a\n1\n');
    const path = notebook('stranger.iwb.md', [`\`\`\`sql\nselect * from read_csv('${join(root, 'secret.csv')}')\n\`\`\`\n`]);
    const { code, stderr } = await cli('run', path, '--out', join(root, 'out-stranger'), '--images', 'none');
    expect(code).toBe(1);
    expect(stderr).toContain('stranger.iwb.md is not signed by you: it runs restricted');
    expect(stderr).toMatch(/cell 1 \(sql, line 6\) failed at line 7: Permission Error: Cannot access file/);
    expect((await cli('trust', path)).stdout).toContain('trusted');
    expect((await cli('run', path, '--out', join(root, 'out-stranger'), '--images', 'none')).code).toBe(0);
  });

  it('without a browser writes everything else and says which images it could not make', async () => {
    vi.stubEnv('IWB_CHROMIUM', join(root, 'no-such-browser'));
    try {
      const path = notebook('images.iwb.md', [YEAR, SERIES, CHART]);
      const auto = await cli('run', path, '--out', join(root, 'out-auto'));
      expect(auto.code).toBe(0);
      expect(auto.stderr).toContain(`cannot render chart images: no Chromium, Edge or Chrome was found (looked for ${join(root, 'no-such-browser')})`);
      expect(auto.stderr).toContain('03-图.png, 03-图.svg');
      expect(readdirSync(join(root, 'out-auto')).sort()).toEqual(['02-序列.csv', '03-图.plotly.json', 'manifest.json']);
      const explicit = await cli('run', path, '--out', join(root, 'out-explicit'), '--images', 'png');
      expect(explicit.code).toBe(1);
    } finally {
      vi.stubEnv('IWB_CHROMIUM', undefined as unknown as string);
    }
  });
});

describe('iwb run with a target cell naming no target', () => {
  it('fails at that cell, naming the target, instead of writing an empty card', async () => {
    const path = notebook('no-target.iwb.md', ['```target 进度\ntarget: nosuch_target\nmethod: cagr\n```\n']);
    const { code, stderr } = await cli('run', path, '--images', 'none', '--out', join(root, 'out-no-target'));
    expect(code).toBe(1);
    expect(stderr).toContain('The workspace has no target nosuch_target; the target cell cannot show it.');
    expect(existsSync(join(root, 'out-no-target', '01-进度.csv'))).toBe(false);
  });
});

describe('iwb run with output paths it cannot use', () => {
  it('says so before any cell runs, as a usage error, and writes nothing', async () => {
    const path = notebook('paths.iwb.md', [YEAR, SERIES]);
    const file = join(root, 'a-file.txt');
    writeFileSync(file, 'kept');
    const intoFile = await cli('run', path, '--images', 'none', '--out', file);
    expect(intoFile.code).toBe(2);
    expect(intoFile.stderr).toContain(`--out ${file} cannot be used as a folder: a file has that name, or a folder on the way is a file`);
    expect(intoFile.stdout).not.toContain('Running');
    expect((await cli('run', path, '--images', 'none', '--out', join(file, 'sub'))).code).toBe(2);
    const folder = join(root, 'a-folder.html');
    mkdirSync(folder, { recursive: true });
    const exportToFolder = await cli('run', path, '--images', 'none', '--out', join(root, 'out-paths'), '--export', folder);
    expect(exportToFolder.code).toBe(2);
    expect(exportToFolder.stderr).toContain(`--export ${folder} is a folder; give a file name`);
    const underFile = await cli('run', path, '--images', 'none', '--out', join(root, 'out-paths'), '--export', join(file, 'b.html'));
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain('cannot be written: a file has that name, or a folder on the way is a file');
    expect(existsSync(join(root, 'out-paths', 'manifest.json'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('kept');
    // A briefing from last month (maybe edited in Word) is replaced only when asked.
    const briefing = join(root, 'last-month.html');
    writeFileSync(briefing, 'edited');
    const existing = await cli('run', path, '--images', 'none', '--out', join(root, 'out-paths'), '--export', briefing);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toContain(`--export ${briefing} exists; add --overwrite to replace it, or give another file name`);
    expect(readFileSync(briefing, 'utf8')).toBe('edited');
    const replaced = await cli('run', path, '--images', 'none', '--out', join(root, 'out-paths'), '--export', briefing, '--overwrite');
    expect(replaced.code).toBe(0);
    expect(readFileSync(briefing, 'utf8')).toContain('<html');
    expect((await cli('run', path, '--images', 'none', '--overwrite')).code).toBe(2);
  });
});

describe('iwb trust', () => {
  it('says which file is missing instead of a stack', async () => {
    const missing = join(notebooks, 'nosuch.iwb.md');
    const outcome = await cli('trust', missing);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(`Error: There is no file ${missing}.\n`);
  });

  it('signs with the user key, keeping the rest of the file byte for byte', async () => {
    const path = notebook('crlf.iwb.md', [SERIES]);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('\n', '\r\n'));
    const before = readFileSync(path, 'utf8');
    expect((await cli('trust', path)).code).toBe(0);
    const after = readFileSync(path, 'utf8');
    expect(after.replace(/signature: hmac-sha256:[0-9a-f]{64}\r\n/, '')).toBe(before);
    expect((await cli('trust', path)).stdout).toContain('already trusted');
    expect(existsSync(join(root, 'user-data', 'indicator-workbench', 'notebook-signing.key'))).toBe(true);
  });
});

describe('the sample notebooks', () => {
  const files = readdirSync(samples).filter((name) => name.endsWith('.iwb.md'));
  it.each(files)('%s runs cleanly on the workspace data', async (name) => {
    const out = join(root, 'samples-out', name);
    const { code, stderr, stdout } = await cli('run', join(samples, name), '--out', out, '--images', 'none');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Done:');
    const csv = readdirSync(out).filter((file) => file.endsWith('.csv'));
    expect(csv.length).toBeGreaterThan(0);
    for (const file of csv) expect(readFileSync(join(out, file), 'utf8').split('\r\n').length, file).toBeGreaterThan(2);
  });

  it('exits 1 with a message, not 70 with a stack, when the signing key is damaged', async () => {
    const path = notebook('key.iwb.md', ['```sql\nselect 1\n```\n']);
    const keyFile = join(root, 'user-data', 'indicator-workbench', 'notebook-signing.key');
    mkdirSync(join(root, 'user-data', 'indicator-workbench'), { recursive: true });
    const saved = existsSync(keyFile) ? readFileSync(keyFile) : null;
    writeFileSync(keyFile, 'damaged\n');
    try {
      const outcome = await cli('run', path, '--out', join(root, 'key-out'), '--images', 'none');
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toBe(`Error: The notebook signing key ${keyFile} is damaged (not 64 hexadecimal digits); delete it to make a new one (notebooks you saved will need trusting again).\n`);
    } finally {
      if (saved) writeFileSync(keyFile, saved);
      else rmSync(keyFile);
    }
  });

  it('refuses a named cell that is not a query at check time', async () => {
    const path = notebook('named-set.iwb.md', ['```sql settings\nSET threads = 2\n```\n', '```sql ok\nselect 1\n```\n']);
    const outcome = await cli('check', path);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe(
      `${path}:6: error: the sql cell "settings" ends with SET, not a query; a named cell becomes a view for later cells, so remove the name or end it with a SELECT\n`,
    );
  });
});
