/**
 * Ripple order is derived, never stored: a ripple with no cause is first order (it came
 * straight from the programme); otherwise it is one more than its nearest cause.
 *
 * @example
 * computeOrders(['a', 'b', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }])
 * // Map { a → 1, b → 2, c → 3 }
 */
export function computeOrders(
  rippleIds: Iterable<string>,
  links: Iterable<{ from: string; to: string }>,
): Map<string, number> {
  const ids = new Set(rippleIds);
  const effects = new Map<string, string[]>();
  const hasCause = new Set<string>();
  for (const { from, to } of links) {
    if (!ids.has(from) || !ids.has(to) || from === to) continue;
    const list = effects.get(from);
    if (list) list.push(to);
    else effects.set(from, [to]);
    hasCause.add(to);
  }
  // Breadth-first from the roots gives every ripple its shortest distance to the programme.
  const order = new Map<string, number>();
  let frontier = [...ids].filter((id) => !hasCause.has(id));
  for (const id of frontier) order.set(id, 1);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      const depth = order.get(id) ?? 1;
      for (const effect of effects.get(id) ?? []) {
        if (order.has(effect)) continue;
        order.set(effect, depth + 1);
        next.push(effect);
      }
    }
    frontier = next;
  }
  // Ripples only reachable through a cycle (possible after two concurrent links) count as first order.
  for (const id of ids) if (!order.has(id)) order.set(id, 1);
  return order;
}

/** Whether adding from → to would close a loop ("this led to that led to this"). */
export function wouldCreateCycle(
  links: Iterable<{ from: string; to: string }>,
  from: string,
  to: string,
): boolean {
  if (from === to) return true;
  const effects = new Map<string, string[]>();
  for (const link of links) {
    const list = effects.get(link.from);
    if (list) list.push(link.to);
    else effects.set(link.from, [link.to]);
  }
  const seen = new Set<string>();
  const stack = [to];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(effects.get(id) ?? []));
  }
  return false;
}
