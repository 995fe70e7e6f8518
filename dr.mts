import { readRequestsFile } from './src/reporters/requests-file.ts';
const s = await readRequestsFile(`${process.argv[2]}/requests.bin`);
for (let i = 0; i < s.length; i++) if (s.op[i] === 1 && s.scheduledMs[i] > 11500 && s.scheduledMs[i] < 18000) console.log(i, s.outcome[i], s.status[i], s.scheduledMs[i].toFixed(0), s.endMs[i].toFixed(0));
