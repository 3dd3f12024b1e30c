/**
 * Many phones at once (issue 5, point 8): N stock y-websocket phone clients and one
 * facilitator in one session on the real server (the built server as a child process,
 * loopback only). Each phone adds a ripple every `interval` seconds (staggered); we measure
 * the delay from `addRipple` on the phone to the ripple appearing in the facilitator's
 * document. The target: p99 under 100 ms with nothing lost.
 *
 * It is the load scenario of bench/load with one session: the phones are spread over child
 * processes and the facilitator has a process of its own (bench/load/generator.ts), so the
 * figure is the server's and not one overloaded Node process's; each process's event-loop
 * delay is printed next to it.
 *
 *   node --import tsx bench/phonesLoad.ts [--phones 200] [--seconds 60] [--interval 10]
 *     [--workers N] [--nice 10] [--no-awareness] [--cpu-profile] [--server-js path/to/main.js]
 *     [--servers http://a:8080,http://b:8080 [--server-pids 123,456]]
 *
 * Exit code 0 when the target is met, 1 when it is missed, 2 on an error.
 */
import { cleanupAll } from './load/cleanup';
import {
  describeParams,
  P99_TARGET_MS,
  parseScenarioFlags,
  printMachine,
  printResult,
  printTarget,
} from './load/report';
import { runScenario } from './load/scenario';
import { ms } from './load/stats';

const { params } = parseScenarioFlags({ minutes: 1, sessions: 1, phones: 200 });

console.log(`Phones load: ${describeParams(params)}`);
printMachine();
let code = 2;
try {
  const result = await runScenario('kringen', params);
  printResult(result);
  console.log('');
  const met =
    !result.aborted &&
    result.errorCount === 0 &&
    result.latency.p99 < P99_TARGET_MS &&
    result.ripplesDelivered > 0;
  printTarget(
    result.errorCount === 0,
    `no errors (${result.errorCount}, of which lost ripples ${result.errors.lost})`,
  );
  printTarget(
    result.latency.p99 < P99_TARGET_MS,
    `p99 phone→facilitator under ${P99_TARGET_MS} ms (${ms(result.latency.p99)})`,
  );
  code = met ? 0 : 1;
} catch (error) {
  console.error('phonesLoad failed:', error);
} finally {
  await cleanupAll();
}
process.exit(code);
