// `npm run conformance`: runs the shared contract suite against every adapter (through the real
// gateway, with the official clients) and prints the adapter × capability matrix built from the
// tests' real outcomes. Exits non-zero if any cell failed or is missing.
//
//   node scripts/conformance.mjs                  print the matrix (vitest's output goes to stderr)
//   node scripts/conformance.mjs --write-readme   also write it into README.md between the markers
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const suite = 'apps/data-plane/test/conformance';
const readmePath = join(root, 'README.md');
const startMarker = '<!-- conformance:start -->';
const endMarker = '<!-- conformance:end -->';
const symbols = { pass: '✅', fail: '❌', unsupported: '—', missing: '❔' };

function runSuite(reportPath) {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  // The matrix owns stdout; vitest's own report goes to stderr.
  const run = spawnSync(
    npx,
    ['vitest', 'run', '--project', 'integration', '--reporter=dot', suite],
    {
      cwd: root,
      env: { ...process.env, CONFORMANCE_REPORT: reportPath },
      stdio: ['ignore', process.stderr, process.stderr],
    },
  );
  if (run.error) throw run.error;
  return run.status ?? 1;
}

function readReport(reportPath) {
  if (!existsSync(reportPath)) return { plan: undefined, results: [] };
  const lines = readFileSync(reportPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  return {
    plan: lines.find((line) => line.type === 'plan'),
    results: lines.filter((line) => line.type === 'result'),
  };
}

/** A cell fails if any of its tests failed; it passes if one proved the capability works. */
function cellOutcome(outcomes) {
  if (outcomes.length === 0) return 'missing';
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('pass')) return 'pass';
  return 'unsupported';
}

function buildMatrix(plan, results) {
  const cells = new Map();
  for (const result of results) {
    const key = `${result.adapter}\u0000${result.capability}`;
    cells.set(key, [...(cells.get(key) ?? []), result.outcome]);
  }
  return plan.adapters.map((adapter) => ({
    adapter,
    outcomes: plan.capabilities.map((capability) =>
      cellOutcome(cells.get(`${adapter.id}\u0000${capability.id}`) ?? []),
    ),
  }));
}

function renderTable(plan, matrix) {
  const header = ['adapter', ...plan.capabilities.map((capability) => capability.title)];
  const rows = matrix.map(({ adapter, outcomes }) => [
    `${adapter.name} (\`${adapter.id}\`)`,
    ...outcomes.map((outcome) => symbols[outcome]),
  ]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map((_, index) => (index === 0 ? '---' : ':-:'))),
    ...rows.map(line),
    '',
    `${symbols.pass} pass · ${symbols.fail} fail · ${symbols.unsupported} not supported by the provider ` +
      '(proven: the gateway refuses it with a 400 naming the parameter, or drops it and says so in ' +
      '`x-switchyard-dropped-params` when the tenant allows)' +
      (matrix.some(({ outcomes }) => outcomes.includes('missing'))
        ? ` · ${symbols.missing} no result`
        : ''),
  ].join('\n');
}

function writeReadme(table) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md has no ${startMarker} … ${endMarker} section`);
  }
  const updated = `${readme.slice(0, start + startMarker.length)}\n${table}\n${readme.slice(end)}`;
  writeFileSync(readmePath, updated);
}

const directory = mkdtempSync(join(tmpdir(), 'sy-conformance-'));
const reportPath = join(directory, 'report.jsonl');
let exitCode = 1;
try {
  const vitestStatus = runSuite(reportPath);
  const { plan, results } = readReport(reportPath);
  if (plan === undefined) {
    console.error('conformance: the suite reported nothing (did it fail to load?)');
  } else {
    const matrix = buildMatrix(plan, results);
    const table = renderTable(plan, matrix);
    console.log(table);
    const failures = results.filter((result) => result.outcome === 'fail');
    if (failures.length > 0) {
      console.log(`\n${failures.length} failing test(s):`);
      for (const failure of failures) console.log(`- ${failure.test}\n    ${failure.error}`);
    }
    const missing = matrix.some(({ outcomes }) => outcomes.includes('missing'));
    if (process.argv.includes('--write-readme')) writeReadme(table);
    exitCode = failures.length > 0 || missing || vitestStatus !== 0 ? 1 : 0;
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
process.exit(exitCode);
