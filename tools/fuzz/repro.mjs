// node repro.mjs '<json array of argv arrays>'  -> prints replies side by side
import net from 'node:net';
const cmds = JSON.parse(process.argv[2]);
async function run(port) {
  const s = net.connect(port, '127.0.0.1'); s.setEncoding('latin1');
  let buf = '';
  s.on('data', (d) => (buf += d));
  for (const a of cmds) { let o = `*${a.length}\r\n`; for (const x of a) o += `$${Buffer.byteLength(x,'latin1')}\r\n${x}\r\n`; s.write(o, 'latin1'); }
  await new Promise((r) => setTimeout(r, 300)); s.destroy(); return buf;
}
const [f, r] = await Promise.all([run(Number(process.env.FP || 7702)), run(Number(process.env.RP || 7701))]);
console.log('FERROUS:\n' + JSON.stringify(f)); console.log('REDIS:\n' + JSON.stringify(r)); console.log(f === r ? 'SAME' : 'DIFF');
