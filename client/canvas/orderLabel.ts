import type { Translate } from '../i18n/useT';

/** "1e orde" / "1st order": how far a ripple is from the programme along "led to" links. */
export function orderLabel(t: Translate, order: number): string {
  if (order === 1) return t('ripple.order1');
  if (order === 2) return t('ripple.order2');
  if (order === 3) return t('ripple.order3');
  return t('ripple.orderN', { n: order });
}
