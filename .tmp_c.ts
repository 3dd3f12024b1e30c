import { classifyRipple } from './shared/classifier';
for (const t of process.argv.slice(2)) console.log(JSON.stringify(classifyRipple(t).ranked.filter(r=>r.score>0)));
