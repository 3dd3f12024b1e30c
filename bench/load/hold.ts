/**
 * The hardening issue's point 6: 50 sessions × (1 facilitator + 30 phones) for 5 minutes
 * against Kringen as a child process. Reports latency, errors, server CPU and memory, and
 * whether memory goes back when everyone has left. Prints TARGET MET / MISSED; exits 0.
 *
 * Run:  node --import tsx bench/load/hold.ts [--sessions 50] [--phones 30] [--minutes 5]
 *         [--interval-s 10] [--no-awareness] [--cpu-profile] [--heap-profile] [--soak]   (--soak = 30 minutes)
 *         [--workers N] [--nice 10] [--server-js path/to/main.js]
 *         [--servers http://a:8080,http://b:8080 [--server-pids 123,456]]   (servers started elsewhere)
 */
import { cleanupAll } from './cleanup';
import { describeParams, parseScenarioFlags, printHoldTargets, printMachine, printResult } from './report';
import { runScenario } from './scenario';

const { params, long: soak } = parseScenarioFlags({ minutes: 5, longFlag: 'soak', longMinutes: 30 });

console.log(`Kringen load hold${soak ? ' (soak)' : ''}: ${describeParams(params)}`);
printMachine();
try {
  const result = await runScenario('kringen', params);
  printResult(result);
  console.log('');
  printHoldTargets(result);
} finally {
  await cleanupAll();
}
