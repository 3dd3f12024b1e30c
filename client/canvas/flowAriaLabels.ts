import type { AriaLabelConfig } from '@xyflow/react';
import type { Translate } from '../i18n/useT';

/** React Flow's own screen-reader texts, through our dictionaries. */
export function flowAriaLabels(t: Translate): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t('canvas.a11y.node'),
    'node.a11yDescription.keyboardDisabled': t('canvas.a11y.nodeKeyboard'),
    'node.a11yDescription.ariaLiveMessage': ({ x, y }) =>
      t('canvas.a11y.moved', { x: Math.round(x), y: Math.round(y) }),
    'edge.a11yDescription.default': t('canvas.a11y.edge'),
    'controls.ariaLabel': t('canvas.controls'),
    'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
    'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
    'controls.fitView.ariaLabel': t('canvas.fitView'),
    'controls.interactive.ariaLabel': t('canvas.interactive'),
    'minimap.ariaLabel': t('canvas.minimap'),
    'handle.ariaLabel': t('canvas.handle'),
  };
}
