import fs from 'node:fs';
const L = fs.readFileSync(process.argv[2] || 'fuzz-mismatches.jsonl', 'utf8').trim().split('\n').map(JSON.parse);
const only = process.argv[3];
const seen = {};
for (const m of L) {
  const k = m.cmd[0].toLowerCase();
  if (only && k !== only) continue;
  seen[k] = (seen[k] || 0) + 1;
  if (seen[k] > (only ? 20 : 3)) continue;
  console.log(JSON.stringify(m.cmd), m.mode, '\n  F:', m.ferrous.slice(0, 300), '\n  R:', m.redis.slice(0, 300));
  if (only) console.log('  H:', JSON.stringify(m.history).slice(0, 1500));
}
