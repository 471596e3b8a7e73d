// `npm run bench -- <suite|all> [--smoke]`: runs benchmark suites; each prints one JSON object on stdout.
// --smoke runs tiny sizes so that `npm test` checks every suite still works and prints the right shape.
import { suites } from './suites/index.ts';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const names = args.filter((a) => !a.startsWith('--'));
if (names.length === 0) {
  console.error(`Usage: npm run bench -- <suite|all> [--smoke]\nSuites: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const chosen = names.includes('all') ? suites : names.map((n) => suites.find((s) => s.name === n));
const unknown = names.filter((n) => n !== 'all' && !suites.some((s) => s.name === n));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Suites: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const suite of chosen) {
  const result = await suite!.run({ smoke, log: (msg: string) => console.error(`[${suite!.name}] ${msg}`) });
  process.stdout.write(JSON.stringify({ suite: suite!.name, smoke, ...result }) + '\n');
}
process.exit(0);
